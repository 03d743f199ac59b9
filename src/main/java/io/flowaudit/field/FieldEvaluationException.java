package io.flowaudit.field;

/**
 * A field or layer stack produced a value that is not a finite number (log of a negative, overflow,
 * a layer stack that blows up), or a solution grew beyond what a solver follows, named with the component and the
 * time where it happened.
 */
public final class FieldEvaluationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String component;
    private final double time;

    public FieldEvaluationException(String component, double time, String reason) {
        this("non-finite value in component " + component + " at t = " + time + ": " + reason, component, time);
    }

    private FieldEvaluationException(String message, String component, double time) {
        super(message);
        this.component = component;
        this.time = time;
    }

    /** A finite value beyond the largest a solver follows ({@code limit}): there a solution is taken to blow up. */
    public static FieldEvaluationException beyond(String component, double time, double value, double limit) {
        return new FieldEvaluationException("component " + component + " reaches " + value + " at t = " + time
                + ", beyond " + limit + ", the largest magnitude the reference solution follows (larger, a solution is"
                + " taken to blow up)", component, time);
    }

    public String component() {
        return component;
    }

    public double time() {
        return time;
    }
}
