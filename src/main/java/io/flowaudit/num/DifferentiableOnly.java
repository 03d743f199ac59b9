package io.flowaudit.num;

import org.apache.commons.math3.RealFieldElement;

/**
 * {@link RealFieldElement}'s functions with jumps (remainder, ceil, floor, rint, signum) refused: for element types
 * that carry derivatives (dual numbers) or Taylor coefficients (a tape), which a function with jumps does not have.
 *
 * @param <T> the element type
 */
public interface DifferentiableOnly<T extends RealFieldElement<T>> extends RealFieldElement<T> {

    /** The error that refuses {@code operation}, saying why this element type cannot compute it. */
    RuntimeException refused(String operation);

    @Override
    default T remainder(double a) {
        throw refused("remainder");
    }

    @Override
    default T remainder(T a) {
        throw refused("remainder");
    }

    @Override
    default T ceil() {
        throw refused("ceil");
    }

    @Override
    default T floor() {
        throw refused("floor");
    }

    @Override
    default T rint() {
        throw refused("rint");
    }

    @Override
    default T signum() {
        throw refused("signum");
    }
}
