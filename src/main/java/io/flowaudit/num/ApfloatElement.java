package io.flowaudit.num;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.apache.commons.math3.Field;
import org.apache.commons.math3.RealFieldElement;
import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.apfloat.FixedPrecisionApfloatHelper;

/**
 * An apfloat number at its system's fixed precision, as a commons-math3 {@link RealFieldElement}.
 * Every operation rounds to the working precision; domain errors (log of a negative, division by
 * zero) raise {@link ArithmeticException} rather than producing NaN.
 */
public final class ApfloatElement implements LinearCombinations<ApfloatElement>, Comparable<ApfloatElement> {

    private final ApfloatSystem system;
    private final Apfloat value;

    ApfloatElement(ApfloatSystem system, Apfloat value) {
        this.system = system;
        this.value = value;
    }

    public Apfloat value() {
        return value;
    }

    public ApfloatSystem system() {
        return system;
    }

    private FixedPrecisionApfloatHelper h() {
        return system.helper();
    }

    private ApfloatElement of(Apfloat v) {
        return new ApfloatElement(system, v);
    }

    private Apfloat exact(double d) {
        return system.fromDouble(d).value;
    }

    @Override
    public Field<ApfloatElement> getField() {
        return system;
    }

    /** The error function at the working precision (apfloat's, rounded to this system's digits). */
    public ApfloatElement erf() {
        return of(h().erf(value));
    }

    /**
     * The double nearest this number, through its decimal digits (Java's parsing rounds correctly): apfloat's own
     * {@code doubleValue()} is not correctly rounded (erf(-0.019) at 40 digits came out 2.4 units in the last place
     * off). The digits are read in scientific notation, whose length is the precision's: the plain notation writes
     * every zero of the exponent, a string of 10^8 characters for e^-(2.5·10^8) and an exception from about 2^31.
     */
    @Override
    public double getReal() {
        return Double.parseDouble(value.toString(false));
    }

    @Override
    public ApfloatElement add(ApfloatElement a) {
        return of(h().add(value, a.value));
    }

    @Override
    public ApfloatElement subtract(ApfloatElement a) {
        return of(h().subtract(value, a.value));
    }

    @Override
    public ApfloatElement negate() {
        return of(value.negate());
    }

    @Override
    public ApfloatElement multiply(int n) {
        return of(h().multiply(value, new Apfloat(n)));
    }

    @Override
    public ApfloatElement multiply(ApfloatElement a) {
        return of(h().multiply(value, a.value));
    }

    @Override
    public ApfloatElement divide(ApfloatElement a) {
        return of(h().divide(value, a.value));
    }

    @Override
    public ApfloatElement reciprocal() {
        return of(h().divide(new Apfloat(1), value));
    }

    @Override
    public ApfloatElement add(double a) {
        return of(h().add(value, exact(a)));
    }

    @Override
    public ApfloatElement subtract(double a) {
        return of(h().subtract(value, exact(a)));
    }

    @Override
    public ApfloatElement multiply(double a) {
        return of(h().multiply(value, exact(a)));
    }

    @Override
    public ApfloatElement divide(double a) {
        return of(h().divide(value, exact(a)));
    }

    @Override
    public ApfloatElement remainder(double a) {
        return remainder(system.fromDouble(a));
    }

    @Override
    public ApfloatElement remainder(ApfloatElement a) {
        // IEEE remainder: x - n*a with n the integer nearest x/a
        Apfloat n = ApfloatMath.round(h().divide(value, a.value), 1 + Math.max(0, value.scale() - a.value.scale()),
                RoundingMode.HALF_EVEN);
        n = h().valueOf(n.truncate());
        return of(h().subtract(value, h().multiply(n, a.value)));
    }

    @Override
    public ApfloatElement abs() {
        return of(ApfloatMath.abs(value));
    }

    @Override
    public ApfloatElement ceil() {
        return of(value.ceil());
    }

    @Override
    public ApfloatElement floor() {
        return of(value.floor());
    }

    @Override
    public ApfloatElement rint() {
        return of(h().round(value, RoundingMode.HALF_EVEN));
    }

    @Override
    public long round() {
        return new BigDecimal(value.toString()).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    @Override
    public ApfloatElement signum() {
        return system.fromInt(value.signum());
    }

    @Override
    public ApfloatElement copySign(ApfloatElement sign) {
        return copySign(sign.value.signum() < 0 ? -1.0 : 1.0);
    }

    @Override
    public ApfloatElement copySign(double sign) {
        boolean negative = sign < 0 || (sign == 0 && 1 / sign < 0);
        Apfloat magnitude = ApfloatMath.abs(value);
        return of(negative ? magnitude.negate() : magnitude);
    }

    @Override
    public ApfloatElement scalb(int n) {
        return of(h().multiply(value, h().pow(new Apfloat(2), n)));
    }

    @Override
    public ApfloatElement hypot(ApfloatElement y) {
        return of(h().sqrt(h().add(h().multiply(value, value), h().multiply(y.value, y.value))));
    }

    @Override
    public ApfloatElement sqrt() {
        return of(h().sqrt(value));
    }

    @Override
    public ApfloatElement cbrt() {
        return of(h().cbrt(value));
    }

    @Override
    public ApfloatElement rootN(int n) {
        return of(h().root(value, n));
    }

    @Override
    public ApfloatElement pow(double p) {
        if (p == Math.rint(p) && Math.abs(p) < Integer.MAX_VALUE) {
            return pow((int) p);
        }
        return of(h().pow(value, exact(p)));
    }

    @Override
    public ApfloatElement pow(int n) {
        return of(h().pow(value, n));
    }

    @Override
    public ApfloatElement pow(ApfloatElement e) {
        return of(h().pow(value, e.value));
    }

    @Override
    public ApfloatElement exp() {
        return of(h().exp(value));
    }

    @Override
    public ApfloatElement expm1() {
        return of(h().subtract(h().exp(value), new Apfloat(1)));
    }

    @Override
    public ApfloatElement log() {
        return of(h().log(value));
    }

    @Override
    public ApfloatElement log1p() {
        return of(h().log(h().add(value, new Apfloat(1))));
    }

    @Override
    public ApfloatElement cos() {
        return of(h().cos(value));
    }

    @Override
    public ApfloatElement sin() {
        return of(h().sin(value));
    }

    @Override
    public ApfloatElement tan() {
        return of(h().tan(value));
    }

    @Override
    public ApfloatElement acos() {
        return of(h().acos(value));
    }

    @Override
    public ApfloatElement asin() {
        return of(h().asin(value));
    }

    @Override
    public ApfloatElement atan() {
        return of(h().atan(value));
    }

    @Override
    public ApfloatElement atan2(ApfloatElement x) {
        return of(h().atan2(value, x.value));
    }

    @Override
    public ApfloatElement cosh() {
        return of(h().cosh(value));
    }

    @Override
    public ApfloatElement sinh() {
        return of(h().sinh(value));
    }

    @Override
    public ApfloatElement tanh() {
        return of(h().tanh(value));
    }

    @Override
    public ApfloatElement acosh() {
        return of(h().acosh(value));
    }

    @Override
    public ApfloatElement asinh() {
        return of(h().asinh(value));
    }

    @Override
    public ApfloatElement atanh() {
        return of(h().atanh(value));
    }

    @Override
    public ApfloatElement linearCombination(ApfloatElement[] a, ApfloatElement[] b) {
        Apfloat sum = new Apfloat(0);
        for (int i = 0; i < a.length; i++) {
            sum = h().add(sum, h().multiply(a[i].value, b[i].value));
        }
        return of(sum);
    }

    @Override
    public ApfloatElement linearCombination(double[] a, ApfloatElement[] b) {
        Apfloat sum = new Apfloat(0);
        for (int i = 0; i < a.length; i++) {
            sum = h().add(sum, h().multiply(exact(a[i]), b[i].value));
        }
        return of(sum);
    }

    @Override
    public int compareTo(ApfloatElement other) {
        return value.compareTo(other.value);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ApfloatElement && ((ApfloatElement) other).value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return value.toString(true);
    }
}
