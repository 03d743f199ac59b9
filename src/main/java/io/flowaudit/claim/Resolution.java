package io.flowaudit.claim;

/**
 * How far a computed observed value may lie from the true one: what {@link Evidence.Judgement} allows beyond a
 * bound before a comparison refutes, and what makes a comparison vacuous when it is too large. The sources every
 * check shares are formed here only, so every check measures them alike: a reference flow's error estimate
 * ({@link #ofReferences}), the rounding of layer maps ({@link #ofLayers}) and of a bound ({@link #ofBound}). A check
 * that compares a quantity computed from these (a ratio, a slope, a grown distance) propagates them with
 * {@link #plus} and {@link #times}; what its own computation adds (the rounding of the norms and quotients it forms,
 * an integrator's error) it states with the constructor, saying in a comment how it is bounded.
 *
 * @param value an upper bound of {@code |computed - true|}
 */
record Resolution(double value) {

    /** An exact comparison: an identity judged against a rounding allowance stated as its bound. */
    static final Resolution NONE = new Resolution(0);

    /**
     * Units of the number system's epsilon, relative to the size of the state, by which one layer may
     * round: each of its few operations per component rounds by half a unit, with room for sums over
     * the components.
     */
    static final double ROUNDING_UNITS_PER_LAYER = 10;

    /**
     * Reference flows' error estimates, each a bound per component (max norm), as a bound on a
     * Euclidean norm over {@code dimension} components ({@code sqrt(dimension)} times): of one state, or
     * of a distance between states of several flows (their estimates add).
     */
    static Resolution ofReferences(int dimension, double... errorEstimates) {
        double sum = 0;
        for (double estimate : errorEstimates) {
            sum += estimate;
        }
        return new Resolution(sum * Math.sqrt(dimension));
    }

    /**
     * The rounding of {@code layers} layers computed with this epsilon on states of size at most
     * {@code scale}: {@link #ROUNDING_UNITS_PER_LAYER} units per layer.
     */
    static Resolution ofLayers(int layers, double epsilon, double scale) {
        return new Resolution(ROUNDING_UNITS_PER_LAYER * layers * epsilon * scale);
    }

    /**
     * The part of a bound's rounding that its 16 ulps ({@link Evidence.Judgement#BOUND_ROUNDING_ULPS}) do not cover:
     * {@code relativeError} of it (an exponential's, {@link TheoremBounds#exponentRounding}), 0 for a zero bound.
     */
    static Resolution ofBound(double bound, double relativeError) {
        return new Resolution(bound == 0 ? 0 : bound * relativeError);
    }

    /** The resolution of a sum (or difference) of the two quantities. */
    Resolution plus(Resolution other) {
        return new Resolution(value + other.value);
    }

    /** The resolution of this quantity times a factor of at most {@code factor} in size. */
    Resolution times(double factor) {
        return new Resolution(value * factor);
    }
}
