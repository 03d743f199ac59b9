package io.flowaudit.num.interval;

import io.flowaudit.num.ExactDoubleOperands;
import io.flowaudit.num.LinearCombinations;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.function.Function;
import org.apache.commons.math3.Field;
import org.apache.commons.math3.RealFieldElement;

/**
 * A closed interval {@code [lo, hi]} of reals as a commons-math3 {@link RealFieldElement}. Every
 * operation returns an interval that contains {@code f(x, y)} for every x and y in its operands
 * (inclusion isotonicity), with endpoints rounded outward to the system's digits:
 * <ul>
 * <li>add, subtract, multiply: {@link BigDecimal} arithmetic rounded with a {@code FLOOR} or
 * {@code CEILING} {@link MathContext}, which BigDecimal specifies as the exact result rounded in that
 * direction; divide likewise; sqrt is checked by squaring exactly (BigDecimal promises only one ulp).</li>
 * <li>elementary functions: {@link Elementary}'s enclosures at the endpoints for monotone functions;
 * sin and cos add the extrema the interval may contain.</li>
 * <li>{@code x.multiply(x)} on the same object is the square, {@code [0, max]} across zero: one variable
 * times itself, not two that happen to share an interval.</li>
 * </ul>
 * Refused with an {@link ArithmeticException} naming the operand: division by an interval containing
 * 0, sqrt/log/pow below their domains, exp beyond {@link Elementary#EXP_LIMIT}. There are no infinite
 * endpoints. {@link #getReal()} and {@link #round()} return the midpoint, a representative and not a
 * bound; comparisons are not offered (overlapping intervals have no order).
 */
public final class Interval implements LinearCombinations<Interval>, ExactDoubleOperands<Interval> {

    private final IntervalSystem system;
    private final BigDecimal lo;
    private final BigDecimal hi;

    Interval(IntervalSystem system, BigDecimal lo, BigDecimal hi) {
        this.system = system;
        this.lo = lo;
        this.hi = hi;
    }

    public BigDecimal lo() {
        return lo;
    }

    public BigDecimal hi() {
        return hi;
    }

    public IntervalSystem system() {
        return system;
    }

    /** {@code (lo + hi) / 2}, exact. */
    public BigDecimal midpoint() {
        return lo.add(hi).divide(BigDecimal.valueOf(2));
    }

    /** {@code hi - lo}, exact. */
    public BigDecimal width() {
        return hi.subtract(lo);
    }

    /** The largest |x| over the interval. */
    public BigDecimal magnitude() {
        return lo.abs().max(hi.abs());
    }

    public boolean contains(BigDecimal x) {
        return lo.compareTo(x) <= 0 && x.compareTo(hi) <= 0;
    }

    public boolean containsZero() {
        return lo.signum() <= 0 && hi.signum() >= 0;
    }

    public boolean isZero() {
        return lo.signum() == 0 && hi.signum() == 0;
    }

    boolean isPoint() {
        return lo.compareTo(hi) == 0;
    }

    Interval roundedTo(IntervalSystem target) {
        return target.rounded(this);
    }

    private Interval of(BigDecimal low, BigDecimal high) {
        return new Interval(system, low.round(system.down()), high.round(system.up()));
    }

    /** The smallest interval of this precision that contains {@code value}. */
    @Override
    public Interval fromDouble(double value) {
        return system.enclosing(new BigDecimal(value));
    }

    /**
     * For a nondecreasing f given as point enclosures: {@code [f(lo), f(hi)]}, each end from the
     * enclosure of f at that end, which is sound because f attains its extremes over the interval there.
     */
    private Interval increasing(Function<BigDecimal, Interval> pointEnclosure) {
        Interval atLo = pointEnclosure.apply(lo);
        Interval atHi = isPoint() ? atLo : pointEnclosure.apply(hi);
        return of(atLo.lo, atHi.hi);
    }

    private Interval decreasing(Function<BigDecimal, Interval> pointEnclosure) {
        Interval atHi = pointEnclosure.apply(hi);
        Interval atLo = isPoint() ? atHi : pointEnclosure.apply(lo);
        return of(atHi.lo, atLo.hi);
    }

    private ArithmeticException refused(String operation, String why) {
        return new ArithmeticException(operation + " of the interval " + this + ": " + why);
    }

    @Override
    public Field<Interval> getField() {
        return system;
    }

    /** The midpoint as the nearest double: a representative of the interval, never a bound of it. */
    @Override
    public double getReal() {
        return midpoint().doubleValue();
    }

    @Override
    public Interval add(Interval a) {
        return new Interval(system, lo.add(a.lo, system.down()), hi.add(a.hi, system.up()));
    }

    @Override
    public Interval subtract(Interval a) {
        return new Interval(system, lo.subtract(a.hi, system.down()), hi.subtract(a.lo, system.up()));
    }

    @Override
    public Interval negate() {
        return new Interval(system, hi.negate(), lo.negate());
    }

    @Override
    public Interval multiply(int n) {
        return multiply(system.fromInt(n));
    }

    /**
     * The hull of the four end products, rounded outward, formed from the two that are its ends by the operands'
     * signs (the usual nine cases); only when both operands straddle 0 are all four compared. The products are exact,
     * so the ends are the values the four products' minimum and maximum would give.
     */
    @Override
    public Interval multiply(Interval a) {
        if (a == this) {
            return square();
        }
        if (lo.signum() >= 0) {
            if (a.lo.signum() >= 0) {
                return of(lo.multiply(a.lo), hi.multiply(a.hi));
            }
            return a.hi.signum() <= 0 ? of(hi.multiply(a.lo), lo.multiply(a.hi)) : of(hi.multiply(a.lo), hi.multiply(a.hi));
        }
        if (hi.signum() <= 0) {
            if (a.lo.signum() >= 0) {
                return of(lo.multiply(a.hi), hi.multiply(a.lo));
            }
            return a.hi.signum() <= 0 ? of(hi.multiply(a.hi), lo.multiply(a.lo)) : of(lo.multiply(a.hi), lo.multiply(a.lo));
        }
        if (a.lo.signum() >= 0) {
            return of(lo.multiply(a.hi), hi.multiply(a.hi));
        }
        if (a.hi.signum() <= 0) {
            return of(hi.multiply(a.lo), lo.multiply(a.lo));
        }
        return of(lo.multiply(a.hi).min(hi.multiply(a.lo)), lo.multiply(a.lo).max(hi.multiply(a.hi)));
    }

    private Interval square() {
        BigDecimal loSquared = lo.multiply(lo);
        BigDecimal hiSquared = hi.multiply(hi);
        if (lo.signum() >= 0) {
            return of(loSquared, hiSquared);
        }
        if (hi.signum() <= 0) {
            return of(hiSquared, loSquared);
        }
        return of(BigDecimal.ZERO, loSquared.max(hiSquared));
    }

    @Override
    public Interval divide(Interval a) {
        if (a.containsZero()) {
            throw a.refused("division by", "it contains 0 (interval division would be unbounded)");
        }
        MathContext down = system.down();
        MathContext up = system.up();
        if (a.lo.equals(a.hi)) {
            // by a point (an integer, a depth): the quotients by a.hi repeat those by a.lo, as in multiply, and the
            // divisor's sign names which end's quotient is the lower (rounding is monotone: the values of the minimum
            // and maximum of the two; where two quotients tie, either one's scale may be kept, as in multiply)
            return a.lo.signum() > 0 ? new Interval(system, lo.divide(a.lo, down), hi.divide(a.lo, up))
                    : new Interval(system, hi.divide(a.lo, down), lo.divide(a.lo, up));
        }
        BigDecimal low = lo.divide(a.lo, down).min(lo.divide(a.hi, down)).min(hi.divide(a.lo, down))
                .min(hi.divide(a.hi, down));
        BigDecimal high = lo.divide(a.lo, up).max(lo.divide(a.hi, up)).max(hi.divide(a.lo, up))
                .max(hi.divide(a.hi, up));
        return new Interval(system, low, high);
    }

    @Override
    public Interval reciprocal() {
        return system.getOne().divide(this);
    }

    /**
     * {@code x - n a} with n the integer nearest {@code x / a}; defined only when n is the same for the
     * whole interval (otherwise the result jumps by a and is refused).
     */
    @Override
    public Interval remainder(Interval a) {
        Interval quotient = divide(a);
        BigDecimal n = quotient.lo.setScale(0, RoundingMode.HALF_EVEN);
        if (n.compareTo(quotient.hi.setScale(0, RoundingMode.HALF_EVEN)) != 0) {
            throw refused("remainder", "the nearest integer to x / " + a + " is not the same across it");
        }
        return subtract(a.multiply(system.enclosing(n)));
    }

    @Override
    public Interval remainder(double a) {
        return remainder(fromDouble(a));
    }

    @Override
    public Interval abs() {
        if (lo.signum() >= 0) {
            return this;
        }
        if (hi.signum() <= 0) {
            return negate();
        }
        return new Interval(system, BigDecimal.ZERO, magnitude());
    }

    @Override
    public Interval ceil() {
        return of(lo.setScale(0, RoundingMode.CEILING), hi.setScale(0, RoundingMode.CEILING));
    }

    @Override
    public Interval floor() {
        return of(lo.setScale(0, RoundingMode.FLOOR), hi.setScale(0, RoundingMode.FLOOR));
    }

    @Override
    public Interval rint() {
        return of(lo.setScale(0, RoundingMode.HALF_EVEN), hi.setScale(0, RoundingMode.HALF_EVEN));
    }

    /** The midpoint rounded half up: a representative, like {@link #getReal()}. */
    @Override
    public long round() {
        return midpoint().setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    @Override
    public Interval signum() {
        return of(BigDecimal.valueOf(lo.signum()), BigDecimal.valueOf(hi.signum()));
    }

    /** Refused unless the sign of {@code sign} is decided: 0 counts as positive, as +0.0 does. */
    @Override
    public Interval copySign(Interval sign) {
        if (sign.lo.signum() >= 0) {
            return abs();
        }
        if (sign.hi.signum() < 0) {
            return abs().negate();
        }
        throw sign.refused("copySign with the sign", "its sign is not decided");
    }

    @Override
    public Interval copySign(double sign) {
        boolean negative = sign < 0 || (sign == 0 && 1 / sign < 0);
        return negative ? abs().negate() : abs();
    }

    @Override
    public Interval scalb(int n) {
        return multiply(system.enclosing(n >= 0 ? BigDecimal.valueOf(2).pow(n)
                : BigDecimal.valueOf(5).pow(-n).movePointLeft(-n)));
    }

    @Override
    public Interval hypot(Interval y) {
        return square().add(y.square()).sqrt();
    }

    @Override
    public Interval sqrt() {
        if (lo.signum() < 0) {
            throw refused("sqrt", "it reaches below 0");
        }
        return new Interval(system, Elementary.sqrtDown(lo, system.digits()), Elementary.sqrtUp(hi, system.digits()));
    }

    @Override
    public Interval cbrt() {
        return rootN(3);
    }

    /** Odd roots on all of R, even ones on {@code [0, oo)}; both nondecreasing. */
    @Override
    public Interval rootN(int n) {
        if (n <= 0) {
            throw refused("rootN", "the root's order " + n + " is not positive");
        }
        if (n % 2 == 0 && lo.signum() < 0) {
            throw refused("root " + n, "it reaches below 0");
        }
        return increasing(x -> Elementary.root(x, n, system.digits()));
    }

    /**
     * x^n is nondecreasing in x for odd n, and in |x| for even n: each end from binary powering of one
     * end with outward rounding (a product of enclosures of positive factors encloses the product).
     */
    @Override
    public Interval pow(int n) {
        if (n < 0) {
            return pow(-n).reciprocal();
        }
        if (n % 2 == 1) {
            return increasing(x -> powerOfPoint(x, n));
        }
        return abs().increasing(x -> powerOfPoint(x, n));
    }

    private Interval powerOfPoint(BigDecimal x, int n) {
        Interval base = system.enclosing(x);
        Interval result = system.getOne();
        for (int e = n; e > 0; e >>= 1) {
            if ((e & 1) == 1) {
                result = result.multiply(base);
            }
            base = base.square();
        }
        return result;
    }

    /** {@code exp(e log x)}, for x above 0. */
    @Override
    public Interval pow(Interval e) {
        return e.multiply(log()).exp();
    }

    @Override
    public Interval exp() {
        return increasing(x -> Elementary.exp(x, system.digits()));
    }

    @Override
    public Interval expm1() {
        return increasing(x -> Elementary.expm1(x, system.digits()));
    }

    @Override
    public Interval log() {
        if (lo.signum() <= 0) {
            throw refused("log", "it reaches 0 or below");
        }
        return increasing(x -> Elementary.log(x, system.digits()));
    }

    @Override
    public Interval log1p() {
        if (lo.compareTo(BigDecimal.ONE.negate()) <= 0) {
            throw refused("log1p", "it reaches -1 or below");
        }
        return increasing(x -> Elementary.log(BigDecimal.ONE.add(x), system.digits()));
    }

    @Override
    public Interval sin() {
        return Elementary.sinOrCos(this, true);
    }

    @Override
    public Interval cos() {
        return Elementary.sinOrCos(this, false);
    }

    /** {@code sin / cos}; refused where cos may vanish (a pole may lie inside). */
    @Override
    public Interval tan() {
        return sin().divide(cos());
    }

    @Override
    public Interval atan() {
        return increasing(x -> Elementary.atan(x, system.digits()));
    }

    @Override
    public Interval asin() {
        requireWithinOne("asin");
        return increasing(x -> Elementary.asin(x, system.digits()));
    }

    @Override
    public Interval acos() {
        requireWithinOne("acos");
        return decreasing(x -> Elementary.acos(x, system.digits()));
    }

    private void requireWithinOne(String operation) {
        if (lo.compareTo(BigDecimal.ONE.negate()) < 0 || hi.compareTo(BigDecimal.ONE) > 0) {
            throw refused(operation, "it leaves [-1, 1]");
        }
    }

    /** {@code atan(y / x)} where x is positive; elsewhere atan2 jumps or needs a branch, so it is refused. */
    @Override
    public Interval atan2(Interval x) {
        if (x.lo.signum() <= 0) {
            throw x.refused("atan2 with x", "only x > 0 is supported (the branch of atan2 is not decided)");
        }
        return divide(x).atan();
    }

    @Override
    public Interval cosh() {
        Interval magnitudeRange = abs();
        return magnitudeRange.increasing(x -> Elementary.cosh(x, system.digits()));
    }

    @Override
    public Interval sinh() {
        return increasing(x -> Elementary.sinh(x, system.digits()));
    }

    @Override
    public Interval tanh() {
        return increasing(x -> Elementary.tanh(x, system.digits()));
    }

    @Override
    public Interval acosh() {
        if (lo.compareTo(BigDecimal.ONE) < 0) {
            throw refused("acosh", "it reaches below 1");
        }
        return increasing(x -> Elementary.acosh(x, system.digits()));
    }

    @Override
    public Interval asinh() {
        return increasing(x -> Elementary.asinh(x, system.digits()));
    }

    @Override
    public Interval atanh() {
        if (lo.compareTo(BigDecimal.ONE.negate()) <= 0 || hi.compareTo(BigDecimal.ONE) >= 0) {
            throw refused("atanh", "it reaches -1 or 1");
        }
        return increasing(x -> Elementary.atanh(x, system.digits()));
    }

    @Override
    public Interval linearCombination(Interval[] a, Interval[] b) {
        Interval sum = system.getZero();
        for (int i = 0; i < a.length; i++) {
            sum = sum.add(a[i].multiply(b[i]));
        }
        return sum;
    }

    @Override
    public Interval linearCombination(double[] a, Interval[] b) {
        Interval sum = system.getZero();
        for (int i = 0; i < a.length; i++) {
            sum = sum.add(b[i].multiply(a[i]));
        }
        return sum;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Interval interval && interval.lo.compareTo(lo) == 0 && interval.hi.compareTo(hi) == 0;
    }

    @Override
    public int hashCode() {
        return lo.stripTrailingZeros().hashCode() * 31 + hi.stripTrailingZeros().hashCode();
    }

    @Override
    public String toString() {
        return "[" + lo.toString() + ", " + hi.toString() + "]";
    }
}
