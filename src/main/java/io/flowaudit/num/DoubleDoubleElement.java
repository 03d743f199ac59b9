package io.flowaudit.num;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.function.BiFunction;
import org.apache.commons.math3.Field;
import org.apfloat.Apfloat;
import org.apfloat.FixedPrecisionApfloatHelper;

/**
 * A {@link DoubleDoubleSystem} number hi + lo, hi = RN(hi + lo). The bounds below are of the relative error of one
 * operation on exact inputs, in units of u^2, u = 2^-53; "JMP n" is Algorithm n of Joldes, Muller, Popescu, "Tight
 * and rigorous error bounds for basic building blocks of double-word arithmetic", ACM TOMS 44(2), 2017, whose bound
 * is cited. Every bound is within {@link DoubleDoubleSystem#UNIT_ROUNDOFF} = 256 u^2; DoubleDoubleTest measures each.
 */
final class DoubleDoubleElement implements LinearCombinations<DoubleDoubleElement>,
        ExactDoubleOperands<DoubleDoubleElement>, ThroughApfloat<DoubleDoubleElement>, Comparable<DoubleDoubleElement> {

    /** Decimal digits beyond the exact input's with which apfloat computes the functions delegated to it. */
    private static final int APFLOAT_GUARD_DIGITS = 50;

    /** ln 2 and pi/2, each split into three doubles (the nearest to what the ones before leave): exact to 2^-155. */
    private static final double[] LN2 = split("0.6931471805599453094172321214581765680755001343602552541206800094");
    private static final double[] HALF_PI = split("1.570796326794896619231321691639751442098584699687552910487472296");

    /** expm1's argument is halved until it is at most this in size before its series. */
    private static final double SERIES_RADIUS = 1.0 / 64;

    /**
     * 1/(i + 1)! for i = 0..12, each the nearest double-double (within u^2): the series of (e^r - 1)/r in r, whose
     * terms beyond, r^i/(i + 1)! for i >= 13, sum to below 2^-78/14! (1 + 2^-6) < 2^-114 for |r| <= 1/64.
     */
    private static final DoubleDoubleElement[] EXPM1_SERIES = factorialSeries(1, 13, false);

    /**
     * (-1)^i/(2i + 1)! and (-1)^i/(2i)! for i = 0..13: sin r / r and cos r as series in r^2; for |r| <= 0.79 (pi/4
     * and the reduction's error) the terms beyond are below 0.79^28/29! < 2^-112 and 0.79^28/28! < 2^-107.4, 0.53 u^2
     * of cos r >= 0.707.
     */
    private static final DoubleDoubleElement[] SINE_SERIES = factorialSeries(1, 14, true);
    private static final DoubleDoubleElement[] COSINE_SERIES = factorialSeries(0, 14, true);

    /**
     * 1/(2i + 1) for i = 0..21, each the nearest double-double: atanh s / s as a series in s^2. For |s| <= 0.1716
     * (log's reduced argument) the terms beyond are below 0.02944^22/45 < 2^-117.
     */
    private static final DoubleDoubleElement[] ATANH_SERIES = atanhSeries(22);

    /** log's reduction keeps the mantissa m of x = 2^k m below this (sqrt 2 rounded up), and at least half of it. */
    private static final double SQRT_TWO = 1.4142135623730951;

    /** pow(int) multiplies natively up to this |n| (its bound within the system's), and goes through apfloat beyond. */
    private static final int NATIVE_POWER_LIMIT = 32;

    /** pow of a real exponent computes exp(e log x) natively up to this |e log x|, and goes through apfloat beyond. */
    private static final double NATIVE_EXPONENT_LIMIT = 4;

    /**
     * Below this in size, the exact error of a product of doubles (FMA) can have bits under 2^-1074, which are lost: a
     * quotient's remainder or a root's, computed from a product this small, is then off by up to 2^-1075 absolutely,
     * 2^-75 of a quotient near 1 of two numbers near 2^-1000. Such operands are scaled by a power of two first.
     */
    private static final double EXACT_PRODUCT_LIMIT = 0x1p-969;

    /** Below this, log goes through apfloat: the reduction's scaled parts would leave double's normal range. */
    private static final double LOG_NORMAL_LIMIT = 0x1p-960;

    /** sin and cos of arguments beyond this go through apfloat, as do those within 2^-30 of a zero of the result. */
    private static final double TRIGONOMETRIC_REDUCTION_LIMIT = 0x1p20;

    /** Beyond this |x|, 1 - |tanh x| = 2/(e^(2|x|) + 1) < 2e^-80 < 2^-114 lies below the last bit: tanh is +-1. */
    private static final double TANH_SATURATION = 40;

    /** exp of more than this overflows a double; of less than {@link #EXP_UNDERFLOW} it is 0. */
    private static final double EXP_OVERFLOW = 709.79;
    private static final double EXP_UNDERFLOW = -746;

    private final double hi;
    private final double lo;

    DoubleDoubleElement(double hi, double lo) {
        this.hi = hi;
        this.lo = lo;
    }

    /** hi + lo, |hi| >= |lo| or hi = 0, as a normalized pair (Fast2Sum: exact); an overflow is an exception. */
    static DoubleDoubleElement fastTwoSum(double a, double b) {
        double s = a + b;
        if (!Double.isFinite(s)) {
            throw new ArithmeticException("overflow: a double-double beyond double's range");
        }
        return new DoubleDoubleElement(s, b - (s - a));
    }

    /**
     * The double-double nearest an exact decimal: hi its nearest double, lo the remainder's, within u|lo| <= u^2 |hi|
     * of it (here, not in the system, so this class's constants need not wait for the system's).
     */
    static DoubleDoubleElement nearest(BigDecimal value) {
        double hi = ExactFieldSystem.finite(value.doubleValue());
        double lo = value.subtract(new BigDecimal(hi)).doubleValue();
        return fastTwoSum(hi, lo);
    }

    /** (+-1)^i/(step i + offset)! for i = 0..terms-1, step 1 or 2 (2 when alternating), the sign alternating. */
    private static DoubleDoubleElement[] factorialSeries(int offset, int terms, boolean alternating) {
        int step = alternating ? 2 : 1;
        DoubleDoubleElement[] out = new DoubleDoubleElement[terms];
        for (int i = 0; i < terms; i++) {
            BigInteger factorial = BigInteger.ONE;
            for (int n = 2; n <= step * i + offset; n++) {
                factorial = factorial.multiply(BigInteger.valueOf(n));
            }
            BigDecimal term = BigDecimal.ONE.divide(new BigDecimal(factorial), new MathContext(50));
            out[i] = nearest(alternating && i % 2 == 1 ? term.negate() : term);
        }
        return out;
    }

    private static DoubleDoubleElement[] atanhSeries(int terms) {
        DoubleDoubleElement[] out = new DoubleDoubleElement[terms];
        for (int i = 0; i < terms; i++) {
            out[i] = nearest(BigDecimal.ONE.divide(BigDecimal.valueOf(2L * i + 1), new MathContext(50)));
        }
        return out;
    }

    private static double[] split(String decimal) {
        BigDecimal rest = new BigDecimal(decimal);
        double[] parts = new double[3];
        for (int i = 0; i < 3; i++) {
            parts[i] = rest.doubleValue();
            rest = rest.subtract(new BigDecimal(parts[i]));
        }
        return parts;
    }

    /**
     * sum_i c_i s^i by Horner. With |c_(i+1) s| at most a fraction f of |c_i| (f <= 0.45 in every use here), the
     * sum errs by at most 4.02 u^2 (a sum and a coefficient) plus f times the next step's error and the product's
     * 5 u^2 and s's relative error.
     */
    private static DoubleDoubleElement horner(DoubleDoubleElement[] c, DoubleDoubleElement s) {
        DoubleDoubleElement sum = c[c.length - 1];
        for (int i = c.length - 2; i >= 0; i--) {
            sum = sum.multiply(s).add(c[i]);
        }
        return sum;
    }

    /**
     * x - k (c0 + c1 + c2) for a constant in three doubles: k c0 and k c1 exact (two products by FMA), subtracted
     * with AccurateDWPlusDW, k c2 with DWPlusFP. The result errs absolutely by at most 3.01 u^2 |x - k c0| +
     * 3.01 u^2 |x - k (c0 + c1)| + 2 u^2 |result| + |k| 2^-155 (the constant's own error).
     */
    private DoubleDoubleElement minusMultiple(double k, double[] constant) {
        double high = k * constant[0];
        double middle = k * constant[1];
        return subtract(new DoubleDoubleElement(high, Math.fma(k, constant[0], -high)))
                .subtract(new DoubleDoubleElement(middle, Math.fma(k, constant[1], -middle)))
                .add(-k * constant[2]);
    }

    /** The exponent e of a nonzero double, 2^e <= |x| < 2^(e + 1), also for a subnormal one. */
    private static int exponent(double x) {
        return Math.getExponent(x) >= Double.MIN_EXPONENT ? Math.getExponent(x) : Math.getExponent(x * 0x1p54) - 54;
    }

    public double hi() {
        return hi;
    }

    public double lo() {
        return lo;
    }

    /** The exact value. */
    public BigDecimal toBigDecimal() {
        return new BigDecimal(hi).add(new BigDecimal(lo));
    }

    @Override
    public Field<DoubleDoubleElement> getField() {
        return DoubleDoubleSystem.INSTANCE;
    }

    /** hi, the double nearest the value. */
    @Override
    public double getReal() {
        return hi;
    }

    @Override
    public DoubleDoubleElement fromDouble(double value) {
        return DoubleDoubleSystem.INSTANCE.fromDouble(value);
    }

    // ---------------------------------------------------------------- arithmetic (JMP)

    /** AccurateDWPlusDW (JMP 6): at most 3u^2/(1 - 4u) < 3.01 u^2. */
    @Override
    public DoubleDoubleElement add(DoubleDoubleElement y) {
        double sh = hi + y.hi;
        double a = sh - y.hi;
        double sl = (hi - a) + (y.hi - (sh - a));
        double th = lo + y.lo;
        double b = th - y.lo;
        double tl = (lo - b) + (y.lo - (th - b));
        double c = sl + th;
        double vh = sh + c;
        double vl = c - (vh - sh);
        return fastTwoSum(vh, tl + vl);
    }

    /** DWPlusFP (JMP 4): at most 2u^2. */
    @Override
    public DoubleDoubleElement add(double y) {
        double sh = hi + y;
        double a = sh - y;
        double sl = (hi - a) + (y - (sh - a));
        return fastTwoSum(sh, lo + sl);
    }

    @Override
    public DoubleDoubleElement subtract(DoubleDoubleElement y) {
        return add(y.negate());
    }

    @Override
    public DoubleDoubleElement subtract(double y) {
        return add(-y);
    }

    @Override
    public DoubleDoubleElement negate() {
        return new DoubleDoubleElement(-hi, -lo);
    }

    /** DWTimesDW3 (JMP 12, with FMA): at most 5u^2. */
    @Override
    public DoubleDoubleElement multiply(DoubleDoubleElement y) {
        double ch = hi * y.hi;
        double cl1 = Math.fma(hi, y.hi, -ch);
        double tl1 = Math.fma(hi, y.lo, lo * y.lo);
        double cl2 = Math.fma(lo, y.hi, tl1);
        return fastTwoSum(ch, cl1 + cl2);
    }

    /** DWTimesFP3 (JMP 9, with FMA): at most 2u^2. */
    @Override
    public DoubleDoubleElement multiply(double y) {
        double ch = hi * y;
        double cl1 = Math.fma(hi, y, -ch);
        return fastTwoSum(ch, Math.fma(lo, y, cl1));
    }

    @Override
    public DoubleDoubleElement multiply(int n) {
        return multiply((double) n);
    }

    /** DWDivDW2 (JMP 17, its product DWTimesFP1, JMP 7): at most 15u^2 + 56u^3. */
    @Override
    public DoubleDoubleElement divide(DoubleDoubleElement y) {
        if (y.hi == 0) {
            throw new ArithmeticException("division by zero");
        }
        if (Math.abs(hi) < EXACT_PRODUCT_LIMIT && hi != 0) {
            // y th is about this small: both scaled to [1, 2) (exactly), the quotient scaled back
            int dividendScale = exponent(hi);
            int divisorScale = exponent(y.hi);
            return scalb(-dividendScale).divide(y.scalb(-divisorScale)).scalb(dividendScale - divisorScale);
        }
        double th = hi / y.hi;
        // (rh, rl) = y th by DWTimesFP1
        double ch = y.hi * th;
        double cl1 = Math.fma(y.hi, th, -ch);
        double cl2 = y.lo * th;
        double sh = ch + cl2;
        double tl2 = (cl2 - (sh - ch)) + cl1;
        double rh = sh + tl2;
        double rl = tl2 - (rh - sh);
        // hi - rh is exact (Sterbenz)
        double delta = (hi - rh) + (lo - rl);
        return fastTwoSum(th, delta / y.hi);
    }

    /** DWDivFP3 (JMP 15, with FMA): at most 3u^2. */
    @Override
    public DoubleDoubleElement divide(double y) {
        if (y == 0) {
            throw new ArithmeticException("division by zero");
        }
        if (Math.abs(hi) < EXACT_PRODUCT_LIMIT && hi != 0) {
            // th y is about this small: as in divide(DoubleDoubleElement)
            int dividendScale = exponent(hi);
            int divisorScale = exponent(y);
            return scalb(-dividendScale).divide(Math.scalb(y, -divisorScale)).scalb(dividendScale - divisorScale);
        }
        double th = hi / y;
        double ph = th * y;
        double pl = Math.fma(th, y, -ph);
        double delta = ((hi - ph) - pl) + lo;
        return fastTwoSum(th, delta / y);
    }

    @Override
    public DoubleDoubleElement reciprocal() {
        return DoubleDoubleSystem.INSTANCE.getOne().divide(this);
    }

    /**
     * SQRTDWtoDW of Lefèvre, Louvet, Muller, Picot, Rideau, "Accurate calculation of Euclidean norms using
     * double-word arithmetic", ACM TOMS 49(1), 2023: at most 25/8 u^2. hi - sh^2 is exact by FMA.
     */
    @Override
    public DoubleDoubleElement sqrt() {
        if (hi < 0) {
            throw new ArithmeticException("square root of a negative number");
        }
        if (hi == 0) {
            return DoubleDoubleSystem.INSTANCE.getZero();
        }
        if (hi < EXACT_PRODUCT_LIMIT) {
            // sh^2 is about this small: the root of x 2^(2j) in [1, 4) (exact), times 2^-j
            int half = exponent(hi) >> 1;
            return scalb(-2 * half).sqrt().scalb(half);
        }
        double sh = Math.sqrt(hi);
        double rho = lo + Math.fma(-sh, sh, hi);
        return fastTwoSum(sh, rho / (2 * sh));
    }

    /**
     * sqrt(x^2 + y^2) on the operands scaled by a power of two (exact) so the squares neither overflow nor
     * underflow: two products (5u^2 each), their sum (3.01 u^2) and the root (25/8 u^2 plus half the sum's
     * error): at most 8.2 u^2.
     */
    @Override
    public DoubleDoubleElement hypot(DoubleDoubleElement y) {
        double larger = Math.max(Math.abs(hi), Math.abs(y.hi));
        if (larger == 0) {
            return DoubleDoubleSystem.INSTANCE.getZero();
        }
        int scale = Math.getExponent(larger);
        DoubleDoubleElement a = scalb(-scale);
        DoubleDoubleElement b = y.scalb(-scale);
        return a.multiply(a).add(b.multiply(b)).sqrt().scalb(scale);
    }

    /**
     * x^n for |n| <= {@value #NATIVE_POWER_LIMIT} by squarings and products: x^n errs by at most (|n| - 1) 5u^2 =
     * 155 u^2 (each product's error is carried to the result once per factor it enters), and the reciprocal of a
     * negative power 15.01 u^2 more: 171 u^2; beyond, apfloat's.
     */
    @Override
    public DoubleDoubleElement pow(int n) {
        if (n == 0) {
            return DoubleDoubleSystem.INSTANCE.getOne();
        }
        if (hi == 0 && n < 0) {
            throw new ArithmeticException("zero to a negative power");
        }
        // |n| in long: Math.abs(Integer.MIN_VALUE) is negative, and its bits never shift down to 0
        if (Math.abs((long) n) > NATIVE_POWER_LIMIT) {
            return viaApfloat((helper, x) -> helper.pow(x, n));
        }
        if (n < 0 && exponent(hi) != 0) {
            // x^|n| may be far smaller (or larger) than its reciprocal, below 2^-969 or beyond double's range while
            // x^n is not: the power of x 2^-e in [1, 2) (exact), scaled back by 2^(e n)
            int scale = exponent(hi);
            return scalb(-scale).pow(n).scalb(scale * n);
        }
        DoubleDoubleElement power = null;
        DoubleDoubleElement square = this;
        for (int bits = Math.abs(n); bits != 0; bits >>= 1) {
            if ((bits & 1) != 0) {
                power = power == null ? square : power.multiply(square);
            }
            if (bits > 1) {
                square = square.multiply(square);
            }
        }
        return n > 0 ? power : power.reciprocal();
    }

    /**
     * x^e = exp(e log x) for x > 0 where |e log x| <= {@value #NATIVE_EXPONENT_LIMIT}: log (38 u^2) and the product
     * (5) put the exponent within 43.1 u^2 relatively, which exp carries as an absolute error, at most 4 (43.1) =
     * 172.4 u^2 of the result, beside its own 27: at most 200 u^2. Integer exponents by {@link #pow(int)}; others
     * through apfloat.
     */
    @Override
    public DoubleDoubleElement pow(DoubleDoubleElement e) {
        if (e.equals(e.rint()) && Math.abs(e.hi) < Integer.MAX_VALUE) {
            return pow((int) e.hi);
        }
        if (hi > 0) {
            DoubleDoubleElement exponent = e.multiply(log());
            if (Math.abs(exponent.hi) <= NATIVE_EXPONENT_LIMIT) {
                return exponent.exp();
            }
        }
        return viaApfloat(e, (helper, x, y) -> helper.pow(x, y));
    }

    // ---------------------------------------------------------------- exp, expm1, tanh

    /**
     * (e^x - 1) for |x| <= 1: x halved m <= 6 times to r, |r| <= 1/64 (exact); p = sum_{i=1..13} r^(i-1)/i! by
     * Horner; e_0 = p r; then m times e_(j+1) = e_j (e_j + 2), the expm1 of twice the argument, without
     * cancellation.
     *
     * <p>Bound. Horner: each step p_i = p_(i+1) r + 1/i! errs by the sum's 3.01, the coefficient's 1.01 and, weighted
     * by |p_(i+1) r|/|p_i| <= 0.008, the product's 5 and p_(i+1)'s own (<= 5): p errs by at most 4.2 u^2 with the
     * truncation (< 2^-114). e_0: 4.2 + 5 = 9.2 u^2. A doubling carries e_j's error times 1 + |e_j|/(2 + e_j)
     * = 1 + tanh(|r| 2^(j-1)) and adds 2 (DWPlusFP) + 5 (product) = 7 u^2; the factors' product is at most
     * exp(sum_j |r| 2^(j-1)) <= e^(|x|/2) <= 1.65, so e_m errs by at most 9.2 (1.65) + 7 m (1.65) <= 85 u^2 for m = 6,
     * and by 9.2 (1.19) + 35 (1.19) <= 53 u^2 for |x| <= ln2/2 (m <= 5), exp's reduced argument.
     */
    private DoubleDoubleElement expm1Reduced() {
        int halvings = 0;
        double size = Math.abs(hi);
        while (size > SERIES_RADIUS) {
            size /= 2;
            halvings++;
        }
        DoubleDoubleElement r = scalb(-halvings);
        DoubleDoubleElement e = horner(EXPM1_SERIES, r).multiply(r);
        for (int j = 0; j < halvings; j++) {
            e = e.multiply(e.add(2));
        }
        return e;
    }

    /**
     * e^x = 2^k e^r, k = rint(x / ln 2), r = x - k ln 2 ({@link #minusMultiple}): r errs absolutely by at most
     * 3.01 + 3.01 + 2 u^2 of sizes below 0.35 + 2^-42, and ln 2's three doubles by 1100 2^-155: r is off by < 2.9 u^2,
     * which moves e^r by that relatively. e^r = 1 + expm1(r) (<= 53 u^2, |r| <= 0.347): the sum (DWPlusFP, 2 u^2)
     * carries it times |e^r - 1|/e^r <= 0.415: 22 u^2. Total at most 27 u^2 (scaling by 2^k is exact while the
     * result is normal).
     */
    @Override
    public DoubleDoubleElement exp() {
        if (hi > EXP_OVERFLOW) {
            throw new ArithmeticException("overflow: exp(" + hi + ") is beyond double's range");
        }
        if (hi < EXP_UNDERFLOW) {
            return DoubleDoubleSystem.INSTANCE.getZero();
        }
        double k = StrictMath.rint(hi / LN2[0]);
        DoubleDoubleElement r = k == 0 ? this : minusMultiple(k, LN2);
        return r.expm1Reduced().add(1).scalb((int) k);
    }

    /**
     * For |x| <= 1 the series and doublings of exp's reduced argument (at most 85 u^2); beyond, e^x - 1 (DWPlusFP),
     * which carries exp's 27 u^2 times |e^x|/|e^x - 1| <= e/(e - 1) = 1.59: at most 45 u^2.
     */
    @Override
    public DoubleDoubleElement expm1() {
        if (Math.abs(hi) <= 1) {
            return expm1Reduced();
        }
        return exp().add(-1);
    }

    /**
     * tanh x = e/(e + 2), e = expm1(2x), for |x| <= 1/2: e's error (<= 85 u^2) is carried once by the numerator and
     * times |e|/(e + 2) = tanh|x| <= 0.47 by the denominator, which adds its sum's 2, and the quotient 15.01: at most
     * 85 (1.47) + 17.01 < 143 u^2. Beyond, sign(x) (1 - 2/(e^(2|x|) + 1)): exp (27), the sum (2 + 27), the
     * quotient (15.01): q = 2/(E + 1) errs by <= 44.1 u^2, carried times q/(1 - q) <= 1.17 (q <= 0.538), plus the
     * difference's 2: at most 54 u^2; beyond |x| = 40, +-1 (off by < 2^-114).
     */
    @Override
    public DoubleDoubleElement tanh() {
        double size = Math.abs(hi);
        if (size <= 0.5) {
            if (hi == 0) {
                return this;
            }
            DoubleDoubleElement e = multiply(2.0).expm1Reduced();
            return e.divide(e.add(2));
        }
        DoubleDoubleElement one = DoubleDoubleSystem.INSTANCE.getOne();
        if (size > TANH_SATURATION) {
            return hi > 0 ? one : one.negate();
        }
        DoubleDoubleElement twice = hi > 0 ? multiply(2.0) : multiply(-2.0);
        DoubleDoubleElement quotient = new DoubleDoubleElement(2, 0).divide(twice.exp().add(1));
        DoubleDoubleElement magnitude = quotient.negate().add(1);
        return hi > 0 ? magnitude : magnitude.negate();
    }

    // ---------------------------------------------------------------- integers and signs, from the exact value

    private DoubleDoubleElement rounded(RoundingMode mode) {
        return DoubleDoubleSystem.INSTANCE.fromBigDecimal(toBigDecimal().setScale(0, mode));
    }

    @Override
    public DoubleDoubleElement floor() {
        return rounded(RoundingMode.FLOOR);
    }

    @Override
    public DoubleDoubleElement ceil() {
        return rounded(RoundingMode.CEILING);
    }

    /** The nearest integer, ties to even. */
    @Override
    public DoubleDoubleElement rint() {
        return rounded(RoundingMode.HALF_EVEN);
    }

    /** The nearest long, ties away from zero (as the binary and apfloat elements round). */
    @Override
    public long round() {
        return toBigDecimal().setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    @Override
    public DoubleDoubleElement remainder(double a) {
        return remainder(fromDouble(a));
    }

    /** IEEE remainder x - n a, n the integer nearest x / a (ties to even), from the exact values, rounded once. */
    @Override
    public DoubleDoubleElement remainder(DoubleDoubleElement a) {
        if (a.hi == 0) {
            throw new ArithmeticException("remainder by zero");
        }
        BigDecimal x = toBigDecimal();
        BigDecimal y = a.toBigDecimal();
        BigDecimal n = x.divide(y, 0, RoundingMode.HALF_EVEN);
        return DoubleDoubleSystem.INSTANCE.fromBigDecimal(x.subtract(n.multiply(y)));
    }

    @Override
    public DoubleDoubleElement abs() {
        return hi < 0 ? negate() : this;
    }

    @Override
    public DoubleDoubleElement signum() {
        return DoubleDoubleSystem.INSTANCE.fromInt(hi > 0 ? 1 : hi < 0 ? -1 : 0);
    }

    @Override
    public DoubleDoubleElement copySign(DoubleDoubleElement sign) {
        return copySign(sign.hi);
    }

    @Override
    public DoubleDoubleElement copySign(double sign) {
        boolean negative = sign < 0 || (sign == 0 && 1 / sign < 0);
        return negative == hi < 0 || hi == 0 ? this : negate();
    }

    /** Exact while the result's parts are normal doubles; an overflow is an exception. */
    @Override
    public DoubleDoubleElement scalb(int n) {
        return fastTwoSum(Math.scalb(hi, n), Math.scalb(lo, n));
    }

    // ---------------------------------------------------------------- through apfloat, from the exact value

    /**
     * apfloat at 50 digits beyond the exact inputs' own (so a result near a zero of the function, or log near 1,
     * keeps 50 correct digits), rounded to the nearest double-double: within u^2 (1 + 10^-50). apfloat's zero has
     * infinite precision: it adds no digits.
     */
    private static FixedPrecisionApfloatHelper helper(Apfloat... inputs) {
        long digits = 0;
        for (Apfloat input : inputs) {
            if (input.signum() != 0) {
                digits = Math.max(digits, input.precision());
            }
        }
        return new FixedPrecisionApfloatHelper(digits + APFLOAT_GUARD_DIGITS);
    }

    private Apfloat exactApfloat() {
        BigDecimal exact = toBigDecimal();
        return new Apfloat(exact, Math.max(1, exact.precision()));
    }

    private static DoubleDoubleElement fromApfloat(Apfloat value) {
        return value.signum() == 0 ? DoubleDoubleSystem.INSTANCE.getZero()
                : DoubleDoubleSystem.INSTANCE.fromBigDecimal(new BigDecimal(value.toString(false)));
    }

    @Override
    public DoubleDoubleElement viaApfloat(BiFunction<FixedPrecisionApfloatHelper, Apfloat, Apfloat> function) {
        Apfloat x = exactApfloat();
        return fromApfloat(function.apply(helper(x), x));
    }

    @Override
    public DoubleDoubleElement viaApfloat(DoubleDoubleElement other, ThroughApfloat.Binary function) {
        Apfloat x = exactApfloat();
        Apfloat y = other.exactApfloat();
        return fromApfloat(function.apply(helper(x, y), x, y));
    }

    /**
     * log x = k ln 2 + 2 atanh s: x = 2^k m (exact) with m in [sqrt(1/2), sqrt 2), s = (m - 1)/(m + 1), |s| <= 0.1716,
     * atanh s = s P(s^2) by Horner ({@link #ATANH_SERIES}).
     *
     * <p>Bound. m - 1 and m + 1 (DWPlusFP, 2 u^2 each) and their quotient (15.01): s within 19.01 u^2; s^2 within
     * 2 (19.01) + 5 = 43.1. P's steps shrink by f <= s^2 < 0.0295: 4.02 + 0.0295 (4.2 + 5 + 43.1) < 5.6, and the
     * truncation < 2^-117. s P: 5 + 19.01 + 5.6 = 29.7 u^2 for k = 0. Else k ln 2 is added ({@link #minusMultiple}
     * with -k): at most 8.02 u^2 of the result, and log m's error is carried times |log m|/|log x| <= 0.3466/(0.6931 -
     * 0.3466) < 1.001: at most 38 u^2. Below 2^-960, through apfloat.
     */
    @Override
    public DoubleDoubleElement log() {
        if (hi <= 0) {
            throw new ArithmeticException("logarithm of a non-positive number");
        }
        if (hi < LOG_NORMAL_LIMIT) {
            return viaApfloat((helper, x) -> helper.log(x));
        }
        int k = Math.getExponent(hi);
        DoubleDoubleElement m = scalb(-k);
        if (m.hi >= SQRT_TWO) {
            m = m.scalb(-1);
            k++;
        }
        DoubleDoubleElement s = m.add(-1.0).divide(m.add(1.0));
        DoubleDoubleElement logOfM = horner(ATANH_SERIES, s.multiply(s)).multiply(s).scalb(1);
        return k == 0 ? logOfM : logOfM.minusMultiple(-k, LN2);
    }

    /** log of the exact 1 + x, at 50 digits beyond its own. */
    @Override
    public DoubleDoubleElement log1p() {
        BigDecimal onePlus = BigDecimal.ONE.add(toBigDecimal());
        if (onePlus.signum() <= 0) {
            throw new ArithmeticException("logarithm of a non-positive number");
        }
        Apfloat exact = new Apfloat(onePlus, onePlus.precision());
        return fromApfloat(helper(exact).log(exact));
    }

    @Override
    public DoubleDoubleElement sin() {
        return sinOrCos(false);
    }

    @Override
    public DoubleDoubleElement cos() {
        return sinOrCos(true);
    }

    /**
     * sin x, or cos x = sin(x + pi/2): x = k pi/2 + r ({@link #minusMultiple}, |k| <= 2^21), k mod 4 picking +-sin r or
     * +-cos r, each by its series in s = r^2 ({@link #horner}). r errs absolutely by at most 3.01 (|r| + |k| 2^-54)
     * + 3.01 |r| + 2 |r| u^2 (+ 2^-134): for |r| >= 2^-30 (sin r; below, through apfloat) relatively by at most
     * 8.5 u^2, and sin r by as much. sin r = r P(s): P's Horner steps shrink by f <= (pi/4)^2/6 = 0.103 (4.02 +
     * 0.115 (4.1 + 5 + 5 + 17) <= 7.6), times r (5): at most 21.1 u^2. cos r = Q(s) >= 0.707: f <= 0.45, Q errs by
     * at most 4.02 + 0.45 (4.1 + 5 + 5 + 17) + 0.53 (truncation) <= 18.6 u^2. Beyond |x| = 2^20, through apfloat.
     */
    private DoubleDoubleElement sinOrCos(boolean cosine) {
        BiFunction<FixedPrecisionApfloatHelper, Apfloat, Apfloat> apfloats = (helper, x) -> cosine ? helper.cos(x)
                : helper.sin(x);
        if (hi == 0) {
            return cosine ? DoubleDoubleSystem.INSTANCE.getOne() : this;
        }
        if (!(Math.abs(hi) < TRIGONOMETRIC_REDUCTION_LIMIT)) {
            return viaApfloat(apfloats);
        }
        double k = StrictMath.rint(hi / HALF_PI[0]);
        DoubleDoubleElement r = k == 0 ? this : minusMultiple(k, HALF_PI);
        long quadrant = Math.floorMod((long) k + (cosine ? 1 : 0), 4);
        boolean sineOfR = quadrant % 2 == 0;
        if (sineOfR && Math.abs(r.hi) < 0x1p-30 && k != 0) {
            return viaApfloat(apfloats);
        }
        DoubleDoubleElement square = r.multiply(r);
        DoubleDoubleElement value = sineOfR ? horner(SINE_SERIES, square).multiply(r) : horner(COSINE_SERIES, square);
        return quadrant >= 2 ? value.negate() : value;
    }

    // ---------------------------------------------------------------- linear combinations

    @Override
    public DoubleDoubleElement linearCombination(DoubleDoubleElement[] a, DoubleDoubleElement[] b) {
        DoubleDoubleElement sum = DoubleDoubleSystem.INSTANCE.getZero();
        for (int i = 0; i < a.length; i++) {
            sum = sum.add(a[i].multiply(b[i]));
        }
        return sum;
    }

    @Override
    public DoubleDoubleElement linearCombination(double[] a, DoubleDoubleElement[] b) {
        DoubleDoubleElement sum = DoubleDoubleSystem.INSTANCE.getZero();
        for (int i = 0; i < a.length; i++) {
            sum = sum.add(b[i].multiply(a[i]));
        }
        return sum;
    }

    // ---------------------------------------------------------------- comparison

    /** By hi, then lo: hi is the value's nearest double, so a larger hi is a larger value. */
    @Override
    public int compareTo(DoubleDoubleElement other) {
        return hi != other.hi ? (hi < other.hi ? -1 : 1) : lo < other.lo ? -1 : lo > other.lo ? 1 : 0;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DoubleDoubleElement && compareTo((DoubleDoubleElement) other) == 0;
    }

    /** Of the values, so +0 and -0 (equal) hash alike. */
    @Override
    public int hashCode() {
        return 31 * Double.hashCode(hi + 0.0) + Double.hashCode(lo + 0.0);
    }

    @Override
    public String toString() {
        return toBigDecimal().toString();
    }
}
