package io.flowaudit.num;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import org.apache.commons.math3.FieldElement;
import org.apache.commons.math3.RealFieldElement;

/**
 * Double-double ("double-word") arithmetic: a value is the unevaluated sum hi + lo of two doubles with hi the double
 * nearest to it (so |lo| <= ulp(hi)/2), about 106 bits. Its operations are the published double-word algorithms with
 * proven relative error bounds of a few u^2, u = 2^-53 (Joldes, Muller, Popescu, ACM TOMS 44(2), 2017), and exp,
 * expm1, tanh, sin, cos, log and powers of its own with derived bounds ({@link DoubleDoubleElement}: every function a
 * formula file may write); the functions the layers never call go through apfloat from the exact value. Every operation is built from IEEE double operations and
 * {@link Math#fma}, all correctly rounded, so its results are the same on every JVM.
 *
 * <p>It is the system in which {@link NumberSystem#finer()} re-runs double layers to measure their rounding: an
 * operation there costs a few nanoseconds where {@link BinarySystem} at 32 digits costs 50 to 95 (and its exp and
 * tanh microseconds).
 *
 * <p>Like double, it has gradual underflow: the relative bounds hold while the results and their low parts are normal
 * doubles (above 2^-969 in size); below, an operation errs by at most a few units of 2^-1074 absolutely, and exp of
 * less than -746 is 0. A result beyond double's range raises an {@link ArithmeticException}, as do domain errors.
 */
final class DoubleDoubleSystem implements ExactFieldSystem<DoubleDoubleElement> {

    public static final DoubleDoubleSystem INSTANCE = new DoubleDoubleSystem();

    /**
     * 2^-98 = 256 u^2, u = 2^-53: a bound of the relative error of every operation. The largest derived bounds are a
     * real power's, 200 u^2 ({@link DoubleDoubleElement#pow(DoubleDoubleElement)}), an integer power's, 171, and
     * tanh's, 143; the arithmetic's are 2 to 15 u^2, the delegated functions' u^2 (the double-double nearest to
     * apfloat's value).
     */
    static final double UNIT_ROUNDOFF = 0x1p-98;

    /** 10^-29 >= 2^-98 (3.2e-30): the decimal digits the bound vouches for. */
    private static final int DIGITS = 29;

    private static final String PI_DIGITS = "3.14159265358979323846264338327950288419716939937510582097494";

    private final DoubleDoubleElement zero = new DoubleDoubleElement(0, 0);
    private final DoubleDoubleElement one = new DoubleDoubleElement(1, 0);
    private final DoubleDoubleElement pi = fromDecimal(PI_DIGITS);

    private DoubleDoubleSystem() {
    }

    @Override
    public DoubleDoubleElement getZero() {
        return zero;
    }

    @Override
    public DoubleDoubleElement getOne() {
        return one;
    }

    @Override
    public Class<? extends FieldElement<DoubleDoubleElement>> getRuntimeClass() {
        return DoubleDoubleElement.class;
    }

    /** The double-double nearest an exact decimal (within u^2 of it). */
    DoubleDoubleElement fromBigDecimal(BigDecimal value) {
        return DoubleDoubleElement.nearest(value);
    }

    @Override
    public DoubleDoubleElement fromDecimal(String decimalText) {
        return fromBigDecimal(new BigDecimal(decimalText));
    }

    @Override
    public DoubleDoubleElement fromDouble(double value) {
        return new DoubleDoubleElement(ExactFieldSystem.finite(value), 0);
    }

    @Override
    public DoubleDoubleElement fromInt(int value) {
        return new DoubleDoubleElement(value, 0);
    }

    /** A binary or apfloat value rounded to the nearest double-double from its exact value; others via double. */
    @Override
    public DoubleDoubleElement from(RealFieldElement<?> value) {
        if (value instanceof DoubleDoubleElement doubleDouble) {
            return doubleDouble;
        }
        if (value instanceof BinaryElement binary) {
            return fromBigDecimal(binary.toBigDecimal());
        }
        if (value instanceof ApfloatElement apfloat) {
            return apfloat.value().signum() == 0 ? zero
                    : fromBigDecimal(new BigDecimal(apfloat.value().toString(false)));
        }
        return fromDouble(value.getReal());
    }

    @Override
    public DoubleDoubleElement pi() {
        return pi;
    }

    @Override
    public int digits() {
        return DIGITS;
    }

    @Override
    public double epsilon() {
        return UNIT_ROUNDOFF;
    }

    @Override
    public String format(DoubleDoubleElement value, int significantDigits) {
        BigDecimal exact = value.toBigDecimal();
        if (exact.signum() == 0) {
            return "0";
        }
        int shown = Math.max(1, Math.min(significantDigits, DIGITS));
        return exact.round(new MathContext(shown, RoundingMode.HALF_EVEN)).stripTrailingZeros().toString();
    }

    @Override
    public String name() {
        return "double-double";
    }

    @Override
    public String toString() {
        return name();
    }
}
