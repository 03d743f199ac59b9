package io.flowaudit.num;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import org.apache.commons.math3.FieldElement;
import org.apache.commons.math3.RealFieldElement;
import org.apfloat.Apfloat;
import org.apfloat.FixedPrecisionApfloatHelper;

/**
 * Binary floating point at a fixed precision of p bits, enough for a given number of decimal digits:
 * a value is {@code sign * magnitude * 2^exponent} with a {@link BigInteger} magnitude of exactly p bits.
 * Arithmetic (add, subtract, multiply, divide, sqrt) and decimal input are correctly rounded to nearest,
 * ties to even; exp, log and the functions built on them are faithful (error below one unit in the last
 * place), computed in fixed point with guard bits. Functions the reference rarely needs (the
 * trigonometric ones but sin and cos's series terms, inverse hyperbolic, real powers) go through apfloat
 * with the exact input and rounded back. It serves the same role as {@link ApfloatSystem} at 30 to 100
 * digits, where apfloat's per-operation overhead costs ten times the arithmetic.
 */
public final class BinarySystem implements ExactFieldSystem<BinaryElement> {

    /** The range of digits {@link NumberSystem#ofDigits} computes in this system. */
    static final int MIN_DIGITS = 17;
    static final int MAX_DIGITS = 100;

    /**
     * Exponents beyond this are an overflow or underflow (an {@link ArithmeticException}), far beyond any double
     * (10^+-315 652): within it the exact decimal conversions (formatting, apfloat's functions) take under a second
     * (0.6 s at the edge), where at 2^(2^26), a pulse's tail e^-(5 10^7), they did not finish in minutes.
     */
    static final long MAX_EXPONENT = 1L << 20;

    /** The decimal exponent beyond which an apfloat is certainly out of range, {@link #MAX_EXPONENT} log10(2). */
    private static final long MAX_DECIMAL_EXPONENT = (long) (MAX_EXPONENT * StrictMath.log10(2)) + 2;

    /**
     * How far below the largest product's last bit {@link #sumOfProducts} keeps the smaller products' bits: far
     * enough that Taylor coefficients, whose products are of about one size, sum exactly.
     */
    static final int SUM_SPREAD_BITS = 512;

    private final int digits;
    private final int precision;
    /** 64-bit limbs of a significand, and the zero bits below its p bits there. */
    private final int limbs;
    private final int alignment;
    private final BinaryElement zero;
    private final BinaryElement one;
    private BinaryElement pi;

    /** The precision p of a binary system with {@code digits} decimal digits: 2^(1-p) <= 10^-digits. */
    static int bitsFor(int digits) {
        return (int) Math.ceil(digits * (StrictMath.log(10) / StrictMath.log(2))) + 1;
    }

    static int limbsFor(int digits) {
        return (bitsFor(digits) + 63) / 64;
    }

    public BinarySystem(int digits) {
        if (digits < MIN_DIGITS) {
            throw new IllegalArgumentException("binary precision must be at least " + MIN_DIGITS + " digits, got "
                    + digits);
        }
        this.digits = digits;
        this.precision = bitsFor(digits);
        this.limbs = limbsFor(digits);
        this.alignment = 64 * limbs - precision;
        this.zero = new BinaryElement(this, 0, new long[limbs], 0);
        this.one = fromInteger(BigInteger.ONE);
    }

    /** Bits of every magnitude. */
    int precision() {
        return precision;
    }

    int limbs() {
        return limbs;
    }

    int alignment() {
        return alignment;
    }

    // ---------------------------------------------------------------- rounding

    /**
     * {@code sign * (magnitude + sticky) * 2^exponent}, rounded to nearest (ties to even) at p bits; sticky
     * stands for a positive amount below one unit of magnitude that the caller dropped (an inexact quotient
     * or root), so a tie is never mistaken.
     */
    BinaryElement round(int sign, BigInteger magnitude, long exponent, boolean sticky) {
        long[] x = Limbs.of(magnitude, (magnitude.bitLength() + 63) / 64);
        return round(sign, x, x.length, exponent, sticky);
    }

    /**
     * {@code sign * (x + sticky) * 2^exponent} for the integer x in the first {@code length} limbs, rounded as
     * {@link #round(int, BigInteger, long, boolean)}. With sticky, x should have p + 2 bits or more: a
     * shorter x is taken as if extended by zero bits to p + 2, so the sticky amount lies below its rounding bit.
     */
    BinaryElement round(int sign, long[] x, int length, long exponent, boolean sticky) {
        long top = Limbs.topBit(x, length);
        if (top < 0) {
            if (sticky) {
                throw new IllegalStateException("a sticky remainder needs a magnitude above it");
            }
            return zero;
        }
        // bit lastKept of x becomes the magnitude's last bit, which lies alignment bits up in the limbs
        long lastKept = top - precision + 1;
        long[] kept = new long[limbs];
        Limbs.shift(x, length, lastKept - alignment, kept);
        kept[0] &= -1L << alignment;
        // bits below 0 of a short x are zero: no rounding up, however sticky
        boolean half = Limbs.testBit(x, length, lastKept - 1);
        boolean below = sticky || Limbs.anyBitBelow(x, length, lastKept - 1);
        if (half && (below || Limbs.testBit(x, length, lastKept))) {
            if (Limbs.addInPlace(kept, 1L << alignment) != 0) {
                // all p bits were ones: the magnitude is now 2^p, one bit too long
                kept[limbs - 1] = 1L << 63;
                lastKept++;
            }
        }
        return element(sign, kept, exponent + lastKept);
    }

    // ---------------------------------------------------------------- sums of products, rounded once

    /**
     * The Taylor recurrences' sums of products with one rounding: every product exact in limbs, added into two
     * fixed-point accumulators (positive and negative terms) and rounded once, with no allocation per term.
     * The accumulators reach {@link #SUM_SPREAD_BITS} below the largest product's last bit, so the sum is exact,
     * and correctly rounded, unless the terms differ in size by more than 2^SUM_SPREAD_BITS; a smaller term's
     * bits beyond are dropped, which moves the sum by less than one unit of that bit per term. A square (x = y
     * over a range symmetric about k/2, unweighted) takes each product of two different factors once, doubled.
     */
    @Override
    public BinaryElement sumOfProducts(BinaryElement[] x, BinaryElement[] y, int from, int to, int k,
            boolean weightedByIndex) {
        // the exponents of the products' last bits: the accumulators' ends
        long largestLow = Long.MIN_VALUE;
        long smallestLow = Long.MAX_VALUE;
        int terms = 0;
        for (int j = from; j <= to; j++) {
            BinaryElement a = x[j];
            BinaryElement b = y[k - j];
            if (a.sign() != 0 && b.sign() != 0) {
                long low = a.limbExponent() + b.limbExponent();
                largestLow = Math.max(largestLow, low);
                smallestLow = Math.min(smallestLow, low);
                terms++;
            }
        }
        if (terms == 0) {
            return zero;
        }
        boolean square = x == y && !weightedByIndex && from + to == k;
        // a product is below 2^(128 limbs), a weight below 2^weightBits, a doubled square term one bit more,
        // and the sum of the terms below 2^(carryBits) times the largest
        int weightBits = weightedByIndex ? 64 - Long.numberOfLeadingZeros(to) : 0;
        int carryBits = 64 - Long.numberOfLeadingZeros(terms) + (square ? 1 : 0);
        long last = Math.max(smallestLow, largestLow - SUM_SPREAD_BITS);
        long top = largestLow + 128L * limbs + weightBits + carryBits;
        int length = (int) ((top - last + 63) / 64);
        long[] positive = new long[length];
        long[] negative = new long[length];
        // a weighted product has a limb more for the weight
        int productLength = 2 * limbs + (weightedByIndex ? 1 : 0);
        long[] product = new long[productLength];
        for (int j = from; j <= to; j++) {
            BinaryElement a = x[j];
            BinaryElement b = y[k - j];
            if (a.sign() == 0 || b.sign() == 0 || (square && j > k - j)) {
                continue;
            }
            Limbs.multiplyInto(a.limbs(), b.limbs(), product);
            if (weightedByIndex) {
                product[2 * limbs] = Limbs.multiplyInPlace(product, 2 * limbs, j);
            }
            long shift = a.limbExponent() + b.limbExponent() - last + (square && j < k - j ? 1 : 0);
            Limbs.addShifted(a.sign() * b.sign() > 0 ? positive : negative, product, productLength, shift);
        }
        int order = Limbs.compare(positive, negative);
        if (order == 0) {
            return zero;
        }
        long[] sum = order > 0 ? positive : negative;
        Limbs.subtractInPlace(sum, order > 0 ? negative : positive);
        return round(order, sum, length, last, false);
    }

    /** {@code sign * magnitude * 2^exponent} for a magnitude already in limbs, after the range check. */
    BinaryElement element(int sign, long[] limbs, long exponent) {
        if (Math.abs(exponent) > MAX_EXPONENT) {
            throw new ArithmeticException((exponent > 0 ? "overflow" : "underflow") + ": a " + name()
                    + " exponent beyond 2^+-" + MAX_EXPONENT);
        }
        return new BinaryElement(this, sign, limbs, (int) exponent);
    }

    BinaryElement fromInteger(BigInteger value) {
        return round(value.signum(), value.abs(), 0, false);
    }

    /** The value of an exact decimal, correctly rounded: the quotient by a power of ten carries its remainder. */
    BinaryElement fromBigDecimal(BigDecimal value) {
        BigInteger unscaled = value.unscaledValue();
        int scale = value.scale();
        if (unscaled.signum() == 0) {
            return zero;
        }
        if (scale <= 0) {
            return fromInteger(unscaled.multiply(BigInteger.TEN.pow(-scale)));
        }
        BigInteger divisor = BigInteger.TEN.pow(scale);
        BigInteger magnitude = unscaled.abs();
        int shift = Math.max(0, precision + 3 + divisor.bitLength() - magnitude.bitLength());
        BigInteger[] quotient = magnitude.shiftLeft(shift).divideAndRemainder(divisor);
        return round(unscaled.signum(), quotient[0], -(long) shift, quotient[1].signum() != 0);
    }

    // ---------------------------------------------------------------- Field

    @Override
    public BinaryElement getZero() {
        return zero;
    }

    @Override
    public BinaryElement getOne() {
        return one;
    }

    @Override
    public Class<? extends FieldElement<BinaryElement>> getRuntimeClass() {
        return BinaryElement.class;
    }

    // ---------------------------------------------------------------- NumberSystem

    @Override
    public BinaryElement fromDecimal(String decimalText) {
        return fromBigDecimal(new BigDecimal(decimalText));
    }

    @Override
    public BinaryElement fromDouble(double value) {
        if (ExactFieldSystem.finite(value) == 0) {
            return zero;
        }
        int exponent = Math.getExponent(value);
        long bits = Double.doubleToRawLongBits(value) & 0x000fffffffffffffL;
        // a subnormal double has no implicit leading bit and the exponent of the smallest normal one
        long significand = exponent < Double.MIN_EXPONENT ? bits : bits | 0x0010000000000000L;
        int sign = value < 0 ? -1 : 1;
        return round(sign, new long[] {significand}, 1, Math.max(exponent, Double.MIN_EXPONENT) - 52L, false);
    }

    @Override
    public BinaryElement fromInt(int value) {
        return fromInteger(BigInteger.valueOf(value));
    }

    /**
     * A binary value of another precision rounded to this one; apfloat's and double-double's exactly, rounded once;
     * others (doubles) exactly.
     */
    @Override
    public BinaryElement from(RealFieldElement<?> value) {
        if (value instanceof BinaryElement) {
            BinaryElement binary = (BinaryElement) value;
            return binary.system() == this ? binary
                    : round(binary.sign(), binary.magnitude(), binary.exponent(), false);
        }
        if (value instanceof ApfloatElement) {
            return fromApfloat(((ApfloatElement) value).value());
        }
        if (value instanceof DoubleDoubleElement doubleDouble) {
            return fromBigDecimal(doubleDouble.toBigDecimal());
        }
        return fromDouble(value.getReal());
    }

    BinaryElement fromApfloat(Apfloat value) {
        if (value.signum() == 0) {
            return zero;
        }
        if (Math.abs(value.scale()) > MAX_DECIMAL_EXPONENT) {
            // refused before its exact decimal is read: 10^(10^9) does not fit a BigDecimal
            throw new ArithmeticException((value.scale() > 0 ? "overflow" : "underflow") + ": 10^" + value.scale()
                    + " is beyond " + name() + "'s exponent range");
        }
        return fromBigDecimal(new BigDecimal(value.toString(false)));
    }

    /** pi, faithfully: apfloat's pi at 25 more digits, rounded once (computed once per system). */
    @Override
    public synchronized BinaryElement pi() {
        if (pi == null) {
            pi = fromApfloat(new FixedPrecisionApfloatHelper(digits + 25).pi());
        }
        return pi;
    }

    @Override
    public int digits() {
        return digits;
    }

    /** The spacing of representable numbers just above one, 2^(1-p); at most 10^-digits. */
    @Override
    public double epsilon() {
        return Math.scalb(1.0, 1 - precision);
    }

    /**
     * 2^(1-p), one unit in the last place near one: arithmetic rounds to nearest (half of it), and exp, log,
     * tanh and the functions through apfloat are faithful, erring by less than one unit in the last place.
     */
    @Override
    public double unitRoundoff() {
        return epsilon();
    }

    /** From the exponent and the leading bits, so values beyond a double's range have a finite log. */
    @Override
    public double logAbs(BinaryElement value) {
        if (value.sign() == 0) {
            return Double.NEGATIVE_INFINITY;
        }
        double leading = value.leadingBits() >>> 11;
        return StrictMath.log(leading) + (value.exponent() + precision - 53.0) * StrictMath.log(2);
    }

    @Override
    public String format(BinaryElement value, int significantDigits) {
        if (value.sign() == 0) {
            return "0";
        }
        int shown = Math.max(1, Math.min(significantDigits, digits));
        return value.toBigDecimal().round(new MathContext(shown, RoundingMode.HALF_EVEN)).stripTrailingZeros()
                .toString();
    }

    /** {@link BinaryElement#sqrt} and {@link BinaryElement#getReal} both round to nearest. */
    @Override
    public boolean roundsRootsCorrectly() {
        return true;
    }

    @Override
    public String name() {
        return "binary(" + digits + ")";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BinarySystem && ((BinarySystem) other).digits == digits;
    }

    @Override
    public int hashCode() {
        return 31 * digits + 7;
    }

    @Override
    public String toString() {
        return name();
    }
}
