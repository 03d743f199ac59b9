package io.flowaudit.num;

import java.math.BigDecimal;
import org.apache.commons.math3.Field;
import org.apache.commons.math3.RealFieldElement;
import org.apache.commons.math3.exception.MaxCountExceededException;
import org.apache.commons.math3.special.Erf;
import org.apache.commons.math3.special.Gamma;
import org.apache.commons.math3.util.ContinuedFraction;
import org.apache.commons.math3.util.Decimal64;
import org.apache.commons.math3.util.FastMath;

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
     * The error function, in the systems that have one: double ({@code Decimal64}, commons-math3's {@link Erf},
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
     * erf in double: commons-math3's {@link Erf#erf}, within a few units of 10^-15 relative, bit for bit (tested):
     * the same operations in the same order, except that log Γ(1/2), which {@code Erf.erf} recomputes at every call
     * (a quarter of its cost; the exact GELU calls erf some 25 000 times per layer of the checkpoint), is computed
     * once. Erf.erf(x) is ±regularizedGammaP(1/2, x²), ±1 beyond |x| = 40.
     */
    public static double erf(double x) {
        if (FastMath.abs(x) > 40) {
            return x > 0 ? 1 : -1;
        }
        double p = regularizedGammaHalf(x * x);
        return x < 0 ? -p : p;
    }

    private static final double ERF_EPSILON = 1.0e-15;
    private static final int ERF_MAX_ITERATIONS = 10_000;
    private static final double LOG_GAMMA_HALF = Gamma.logGamma(0.5);
    /** Legendre's continued fraction of Q(1/2, y), with Gamma.regularizedGammaQ's terms. */
    private static final ContinuedFraction GAMMA_Q_HALF = new ContinuedFraction() {
        @Override
        protected double getA(int n, double y) {
            return ((2.0 * n) + 1.0) - 0.5 + y;
        }

        @Override
        protected double getB(int n, double y) {
            return n * (0.5 - n);
        }
    };

    /** P(1/2, y) as Gamma.regularizedGammaP(0.5, y, 1e-15, 10 000) computes it: its series below y = 1.5, else 1 - Q. */
    private static double regularizedGammaHalf(double y) {
        double a = 0.5;
        if (Double.isNaN(y)) {
            return Double.NaN;
        }
        if (y == 0.0) {
            return 0.0;
        }
        if (y >= a + 1) {
            double q = 1.0 / GAMMA_Q_HALF.evaluate(y, ERF_EPSILON, ERF_MAX_ITERATIONS);
            return 1.0 - FastMath.exp(-y + (a * FastMath.log(y)) - LOG_GAMMA_HALF) * q;
        }
        double n = 0.0;
        double term = 1.0 / a;
        double sum = term;
        while (FastMath.abs(term / sum) > ERF_EPSILON && n < ERF_MAX_ITERATIONS && sum < Double.POSITIVE_INFINITY) {
            n += 1.0;
            term *= y / (a + n);
            sum += term;
        }
        if (n >= ERF_MAX_ITERATIONS) {
            throw new MaxCountExceededException(ERF_MAX_ITERATIONS);
        }
        return Double.isInfinite(sum) ? 1.0 : FastMath.exp(-y + (a * FastMath.log(y)) - LOG_GAMMA_HALF) * sum;
    }
}
