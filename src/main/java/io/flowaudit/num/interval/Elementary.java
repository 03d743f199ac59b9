package io.flowaudit.num.interval;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Enclosures of elementary functions at one exact point, each an {@link Interval} of a working
 * precision a few guard digits above the caller's, computed by interval arithmetic so that the only
 * error to bound by hand is each series' truncation (docs/theory.md, "Interval arithmetic", states the
 * remainder bound of every series):
 * <ul>
 * <li>expm1: {@code x = 2^k r} with {@code r <= 2^-8} (exact in decimal: {@code r = x 5^k / 10^k}),
 * Taylor with the Lagrange remainder {@code 0 <= R <= 2 r^(N+1)/(N+1)!}, then k doublings
 * {@code m -> m (m + 2)}; exp and the hyperbolic functions from it.</li>
 * <li>log: decimal reduction to {@code m in [1, 10)} (none in [0.5, 2]), square roots until
 * {@code |m - 1| < 0.01}, then {@code 2 atanh((m-1)/(m+1))} with the geometric tail bound.</li>
 * <li>pi: Machin's {@code 16 atan(1/5) - 4 atan(1/239)}, alternating tails. sin and cos: reduction by
 * an enclosure of {@code pi/2} carried to enough digits for the argument's size, Taylor with Lagrange
 * remainders.</li>
 * <li>atan: argument halving {@code atan y = 2 atan(y / (1 + sqrt(1 + y^2)))}, alternating tail.</li>
 * </ul>
 */
final class Elementary {

    /** exp and expm1 refuse arguments above this; below its negative exp is enclosed by [0, exp(-limit)]. */
    static final BigDecimal EXP_LIMIT = new BigDecimal("1e9");

    /** Beyond |x| = 10^this, sin and cos return [-1, 1] rather than carry pi to as many digits. */
    private static final int TRIGONOMETRIC_EXPONENT_LIMIT = 1000;

    /** tanh(x) for x above this is enclosed by [1 - 10^-868, 1]. */
    private static final BigDecimal TANH_SATURATION = new BigDecimal(1000);

    /** Digits carried beyond the caller's so that series sums and reductions still round to a tight result. */
    private static final int GUARD = 10;
    private static final BigDecimal HALF = new BigDecimal("0.5");

    private static final BigDecimal TWO = BigDecimal.valueOf(2);
    private static final BigDecimal ONE_PERCENT = new BigDecimal("0.01");

    private static Interval cachedPi;
    private static Interval cachedLn10;

    private Elementary() {
    }

    /** The exponent e with {@code 10^e <= |x| < 10^(e+1)}, for x other than 0. */
    static int decimalExponent(BigDecimal x) {
        return x.precision() - x.scale() - 1;
    }

    private static IntervalSystem working(int digits) {
        return new IntervalSystem(digits);
    }

    /** The largest {@code digits}-digit decimal whose square is at most a, found by exact squaring. */
    static BigDecimal sqrtDown(BigDecimal a, int digits) {
        if (a.signum() == 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal s = a.sqrt(new MathContext(digits, RoundingMode.FLOOR));
        while (s.multiply(s).compareTo(a) > 0) {
            s = s.subtract(s.ulp());
        }
        return s;
    }

    /** A {@code digits}-digit decimal whose square is at least a, found by exact squaring. */
    static BigDecimal sqrtUp(BigDecimal a, int digits) {
        if (a.signum() == 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal s = a.sqrt(new MathContext(digits, RoundingMode.CEILING));
        while (s.multiply(s).compareTo(a) < 0) {
            s = s.add(s.ulp());
        }
        return s;
    }

    static Interval expm1(BigDecimal x, int digits) {
        if (x.signum() == 0) {
            return working(digits).getZero();
        }
        if (x.signum() > 0) {
            return expm1Positive(x, digits);
        }
        if (x.negate().compareTo(EXP_LIMIT) > 0) {
            return working(digits).enclosing(BigDecimal.ONE.negate(), expm1(EXP_LIMIT.negate(), digits).hi());
        }
        // expm1(x) = -m / (1 + m) with m = expm1(-x), decreasing in m: each end from the other end of m
        Interval m = expm1Positive(x.negate(), digits);
        IntervalSystem ws = m.system();
        BigDecimal lower = m.hi().divide(BigDecimal.ONE.add(m.hi(), ws.down()), ws.up()).negate();
        BigDecimal upper = m.lo().divide(BigDecimal.ONE.add(m.lo(), ws.up()), ws.down()).negate();
        return ws.enclosing(lower, upper);
    }

    private static Interval expm1Positive(BigDecimal x, int digits) {
        if (x.compareTo(EXP_LIMIT) > 0) {
            throw new ArithmeticException("exp(" + x + ") is refused: arguments above " + EXP_LIMIT.toPlainString()
                    + " overflow the enclosures' range");
        }
        double approximate = x.doubleValue();
        int doublings = approximate > 0x1p-8 ? Math.getExponent(approximate) + 9 : 0;
        BigDecimal r = x.multiply(BigDecimal.valueOf(5).pow(doublings)).movePointLeft(doublings);
        // each doubling m(m + 2) at most doubles the relative width: carry log10(2) digits per doubling
        IntervalSystem ws = working(digits + GUARD + (int) Math.ceil(doublings * 0.30103));
        Interval rEnclosure = ws.enclosing(r);
        BigDecimal tolerance = rEnclosure.lo().movePointLeft(ws.digits() + 1);
        Interval term = rEnclosure;
        Interval sum = rEnclosure;
        for (int n = 2;; n++) {
            term = term.multiply(rEnclosure).divide(n);
            sum = sum.add(term);
            // Lagrange: R = e^xi r^(n+1)/(n+1)! with e^xi <= e^(1/2) < 2
            BigDecimal remainder = term.hi().multiply(rEnclosure.hi()).multiply(TWO)
                    .divide(BigDecimal.valueOf(n + 1), ws.up());
            if (remainder.compareTo(tolerance) <= 0) {
                sum = sum.add(ws.enclosing(BigDecimal.ZERO, remainder));
                break;
            }
        }
        for (int i = 0; i < doublings; i++) {
            // expm1(2y) = m (m + 2), increasing in m >= 0, so interval multiplication is exact here
            sum = sum.multiply(sum.add(2));
        }
        return sum;
    }

    static Interval exp(BigDecimal x, int digits) {
        if (x.signum() >= 0) {
            Interval m = expm1(x, digits);
            return m.add(m.system().getOne());
        }
        if (x.negate().compareTo(EXP_LIMIT) > 0) {
            return working(digits).enclosing(BigDecimal.ZERO, exp(EXP_LIMIT.negate(), digits).hi());
        }
        Interval m = expm1Positive(x.negate(), digits);
        return m.add(m.system().getOne()).reciprocal();
    }

    static Interval log(BigDecimal x, int digits) {
        int w = digits + GUARD;
        if (x.compareTo(new BigDecimal("0.5")) >= 0 && x.compareTo(TWO) <= 0) {
            return logOfMantissa(x, w);
        }
        int exponent = decimalExponent(x);
        Interval mantissaLog = logOfMantissa(x.movePointLeft(exponent), w);
        return mantissaLog.add(ln10(w + 1 + Math.max(0, decimalExponent(BigDecimal.valueOf(exponent))))
                .multiply(exponent));
    }

    /** ln m for m in [0.5, 10]: square roots to bring m within 1 % of 1, then the atanh series. */
    private static Interval logOfMantissa(BigDecimal m, int digits) {
        // each square root's rounding is multiplied by 2 at the end: up to 9 of them, 3 digits
        IntervalSystem ws = working(digits + 3);
        // m unrounded: near 1 its digits past the working precision carry all of ln m
        Interval root = new Interval(ws, m, m);
        int squareRoots = 0;
        while (root.hi().subtract(BigDecimal.ONE).compareTo(ONE_PERCENT) > 0
                || BigDecimal.ONE.subtract(root.lo()).compareTo(ONE_PERCENT) > 0) {
            root = root.sqrt();
            squareRoots++;
        }
        // z = (m - 1)/(m + 1) increases with m: each end from the same end of m
        BigDecimal zLo = root.lo().subtract(BigDecimal.ONE).divide(root.lo().add(BigDecimal.ONE), ws.down());
        BigDecimal zHi = root.hi().subtract(BigDecimal.ONE).divide(root.hi().add(BigDecimal.ONE), ws.up());
        Interval z = ws.enclosing(zLo, zHi);
        return atanhSeries(z).multiply(ws.enclosing(TWO.pow(squareRoots + 1)));
    }

    /**
     * atanh z = sum z^(2n+1)/(2n+1) for |z| <= 0.005; after the term of degree 2n+1 the tail is at most
     * {@code |z|^(2n+3) / ((2n+3)(1 - z^2)) <= 2 |z|^(2n+3) / (2n+3)}.
     */
    private static Interval atanhSeries(Interval z) {
        return oddSeries(z, false);
    }

    /**
     * atan y = sum (-1)^n y^(2n+1)/(2n+1) for |y| <= 1/2: the terms alternate and shrink, so after the
     * term of degree 2n+1 the tail is at most the next term, {@code |y|^(2n+3)/(2n+3)}.
     */
    private static Interval atanSeries(Interval y) {
        return oddSeries(y, true);
    }

    /** {@code sum (±1)^n y^(2n+1)/(2n+1)} with the tail bound of atan (alternating) or atanh (not). */
    private static Interval oddSeries(Interval y, boolean alternating) {
        IntervalSystem ws = y.system();
        BigDecimal size = y.magnitude();
        if (size.signum() == 0) {
            return ws.getZero();
        }
        Interval ySquared = y.multiply(y);
        BigDecimal tolerance = size.movePointLeft(ws.digits() + 1);
        BigDecimal tailFactor = alternating ? BigDecimal.ONE : TWO;
        Interval power = y;
        Interval sum = y;
        for (int n = 1;; n++) {
            power = power.multiply(ySquared);
            if (alternating) {
                power = power.negate();
            }
            sum = sum.add(power.divide(2 * n + 1));
            BigDecimal tail = power.magnitude().multiply(ySquared.hi()).multiply(tailFactor)
                    .divide(BigDecimal.valueOf(2 * n + 3), ws.up());
            if (tail.compareTo(tolerance) <= 0) {
                return sum.add(ws.enclosing(tail.negate(), tail));
            }
        }
    }

    /** ln 10 to at least {@code digits} digits, cached at the most digits asked for so far. */
    private static synchronized Interval ln10(int digits) {
        if (cachedLn10 == null || cachedLn10.system().digits() < digits) {
            cachedLn10 = logOfMantissa(BigDecimal.TEN, digits + GUARD);
        }
        return cachedLn10.roundedTo(working(digits));
    }

    /** pi to at least {@code digits} digits by Machin's formula, cached at the most digits asked for so far. */
    static synchronized Interval pi(int digits) {
        if (cachedPi == null || cachedPi.system().digits() < digits) {
            IntervalSystem ws = working(digits + GUARD);
            Interval fifth = ws.enclosing(new BigDecimal("0.2"));
            Interval inverse239 = ws.getOne().divide(ws.fromInt(239));
            cachedPi = atanSeries(fifth).multiply(16).subtract(atanSeries(inverse239).multiply(4));
        }
        return cachedPi.roundedTo(working(digits));
    }

    static Interval atan(BigDecimal x, int digits) {
        IntervalSystem ws = working(digits + GUARD);
        if (x.abs().compareTo(BigDecimal.ONE) > 0) {
            // atan x = sign(x) pi/2 - atan(1/x)
            Interval halfPi = pi(ws.digits()).roundedTo(ws).divide(2);
            Interval rest = atanOfInterval(ws.getOne().divide(ws.enclosing(x)));
            return x.signum() > 0 ? halfPi.subtract(rest) : halfPi.negate().subtract(rest);
        }
        return atanOfInterval(ws.enclosing(x));
    }

    /** atan on an interval within [-1, 1]: three halvings bring it within tan(pi/32) < 0.1, then the series. */
    private static Interval atanOfInterval(Interval y) {
        IntervalSystem ws = y.system();
        Interval reduced = y;
        for (int i = 0; i < 3; i++) {
            reduced = reduced.divide(reduced.multiply(reduced).add(1).sqrt().add(1));
        }
        return atanSeries(reduced).multiply(ws.fromInt(8));
    }

    static Interval asin(BigDecimal x, int digits) {
        IntervalSystem ws = working(digits + GUARD);
        if (x.abs().compareTo(BigDecimal.ONE) == 0) {
            Interval halfPi = pi(ws.digits()).roundedTo(ws).divide(2);
            return x.signum() > 0 ? halfPi : halfPi.negate();
        }
        Interval point = ws.enclosing(x);
        // 1 - x^2 as (1 - x)(1 + x): both factors exact, so no cancellation near |x| = 1
        Interval cosine = ws.getOne().subtract(point).multiply(point.add(1)).sqrt();
        return point.divide(cosine).atan();
    }

    static Interval acos(BigDecimal x, int digits) {
        Interval asin = asin(x, digits);
        IntervalSystem ws = asin.system();
        return pi(ws.digits()).roundedTo(ws).divide(2).subtract(asin);
    }

    /** sinh x = (m + m/(m + 1)) / 2 with m = expm1(x): accurate relative to sinh near 0 as well. */
    static Interval sinh(BigDecimal x, int digits) {
        if (x.signum() < 0) {
            return sinh(x.negate(), digits).negate();
        }
        Interval m = expm1(x, digits + 1);
        return m.add(m.divide(m.add(1))).divide(2);
    }

    /** cosh x = 1 + m^2 / (2 (m + 1)) with m = expm1(|x|). */
    static Interval cosh(BigDecimal x, int digits) {
        Interval m = expm1(x.abs(), digits + 1);
        return m.multiply(m).divide(m.add(1).multiply(2)).add(1);
    }

    /** tanh x = m / (m + 2) with m = expm1(2x), increasing in m; odd; [1 - 10^-868, 1] beyond 1000. */
    static Interval tanh(BigDecimal x, int digits) {
        if (x.signum() < 0) {
            return tanh(x.negate(), digits).negate();
        }
        if (x.compareTo(TANH_SATURATION) > 0) {
            // 1 - tanh x = 2/(e^(2x) + 1) < 2 e^-2000 < 10^-868
            return working(digits).enclosing(BigDecimal.ONE.subtract(BigDecimal.ONE.movePointLeft(868)),
                    BigDecimal.ONE);
        }
        Interval m = expm1(x.multiply(TWO), digits);
        IntervalSystem ws = m.system();
        BigDecimal lower = m.lo().divide(m.lo().add(TWO, ws.up()), ws.down());
        BigDecimal upper = m.hi().divide(m.hi().add(TWO, ws.down()), ws.up());
        return ws.enclosing(lower, upper);
    }

    /** acosh x = log1p(y + sqrt(y (y + 2))) with y = x - 1 >= 0 exact: accurate near x = 1. */
    static Interval acosh(BigDecimal x, int digits) {
        IntervalSystem ws = working(digits + GUARD);
        Interval y = ws.enclosing(x.subtract(BigDecimal.ONE));
        return y.add(y.multiply(y.add(2)).sqrt()).log1p();
    }

    /** asinh x = log1p(y + y^2/(1 + sqrt(1 + y^2))) for y = |x|, odd: accurate near 0. */
    static Interval asinh(BigDecimal x, int digits) {
        if (x.signum() < 0) {
            return asinh(x.negate(), digits).negate();
        }
        IntervalSystem ws = working(digits + GUARD);
        Interval y = ws.enclosing(x);
        Interval ySquared = y.multiply(y);
        return y.add(ySquared.divide(ySquared.add(1).sqrt().add(1))).log1p();
    }

    /**
     * atanh x for |x| < 1: log1p(2x / (1 - x)) / 2 up to |x| = 1/2, where it keeps a small result's relative accuracy;
     * beyond, log((1 + x) / (1 - x)) / 2 with 1 + x and 1 - x exact, as decimals are: near -1 the argument of log1p
     * there was -1 + (1 + x)/(1 - x), and its rounding, relative to that small difference, widened the enclosure to
     * 2.6e-25 relative at x = -1 + 2e-17 (exploration 2026-12-02).
     */
    static Interval atanh(BigDecimal x, int digits) {
        IntervalSystem ws = working(digits + GUARD);
        if (x.abs().compareTo(HALF) <= 0) {
            Interval point = ws.enclosing(x);
            return point.multiply(2).divide(ws.getOne().subtract(point)).log1p().divide(2);
        }
        return ws.enclosing(BigDecimal.ONE.add(x)).divide(ws.enclosing(BigDecimal.ONE.subtract(x))).log().divide(2);
    }

    /** The real n-th root: {@code exp(log(x)/n)} for x > 0, odd extension below 0. */
    static Interval root(BigDecimal x, int n, int digits) {
        IntervalSystem ws = working(digits + GUARD);
        if (x.signum() == 0) {
            return ws.getZero();
        }
        if (x.signum() < 0) {
            return root(x.negate(), n, digits).negate();
        }
        return ws.enclosing(x).log().divide(n).exp();
    }

    /**
     * sin or cos on an interval: the enclosures at both ends, widened to 1 or -1 wherever a maximum or
     * minimum of the function may lie inside (decided with the enclosure of pi, erring towards "may").
     */
    static Interval sinOrCos(Interval x, boolean sine) {
        IntervalSystem target = x.system();
        if (x.isPoint()) {
            return sinOrCosAt(x.lo(), sine, target.digits()).roundedTo(target);
        }
        BigDecimal minusOne = BigDecimal.ONE.negate();
        if (x.width().compareTo(new BigDecimal("6.3")) > 0) {
            return target.enclosing(minusOne, BigDecimal.ONE);
        }
        Interval atLo = sinOrCosAt(x.lo(), sine, target.digits());
        Interval atHi = sinOrCosAt(x.hi(), sine, target.digits());
        BigDecimal low = atLo.lo().min(atHi.lo());
        BigDecimal high = atLo.hi().max(atHi.hi());
        // sin peaks at pi/2 (quarter 1) and dips at 3pi/2 (quarter 3); cos at 0 and pi
        if (mayContain(x, sine ? 1 : 0)) {
            high = BigDecimal.ONE;
        }
        if (mayContain(x, sine ? 3 : 2)) {
            low = minusOne;
        }
        return target.enclosing(low.max(minusOne), high.min(BigDecimal.ONE));
    }

    /** Whether {@code quarter·pi/2 + 2 pi k} may lie in x for some integer k. */
    private static boolean mayContain(Interval x, int quarter) {
        int w = x.system().digits() + GUARD + Math.max(0, decimalExponent(x.magnitude()));
        IntervalSystem ws = working(w);
        Interval pi = pi(w).roundedTo(ws);
        Interval offset = pi.multiply(quarter).divide(2);
        Interval turn = pi.multiply(2);
        BigDecimal firstTurn = ws.enclosing(x.lo()).subtract(offset).divide(turn).lo();
        BigDecimal lastTurn = ws.enclosing(x.hi()).subtract(offset).divide(turn).hi();
        return firstTurn.setScale(0, RoundingMode.CEILING).compareTo(lastTurn.setScale(0, RoundingMode.FLOOR)) <= 0;
    }

    /**
     * sin or cos at a point: {@code x = n pi/2 + r} with the integer n nearest {@code x/(pi/2)}, r enclosed
     * using pi to {@code digits + GUARD + log10|x|} digits; where r comes out tiny (x near a multiple of
     * pi/2) it is recomputed once with as many more digits as r has leading zeros.
     */
    private static Interval sinOrCosAt(BigDecimal x, boolean sine, int digits) {
        if (x.signum() == 0) {
            return sine ? working(digits).getZero() : working(digits).getOne();
        }
        int exponent = decimalExponent(x);
        if (exponent > TRIGONOMETRIC_EXPONENT_LIMIT) {
            return working(digits).enclosing(BigDecimal.ONE.negate(), BigDecimal.ONE);
        }
        int w = digits + GUARD + Math.max(0, exponent + 1);
        Reduction reduction = reduce(x, w);
        BigDecimal size = reduction.remainder.magnitude();
        if (size.signum() > 0 && decimalExponent(size) < -1) {
            reduction = reduce(x, w - decimalExponent(size));
        }
        int quadrant = reduction.quadrant;
        boolean sineSeries = sine == (quadrant % 2 == 0);
        boolean negative = sine ? quadrant >= 2 : quadrant == 1 || quadrant == 2;
        // the reduction needed the argument's digits; the series needs only relative accuracy in r
        Interval r = reduction.remainder.roundedTo(working(digits + GUARD));
        Interval value = sineSeries ? sinSeries(r) : cosSeries(r);
        return negative ? value.negate() : value;
    }

    private record Reduction(Interval remainder, int quadrant) {
    }

    private static Reduction reduce(BigDecimal x, int digits) {
        IntervalSystem ws = working(digits);
        Interval halfPi = pi(digits).roundedTo(ws).divide(2);
        int quotientDigits = Math.max(3, decimalExponent(x) + 3);
        BigInteger n = x.divide(halfPi.midpoint(), new MathContext(quotientDigits, RoundingMode.HALF_EVEN))
                .setScale(0, RoundingMode.HALF_EVEN).toBigIntegerExact();
        Interval remainder = ws.enclosing(x).subtract(halfPi.multiply(ws.enclosing(new BigDecimal(n))));
        return new Reduction(remainder, n.mod(BigInteger.valueOf(4)).intValue());
    }

    /** sin r by Taylor; after the term of degree 2k+1 the Lagrange remainder is at most |r|^(2k+3)/(2k+3)!. */
    private static Interval sinSeries(Interval r) {
        IntervalSystem ws = r.system();
        BigDecimal size = r.magnitude();
        if (size.signum() == 0) {
            return ws.getZero();
        }
        Interval rSquared = r.multiply(r);
        BigDecimal tolerance = size.movePointLeft(ws.digits() + 1);
        Interval term = r;
        Interval sum = r;
        for (int k = 1;; k++) {
            term = term.multiply(rSquared).divide(2 * k * (2 * k + 1)).negate();
            sum = sum.add(term);
            BigDecimal tail = term.magnitude().multiply(rSquared.hi())
                    .divide(BigDecimal.valueOf((2L * k + 2) * (2 * k + 3)), ws.up());
            if (tail.compareTo(tolerance) <= 0) {
                return sum.add(ws.enclosing(tail.negate(), tail));
            }
        }
    }

    /** cos r by Taylor; after the term of degree 2k the Lagrange remainder is at most |r|^(2k+2)/(2k+2)!. */
    private static Interval cosSeries(Interval r) {
        IntervalSystem ws = r.system();
        Interval rSquared = r.multiply(r);
        BigDecimal tolerance = BigDecimal.ONE.movePointLeft(ws.digits() + 1);
        Interval term = ws.getOne();
        Interval sum = term;
        for (int k = 1;; k++) {
            term = term.multiply(rSquared).divide((2 * k - 1) * (2 * k)).negate();
            sum = sum.add(term);
            BigDecimal tail = term.magnitude().multiply(rSquared.hi())
                    .divide(BigDecimal.valueOf((2L * k + 1) * (2 * k + 2)), ws.up());
            if (tail.compareTo(tolerance) <= 0) {
                return sum.add(ws.enclosing(tail.negate(), tail));
            }
        }
    }
}
