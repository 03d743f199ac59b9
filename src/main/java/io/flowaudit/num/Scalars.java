package io.flowaudit.num;

import java.math.BigDecimal;
import org.apache.commons.math3.Field;
import org.apache.commons.math3.RealFieldElement;
import org.apache.commons.math3.util.Decimal64;
import org.apache.commons.numbers.gamma.Erf;

/**
 * Constants for generic code that holds only a scalar of the number system it runs in: a field
 * written once against {@link RealFieldElement} asks here for {@code 0.1} or {@code pi} and gets
 * them exact to the working precision of whatever system it is evaluated in.
 */
public final class Scalars {

    private Scalars() {
    }

    /** Implemented by fields whose elements can hold a decimal literal more exactly than a double. */
    public interface ExactConstants<T> {
        T fromDecimal(String decimalText);

        T fromDouble(double value);

        T pi();
    }

    /** Implemented by fields whose elements hold no value to compare (a Taylor tape being recorded). */
    public interface ShiftMaximum<T> {
        /** {@link Scalars#maximumAsShift} of {@code values[from..to)}. */
        T maximumAsShift(T[] values, int from, int to);
    }

    /**
     * Implemented by number systems that enclose a row's softmax weights more tightly than the shifted quotient of
     * exps (intervals: the quotient carries each score's width in its numerator and again in its denominator).
     */
    public interface OwnSoftmax<T> {
        /** Replaces {@code row} by its softmax weights {@code exp(s_i) / sum_k exp(s_k)}. */
        void softmax(T[] row);
    }

    /**
     * The largest of {@code values[from..to)}, to be subtracted from each of them by a computation whose
     * result does not change under a common shift (softmax, log-sum-exp): then exp of a shifted value is
     * at most 1 and the largest is exactly 1, so nothing overflows or underflows to 0/0 however large the
     * values. The maximum is exact in every system: the sign of a difference is computed exactly.
     *
     * <p>On a Taylor tape the shift is a node whose value is the maximum and whose derivatives are taken
     * as 0, though the maximum of functions of t is neither constant nor smooth. This is exact for a
     * shift-invariant computation: for any power series c, {@code exp(s_j - c) = exp(s_j) exp(-c)}, so
     * {@code exp(s_j - c) / sum_k exp(s_k - c)} and {@code c + log sum_k exp(s_k - c)} have the series
     * of the unshifted expressions whatever c's higher coefficients are; only its value matters, for
     * the range of exp. A non-smooth maximum recorded with its kinks would instead stop the integrator
     * at every change of the largest score, and a smooth one would differ from the double path.
     */
    @SuppressWarnings("unchecked")
    public static <T extends RealFieldElement<T>> T maximumAsShift(T[] values, int from, int to) {
        Field<T> field = values[from].getField();
        if (field instanceof ShiftMaximum) {
            return ((ShiftMaximum<T>) field).maximumAsShift(values, from, to);
        }
        T maximum = values[from];
        for (int j = from + 1; j < to; j++) {
            if (values[j].subtract(maximum).getReal() > 0) {
                maximum = values[j];
            }
        }
        return maximum;
    }

    @SuppressWarnings("unchecked")
    public static <T extends RealFieldElement<T>> T decimal(T like, String decimalText) {
        Field<T> field = like.getField();
        if (field instanceof ExactConstants) {
            return ((ExactConstants<T>) field).fromDecimal(decimalText);
        }
        return field.getZero().add(new BigDecimal(decimalText).doubleValue());
    }

    @SuppressWarnings("unchecked")
    public static <T extends RealFieldElement<T>> T constant(T like, double value) {
        Field<T> field = like.getField();
        if (field instanceof ExactConstants) {
            return ((ExactConstants<T>) field).fromDouble(value);
        }
        return field.getZero().add(value);
    }

    @SuppressWarnings("unchecked")
    public static <T extends RealFieldElement<T>> T pi(T like) {
        Field<T> field = like.getField();
        if (field instanceof ExactConstants) {
            return ((ExactConstants<T>) field).pi();
        }
        return field.getZero().add(Math.PI);
    }

    /**
     * The error function, in the systems that have one: double ({@code Decimal64}, commons-numbers' {@link Erf},
     * the same function as {@link #erf(double)}) and apfloat (apfloat's, at the working precision). A Taylor
     * tape and an interval have no erf (it has no recurrence or enclosure here), so the exact GELU runs only
     * in layer maps, never in a reference flow or a proved constant.
     *
     * @throws UnsupportedOperationException naming the number system
     */
    @SuppressWarnings("unchecked")
    public static <T extends RealFieldElement<T>> T erf(T x) {
        if (x instanceof ApfloatElement apfloat) {
            return (T) apfloat.erf();
        }
        if (x instanceof Decimal64) {
            return (T) new Decimal64(erf(x.getReal()));
        }
        throw new UnsupportedOperationException("erf is computed in double and apfloat only, not in "
                + x.getClass().getSimpleName());
    }

    /**
     * erf in double: commons-numbers' {@link Erf#value} (Boost's rational approximations, within about an ulp:
     * tested against apfloat), which the exact GELU of a checkpoint's layers calls some 25 000 times per layer.
     */
    public static double erf(double x) {
        return Erf.value(x);
    }
}
