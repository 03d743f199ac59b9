package io.flowaudit.num;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.apache.commons.math3.FieldElement;
import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.apfloat.FixedPrecisionApfloatHelper;

/**
 * apfloat at a fixed number of decimal digits.
 */
public final class ApfloatSystem implements ExactFieldSystem<ApfloatElement> {

    private final int digits;
    private final FixedPrecisionApfloatHelper helper;
    private final ApfloatElement zero;
    private final ApfloatElement one;
    private ApfloatElement pi;

    public ApfloatSystem(int digits) {
        if (digits < 2) {
            throw new IllegalArgumentException("apfloat precision must be at least 2 digits, got " + digits);
        }
        this.digits = digits;
        this.helper = new FixedPrecisionApfloatHelper(digits);
        this.zero = new ApfloatElement(this, helper.valueOf(new Apfloat(0)));
        this.one = new ApfloatElement(this, helper.valueOf(new Apfloat(1)));
    }

    FixedPrecisionApfloatHelper helper() {
        return helper;
    }

    ApfloatElement wrap(Apfloat value) {
        return new ApfloatElement(this, value);
    }

    @Override
    public ApfloatElement getZero() {
        return zero;
    }

    @Override
    public ApfloatElement getOne() {
        return one;
    }

    @Override
    public Class<? extends FieldElement<ApfloatElement>> getRuntimeClass() {
        return ApfloatElement.class;
    }

    @Override
    public ApfloatElement fromDecimal(String decimalText) {
        return wrap(new Apfloat(new BigDecimal(decimalText), digits));
    }

    @Override
    public ApfloatElement fromDouble(double value) {
        return wrap(new Apfloat(new BigDecimal(ExactFieldSystem.finite(value)), digits));
    }

    @Override
    public ApfloatElement fromInt(int value) {
        return wrap(helper.valueOf(new Apfloat(value)));
    }

    /** pi to the working precision (computed once per system). */
    @Override
    public synchronized ApfloatElement pi() {
        if (pi == null) {
            pi = wrap(helper.pi());
        }
        return pi;
    }

    /** Exact for doubles; another precision's apfloat and binary and double-double values are rounded to this one. */
    @Override
    public ApfloatElement from(org.apache.commons.math3.RealFieldElement<?> value) {
        if (value instanceof ApfloatElement) {
            return wrap(helper.valueOf(((ApfloatElement) value).value()));
        }
        if (value instanceof BinaryElement) {
            return wrap(new Apfloat(((BinaryElement) value).toBigDecimal(), digits));
        }
        if (value instanceof DoubleDoubleElement doubleDouble) {
            return wrap(new Apfloat(doubleDouble.toBigDecimal(), digits));
        }
        return fromDouble(value.getReal());
    }

    /** From apfloat's decimal exponent and leading digits, so 1e400 is no overflow. */
    @Override
    public double logAbs(ApfloatElement value) {
        Apfloat v = value.value();
        if (v.signum() == 0) {
            return Double.NEGATIVE_INFINITY;
        }
        double leading = Math.abs(ApfloatMath.scale(v, -v.scale()).doubleValue());
        return StrictMath.log(leading) + v.scale() * StrictMath.log(10);
    }

    /**
     * 10^(1 - digits): with D significant decimal digits the spacing near one is a unit in the D-th digit,
     * ten times {@link #epsilon()}'s 10^-D, and apfloat's operations err by less than that spacing.
     */
    @Override
    public double unitRoundoff() {
        return StrictMath.pow(10, 1 - digits);
    }

    @Override
    public int digits() {
        return digits;
    }

    @Override
    public String format(ApfloatElement value, int significantDigits) {
        Apfloat v = value.value();
        if (v.signum() == 0) {
            return "0";
        }
        int shown = Math.min(significantDigits, digits);
        Apfloat rounded = ApfloatMath.round(v, shown, RoundingMode.HALF_EVEN);
        return new BigDecimal(rounded.toString(false)).round(new java.math.MathContext(shown))
                .stripTrailingZeros().toString();
    }

    @Override
    public String name() {
        return "apfloat(" + digits + ")";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ApfloatSystem && ((ApfloatSystem) other).digits == digits;
    }

    @Override
    public int hashCode() {
        return digits;
    }

    @Override
    public String toString() {
        return name();
    }
}
