package io.flowaudit.field;

/**
 * A field or layer stack produced a value that is not a finite number (log of a negative, overflow,
 * a layer stack that blows up), named with the component and the time where it happened.
 */
public final class FieldEvaluationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String component;
    private final double time;

    public FieldEvaluationException(String component, double time, String reason) {
        super("non-finite value in component " + component + " at t = " + time + ": " + reason);
        this.component = component;
        this.time = time;
    }

    public String component() {
        return component;
    }

    public double time() {
        return time;
    }
}
