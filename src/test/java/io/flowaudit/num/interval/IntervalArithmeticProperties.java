package io.flowaudit.num.interval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowaudit.num.ApfloatSystem;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The four operations and sqrt round each endpoint outward and by no more than one unit in the last
 * place: checked exactly, with BigDecimal arithmetic that does not round, on random 40-digit operands
 * of any exponent from 1e-300 to 1e300 (so sums of numbers 600 orders apart are included).
 */
class IntervalArithmeticProperties {

    private static final int DIGITS = 30;
    private static final IntervalSystem SYSTEM = new IntervalSystem(DIGITS);

    /** Random decimals of 40 significant digits (more than the system holds) and any sign. */
    @Provide
    Arbitrary<BigDecimal> decimals() {
        Arbitrary<BigInteger> mantissas = Arbitraries.bigIntegers().between(BigInteger.TEN.pow(39),
                BigInteger.TEN.pow(40).subtract(BigInteger.ONE));
        return Combinators.combine(mantissas, Arbitraries.integers().between(-300, 300), Arbitraries.of(1, -1))
                .as((mantissa, exponent, sign) -> new BigDecimal(mantissa.multiply(BigInteger.valueOf(sign)),
                        40 - 1 - exponent));
    }

    /** lo <= exact <= hi, both ends of at most DIGITS digits, and hi - lo at most one ulp of the result. */
    private static void assertTightEnclosure(BigDecimal exact, Interval result) {
        assertTrue(result.lo().compareTo(exact) <= 0 && exact.compareTo(result.hi()) <= 0,
                result + " does not contain " + exact);
        assertTrue(result.lo().precision() <= DIGITS && result.hi().precision() <= DIGITS, result + " has too many digits");
        BigDecimal ulp = exact.round(new MathContext(DIGITS, RoundingMode.FLOOR)).ulp();
        assertTrue(result.width().compareTo(ulp) <= 0, result + " is wider than one ulp " + ulp);
    }

    @Property(tries = 300)
    void inputsAreRoundedOutwardToOneUlp(@ForAll("decimals") BigDecimal x) {
        assertTightEnclosure(x, SYSTEM.enclosing(x));
    }

    /** Operands exact at DIGITS digits, so the results' rounding is the operation's alone. */
    @Property(tries = 300)
    void sumsDifferencesAndProductsAreRoundedOutward(@ForAll("decimals") BigDecimal a, @ForAll("decimals") BigDecimal b) {
        BigDecimal x = a.round(SYSTEM.down());
        BigDecimal y = b.round(SYSTEM.down());
        Interval ix = SYSTEM.enclosing(x);
        Interval iy = SYSTEM.enclosing(y);
        assertTightEnclosure(x.add(y), ix.add(iy));
        assertTightEnclosure(x.subtract(y), ix.subtract(iy));
        assertTightEnclosure(x.multiply(y), ix.multiply(iy));
    }

    @Property(tries = 300)
    void quotientsAreRoundedOutward(@ForAll("decimals") BigDecimal a, @ForAll("decimals") BigDecimal b) {
        BigDecimal x = a.round(SYSTEM.down());
        BigDecimal y = b.round(SYSTEM.down());
        Interval quotient = SYSTEM.enclosing(x).divide(SYSTEM.enclosing(y));
        // lo <= x/y <= hi, decided without dividing: multiply through by y (sign taken into account)
        BigDecimal loTimesY = quotient.lo().multiply(y);
        BigDecimal hiTimesY = quotient.hi().multiply(y);
        boolean contains = y.signum() > 0 ? loTimesY.compareTo(x) <= 0 && x.compareTo(hiTimesY) <= 0
                : hiTimesY.compareTo(x) <= 0 && x.compareTo(loTimesY) <= 0;
        assertTrue(contains, quotient + " does not contain " + x + " / " + y);
        assertTrue(quotient.width().compareTo(quotient.lo().abs().ulp()) <= 0, quotient + " is wider than one ulp");
    }

    @Property(tries = 300)
    void squareRootsAreRoundedOutward(@ForAll("decimals") BigDecimal a) {
        BigDecimal x = a.abs().round(SYSTEM.down());
        Interval root = SYSTEM.enclosing(x).sqrt();
        assertTrue(root.lo().multiply(root.lo()).compareTo(x) <= 0, root + " lower end squared exceeds " + x);
        assertTrue(root.hi().multiply(root.hi()).compareTo(x) >= 0, root + " upper end squared is below " + x);
        // BigDecimal.sqrt promises one ulp; each end is then corrected towards the outside
        assertTrue(root.width().compareTo(root.lo().ulp().multiply(BigDecimal.valueOf(2))) <= 0,
                root + " is wider than two ulps");
    }

    /**
     * Intervals whose ends are exact at DIGITS digits, a third of them points (one number at both ends), a third
     * with equal ends of other scales ([0.5, 0.50] is no point to the short cuts), any sign, small exponents so
     * that ties among the end products (zeros, equal magnitudes) are common.
     */
    @Provide
    Arbitrary<Interval> intervalsAndPoints() {
        Arbitrary<BigDecimal> ends = Combinators.combine(Arbitraries.integers().between(-30, 30),
                Arbitraries.integers().between(0, 3)).as((unscaled, scale) -> BigDecimal.valueOf(unscaled, scale));
        return Combinators.combine(ends, ends, Arbitraries.integers().between(0, 2)).as((a, b, kind) -> switch (kind) {
            case 0 -> SYSTEM.enclosing(a);
            case 1 -> SYSTEM.enclosing(a, a.setScale(a.scale() + 2));
            default -> SYSTEM.enclosing(a.min(b), a.max(b));
        });
    }

    /**
     * multiply forms the two end products its operands' signs name (four only when both straddle 0), and divide by a
     * point two quotients, named by the signs: the ends are the values of the four's minimum and maximum (a tie between
     * equal products or quotients of other scales may keep either scale), so the short cuts change no digit.
     */
    @Property(tries = 1000)
    void productsAndQuotientsHaveTheEndsOfAllFour(@ForAll("intervalsAndPoints") Interval x,
            @ForAll("intervalsAndPoints") Interval y) {
        BigDecimal[] products = {x.lo().multiply(y.lo()), x.lo().multiply(y.hi()), x.hi().multiply(y.lo()),
            x.hi().multiply(y.hi())};
        Interval product = x.multiply(y);
        assertEquals(0, products[0].min(products[1]).min(products[2].min(products[3])).round(SYSTEM.down())
                .compareTo(product.lo()), product + " against the four products' minimum");
        assertEquals(0, products[0].max(products[1]).max(products[2].max(products[3])).round(SYSTEM.up())
                .compareTo(product.hi()), product + " against the four products' maximum");
        if (!y.containsZero()) {
            Interval quotient = x.divide(y);
            assertEquals(0, x.lo().divide(y.lo(), SYSTEM.down()).min(x.lo().divide(y.hi(), SYSTEM.down()))
                    .min(x.hi().divide(y.lo(), SYSTEM.down())).min(x.hi().divide(y.hi(), SYSTEM.down()))
                    .compareTo(quotient.lo()), quotient + " against the four quotients' minimum");
            assertEquals(0, x.lo().divide(y.lo(), SYSTEM.up()).max(x.lo().divide(y.hi(), SYSTEM.up()))
                    .max(x.hi().divide(y.lo(), SYSTEM.up())).max(x.hi().divide(y.hi(), SYSTEM.up()))
                    .compareTo(quotient.hi()), quotient + " against the four quotients' maximum");
        }
    }

    /**
     * An apfloat is taken as the exact number it holds, rounded outward: the path of apfloat references into intervals,
     * read through its scientific text (its plain text spells out every zero of 1e300, which BigDecimal parses in
     * quadratic time).
     */
    @Property(tries = 300)
    void anApfloatBecomesATightEnclosureOfItsExactValue(@ForAll("decimals") BigDecimal exact) {
        ApfloatSystem apfloats = new ApfloatSystem(40);
        assertTightEnclosure(exact, SYSTEM.from(apfloats.fromDecimal(exact.toString())));
    }

    @Test
    void sumOfNumbers600OrdersApartRoundsOnlyTheUpperEnd() {
        Interval sum = SYSTEM.fromDecimal("1e300").add(SYSTEM.fromDecimal("1e-300"));
        assertEquals(0, sum.lo().compareTo(new BigDecimal("1e300")));
        assertEquals(0, sum.hi().compareTo(new BigDecimal("1.00000000000000000000000000001e300")));
    }

    @Test
    void aVariableTimesItselfIsASquareButTwoEqualIntervalsAreNot() {
        Interval x = SYSTEM.enclosing(new BigDecimal(-2), new BigDecimal(3));
        Interval sameInterval = SYSTEM.enclosing(new BigDecimal(-2), new BigDecimal(3));
        assertEquals(SYSTEM.enclosing(BigDecimal.ZERO, new BigDecimal(9)), x.multiply(x));
        assertEquals(SYSTEM.enclosing(new BigDecimal(-6), new BigDecimal(9)), x.multiply(sameInterval));
        assertEquals(SYSTEM.enclosing(BigDecimal.ZERO, new BigDecimal(9)), x.pow(2));
        assertEquals(SYSTEM.enclosing(new BigDecimal(-8), new BigDecimal(27)), x.pow(3));
    }

    @Test
    void divisionByAnIntervalContainingZeroIsRefused() {
        Interval straddling = SYSTEM.enclosing(new BigDecimal("-1e-40"), BigDecimal.ONE);
        ArithmeticException e = assertThrows(ArithmeticException.class, () -> SYSTEM.getOne().divide(straddling));
        assertTrue(e.getMessage().contains("contains 0"), e.getMessage());
        assertThrows(ArithmeticException.class, () -> SYSTEM.enclosing(BigDecimal.ZERO, BigDecimal.ONE).reciprocal());
        assertThrows(ArithmeticException.class, () -> SYSTEM.getZero().reciprocal());
    }

    @Test
    void sqrtBelowZeroIsRefusedEvenByATinyMargin() {
        Interval barelyNegative = SYSTEM.enclosing(new BigDecimal("-1e-60"), BigDecimal.ONE);
        ArithmeticException e = assertThrows(ArithmeticException.class, barelyNegative::sqrt);
        assertTrue(e.getMessage().contains("below 0"), e.getMessage());
        assertEquals(SYSTEM.enclosing(BigDecimal.ZERO, BigDecimal.ONE), SYSTEM.enclosing(BigDecimal.ZERO, BigDecimal.ONE)
                .sqrt());
    }

    @Test
    void getRealIsTheMidpointAndAbsOfAStraddlingIntervalStartsAtZero() {
        Interval x = SYSTEM.enclosing(new BigDecimal(-1), new BigDecimal(3));
        assertEquals(1.0, x.getReal());
        assertEquals(SYSTEM.enclosing(BigDecimal.ZERO, new BigDecimal(3)), x.abs());
        assertEquals(SYSTEM.enclosing(new BigDecimal(-1), BigDecimal.ONE), x.signum());
    }

    @Test
    void doublesAndDecimalLiteralsEnterExactlyOrRoundedOutward() {
        assertTrue(SYSTEM.fromDouble(0.1).contains(new BigDecimal(0.1)));
        assertTrue(SYSTEM.fromDouble(0.1).width().signum() > 0, "0.1 as a double has 55 digits, more than 30");
        assertEquals(0, SYSTEM.fromDecimal("0.1").width().signum());
        assertThrows(ArithmeticException.class, () -> SYSTEM.fromDouble(Double.NaN));
        assertEquals("[0.33, 0.34]", SYSTEM.format(SYSTEM.getOne().divide(SYSTEM.fromInt(3)), 2));
    }
}
