package io.flowaudit.num;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.function.BiFunction;
import java.util.function.IntFunction;
import org.apache.commons.math3.Field;
import org.apache.commons.math3.RealFieldElement;
import org.apfloat.Apfloat;
import org.apfloat.FixedPrecisionApfloatHelper;

/**
 * A {@link BinarySystem} number, {@code sign * magnitude * 2^exponent} with a magnitude of exactly p bits
 * (or zero), as a commons-math3 {@link RealFieldElement}. There is one zero, as in apfloat. Domain
 * errors (log of a negative, division by zero) and exponents beyond 2^+-2^20 ({@link BinarySystem#MAX_EXPONENT})
 * raise {@link ArithmeticException}. Two numbers of different precisions are refused: an exponent marks the last
 * bit of a p-bit magnitude, so it means another thing at another p (convert with {@link BinarySystem#from} first).
 */
public final class BinaryElement
        implements LinearCombinations<BinaryElement>, ExactDoubleOperands<BinaryElement>, ThroughApfloat<BinaryElement>,
        Comparable<BinaryElement> {

    /**
     * Bits the fixed-point evaluations of exp, log and tanh carry beyond p: their truncations and the
     * squarings that undo exp's argument halving lose about 16 of them, the rest keep the result faithful.
     */
    private static final int GUARD_BITS = 64;

    /** exp's argument is halved this many times before its series (and the result squared as often). */
    private static final int EXP_HALVINGS = 8;

    /** Decimal digits beyond the system's with which apfloat computes the functions delegated to it. */
    private static final int APFLOAT_GUARD_DIGITS = 25;

    private final BinarySystem system;
    private final int sign;
    /**
     * The p-bit magnitude shifted left to fill {@link BinarySystem#limbs()} limbs (its top bit set, the
     * {@link BinarySystem#alignment()} bits below it zero), so sums and products align on limb boundaries.
     */
    private final long[] limbs;
    private final int exponent;

    BinaryElement(BinarySystem system, int sign, long[] limbs, int exponent) {
        this.system = system;
        this.sign = sign;
        this.limbs = limbs;
        this.exponent = exponent;
    }

    public BinarySystem system() {
        return system;
    }

    int sign() {
        return sign;
    }

    /** The p-bit magnitude, for the operations computed in {@link BigInteger}s. */
    BigInteger magnitude() {
        return sign == 0 ? BigInteger.ZERO : Limbs.toBigInteger(limbs).shiftRight(system.alignment());
    }

    int exponent() {
        return exponent;
    }

    /** The leading 64 bits of the magnitude (the top one set), for estimates in double. */
    long leadingBits() {
        return limbs[limbs.length - 1];
    }

    private int p() {
        return system.precision();
    }

    /** Refuses a number of another precision (the class comment says why). */
    private void samePrecision(BinaryElement other) {
        if (other.system.precision() != p()) {
            throw new IllegalArgumentException("a " + system.name() + " number combined with a "
                    + other.system.name() + " one: convert one with the other's BinarySystem.from first");
        }
    }

    /** The magnitude in limbs, see {@link #limbExponent()}; shared, never to be written. */
    long[] limbs() {
        return limbs;
    }

    /** The exponent of the magnitude's last limb bit: the value is sign * limbs * 2^limbExponent(). */
    long limbExponent() {
        return (long) exponent - system.alignment();
    }

    /** The exact value. */
    public BigDecimal toBigDecimal() {
        if (sign == 0) {
            return BigDecimal.ZERO;
        }
        BigInteger magnitude = magnitude();
        BigDecimal value = exponent >= 0 ? new BigDecimal(magnitude.shiftLeft(exponent))
                : new BigDecimal(magnitude.multiply(BigInteger.valueOf(5).pow(-exponent)), -exponent);
        return sign < 0 ? value.negate() : value;
    }

    @Override
    public Field<BinaryElement> getField() {
        return system;
    }

    /** The nearest double: 62 leading bits with the rest as a sticky last bit round like the whole. */
    @Override
    public double getReal() {
        if (sign == 0) {
            return 0;
        }
        int top = limbs.length - 1;
        long leading = limbs[top] >>> 2;
        if (Limbs.anyBitBelow(limbs, limbs.length, 64L * top + 2)) {
            leading |= 1;
        }
        long scale = limbExponent() + 64L * top + 2;
        if (scale + 62 <= -1075) {
            // below half the least subnormal, 2^-1075, which rounds to 0: the decimal below would have millions of
            // digits for a pulse's far tail, e^-5 10^7
            return sign < 0 ? -0.0 : 0.0;
        }
        if (scale < -1083) {
            // a subnormal double: scalb would round a second time
            return toBigDecimal().doubleValue();
        }
        return sign * Math.scalb((double) leading, (int) Math.min(scale, 2000));
    }

    // ---------------------------------------------------------------- arithmetic, correctly rounded

    /** The exact sum (or difference) in limbs, rounded once. */
    @Override
    public BinaryElement add(BinaryElement a) {
        samePrecision(a);
        if (a.sign == 0) {
            return this;
        }
        if (sign == 0) {
            return a;
        }
        boolean thisLarger = exponent != a.exponent ? exponent > a.exponent : Limbs.compare(limbs, a.limbs) >= 0;
        BinaryElement high = thisLarger ? this : a;
        BinaryElement low = thisLarger ? a : this;
        long gap = (long) high.exponent - low.exponent;
        if (gap > p() + 3) {
            // |low| is below an eighth of high's last unit, and the nearest rounding boundary is a quarter unit
            // away (half a unit of the binade below, when high is a power of two): the sum rounds to high
            return high;
        }
        int n = limbs.length;
        int length = n + (int) (gap + 63) / 64 + 1;
        long[] sum = new long[length];
        Limbs.shift(high.limbs, n, -gap, sum);
        if (high.sign == low.sign) {
            Limbs.addInPlace(sum, low.limbs);
        } else {
            // high >= low in magnitude: a larger exponent, or the same exponent and limbs compared above
            Limbs.subtractInPlace(sum, low.limbs);
        }
        return system.round(high.sign, sum, length, low.limbExponent(), false);
    }

    @Override
    public BinaryElement subtract(BinaryElement a) {
        return add(a.negate());
    }

    @Override
    public BinaryElement negate() {
        return sign == 0 ? this : new BinaryElement(system, -sign, limbs, exponent);
    }

    @Override
    public BinaryElement multiply(int n) {
        if (sign == 0 || n == 0) {
            return system.getZero();
        }
        long[] product = Limbs.multiply(limbs, Math.abs((long) n));
        return system.round(sign * Integer.signum(n), product, product.length, limbExponent(), false);
    }

    @Override
    public BinaryElement multiply(BinaryElement a) {
        samePrecision(a);
        if (sign == 0 || a.sign == 0) {
            return system.getZero();
        }
        long[] product = Limbs.multiply(limbs, a.limbs);
        return system.round(sign * a.sign, product, product.length, limbExponent() + a.limbExponent(), false);
    }

    @Override
    public BinaryElement divide(BinaryElement a) {
        samePrecision(a);
        if (a.sign == 0) {
            throw new ArithmeticException("division by zero");
        }
        if (sign == 0) {
            return this;
        }
        // both magnitudes have p bits, so the quotient has p + 2 or p + 3: enough to round, the remainder sticky
        int shift = p() + 2;
        BigInteger[] quotient = magnitude().shiftLeft(shift).divideAndRemainder(a.magnitude());
        return system.round(sign * a.sign, quotient[0], (long) exponent - a.exponent - shift,
                quotient[1].signum() != 0);
    }

    /**
     * The quotient by an integer below 2^31 in size (the Taylor recurrences' k): the limbs one limb longer
     * divided by it keep at least p + 2 bits, the remainder sticky.
     */
    private BinaryElement divide(long divisor, int divisorSign) {
        if (sign == 0) {
            return this;
        }
        int n = limbs.length;
        long[] quotient = new long[n + 1];
        System.arraycopy(limbs, 0, quotient, 1, n);
        long remainder = Limbs.divideInPlace(quotient, divisor);
        return system.round(sign * divisorSign, quotient, n + 1, limbExponent() - 64, remainder != 0);
    }

    @Override
    public BinaryElement fromDouble(double value) {
        return system.fromDouble(value);
    }

    @Override
    public BinaryElement reciprocal() {
        return system.getOne().divide(this);
    }

    @Override
    public BinaryElement divide(double a) {
        if (a == Math.rint(a) && a != 0 && Math.abs(a) < 0x1p31) {
            return divide((long) Math.abs(a), a < 0 ? -1 : 1);
        }
        return divide(fromDouble(a));
    }

    @Override
    public BinaryElement sqrt() {
        if (sign < 0) {
            throw new ArithmeticException("square root of a negative number");
        }
        return sign == 0 ? this : sqrtOf(magnitude(), exponent);
    }

    /** The correctly rounded square root of {@code value * 2^exponent}, from an integer root of 2p + 4 bits or more. */
    private BinaryElement sqrtOf(BigInteger value, long valueExponent) {
        int shift = Math.max(0, 2 * p() + 4 - value.bitLength());
        if (((valueExponent - shift) & 1) != 0) {
            shift++;
        }
        BigInteger scaled = value.shiftLeft(shift);
        BigInteger root = scaled.sqrt();
        return system.round(1, root, (valueExponent - shift) / 2, !root.multiply(root).equals(scaled));
    }

    /** sqrt(x^2 + y^2) rounded once from the exact sum of squares. */
    @Override
    public BinaryElement hypot(BinaryElement y) {
        BinaryElement a = abs();
        BinaryElement b = y.abs();
        BinaryElement high = a.compareTo(b) >= 0 ? a : b;
        BinaryElement low = high == a ? b : a;
        if (low.sign == 0) {
            return high;
        }
        long gap = 2 * ((long) high.exponent - low.exponent);
        if (gap > 4L * p() + 8) {
            // low^2 is below 2^-(2p) of high^2: the root moves by half that, far below half a unit
            return high;
        }
        BigInteger sum = high.magnitude().pow(2).shiftLeft((int) gap).add(low.magnitude().pow(2));
        return sqrtOf(sum, 2L * low.exponent);
    }

    /** Exact powers rounded once for |n| up to 4096; beyond, apfloat's. */
    @Override
    public BinaryElement pow(int n) {
        if (n == 0) {
            return system.getOne();
        }
        if (sign == 0) {
            if (n < 0) {
                throw new ArithmeticException("zero to a negative power");
            }
            return this;
        }
        int resultSign = sign < 0 && (n & 1) != 0 ? -1 : 1;
        if (n > 4096 || n < -4096) {
            return viaApfloat((helper, x) -> helper.pow(x, n));
        }
        BigInteger power = magnitude().pow(Math.abs(n));
        long powerExponent = (long) exponent * Math.abs(n);
        if (n > 0) {
            return system.round(resultSign, power, powerExponent, false);
        }
        int shift = power.bitLength() + p() + 2;
        BigInteger[] quotient = BigInteger.ONE.shiftLeft(shift).divideAndRemainder(power);
        return system.round(resultSign, quotient[0], -powerExponent - shift, quotient[1].signum() != 0);
    }

    @Override
    public BinaryElement pow(BinaryElement e) {
        if (e.equals(e.rint()) && Math.abs(e.getReal()) < Integer.MAX_VALUE) {
            return pow((int) e.getReal());
        }
        return viaApfloat(e, (helper, x, y) -> helper.pow(x, y));
    }

    // ---------------------------------------------------------------- integers and signs

    /** |x| split at the binary point: the integer part, and the fraction compared with one half (-2 for none). */
    private BigInteger truncated() {
        BigInteger magnitude = magnitude();
        return exponent >= 0 ? magnitude.shiftLeft(exponent)
                : -exponent >= magnitude.bitLength() ? BigInteger.ZERO : magnitude.shiftRight(-exponent);
    }

    /** -2 for no fraction, -1 below one half, 0 one half, 1 above. */
    private int fractionAgainstHalf() {
        BigInteger magnitude = magnitude();
        if (exponent >= 0 || magnitude.getLowestSetBit() >= -exponent) {
            return -2;
        }
        if (-exponent > magnitude.bitLength()) {
            return -1;
        }
        int halfBit = -exponent - 1;
        if (!magnitude.testBit(halfBit)) {
            return -1;
        }
        return magnitude.getLowestSetBit() < halfBit ? 1 : 0;
    }

    private BinaryElement integer(int integerSign, BigInteger integerMagnitude) {
        return system.fromInteger(integerSign < 0 ? integerMagnitude.negate() : integerMagnitude);
    }

    @Override
    public BinaryElement floor() {
        boolean fraction = fractionAgainstHalf() != -2;
        return integer(sign, sign < 0 && fraction ? truncated().add(BigInteger.ONE) : truncated());
    }

    @Override
    public BinaryElement ceil() {
        boolean fraction = fractionAgainstHalf() != -2;
        return integer(sign, sign > 0 && fraction ? truncated().add(BigInteger.ONE) : truncated());
    }

    /** The nearest integer, ties to even. */
    @Override
    public BinaryElement rint() {
        int fraction = fractionAgainstHalf();
        BigInteger whole = truncated();
        boolean up = fraction == 1 || (fraction == 0 && whole.testBit(0));
        return integer(sign, up ? whole.add(BigInteger.ONE) : whole);
    }

    /** The nearest long, ties away from zero (as apfloat's element rounds). */
    @Override
    public long round() {
        BigInteger whole = fractionAgainstHalf() >= 0 ? truncated().add(BigInteger.ONE) : truncated();
        return (sign < 0 ? whole.negate() : whole).longValueExact();
    }

    @Override
    public BinaryElement remainder(double a) {
        return remainder(fromDouble(a));
    }

    /** IEEE remainder x - n a, n the integer nearest x / a (ties to even), from the exact values. */
    @Override
    public BinaryElement remainder(BinaryElement a) {
        if (a.sign == 0) {
            throw new ArithmeticException("remainder by zero");
        }
        BigDecimal x = toBigDecimal();
        BigDecimal y = a.toBigDecimal();
        BigDecimal n = x.divide(y, 0, RoundingMode.HALF_EVEN);
        return system.fromBigDecimal(x.subtract(n.multiply(y)));
    }

    @Override
    public BinaryElement abs() {
        return sign < 0 ? negate() : this;
    }

    @Override
    public BinaryElement signum() {
        return system.fromInt(sign);
    }

    @Override
    public BinaryElement copySign(BinaryElement sign) {
        return copySign(sign.sign < 0 ? -1.0 : 1.0);
    }

    @Override
    public BinaryElement copySign(double sign) {
        boolean negative = sign < 0 || (sign == 0 && 1 / sign < 0);
        return negative ? abs().negate() : abs();
    }

    @Override
    public BinaryElement scalb(int n) {
        return sign == 0 ? this : system.element(sign, limbs, (long) exponent + n);
    }

    // ---------------------------------------------------------------- exp, log, tanh in fixed point

    /** Fractional bits of the fixed-point evaluations. */
    private int working() {
        return p() + GUARD_BITS;
    }

    /** This value in fixed point with {@code bits} fractional bits, truncated toward zero. */
    private BigInteger fixed(int bits) {
        long shift = (long) exponent + bits;
        BigInteger magnitude = magnitude();
        BigInteger value = shift >= 0 ? magnitude.shiftLeft((int) shift)
                : -shift >= magnitude.bitLength() ? BigInteger.ZERO : magnitude.shiftRight((int) -shift);
        return sign < 0 ? value.negate() : value;
    }

    /**
     * e^x as {@code mantissa * 2^(scale - working())}, mantissa in [0.7, 1.5] * 2^working() with relative error
     * below 2^(20 - working()): x = k ln 2 + r with |r| <= ln 2 / 2 + 1/2^20, e^r from the series of
     * r / 2^8, squared 8 times.
     */
    private BigInteger[] expFixed() {
        int bits = working();
        double estimate = getReal();
        if (!(Math.abs(estimate) < BinarySystem.MAX_EXPONENT / 2.0)) {
            throw new ArithmeticException((sign > 0 ? "overflow" : "underflow") + ": exp of " + estimate
                    + " is beyond " + system.name() + "'s exponent range");
        }
        long k = Math.round(estimate / StrictMath.log(2));
        int lnBits = bits + 40;
        BigInteger r = fixed(lnBits).subtract(LN2.fixed(lnBits).multiply(BigInteger.valueOf(k)));
        // r / 2^8 at bits + 8 fractional bits is r at bits fractional bits shifted by the 40 - 8 spare ones
        int seriesBits = bits + EXP_HALVINGS;
        BigInteger halved = r.shiftRight(lnBits - bits);
        BigInteger one = BigInteger.ONE.shiftLeft(seriesBits);
        BigInteger sum = one;
        BigInteger term = one;
        for (int n = 1; term.signum() != 0; n++) {
            term = term.multiply(halved).shiftRight(seriesBits).divide(BigInteger.valueOf(n));
            sum = sum.add(term);
        }
        for (int i = 0; i < EXP_HALVINGS; i++) {
            sum = sum.multiply(sum).shiftRight(seriesBits);
        }
        return new BigInteger[] {sum.shiftRight(EXP_HALVINGS), BigInteger.valueOf(k)};
    }

    @Override
    public BinaryElement exp() {
        if (sign == 0) {
            return system.getOne();
        }
        BigInteger[] e = expFixed();
        return system.round(1, e[0], e[1].longValue() - working(), false);
    }

    /**
     * The series sum_n x^n / (n + 1)! in fixed point, about 1 for |x| < 1/2: e^x - 1 = x times it, so the
     * product keeps x's relative accuracy however small x is.
     */
    private BigInteger expm1Quotient(int bits) {
        BigInteger x = fixed(bits);
        BigInteger one = BigInteger.ONE.shiftLeft(bits);
        BigInteger sum = one;
        BigInteger power = one;
        for (int n = 2; power.signum() != 0; n++) {
            power = power.multiply(x).shiftRight(bits).divide(BigInteger.valueOf(n));
            sum = sum.add(power);
        }
        return sum;
    }

    private boolean belowHalf() {
        return sign == 0 || (long) exponent + p() <= -1;
    }

    @Override
    public BinaryElement expm1() {
        if (sign == 0) {
            return this;
        }
        int bits = working();
        if (belowHalf()) {
            return system.round(sign, magnitude().multiply(expm1Quotient(bits)), (long) exponent - bits, false);
        }
        // |x| >= 1/2: e^x - 1 is at least 0.39 in size, so subtracting 1 in fixed point keeps the accuracy
        BigInteger[] e = expFixed();
        long scale = e[1].longValue();
        if (scale > bits) {
            return exp();
        }
        BigInteger value = scale >= 0 ? e[0].shiftLeft((int) scale) : e[0].shiftRight((int) -scale);
        BigInteger result = value.subtract(BigInteger.ONE.shiftLeft(bits));
        return system.round(result.signum(), result.abs(), -bits, false);
    }

    /**
     * tanh x = x Q/(1 + x Q) with Q the expm1 quotient of 2x for |x| < 1/2 (x's relative accuracy kept),
     * 1 - 2/(e^(2|x|) + 1) with x's sign beyond (the result is above 0.46: no cancellation).
     */
    @Override
    public BinaryElement tanh() {
        if (sign == 0) {
            return this;
        }
        int bits = working();
        BigInteger one = BigInteger.ONE.shiftLeft(bits);
        if (belowHalf()) {
            BigInteger quotient = scalb(1).expm1Quotient(bits);
            BigInteger denominator = one.add(fixed(bits).multiply(quotient).shiftRight(bits));
            BigInteger factor = quotient.shiftLeft(bits).divide(denominator);
            return system.round(sign, magnitude().multiply(factor), (long) exponent - bits, false);
        }
        // beyond |x| = bits, 1 - |tanh x| < 2 e^(-2 bits) is far below the last bit: +-1, without an e^(2|x|)
        // that would leave the exponent range
        if (abs().getReal() > bits) {
            return system.fromInt(sign);
        }
        BigInteger[] e = abs().scalb(1).expFixed();
        long scale = e[1].longValue();
        if (scale > bits) {
            return system.fromInt(sign);
        }
        BigInteger value = e[0].shiftLeft((int) scale);
        BigInteger twoOverSum = one.shiftLeft(bits + 1).divide(value.add(one));
        return system.round(sign, one.subtract(twoOverSum), -bits, false);
    }

    @Override
    public BinaryElement log() {
        if (sign <= 0) {
            throw new ArithmeticException("logarithm of a non-positive number");
        }
        return logOf(magnitude(), exponent);
    }

    /** log(1 + x) from the exact 1 + x; for |x| below 2^-(working bits) it is x. */
    @Override
    public BinaryElement log1p() {
        if (sign == 0) {
            return this;
        }
        if ((long) exponent + p() < -working()) {
            return this;
        }
        long scale = Math.min(exponent, 0);
        BigInteger shifted = magnitude().shiftLeft((int) (exponent - scale));
        BigInteger onePlus = BigInteger.ONE.shiftLeft((int) -scale).add(sign < 0 ? shifted.negate() : shifted);
        if (onePlus.signum() <= 0) {
            throw new ArithmeticException("logarithm of a non-positive number");
        }
        return logOf(onePlus, scale);
    }

    /**
     * log(value * 2^scale) for a positive integer value of any length: value = f 2^q with f in [3/4, 3/2),
     * log f = 2 atanh z with z = (value - 2^q)/(value + 2^q) exact, |z| <= 1/5, and the series in z^2 in
     * fixed point times z's leading bits, so log near 1 keeps its relative accuracy; plus (q + scale) ln 2.
     */
    private BinaryElement logOf(BigInteger value, long scale) {
        int bits = working();
        if (value.bitLength() < 2) {
            value = value.shiftLeft(2);
            scale -= 2;
        }
        int q = value.bitLength() - 1;
        if (value.compareTo(BigInteger.valueOf(3).shiftLeft(q - 1)) >= 0) {
            q++;
        }
        long twos = q + scale;
        BigInteger power = BigInteger.ONE.shiftLeft(q);
        BigInteger numerator = value.subtract(power);
        BigInteger denominator = value.add(power);
        if (numerator.signum() == 0) {
            BigInteger ln2 = LN2.fixed(bits + 40).multiply(BigInteger.valueOf(twos));
            return system.round(ln2.signum(), ln2.abs(), -(bits + 40L), false);
        }
        int zBits = bits + denominator.bitLength() - numerator.abs().bitLength() + 1;
        BigInteger z = numerator.abs().shiftLeft(zBits).divide(denominator); // |z| * 2^zBits, about bits long
        BigInteger zSquared = z.multiply(z).shiftRight(2 * zBits - bits);
        BigInteger sum = BigInteger.ZERO;
        BigInteger zPower = BigInteger.ONE.shiftLeft(bits);
        for (int n = 0; zPower.signum() != 0; n++) {
            sum = sum.add(zPower.divide(BigInteger.valueOf(2L * n + 1)));
            zPower = zPower.multiply(zSquared).shiftRight(bits);
        }
        // log f = 2 z sum = sign(z) * z * sum * 2^(1 - zBits - bits)
        BigInteger logF = z.multiply(sum);
        int zSign = numerator.signum();
        if (twos == 0) {
            return system.round(zSign, logF, 1L - zBits - bits, false);
        }
        // |twos ln 2 + log f| >= 0.28: fixed point at bits fractional bits keeps the relative accuracy
        BigInteger total = LN2.fixed(bits + 40).multiply(BigInteger.valueOf(twos)).shiftRight(40)
                .add(logF.shiftRight(zBits - 1).multiply(BigInteger.valueOf(zSign)));
        return system.round(total.signum(), total.abs(), -bits, false);
    }

    @Override
    public BinaryElement sin() {
        return sinOrCos(false);
    }

    @Override
    public BinaryElement cos() {
        return sinOrCos(true);
    }

    /**
     * sin x, or cos x = sin(x + π/2): x = k π/2 + r with |r| <= π/4 + 2^-40 at working + 64 fractional bits (k is
     * below 2^21, so k π/2 errs by far less than a unit of the working bits), then the series of sin r or cos r in
     * fixed point at the working bits, each term truncated; k mod 4 picks which and its sign. A few dozen units of
     * 2^-working are lost, and |sin r| >= 2|r|/π, |cos r| >= 0.7, so down to |r| = 2^-40 the relative error stays
     * below 2^(47 - working), far inside the final rounding. Beyond |x| = 2^20, where the reduction would need more
     * bits of π, and within 2^-40 of a zero of the result, through apfloat (whose sin of an exact binary input runs at
     * its every decimal digit, a hundred times slower).
     */
    private BinaryElement sinOrCos(boolean cosine) {
        if (sign == 0) {
            return cosine ? system.getOne() : this;
        }
        BiFunction<FixedPrecisionApfloatHelper, Apfloat, Apfloat> apfloats = (helper, x) -> cosine ? helper.cos(x)
                : helper.sin(x);
        double estimate = getReal();
        if (!(Math.abs(estimate) < 0x1p20)) {
            return viaApfloat(apfloats);
        }
        int bits = working();
        int reductionBits = bits + 64;
        long k = Math.round(estimate / (Math.PI / 2));
        BigInteger r = fixed(reductionBits).subtract(PI.fixed(reductionBits).multiply(BigInteger.valueOf(k)).shiftRight(1));
        long quadrant = Math.floorMod(cosine ? k + 1 : k, 4);
        boolean sineOfR = quadrant % 2 == 0;
        if (sineOfR && r.abs().bitLength() < reductionBits - 40) {
            return viaApfloat(apfloats);
        }
        BigInteger reduced = r.shiftRight(reductionBits - bits);
        BigInteger one = BigInteger.ONE.shiftLeft(bits);
        BigInteger square = reduced.multiply(reduced).shiftRight(bits);
        // sin r = r - r^3/3! + ..., cos r = 1 - r^2/2! + ...: the term of power m from that of m - 2
        BigInteger term = sineOfR ? reduced : one;
        BigInteger sum = term;
        for (long m = sineOfR ? 3 : 2; term.signum() != 0; m += 2) {
            term = term.multiply(square).shiftRight(bits).divide(BigInteger.valueOf(m * (m - 1))).negate();
            sum = sum.add(term);
        }
        if (quadrant >= 2) {
            sum = sum.negate();
        }
        return system.round(sum.signum(), sum.abs(), -bits, false);
    }

    /** ln 2 = 2 atanh(1/3) in fixed point. */
    private static final FixedConstant LN2 = new FixedConstant(bits -> inverseOddSeries(3, bits, false).shiftLeft(1));
    /** π = 16 atan(1/5) - 4 atan(1/239) (Machin) in fixed point. */
    private static final FixedConstant PI = new FixedConstant(bits -> inverseOddSeries(5, bits, true).shiftLeft(4)
            .subtract(inverseOddSeries(239, bits, true).shiftLeft(2)));

    /** A constant in fixed point, computed with 32 bits to spare at the largest precision asked so far and kept. */
    private static final class FixedConstant {
        private final IntFunction<BigInteger> atBits;
        private BigInteger value = BigInteger.ZERO;
        private int valueBits;

        FixedConstant(IntFunction<BigInteger> atBits) {
            this.atBits = atBits;
        }

        synchronized BigInteger fixed(int bits) {
            if (bits > valueBits) {
                int extra = bits + 32;
                value = atBits.apply(extra);
                valueBits = extra;
            }
            return value.shiftRight(valueBits - bits);
        }
    }

    /**
     * The sum over n of (+-1)^n / ((2n + 1) m^(2n + 1)) at {@code bits} fractional bits, each term truncated (off by
     * less than a unit a term): atan(1/m) when alternating, atanh(1/m) when not.
     */
    private static BigInteger inverseOddSeries(int m, int bits, boolean alternating) {
        BigInteger mSquared = BigInteger.valueOf((long) m * m);
        BigInteger power = BigInteger.ONE.shiftLeft(bits).divide(BigInteger.valueOf(m));
        BigInteger sum = BigInteger.ZERO;
        for (int n = 0; power.signum() != 0; n++) {
            BigInteger term = power.divide(BigInteger.valueOf(2L * n + 1));
            sum = alternating && n % 2 == 1 ? sum.subtract(term) : sum.add(term);
            power = power.divide(mSquared);
        }
        return sum;
    }

    // ---------------------------------------------------------------- through apfloat

    /** apfloat at 25 digits beyond the system's, and at least the exact decimal digits of the inputs. */
    private FixedPrecisionApfloatHelper helper(Apfloat... inputs) {
        long digits = system.digits() + APFLOAT_GUARD_DIGITS;
        for (Apfloat input : inputs) {
            digits = Math.max(digits, input.precision());
        }
        return new FixedPrecisionApfloatHelper(digits);
    }

    private Apfloat exactApfloat() {
        BigDecimal exact = toBigDecimal();
        return new Apfloat(exact, Math.max(1, exact.precision()));
    }

    @Override
    public BinaryElement viaApfloat(BiFunction<FixedPrecisionApfloatHelper, Apfloat, Apfloat> function) {
        Apfloat x = exactApfloat();
        return system.fromApfloat(function.apply(helper(x), x));
    }

    @Override
    public BinaryElement viaApfloat(BinaryElement other, ThroughApfloat.Binary function) {
        Apfloat x = exactApfloat();
        Apfloat y = other.exactApfloat();
        return system.fromApfloat(function.apply(helper(x, y), x, y));
    }

    // ---------------------------------------------------------------- linear combinations

    @Override
    public BinaryElement linearCombination(BinaryElement[] a, BinaryElement[] b) {
        BinaryElement sum = system.getZero();
        for (int i = 0; i < a.length; i++) {
            sum = sum.add(a[i].multiply(b[i]));
        }
        return sum;
    }

    @Override
    public BinaryElement linearCombination(double[] a, BinaryElement[] b) {
        BinaryElement sum = system.getZero();
        for (int i = 0; i < a.length; i++) {
            sum = sum.add(b[i].multiply(a[i]));
        }
        return sum;
    }

    // ---------------------------------------------------------------- comparison

    @Override
    public int compareTo(BinaryElement other) {
        samePrecision(other);
        if (sign != other.sign) {
            return Integer.compare(sign, other.sign);
        }
        if (sign == 0) {
            return 0;
        }
        int magnitudeOrder = exponent != other.exponent ? Integer.compare(exponent, other.exponent)
                : Limbs.compare(limbs, other.limbs);
        return sign * magnitudeOrder;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BinaryElement && ((BinaryElement) other).system.precision() == p()
                && compareTo((BinaryElement) other) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * sign + exponent) + Arrays.hashCode(limbs);
    }

    @Override
    public String toString() {
        return toBigDecimal().toString();
    }
}
