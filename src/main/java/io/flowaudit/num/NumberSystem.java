package io.flowaudit.num;

import org.apache.commons.math3.Field;
import org.apache.commons.math3.RealFieldElement;
import org.apache.commons.math3.util.MathArrays;

/**
 * A number system the harness computes in: IEEE double, or binary or apfloat at a chosen precision.
 * Vector fields are written once against {@link RealFieldElement}; a number system supplies the
 * constants (read exactly from decimal text), conversions and formatting that generic code needs.
 */
public interface NumberSystem<T extends RealFieldElement<T>> {

    Field<T> field();

    /** The value of a decimal literal, correctly rounded to the working precision (never via a double). */
    T fromDecimal(String decimalText);

    /** The exact value of a double, rounded to the working precision if it has more digits. */
    T fromDouble(double value);

    /** A value of any number system, as exactly as this one can hold it. */
    T from(RealFieldElement<?> value);

    /** Significant decimal digits this system carries (about 16 for double). */
    int digits();

    /** {@code value} to {@code significantDigits} digits, or fewer if the system carries fewer. */
    String format(T value, int significantDigits);

    /** A short name for reports and error messages: {@code double}, {@code binary(40)} or {@code apfloat(40)}. */
    String name();

    default T zero() {
        return field().getZero();
    }

    default T one() {
        return field().getOne();
    }

    default T fromInt(int value) {
        return zero().add(value);
    }

    default T[] array(int length) {
        return MathArrays.buildArray(field(), length);
    }

    /** Each of {@code values}, of any number system, as exactly as this one can hold it ({@link #from}). */
    default T[] fromAll(RealFieldElement<?>[] values) {
        T[] out = array(values.length);
        for (int i = 0; i < values.length; i++) {
            out[i] = from(values[i]);
        }
        return out;
    }

    default T[] fromDoubles(double[] values) {
        T[] out = array(values.length);
        for (int i = 0; i < values.length; i++) {
            out[i] = fromDouble(values[i]);
        }
        return out;
    }

    /**
     * {@code sum_{j=from}^{to} w_j x_j y_(k-j)} with {@code w_j = j} when {@code weightedByIndex}, else 1: the
     * sums of products of the Taylor recurrences (a Cauchy product's coefficient k, and exp's, tanh's, sin's and
     * log's weighted one). By default term by term, each product, weighting and sum rounded; a system may
     * round fewer times (it then errs less).
     */
    default T sumOfProducts(T[] x, T[] y, int from, int to, int k, boolean weightedByIndex) {
        T sum = zero();
        for (int j = from; j <= to; j++) {
            T term = x[j].multiply(y[k - j]);
            sum = sum.add(weightedByIndex ? term.multiply(j) : term);
        }
        return sum;
    }

    /** ln|value|, finite even where |value| is beyond the range of a double (-infinity for zero). */
    default double logAbs(T value) {
        return StrictMath.log(Math.abs(value.getReal()));
    }

    /** Machine epsilon of this system: the relative spacing of representable numbers near one. */
    default double epsilon() {
        return StrictMath.pow(10, -digits());
    }

    /** A bound of the relative error of one rounded operation (a unit in the last place near one). */
    default double unitRoundoff() {
        return epsilon();
    }

    /**
     * Whether square roots and the conversion to double are both correctly rounded, so that
     * {@code x.sqrt().getReal()} is nondecreasing in x (apfloat's root, for one, is not promised correctly rounded).
     */
    default boolean roundsRootsCorrectly() {
        return false;
    }

    /**
     * A system whose unit roundoff is far below this one's, in which the same computation measures this one's
     * rounding: {@link #ofDigits} at twice the digits ({@link DoubleSystem}'s is {@link DoubleDoubleSystem}).
     */
    default NumberSystem<?> finer() {
        return ofDigits(2 * digits());
    }

    /** {@code double}, or a number of decimal digits: {@link #ofDigits}. */
    static NumberSystem<?> parse(String precision) {
        if (precision.equalsIgnoreCase("double")) {
            return DoubleSystem.INSTANCE;
        }
        return ofDigits(Integer.parseInt(precision));
    }

    /**
     * The fastest system that carries {@code digits} decimal digits: {@link BinarySystem} from
     * {@value BinarySystem#MIN_DIGITS} to {@value BinarySystem#MAX_DIGITS} digits, where it is measured
     * faster than apfloat (README, "Benchmarks and speed"); {@link ApfloatSystem} outside.
     */
    static NumberSystem<?> ofDigits(int digits) {
        return isBinary(digits) ? new BinarySystem(digits) : new ApfloatSystem(digits);
    }

    /**
     * {@link #ofDigits} at the most digits from {@code fewest} to {@code most} that cost no more than {@code fewest}
     * do: a binary significand is whole 64-bit limbs, so digits up to the limbs' capacity come free, where one limb
     * more costs about ((n + 1) / n)^2 in every product of n limbs.
     */
    static NumberSystem<?> ofDigitsBetween(int fewest, int most) {
        int digits = most;
        while (digits > fewest && isBinary(digits) && isBinary(fewest)
                && BinarySystem.limbsFor(digits) > BinarySystem.limbsFor(fewest)) {
            digits--;
        }
        return ofDigits(digits);
    }

    private static boolean isBinary(int digits) {
        return digits >= BinarySystem.MIN_DIGITS && digits <= BinarySystem.MAX_DIGITS;
    }
}
