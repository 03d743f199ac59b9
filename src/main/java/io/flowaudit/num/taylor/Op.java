package io.flowaudit.num.taylor;

/** The elementary operations a {@link Tape} records; each has a Taylor-coefficient recurrence. */
enum Op {
    CONSTANT, STATE, TIME,
    ADD, SUBTRACT, NEGATE, MULTIPLY, DIVIDE,
    EXP, LOG, SQRT, POWER_CONSTANT, SIN, COS, TANH, ABS,
    /**
     * The largest value of its arguments, every higher coefficient 0: a shift that the caller's result
     * does not depend on ({@link io.flowaudit.num.Scalars#maximumAsShift}).
     */
    SHIFT_MAXIMUM
}
