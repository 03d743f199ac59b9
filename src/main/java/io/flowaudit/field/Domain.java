package io.flowaudit.field;

/**
 * The starts a certificate covers: every initial state of norm at most {@code initialRadius} (for a
 * field on tokens, every token of norm at most that), run over {@code [0, horizon]}. A field certified
 * for a domain has constants that hold on a region containing the flow and every Euler, Heun and RK4
 * iterate and stage from those starts, at every depth.
 */
public record Domain(double initialRadius, double horizon) {

    /** States of norm at most 1 over unit time. */
    public static final Domain UNIT = new Domain(1, 1);

    public Domain {
        if (!(initialRadius >= 0) || !(horizon >= 0) || Double.isInfinite(initialRadius)
                || Double.isInfinite(horizon)) {
            throw new IllegalArgumentException("initial radius and horizon must be finite and non-negative, got "
                    + initialRadius + " and " + horizon);
        }
    }

    /** This domain with the initial radius widened so that it also covers every solution within {@code reach}. */
    public Domain reaching(Reach reach) {
        double widening = reach.radius(horizon);
        return widening == 0 ? this : new Domain(initialRadius + widening, horizon);
    }
}
