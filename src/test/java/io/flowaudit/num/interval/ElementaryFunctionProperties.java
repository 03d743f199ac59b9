package io.flowaudit.num.interval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every elementary function's enclosure at 30 digits contains apfloat's value at 60 digits (more where
 * the argument is large or tiny), at random 17-digit points over each function's domain from 1e-30 up to its
 * range's end. apfloat is not rigorous (it promises its last digits only roughly), so the containment
 * allows 1e-55 of the value: 25 orders of magnitude inside the enclosures' 1e-30 widths, so a miss by
 * anything an enclosure's own error could cause still fails. Widths are asserted tight (at most 1e-27
 * relative, about 1000 ulps; absolute where the value is 0) and the widest per function is printed.
 */
class ElementaryFunctionProperties {

    private static final int DIGITS = 30;
    private static final IntervalSystem SYSTEM = new IntervalSystem(DIGITS);
    private static final BigDecimal APFLOAT_TOLERANCE = new BigDecimal("1e-55");
    private static final BigDecimal WIDTH_LIMIT = new BigDecimal("1e-27");
    private static final Map<Function, BigDecimal> WIDEST = new EnumMap<>(Function.class);

    /**
     * A function, its domain as decimal exponents of |x| and a sign rule, whether apfloat computes it to
     * its precision relative to the value at any argument, and apfloat's value.
     */
    enum Function {
        EXP(-30, 5, true, Interval::exp, (x, p) -> ApfloatMath.exp(x)),
        EXPM1(-30, 5, true, Interval::expm1, (x, p) -> ApfloatMath.exp(x).subtract(new Apfloat(1))),
        LOG(-300, 300, false, true, Interval::log, (x, p) -> ApfloatMath.log(x)),
        LOG1P(-30, -1, true, Interval::log1p,
                (x, p) -> ApfloatMath.log(new Apfloat(new BigDecimal(x.toString(false)).add(BigDecimal.ONE), p))),
        SIN(-30, 30, true, Interval::sin, (x, p) -> ApfloatMath.sin(x)),
        COS(-30, 30, true, Interval::cos, (x, p) -> ApfloatMath.cos(x)),
        TAN(-30, 3, true, Interval::tan, (x, p) -> ApfloatMath.tan(x)),
        TANH(-30, 4, true, Interval::tanh, (x, p) -> ApfloatMath.tanh(x)),
        SIGMOID(-30, 4, true, x -> x.negate().exp().add(1.0).reciprocal(),
                (x, p) -> new Apfloat(1, p).divide(ApfloatMath.exp(x.negate()).add(new Apfloat(1, p)))),
        SINH(-30, 3, true, Interval::sinh, (x, p) -> ApfloatMath.sinh(x)),
        COSH(-30, 3, true, Interval::cosh, (x, p) -> ApfloatMath.cosh(x)),
        ATAN(-30, 30, true, Interval::atan, (x, p) -> ApfloatMath.atan(x)),
        ASIN(-30, -1, true, Interval::asin, (x, p) -> ApfloatMath.asin(x)),
        ACOS(-30, -1, true, Interval::acos, (x, p) -> ApfloatMath.acos(x)),
        ATANH(-30, -1, true, Interval::atanh, (x, p) -> ApfloatMath.atanh(x)),
        ASINH(-30, 30, true, Interval::asinh, (x, p) -> ApfloatMath.asinh(x)),
        SQRT(-300, 300, false, true, Interval::sqrt, (x, p) -> ApfloatMath.sqrt(x)),
        CBRT(-300, 300, true, true, Interval::cbrt, (x, p) -> ApfloatMath.cbrt(x)),
        POW7(-40, 40, true, true, x -> x.pow(7), (x, p) -> ApfloatMath.pow(x, 7));

        final int minExponent;
        final int maxExponent;
        final boolean negativeToo;
        final boolean relativeInApfloat;
        final UnaryOperator<Interval> enclosure;
        final BiFunction<Apfloat, Long, Apfloat> reference;

        Function(int minExponent, int maxExponent, boolean negativeToo, UnaryOperator<Interval> enclosure,
                BiFunction<Apfloat, Long, Apfloat> reference) {
            this(minExponent, maxExponent, negativeToo, false, enclosure, reference);
        }

        Function(int minExponent, int maxExponent, boolean negativeToo, boolean relativeInApfloat,
                UnaryOperator<Interval> enclosure, BiFunction<Apfloat, Long, Apfloat> reference) {
            this.relativeInApfloat = relativeInApfloat;
            this.minExponent = minExponent;
            this.maxExponent = maxExponent;
            this.negativeToo = negativeToo;
            this.enclosure = enclosure;
            this.reference = reference;
        }
    }

    record Case(Function function, BigDecimal x) {
    }

    /** 17-digit points with |x| in [10^e, 10^(e+1)), e uniform over the function's exponents. */
    @Provide
    Arbitrary<Case> cases() {
        return Arbitraries.of(Function.class).flatMap(function -> Combinators.combine(
                Arbitraries.longs().between(10_000_000_000_000_000L, 99_999_999_999_999_999L),
                Arbitraries.integers().between(function.minExponent, function.maxExponent),
                function.negativeToo ? Arbitraries.of(1, -1) : Arbitraries.just(1))
                .as((mantissa, exponent, sign) -> new Case(function,
                        new BigDecimal(mantissa * sign).movePointLeft(16 - exponent))));
    }

    @Property(tries = 400)
    void enclosuresContainApfloatAt60DigitsAndAreTight(@ForAll("cases") Case c) {
        assertEnclosesApfloat(c.function(), c.x());
    }

    /**
     * The exploration's points (2026-12-02, 10 times the tries): atanh next to -1, where log1p(2x / (1 - x)) lost
     * digits to cancellation and the enclosures were 1.0e-27 and 2.6e-25 wide (relative); and next to 1.
     */
    @ParameterizedTest
    @ValueSource(strings = {"-0.99999999999999401", "-0.99999999999999998", "0.99999999999999999",
        "0.5000000000000001"})
    void atanhNextToItsPolesIsTight(String x) {
        assertEnclosesApfloat(Function.ATANH, new BigDecimal(x));
    }

    private static void assertEnclosesApfloat(Function function, BigDecimal x) {
        Interval enclosure = function.enclosure.apply(SYSTEM.enclosing(x));
        assertEquals(0, SYSTEM.enclosing(x).width().signum(), "17-digit points are exact at 30 digits");
        // digits for the reference: 60, plus the argument's size (reduction of sin x) or smallness (expm1 x)
        // where apfloat's formula would lose them
        long precision = 61 + (function.relativeInApfloat ? 0 : Math.abs(Elementary.decimalExponent(x)));
        BigDecimal reference = new BigDecimal(function.reference.apply(new Apfloat(x, precision), precision)
                .toString(false));
        BigDecimal slack = reference.abs().multiply(APFLOAT_TOLERANCE);
        assertTrue(enclosure.lo().subtract(slack).compareTo(reference) <= 0
                && reference.compareTo(enclosure.hi().add(slack)) <= 0,
                function + "(" + x + ") = " + enclosure + " misses apfloat's " + reference);
        BigDecimal size = reference.signum() == 0 ? BigDecimal.ONE : reference.abs();
        BigDecimal relativeWidth = enclosure.width().divide(size, new MathContext(3, RoundingMode.UP));
        WIDEST.merge(function, relativeWidth, BigDecimal::max);
        assertTrue(relativeWidth.compareTo(WIDTH_LIMIT) <= 0,
                function + "(" + x + ") = " + enclosure + " has relative width " + relativeWidth);
    }

    /** Each function on 25 points spread over its domain: prints the widest relative enclosure. */
    @Test
    void widthsOnAGridOfEachDomain() {
        StringBuilder report = new StringBuilder("widest relative enclosure at " + DIGITS + " digits:");
        for (Function function : Function.values()) {
            WIDEST.remove(function);
            for (int i = 0; i < 25; i++) {
                double exponent = function.minExponent + (function.maxExponent + 1 - function.minExponent) * i / 25.0;
                BigDecimal x = new BigDecimal(Math.pow(10, exponent) * (i % 2 == 1 && function.negativeToo ? -1 : 1),
                        new MathContext(17));
                assertEnclosesApfloat(function, x);
            }
            report.append(' ').append(function).append(' ').append(WIDEST.get(function));
        }
        System.out.println(report);
    }

    /** Points where a naive method loses every digit: near multiples of pi, near 1, at the ends of ranges. */
    @ParameterizedTest
    @ValueSource(strings = {"SIN:3.14159265358979323846264338328", "COS:1.57079632679489661923132169164",
        "SIN:355", "SIN:103993", "SIN:1e22", "COS:1e22", "SIN:6.28318530717958647692528676656",
        "LOG:1.00000000000000000000000000001", "LOG:0.999999999999999999999999999999", "LOG:1e-300",
        "LOG1P:1e-40", "EXP:-700", "EXP:50000", "EXPM1:-1e-35", "EXPM1:-40", "TANH:1e-35", "TANH:20",
        "ATANH:0.999999999999999999999999999", "ASIN:0.999999999999999999999999", "ACOS:-0.9999999999999999",
        "ASINH:1e-25", "ATAN:1e30", "TAN:1.5707963267948966", "CBRT:-1e-299", "SIGMOID:-40", "COSH:1e-20"})
    void hostilePointsAreEnclosedTightly(String functionAndPoint) {
        String[] parts = functionAndPoint.split(":");
        assertEnclosesApfloat(Function.valueOf(parts[0]), new BigDecimal(parts[1]));
    }

    private static final String PI_100 = "3.141592653589793238462643383279502884197169399375105820974944592307816406286"
            + "208998628034825342117068";
    private static final String E_100 = "2.718281828459045235360287471352662497757247093699959574966967627724076630353"
            + "547594571382178525166427";
    private static final String SQRT2_100 = "1.41421356237309504880168872420969807856967187537694807317667973799073247"
            + "846210703885038753432764157";

    /** pi, e and sqrt 2 to 100 digits lie in their enclosures at 15, 30, 60 and 90 digits, which are tight. */
    @ParameterizedTest
    @ValueSource(ints = {15, 30, 60, 90})
    void constantsLieInTheirEnclosuresAtEveryPrecision(int digits) {
        IntervalSystem system = new IntervalSystem(digits);
        assertTightlyContains(system.pi(), PI_100, digits);
        assertTightlyContains(system.getOne().exp(), E_100, digits);
        assertTightlyContains(system.fromInt(2).sqrt(), SQRT2_100, digits);
        assertTightlyContains(system.getOne().atan().multiply(4), PI_100, digits);
        assertTightlyContains(system.fromDecimal("0.5").asin().multiply(6), PI_100, digits);
        assertTightlyContains(system.fromDecimal(E_100).log(), "1", digits);
    }

    private static void assertTightlyContains(Interval enclosure, String value, int digits) {
        BigDecimal exact = new BigDecimal(value);
        assertTrue(enclosure.contains(exact), enclosure + " misses " + value);
        BigDecimal limit = exact.ulp().max(BigDecimal.ONE.movePointLeft(digits - 3));
        assertTrue(enclosure.width().compareTo(limit) <= 0, enclosure + " is wider than " + limit);
    }

    /** Identities whose exact value is known: the enclosure of each side must contain the other. */
    @Property(tries = 200)
    void identitiesHoldOnTheEnclosures(@ForAll("cases") Case c) {
        Interval x = SYSTEM.enclosing(c.x());
        if (c.x().signum() > 0) {
            assertTrue(x.log().exp().contains(c.x()), "exp(log x) misses x = " + c.x());
        }
        if (c.x().abs().compareTo(new BigDecimal("1e15")) < 0) {
            // beyond, atan x is within 1e-15 of pi/2 and cos of its 30-digit enclosure may contain 0
            assertTrue(x.atan().tan().contains(c.x()), "tan(atan x) misses x = " + c.x());
        }
        Interval sin = x.sin();
        Interval cos = x.cos();
        assertTrue(sin.multiply(sin).add(cos.multiply(cos)).contains(BigDecimal.ONE), "sin^2 + cos^2 misses 1 at " + x);
    }

    @Test
    void wideIntervalsOfSinAndCosReachTheExtremaInside() {
        Interval aroundHalfPi = SYSTEM.enclosing(new BigDecimal("1.5"), new BigDecimal("1.6"));
        assertEquals(0, aroundHalfPi.sin().hi().compareTo(BigDecimal.ONE), "sin peaks at pi/2 inside [1.5, 1.6]");
        assertTrue(aroundHalfPi.sin().lo().compareTo(new BigDecimal("0.997")) > 0, "and stays above sin(1.5)");
        Interval justBefore = SYSTEM.enclosing(new BigDecimal("1.5"), new BigDecimal("1.57"));
        assertTrue(justBefore.sin().hi().compareTo(BigDecimal.ONE) < 0, "[1.5, 1.57] stops short of pi/2");
        Interval aroundPi = SYSTEM.enclosing(new BigDecimal("3"), new BigDecimal("3.2"));
        assertEquals(0, aroundPi.cos().lo().compareTo(BigDecimal.ONE.negate()));
        Interval wide = SYSTEM.enclosing(new BigDecimal("-100"), new BigDecimal("100"));
        assertEquals(SYSTEM.enclosing(BigDecimal.ONE.negate(), BigDecimal.ONE), wide.sin());
        // a narrow interval at 1e20: its extrema decided with pi to 50 digits
        Interval far = SYSTEM.enclosing(new BigDecimal("1e20"), new BigDecimal("100000000000000000000.5"));
        Interval sinFar = far.sin();
        assertTrue(sinFar.contains(new BigDecimal("-0.6452512852657808442058117113125230074"))
                && sinFar.contains(new BigDecimal("-0.1999943533594532678096377105776548501")), sinFar.toString());
        assertTrue(sinFar.width().compareTo(new BigDecimal("0.4456")) < 0, "no extremum inside: " + sinFar);
    }

    @Test
    void monotoneFunctionsMapTheEndsOfWideIntervals() {
        Interval x = SYSTEM.enclosing(new BigDecimal("-2"), new BigDecimal("3"));
        assertTrue(x.exp().contains(new BigDecimal("0.1353352832366127")) && x.exp().contains(new BigDecimal(
                "20.08553692318766")));
        assertTrue(x.exp().width().compareTo(new BigDecimal("19.9503")) < 0, "no wider than exp(3) - exp(-2)");
        Interval tanh = x.tanh();
        assertTrue(tanh.contains(new BigDecimal("-0.964027580075816883946413724")) && tanh.contains(new BigDecimal(
                "0.995054753686730451331880185")) && tanh.width().compareTo(new BigDecimal("1.9590823338")) < 0, tanh
                + " is not [tanh(-2), tanh(3)]");
        assertEquals(SYSTEM.enclosing(BigDecimal.ONE, SYSTEM.fromInt(3).cosh().hi()), x.cosh());
    }

    @Test
    void overflowAndDomainErrorsAreRefusedWithTheInterval() {
        ArithmeticException overflow = assertThrows(ArithmeticException.class, () -> SYSTEM.fromDecimal("2e9").exp());
        assertTrue(overflow.getMessage().contains("refused"), overflow.getMessage());
        assertTrue(SYSTEM.fromDecimal("1e9").exp().lo().compareTo(new BigDecimal("1e434294481")) > 0);
        ArithmeticException log = assertThrows(ArithmeticException.class,
                () -> SYSTEM.enclosing(new BigDecimal("-1e-50"), BigDecimal.ONE).log());
        assertTrue(log.getMessage().contains("[-1E-50, 1]") && log.getMessage().contains("0 or below"),
                log.getMessage());
        assertThrows(ArithmeticException.class, () -> SYSTEM.getZero().log());
        assertThrows(ArithmeticException.class, () -> SYSTEM.fromInt(2).asin());
        assertThrows(ArithmeticException.class, () -> SYSTEM.enclosing(new BigDecimal("1.5"), new BigDecimal("1.6"))
                .tan());
    }

    @Test
    void expOfHugeNegativeArgumentsIsEnclosedFromZero() {
        Interval tiny = SYSTEM.fromDecimal("-1e12").exp();
        assertEquals(0, tiny.lo().signum());
        assertTrue(tiny.hi().compareTo(new BigDecimal("1e-434294481")) < 0, tiny.toString());
        Interval fromFarBelow = SYSTEM.enclosing(new BigDecimal("-1e12"), BigDecimal.ZERO).exp();
        assertEquals(SYSTEM.enclosing(BigDecimal.ZERO, BigDecimal.ONE), fromFarBelow);
        assertEquals(0, SYSTEM.fromDecimal("1e12").tanh().hi().compareTo(BigDecimal.ONE));
    }
}
