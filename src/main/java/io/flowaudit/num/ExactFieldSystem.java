package io.flowaudit.num;

import org.apache.commons.math3.Field;
import org.apache.commons.math3.RealFieldElement;

/**
 * A number system that is itself the commons-math3 {@link Field} of its elements, so commons-math3's field ODE
 * integrators run on it unchanged, and that holds decimal constants more exactly than a double: binary, apfloat
 * and interval arithmetic.
 *
 * @param <T> the element type
 */
public interface ExactFieldSystem<T extends RealFieldElement<T>>
        extends NumberSystem<T>, Field<T>, Scalars.ExactConstants<T> {

    @Override
    default Field<T> field() {
        return this;
    }

    /** {@code value} if it is finite; these systems hold no infinity or NaN, so any other is an ArithmeticException. */
    static double finite(double value) {
        if (!Double.isFinite(value)) {
            throw new ArithmeticException("not a finite number: " + value);
        }
        return value;
    }
}
