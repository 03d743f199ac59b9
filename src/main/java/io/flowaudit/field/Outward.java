package io.flowaudit.field;

import java.math.BigDecimal;

/**
 * The one outward-rounding policy of every certificate: a certified constant is computed in double with
 * each operation's result rounded up, so that it is a true upper bound of the exact (real-number)
 * constant, rounding included.
 *
 * <p><b>Why it is sound.</b> IEEE addition, subtraction, multiplication, division and square root are
 * correctly rounded (within half an ulp of the exact result) and {@link Math#exp}, {@link Math#expm1}
 * are within one ulp; so {@link #up}, which adds four ulps of the computed value and the smallest normal
 * number (for a result that underflowed, whose error is absolute), lies above the exact result of the
 * operation on its operands. Every formula here is nondecreasing in each operand it is given as an upper
 * bound (sums; products, quotients and square roots of non-negative numbers; a quotient's divisor must
 * be exact or a lower bound, as {@link #sqrtBelow} gives), so by induction over the operations the
 * result bounds the exact formula of the exact operands from above.
 *
 * <p>This holds for every formula, including those with cancellation (a one-sided Lipschitz constant
 * that adds a negative logarithmic norm to a positive term), where widening the value of a formula
 * computed in plain double once, by a relative margin, would not: the error of such a sum is relative
 * to its terms, not to its value.
 */
public final class Outward {

    /** The relative widening of a radius that holds computed states ({@link #holdingComputedStates}). */
    public static final double COMPUTED_STATES_SLACK = 0x1p-40;

    /** u = 2^-53, the unit roundoff of double: one rounding to nearest moves a value by at most u of itself. */
    public static final double UNIT_ROUNDOFF = 0x1p-53;

    private static final double EPS = Math.ulp(1.0);

    private Outward() {
    }

    /**
     * {@code gamma_k = k u / (1 - k u)}, rounded up: an inner product of k terms computed in double (in any order)
     * is within {@code gamma_k} times the inner product of the absolute values of the exact one (Higham,
     * "Accuracy and Stability of Numerical Algorithms", 3.1); for {@code k u < 1}.
     */
    public static double gamma(int k) {
        return quotient(product(k, UNIT_ROUNDOFF), down(1 - k * UNIT_ROUNDOFF));
    }

    /** The computed result of one operation, rounded up past its exact value. */
    public static double up(double computed) {
        return computed + 4 * Math.ulp(computed) + Double.MIN_NORMAL;
    }

    /**
     * The computed result of one operation, rounded down past its exact value: a lower bound, for the few
     * constants that must be bounded from below (a variance to divide by).
     */
    public static double down(double computed) {
        return -up(-computed);
    }

    /** An upper bound of a sum of upper bounds; adding an exact zero is exact, so a zero field keeps K = 0. */
    public static double sum(double... terms) {
        double sum = 0;
        for (double term : terms) {
            sum = sum == 0 || term == 0 ? sum + term : up(sum + term);
        }
        return sum;
    }

    /**
     * An upper bound of a product of non-negative upper bounds; a zero factor makes it 0, also times an
     * infinite one (a zero constant on an unbounded region).
     */
    public static double product(double... factors) {
        double product = 1;
        for (int i = 0; i < factors.length; i++) {
            if (factors[i] == 0) {
                return 0;
            }
            product = i == 0 ? factors[0] : up(product * factors[i]);
        }
        return product;
    }

    /** An upper bound of {@code a / b} for an upper bound {@code a >= 0} and an exact or lower bound {@code b > 0}. */
    public static double quotient(double a, double b) {
        return a == 0 ? 0 : up(a / b);
    }

    /** An upper bound of the square root of an upper bound. */
    public static double sqrt(double a) {
        return a == 0 ? 0 : up(Math.sqrt(a));
    }

    /** An upper bound of the square root of an exact {@code a >= 0}: one step above the correctly rounded root. */
    static double sqrtAbove(double a) {
        return a == 0 ? 0 : Math.nextUp(Math.sqrt(a));
    }

    /** A lower bound of the square root of an exact {@code a >= 0}: to divide by, or as a value attained. */
    public static double sqrtBelow(double a) {
        return Math.max(0, Math.nextDown(Math.sqrt(a)));
    }

    /**
     * A radius that holds the states a layer computes in double, of a proof's exact radius for exact states: a
     * computed token or iterate lies within a few eps of its norm per layer of the exact one, and a relative
     * 2^-40 covers some 4000 layers (a zero field's iterates stay at the initial tokens, whose computed norm may
     * exceed the initial radius by an ulp).
     */
    public static double holdingComputedStates(double exactRadius) {
        return product(exactRadius, 1 + COMPUTED_STATES_SLACK);
    }

    /**
     * The least double at least {@code x}: a decimal bound carried into double on its own side (infinity above double
     * range, where no finite double bounds it).
     */
    public static double leastDoubleAtLeast(BigDecimal x) {
        double nearest = x.doubleValue();
        if (Double.isInfinite(nearest)) {
            return nearest > 0 ? nearest : -Double.MAX_VALUE;
        }
        return new BigDecimal(nearest).compareTo(x) >= 0 ? nearest : Math.nextUp(nearest);
    }

    /** The greatest double at most {@code x} (minus infinity below double range). */
    public static double greatestDoubleAtMost(BigDecimal x) {
        double nearest = x.doubleValue();
        if (Double.isInfinite(nearest)) {
            return nearest < 0 ? nearest : Double.MAX_VALUE;
        }
        return new BigDecimal(nearest).compareTo(x) <= 0 ? nearest : Math.nextDown(nearest);
    }

    /** An upper bound of {@code e^a} for an upper bound a. */
    public static double exp(double a) {
        return up(StrictMath.exp(a));
    }

    /** An upper bound of {@code e^a - 1} for an upper bound a, free of cancellation when a is small. */
    public static double expm1(double a) {
        return up(StrictMath.expm1(a));
    }

    /**
     * An upper bound of the Euclidean norm. The vector is first scaled by a power of two (exact) so
     * that squares neither overflow nor underflow; a sum of n nonnegative terms computed in double is
     * within a relative {@code n eps} (first order), and the square root halves it.
     */
    public static double norm(double[] v) {
        double max = 0;
        for (double x : v) {
            max = Math.max(max, Math.abs(x));
        }
        if (max == 0) {
            return 0;
        }
        int exponent = Math.getExponent(max);
        double sum = 0;
        for (double x : v) {
            double scaled = Math.scalb(x, -exponent);
            sum += scaled * scaled;
        }
        return up(Math.scalb(Math.sqrt(sum) * (1 + (v.length + 2) * EPS), exponent));
    }
}
