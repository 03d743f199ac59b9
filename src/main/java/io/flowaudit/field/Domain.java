package io.flowaudit.field;

/**
 * The starts a certificate covers: every initial state of norm at most {@code initialRadius} (for a
 * field on tokens, every token of norm at most that, and of centred norm {@code |x_i - mean(x_i) 1|} at
 * least {@code centredFloor}; 0 asks for no floor), run over {@code [0, horizon]}. A field certified
 * for a domain has constants that hold on a region containing the flow and every Euler, Heun and RK4
 * iterate and stage from those starts, at every depth.
 */
public record Domain(double initialRadius, double horizon, double centredFloor) {

    /** States of norm at most 1 over unit time. */
    public static final Domain UNIT = new Domain(1, 1);

    public Domain {
        if (!(initialRadius >= 0) || !(horizon >= 0) || Double.isInfinite(initialRadius)
                || Double.isInfinite(horizon)) {
            throw new IllegalArgumentException("initial radius and horizon must be finite and non-negative, got "
                    + initialRadius + " and " + horizon);
        }
        // a token of centred norm c has norm at least c
        if (!(centredFloor >= 0) || centredFloor > initialRadius) {
            throw new IllegalArgumentException("the centred floor must lie in [0, initial radius " + initialRadius
                    + "], got " + centredFloor);
        }
    }

    /** Every start of norm at most {@code initialRadius}, with no centred floor. */
    public Domain(double initialRadius, double horizon) {
        this(initialRadius, horizon, 0);
    }

    /**
     * This domain widened so that it also covers every solution within {@code reach}: the initial radius
     * grows by the widening, and the centred floor falls by it (a token within w of one of centred norm c
     * has centred norm at least c - w, the centring being a projection), to no less than 0.
     */
    public Domain reaching(Reach reach) {
        double widening = reach.radius(horizon);
        return widening == 0 ? this
                : new Domain(initialRadius + widening, horizon, Math.max(0, Outward.down(centredFloor - widening)));
    }
}
