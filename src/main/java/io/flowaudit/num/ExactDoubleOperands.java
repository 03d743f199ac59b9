package io.flowaudit.num;

import org.apache.commons.math3.RealFieldElement;

/**
 * {@link RealFieldElement}'s sum, difference, product, quotient and power with a double as the same operations on the
 * double's exact value in the element's own system (a whole exponent as {@link #pow(int)}): for element types without
 * a cheaper path for a double operand (a type with one overrides that operation).
 *
 * @param <T> the element type
 */
public interface ExactDoubleOperands<T extends RealFieldElement<T>> extends RealFieldElement<T> {

    /** {@code value} exactly in this element's system (rounded outward, or to its precision, where it must be). */
    T fromDouble(double value);

    @Override
    default T add(double a) {
        return add(fromDouble(a));
    }

    @Override
    default T subtract(double a) {
        return subtract(fromDouble(a));
    }

    @Override
    default T multiply(double a) {
        return multiply(fromDouble(a));
    }

    @Override
    default T divide(double a) {
        return divide(fromDouble(a));
    }

    @Override
    default T pow(double p) {
        if (p == Math.rint(p) && Math.abs(p) < Integer.MAX_VALUE) {
            return pow((int) p);
        }
        return pow(fromDouble(p));
    }
}
