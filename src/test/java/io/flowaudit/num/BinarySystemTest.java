package io.flowaudit.num;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link BinarySystem} against exact arithmetic and against apfloat at more than twice its digits. Correct
 * rounding is checked exactly: the exact result must lie between the midpoints to the result's two
 * neighbours (in BigDecimal, no tolerance). Elementary functions must be faithful: an error below one unit in
 * the last place of the result, 2^(1-p) relative at most, which is the unit roundoff the reference's error
 * bound uses; apfloat's own error at digits + 30 digits (more where the input needs them) is about 10^-29 of that.
 */
class BinarySystemTest {

    private static final int SEED = 20261129;

    private static List<BinarySystem> systems() {
        return List.of(new BinarySystem(17), new BinarySystem(40), new BinarySystem(60));
    }

    // ---------------------------------------------------------------- exact checks of rounding

    /** The values next to q (q itself is nonzero): below and above, exactly. */
    private static BigDecimal[] neighbours(BinaryElement q) {
        BigDecimal unit = power(q.exponent());
        BigDecimal value = q.toBigDecimal();
        boolean powerOfTwo = q.magnitude().equals(BigInteger.ONE.shiftLeft(q.system().precision() - 1));
        // toward zero from a power of two the spacing halves
        BigDecimal towardZero = powerOfTwo ? unit.divide(BigDecimal.valueOf(2)) : unit;
        return q.sign() > 0 ? new BigDecimal[] {value.subtract(towardZero), value.add(unit)}
                : new BigDecimal[] {value.subtract(unit), value.add(towardZero)};
    }

    private static BigDecimal power(long exponent) {
        return exponent >= 0 ? new BigDecimal(BigInteger.ONE.shiftLeft((int) exponent))
                : BigDecimal.ONE.divide(new BigDecimal(BigInteger.ONE.shiftLeft((int) -exponent)));
    }

    /** [lower midpoint, upper midpoint] of q: a value rounds to q (to nearest) only inside it. */
    private static BigDecimal[] roundingInterval(BinaryElement q) {
        BigDecimal[] around = neighbours(q);
        BigDecimal two = BigDecimal.valueOf(2);
        return new BigDecimal[] {q.toBigDecimal().add(around[0]).divide(two), q.toBigDecimal().add(around[1]).divide(two)};
    }

    private static void assertNearest(BigDecimal exact, BinaryElement rounded, String what) {
        if (rounded.sign() == 0) {
            assertEquals(0, exact.signum(), what + ": rounded to zero from " + exact);
            return;
        }
        BigDecimal[] interval = roundingInterval(rounded);
        assertTrue(interval[0].compareTo(exact) <= 0 && exact.compareTo(interval[1]) <= 0,
                what + ": " + rounded + " is not the nearest to " + exact);
    }

    /** Random values of every size: p random bits at exponents spanning 2^-300 to 2^300, either sign. */
    private static BinaryElement random(BinarySystem system, Random random, int exponentRange) {
        BigInteger bits = new BigInteger(system.precision() + 20, random);
        BinaryElement value = system.fromInteger(bits).scalb(random.nextInt(2 * exponentRange + 1) - exponentRange
                - system.precision());
        return random.nextBoolean() ? value : value.negate();
    }

    @Test
    void addSubtractAndMultiplyAreCorrectlyRounded() {
        Random random = new Random(SEED);
        for (BinarySystem system : systems()) {
            for (int i = 0; i < 600; i++) {
                // narrow exponent ranges for cancellation and overlapping operands, wide for the sticky path
                int range = i % 3 == 0 ? 2 : i % 3 == 1 ? 40 : 300;
                BinaryElement a = random(system, random, range);
                BinaryElement b = i % 7 == 0 ? a.negate().add(random(system, random, range).scalb(-150)) : random(system, random, range);
                assertNearest(a.toBigDecimal().add(b.toBigDecimal()), a.add(b), a + " + " + b);
                assertNearest(a.toBigDecimal().subtract(b.toBigDecimal()), a.subtract(b), a + " - " + b);
                assertNearest(a.toBigDecimal().multiply(b.toBigDecimal()), a.multiply(b), a + " * " + b);
                int n = random.nextInt();
                assertNearest(a.toBigDecimal().multiply(BigDecimal.valueOf(n)), a.multiply(n), a + " * " + n);
            }
        }
    }

    @Test
    void divideAndSqrtAreCorrectlyRounded() {
        Random random = new Random(SEED + 1);
        for (BinarySystem system : systems()) {
            for (int i = 0; i < 600; i++) {
                BinaryElement a = random(system, random, 300);
                BinaryElement b = random(system, random, 300);
                // a / b = q to nearest iff a lies between the midpoints of q times b (b's sign orders them)
                BinaryElement q = a.divide(b);
                BigDecimal[] interval = roundingInterval(q);
                BigDecimal low = interval[0].multiply(b.toBigDecimal());
                BigDecimal high = interval[1].multiply(b.toBigDecimal());
                BigDecimal exact = a.toBigDecimal();
                assertTrue(low.min(high).compareTo(exact) <= 0 && exact.compareTo(low.max(high)) <= 0, a + " / " + b);
                // sqrt(x) = s to nearest iff x lies between the squares of s's midpoints
                BinaryElement x = a.abs();
                BigDecimal[] root = roundingInterval(x.sqrt());
                assertTrue(root[0].pow(2).compareTo(x.toBigDecimal()) <= 0
                        && x.toBigDecimal().compareTo(root[1].pow(2)) <= 0, "sqrt " + x);
                BinaryElement y = b.scalb(random.nextInt(200) - 100);
                BinaryElement h = a.hypot(y);
                BigDecimal sumOfSquares = a.toBigDecimal().pow(2).add(y.toBigDecimal().pow(2));
                BigDecimal[] hypot = roundingInterval(h);
                assertTrue(hypot[0].pow(2).compareTo(sumOfSquares) <= 0 && sumOfSquares.compareTo(hypot[1].pow(2)) <= 0,
                        "hypot " + a + ", " + y);
            }
        }
    }

    @Test
    void integerPowersAreRoundedOnceFromTheExactPower() {
        Random random = new Random(SEED + 2);
        BinarySystem system = new BinarySystem(40);
        for (int i = 0; i < 300; i++) {
            BinaryElement a = random(system, random, 4);
            int n = random.nextInt(41) - 20;
            if (n >= 0) {
                assertNearest(a.toBigDecimal().pow(n), a.pow(n), a + "^" + n);
            } else {
                // a^n = q to nearest iff 1 lies between q's midpoints times a^|n|
                BigDecimal[] interval = roundingInterval(a.pow(n));
                BigDecimal power = a.toBigDecimal().pow(-n);
                BigDecimal low = interval[0].multiply(power);
                BigDecimal high = interval[1].multiply(power);
                assertTrue(low.min(high).compareTo(BigDecimal.ONE) <= 0 && BigDecimal.ONE.compareTo(low.max(high)) <= 0,
                        a + "^" + n);
            }
        }
    }

    @Test
    void decimalInputIsTheNearestBinaryValue() {
        Random random = new Random(SEED + 3);
        for (BinarySystem system : systems()) {
            List<String> decimals = new ArrayList<>(List.of("0.1", "-0.1", "1e-400", "9.999999999999999999999999e399",
                    "0.30000000000000000000000000000000000000000000000000000000000000001", "1", "-2.5", "1e-30"));
            for (int i = 0; i < 300; i++) {
                BigInteger digits = new BigInteger(1 + random.nextInt(200), random);
                decimals.add((random.nextBoolean() ? "-" : "") + digits + "e" + (random.nextInt(801) - 400));
            }
            for (String text : decimals) {
                assertNearest(new BigDecimal(text), system.fromDecimal(text), text);
            }
        }
    }

    @Test
    void theNearestDoubleIsTheCorrectlyRoundedOne() {
        Random random = new Random(SEED + 4);
        BinarySystem system = new BinarySystem(40);
        for (int i = 0; i < 1000; i++) {
            BinaryElement x = random(system, random, 1100);
            assertEquals(x.toBigDecimal().doubleValue(), x.getReal(), x.toString());
            double d = random.nextGaussian() * Math.pow(10, random.nextInt(600) - 300);
            assertEquals(d, system.fromDouble(d).getReal(), "a double converts exactly and back");
        }
        assertEquals(Double.MIN_VALUE, system.fromDouble(Double.MIN_VALUE).getReal(), "subnormal doubles are exact");
        assertEquals(0, system.fromDouble(Double.MIN_VALUE).compareTo(system.fromDecimal(
                new BigDecimal(Double.MIN_VALUE).toString())));
    }

    /**
     * Below half the least subnormal, 2^-1075, the nearest double is 0 and comes at once: the exact decimal of
     * 2^-(2^28), a pulse's far tail once in range, has 10^8 digits, and computing it hung the audit.
     */
    @Test
    void aNumberFarBelowTheDoublesIsZeroAtOnce() {
        BinarySystem system = new BinarySystem(40);
        BinaryElement tiny = system.getOne().scalb(-(1 << 19));
        assertEquals(0.0, tiny.getReal());
        assertEquals(-0.0, tiny.negate().getReal(), "the sign is kept");
        BinaryElement nearOne = system.getOne().add(system.getOne().scalb(-30));
        assertEquals(0.0, system.getOne().scalb(-1075).getReal(), "half the least subnormal ties to even, 0");
        assertEquals(0.0, system.getOne().scalb(-1075).multiply(nearOne.reciprocal()).getReal());
        assertEquals(Double.MIN_VALUE, system.getOne().scalb(-1075).multiply(nearOne).getReal());
    }

    // ---------------------------------------------------------------- elementary functions against apfloat

    /** |binary f(x) - f(x)| below 2^(1-p) |f(x)|, f(x) from apfloat at digits + 30 digits. */
    private static void assertFaithful(BinarySystem system, BinaryElement x, UnaryOperator<BinaryElement> binary,
            UnaryOperator<ApfloatElement> apfloat, String name) {
        ApfloatSystem exactSystem = referenceFor(system, x);
        assertFaithful(system, x, binary, new BigDecimal(apfloat.apply(exactSystem.from(x)).value().toString(false)),
                name);
    }

    /** |binary f(x) - f(x)| below 2^(1-p) |f(x)| for the value {@code exact} of f(x). */
    private static void assertFaithful(BinarySystem system, BinaryElement x, UnaryOperator<BinaryElement> binary,
            BigDecimal exact, String name) {
        BigDecimal got = binary.apply(x).toBigDecimal();
        BigDecimal allowed = exact.abs().multiply(new BigDecimal(system.unitRoundoff()));
        assertTrue(got.subtract(exact).abs().compareTo(allowed) <= 0, name + "(" + x + ") = " + got + ", exact "
                + exact.round(new MathContext(system.digits() + 10)));
    }

    /**
     * apfloat at digits + 30, or at x's exact decimal digits where they are fewer than 3 * digits + 100: near
     * 1 log's condition number is 1/|log x|, and x must then enter exactly (1 + 2^-100 has 100 digits).
     */
    private static ApfloatSystem referenceFor(BinarySystem system, BinaryElement x) {
        int exactDigits = x.toBigDecimal().precision();
        return new ApfloatSystem(Math.max(system.digits() + 30,
                exactDigits <= 3 * system.digits() + 100 ? exactDigits + 10 : 0));
    }

    /** Random arguments of every scale, plus the edges of each function's argument reduction. */
    private static List<BinaryElement> arguments(BinarySystem system, Random random, double largest) {
        List<BinaryElement> xs = new ArrayList<>();
        for (String edge : List.of("0.5", "-0.5", "0.49999999999999999999999999999999999999999999",
                "0.34657359027997265470861606072908828403775006718", "1e-30", "-1e-300", "1e-20", "2", "-3.5")) {
            xs.add(system.fromDecimal(edge));
        }
        xs.add(system.getOne().scalb(-1).subtract(system.getOne().scalb(-system.precision() - 1)));
        for (int i = 0; i < 25; i++) {
            double scale = Math.exp(random.nextDouble() * Math.log(largest * 1e12)) / 1e12;
            xs.add(system.fromDouble(random.nextGaussian() * scale).add(system.fromDouble(random.nextDouble())
                    .scalb(-60)));
        }
        return xs;
    }

    @Test
    void expExpm1AndTanhAreFaithful() {
        Random random = new Random(SEED + 5);
        for (BinarySystem system : systems()) {
            for (BinaryElement x : arguments(system, random, 700)) {
                assertFaithful(system, x, BinaryElement::exp, ApfloatElement::exp, "exp");
                assertFaithful(system, x, BinaryElement::tanh, ApfloatElement::tanh, "tanh");
                // apfloat's expm1 is exp - 1, inexact for small x: the exact value is x's series there
                ApfloatSystem exactSystem = new ApfloatSystem(system.digits() + 30);
                UnaryOperator<ApfloatElement> expm1 = a -> a.abs().getReal() < 1e-3
                        ? a.add(a.multiply(a).divide(2)).add(a.pow(3).divide(6)).add(a.pow(4).divide(24))
                                .add(a.pow(5).divide(120)).add(a.pow(6).divide(720)).add(a.pow(7).divide(5040))
                                .add(a.pow(8).divide(40320)).add(a.pow(9).divide(362880))
                                .add(a.pow(10).divide(3628800)).add(a.pow(11).divide(39916800))
                                .add(a.pow(12).divide(479001600)).add(a.pow(13).divide(6227020800.0))
                                .add(a.pow(14).divide(87178291200.0))
                        : a.exp().subtract(exactSystem.one());
                if (x.abs().getReal() < 1e-3 && x.abs().getReal() > 1e-5) {
                    continue; // the truncated series is not exact enough there; exp - 1 loses the digits
                }
                assertFaithful(system, x, BinaryElement::expm1, expm1, "expm1");
            }
        }
    }

    @Test
    void logAndLog1pAreFaithfulAlsoNearOne() {
        Random random = new Random(SEED + 6);
        for (BinarySystem system : systems()) {
            List<BinaryElement> xs = new ArrayList<>();
            for (int k = 1; k <= system.precision() + 10; k += 7) {
                xs.add(system.getOne().add(system.getOne().scalb(-k)));
                xs.add(system.getOne().subtract(system.getOne().scalb(-k)));
            }
            for (int i = 0; i < 30; i++) {
                xs.add(random(system, random, 1000).abs());
                xs.add(random(system, random, 2).abs());
            }
            xs.add(system.fromDecimal("0.75"));
            xs.add(system.fromDecimal("1.5"));
            for (BinaryElement x : xs) {
                assertFaithful(system, x, BinaryElement::log, ApfloatElement::log, "log");
                BinaryElement shifted = x.subtract(system.getOne());
                // below 1e-30, 1 + shifted at the reference's digits would round x away
                if (shifted.sign() != 0 && x.getReal() > 1e-30) {
                    // log of the exact 1 + shifted, at enough digits to hold it (1 + 2^-100 has 100)
                    BigDecimal onePlus = BigDecimal.ONE.add(shifted.toBigDecimal());
                    ApfloatSystem exactSystem = new ApfloatSystem(Math.max(system.digits() + 30, onePlus.precision() + 10));
                    ApfloatElement log = exactSystem.fromDecimal(onePlus.toString()).log();
                    assertFaithful(system, shifted, BinaryElement::log1p, a -> log, "log1p");
                }
            }
        }
    }

    /**
     * sin and cos, computed by the system itself: random arguments of every scale, each side of every quadrant's edge,
     * near zeros of either function (k π/2 plus 2^-30, 2^-45, 2^-(p + 10): the last two through apfloat), at large k,
     * and beyond 2^20, where apfloat reduces the argument.
     */
    @Test
    void sinAndCosAreFaithful() {
        Random random = new Random(SEED + 8);
        for (BinarySystem system : systems()) {
            List<BinaryElement> xs = new ArrayList<>(arguments(system, random, 1e6).subList(0, 22));
            BinaryElement halfPi = system.pi().scalb(-1);
            for (long k : new long[] {1, 2, -3, 654_321}) {
                BinaryElement multiple = halfPi.multiply(k);
                for (int offset : new int[] {30, 45, system.precision() + 10}) {
                    xs.add(multiple.add(system.getOne().scalb(-offset)));
                    xs.add(multiple.subtract(system.getOne().scalb(-offset)));
                }
                xs.add(multiple.add(halfPi.scalb(-1)));
                xs.add(multiple.add(halfPi.scalb(-1)).add(system.getOne().scalb(-60)));
            }
            for (String beyond : List.of("1048576.5", "-3e9", "1e15")) {
                xs.add(system.fromDecimal(beyond));
            }
            // against their series (SineReference: r errs by below 10^-277 relatively, as |r| >= 2^-(p + 10) >
            // 10^-(digits + 15) and k < 10^16), not apfloat's sin, through which BinaryElement's own goes beyond 2^20
            int digits = system.digits() + 30;
            for (BinaryElement x : xs) {
                assertFaithful(system, x, BinaryElement::sin, SineReference.sinOrCos(x.toBigDecimal(), false, digits),
                        "sin");
                assertFaithful(system, x, BinaryElement::cos, SineReference.sinOrCos(x.toBigDecimal(), true, digits),
                        "cos");
            }
        }
    }

    @Test
    void functionsThroughApfloatAreFaithful() {
        Random random = new Random(SEED + 7);
        BinarySystem system = new BinarySystem(40);
        for (BinaryElement x : arguments(system, random, 30).subList(0, 20)) {
            assertFaithful(system, x, BinaryElement::atan, ApfloatElement::atan, "atan");
            assertFaithful(system, x, BinaryElement::sinh, ApfloatElement::sinh, "sinh");
            assertFaithful(system, x.abs(), BinaryElement::cbrt, ApfloatElement::cbrt, "cbrt");
        }
        assertFaithful(system, system.getOne(), e -> system.pi(), e -> new ApfloatSystem(120).pi(), "pi");
    }

    // ---------------------------------------------------------------- edges

    @ParameterizedTest
    @ValueSource(strings = {"1e9", "-1e9", "1e300", "-5.3e5", "7.3e5"})
    void expBeyondTheExponentRangeIsAnError(String x) {
        BinarySystem system = new BinarySystem(40);
        ArithmeticException e = assertThrows(ArithmeticException.class, () -> system.fromDecimal(x).exp());
        assertTrue(e.getMessage().contains(x.startsWith("-") ? "underflow" : "overflow"), e.getMessage());
    }

    /**
     * An apfloat beyond the exponent range is refused before its exact decimal is read (10^-(2.26 10^9), e^-(5.2
     * 10^9), does not fit a BigDecimal's scale and was a NumberFormatException); one near the range's edge converts.
     */
    @Test
    void anApfloatBeyondTheExponentRangeIsAnError() {
        BinarySystem system = new BinarySystem(40);
        ApfloatSystem apfloat = new ApfloatSystem(40);
        ApfloatElement farBeyond = apfloat.fromDecimal("1e-226").pow(10_000_000);
        for (ApfloatElement beyond : List.of(farBeyond, apfloat.fromDecimal("-3e-315660"), farBeyond.reciprocal())) {
            ArithmeticException e = assertThrows(ArithmeticException.class, () -> system.from(beyond));
            assertTrue(e.getMessage().contains(beyond.abs().getReal() < 1 ? "underflow" : "overflow"), e.getMessage());
        }
        BinaryElement edge = system.getOne().scalb(-(int) BinarySystem.MAX_EXPONENT + 1000);
        // apfloat at 40 digits rounds it, relative 10^-39
        assertTrue(system.from(apfloat.from(edge)).divide(edge).subtract(1).abs().getReal() < 1e-38);
    }

    /**
     * An exponent marks the last bit of a p-bit magnitude, so numbers of two precisions cannot be combined as they
     * stand: 1 of 17 digits and 1 of 30 once compared as unequal, and their sum with 0.5 came out 0.50000047.
     */
    @Test
    void numbersOfAnotherPrecisionAreRefused() {
        BinaryElement one17 = new BinarySystem(17).getOne();
        BinaryElement half30 = new BinarySystem(30).fromDecimal("0.5");
        for (Executable mixed : List.<Executable>of(() -> one17.add(half30), () -> one17.subtract(half30),
                () -> one17.multiply(half30), () -> one17.divide(half30), () -> one17.compareTo(half30))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, mixed);
            assertTrue(e.getMessage().contains("binary(17) number combined with a binary(30)"), e.getMessage());
        }
        assertNotEquals(one17, new BinarySystem(30).getOne());
        assertEquals(new BinarySystem(30).fromDecimal("1.5"), new BinarySystem(30).from(one17).add(half30));
    }

    @Test
    void expNearTheEndOfItsRangeIsStillFaithful() {
        BinarySystem system = new BinarySystem(40);
        BinaryElement x = system.fromDecimal("5e5");
        // log(exp x) = x within 2^(1-p) relative of exp's value, so within about 2^(1-p) absolute of x's log
        BigDecimal back = x.exp().log().toBigDecimal();
        assertTrue(back.subtract(x.toBigDecimal()).abs().compareTo(new BigDecimal(4 * system.unitRoundoff())
                .multiply(BigDecimal.valueOf(5e5))) < 0, back.toString());
    }

    @Test
    void domainErrorsAreArithmeticExceptions() {
        BinarySystem system = new BinarySystem(40);
        assertThrows(ArithmeticException.class, () -> system.fromInt(-1).log());
        assertThrows(ArithmeticException.class, () -> system.getZero().log());
        assertThrows(ArithmeticException.class, () -> system.fromInt(-1).sqrt());
        assertThrows(ArithmeticException.class, () -> system.getOne().divide(system.getZero()));
        assertThrows(ArithmeticException.class, () -> system.fromInt(-1).log1p());
        assertThrows(ArithmeticException.class, () -> system.fromDouble(Double.NaN));
    }

    /** tanh saturates to +-1 however large its argument, as a GELU's preactivation of 2000 or an input of 1e300 needs. */
    @Test
    void tanhOfAHugeArgumentIsPlusOrMinusOne() {
        for (BinarySystem system : systems()) {
            for (String huge : new String[] {"2000", "5e8", "1e300"}) {
                assertEquals(system.getOne(), system.fromDecimal(huge).tanh(), huge);
                assertEquals(system.getOne().negate(), system.fromDecimal("-" + huge).tanh(), "-" + huge);
            }
        }
    }

    @Test
    void negativeZeroIsZeroAndSignsAreKept() {
        BinarySystem system = new BinarySystem(40);
        BinaryElement zero = system.fromDouble(-0.0);
        assertEquals(system.getZero(), zero);
        assertEquals(0, zero.signum().getReal());
        assertEquals(0.0, zero.getReal());
        assertEquals(-1, system.getOne().copySign(-0.0).getReal());
        assertEquals(system.getZero(), system.fromInt(3).subtract(system.fromInt(3)));
        assertEquals(system.getZero(), zero.tanh());
        assertEquals(system.getZero(), zero.expm1());
    }

    @Test
    void roundingToIntegersFollowsEachRule() {
        BinarySystem system = new BinarySystem(40);
        String[][] cases = {
            // x, floor, ceil, rint (ties to even), round (ties away from zero)
            {"2.5", "2", "3", "2", "3"}, {"3.5", "3", "4", "4", "4"}, {"-2.5", "-3", "-2", "-2", "-3"},
            {"0.4999", "0", "1", "0", "0"}, {"-0.0001", "-1", "0", "0", "0"}, {"7", "7", "7", "7", "7"},
            {"1e-300", "0", "1", "0", "0"}, {"123456789012345678901234567890.5", "123456789012345678901234567890",
                "123456789012345678901234567891", "123456789012345678901234567890", null}};
        for (String[] c : cases) {
            BinaryElement x = system.fromDecimal(c[0]);
            assertEquals(system.fromDecimal(c[1]), x.floor(), "floor " + c[0]);
            assertEquals(system.fromDecimal(c[2]), x.ceil(), "ceil " + c[0]);
            assertEquals(system.fromDecimal(c[3]), x.rint(), "rint " + c[0]);
            if (c[4] != null) {
                assertEquals(Long.parseLong(c[4]), x.round(), "round " + c[0]);
            }
        }
        assertEquals(system.fromDecimal("0.5"), system.fromDecimal("5.5").remainder(system.fromInt(-5)));
        assertEquals(system.fromDecimal("0.5"), system.fromDecimal("8.5").remainder(system.fromInt(2)));
        assertEquals(system.fromDecimal("-2.5"), system.fromDecimal("7.5").remainder(system.fromInt(5)),
                "7.5 / 5 = 1.5 is a tie: n = 2, the even one");
    }

    @Test
    void cancellationIsExactAndTinyAddendsRound() {
        BinarySystem system = new BinarySystem(40);
        BinaryElement one = system.getOne();
        BinaryElement tiny = one.scalb(-100);
        assertEquals(tiny, one.add(tiny).subtract(one), "1 + 2^-100 holds 2^-100 exactly at 134 bits");
        assertEquals(one, one.add(one.scalb(-400)), "far below half a unit");
        assertEquals(one, one.subtract(one.scalb(-400)), "just below 1 is still nearest to 1");
        BinaryElement half = one.scalb(-system.precision());
        assertEquals(one, one.add(half), "a tie rounds to the even neighbour");
        assertEquals(one.add(one.scalb(2 - system.precision())), one.add(one.scalb(1 - system.precision())).add(half),
                "a tie from an odd neighbour rounds up to even");
        assertEquals(one.add(one.scalb(1 - system.precision())), one.add(half.add(half.scalb(1 - system.precision()))),
                "just above a tie rounds up");
    }

    // ---------------------------------------------------------------- the limbs under the arithmetic

    /** 1, 1 (p = 58), 3 with 58 spare bits, 2 with none (p = 128), 4, 6 limbs of 64 bits. */
    private static List<BinarySystem> limbLayouts() {
        return List.of(new BinarySystem(17), new BinarySystem(18), new BinarySystem(40), new BinarySystem(38),
                new BinarySystem(60), new BinarySystem(100));
    }

    /**
     * Magnitudes that stress carries and borrows: all ones (2^p - 1), a power of two, ones in every limb's
     * top or bottom bit only, alternating bits, the last bit alone above the leading one, and random bits.
     */
    private static BinaryElement patterned(BinarySystem system, Random random, int pattern, int exponent) {
        int p = system.precision();
        BigInteger magnitude;
        switch (pattern) {
            case 0: magnitude = BigInteger.ONE.shiftLeft(p).subtract(BigInteger.ONE); break;
            case 1: magnitude = BigInteger.ONE.shiftLeft(p - 1); break;
            case 2: magnitude = BigInteger.ONE.shiftLeft(p - 1).setBit(0); break;
            case 3: {
                magnitude = BigInteger.ONE.shiftLeft(p - 1);
                for (int bit = 63; bit < p; bit += 64) {
                    magnitude = magnitude.setBit(bit).setBit(bit - 63);
                }
                break;
            }
            case 4: {
                magnitude = BigInteger.ONE.shiftLeft(p - 1);
                for (int bit = 0; bit < p; bit += 2) {
                    magnitude = magnitude.setBit(bit);
                }
                break;
            }
            default: magnitude = new BigInteger(p - 1, random).setBit(p - 1);
        }
        BinaryElement value = system.fromInteger(magnitude).scalb(exponent - p);
        return random.nextBoolean() ? value : value.negate();
    }

    @Test
    void carriesAndBorrowsAcrossLimbsRoundCorrectly() {
        Random random = new Random(SEED + 7);
        for (BinarySystem system : limbLayouts()) {
            int p = system.precision();
            for (int i = 0; i < 600; i++) {
                // gaps around the limb size, the precision and the sticky cut-off p + 3
                int[] gaps = {0, 1, 2, 63, 64, 65, p - 1, p, p + 1, p + 2, p + 3, p + 4, p + 70};
                BinaryElement a = patterned(system, random, random.nextInt(7), random.nextInt(9) - 4);
                BinaryElement b = patterned(system, random, random.nextInt(7), a.exponent() + p
                        - gaps[random.nextInt(gaps.length)]);
                BigDecimal x = a.toBigDecimal();
                BigDecimal y = b.toBigDecimal();
                assertNearest(x.add(y), a.add(b), a + " + " + b);
                assertNearest(x.subtract(y), a.subtract(b), a + " - " + b);
                assertNearest(y.subtract(x), b.subtract(a), b + " - " + a);
                assertNearest(x.multiply(y), a.multiply(b), a + " * " + b);
                int n = i % 4 == 0 ? Integer.MIN_VALUE + random.nextInt(3) : random.nextInt();
                assertNearest(x.multiply(BigDecimal.valueOf(n)), a.multiply(n), a + " * " + n);
                // division by an integer to 2^31 (the Taylor recurrences' k): a / k = q iff a lies between q's
                // midpoints times k
                int k = i % 3 == 0 ? 1 + random.nextInt(64) : 1 + random.nextInt(Integer.MAX_VALUE);
                double divisor = random.nextBoolean() ? k : -k;
                BinaryElement q = a.divide(divisor);
                assertEquals(a.divide(system.fromDouble(divisor)), q, a + " / " + divisor + " as a general division");
                BigDecimal[] interval = roundingInterval(q);
                BigDecimal low = interval[0].multiply(BigDecimal.valueOf(divisor));
                BigDecimal high = interval[1].multiply(BigDecimal.valueOf(divisor));
                assertTrue(low.min(high).compareTo(x) <= 0 && x.compareTo(low.max(high)) <= 0, a + " / " + divisor);
            }
        }
    }

    @Test
    void carriesThroughEveryLimbMoveTheExponent() {
        for (BinarySystem system : limbLayouts()) {
            int p = system.precision();
            BinaryElement allOnes = system.fromInteger(BigInteger.ONE.shiftLeft(p).subtract(BigInteger.ONE));
            BinaryElement power = system.fromInteger(BigInteger.ONE.shiftLeft(p));
            BinaryElement one = system.getOne();
            assertEquals(power, allOnes.add(one), "2^p - 1 + 1 carries out of the top limb");
            assertEquals(allOnes, power.subtract(one), "2^p - 1 borrows through every limb");
            assertEquals(power, allOnes.add(one.scalb(-1)), "a tie from an odd magnitude rounds up to 2^p");
            // 1/2 +- 2^-40 is exact at every precision here (p >= 58): the sum is 2^-40 off the tie
            assertEquals(power, allOnes.add(one.scalb(-1).add(one.scalb(-40))), "just above the tie");
            assertEquals(allOnes, allOnes.add(one.scalb(-1).subtract(one.scalb(-40))), "just below the tie");
            BinaryElement even = power.subtract(one.add(one));
            assertEquals(even, even.add(one.scalb(-1)), "a tie from an even magnitude stays");
            assertEquals(system.getZero(), allOnes.subtract(allOnes), "exact cancellation");
            assertEquals(0, allOnes.add(allOnes.negate()).signum().getReal(), "x + (-x) is the one zero");
            // (2^p - 1)^2 = 2^2p - 2^(p+1) + 1: the product's lower half is 1, a sticky bit below the tie
            assertEquals(power.multiply(power).subtract(power.multiply(2)), allOnes.multiply(allOnes),
                    "the square of all ones rounds down: its cut bits are 0...01, below a tie");
        }
    }

    @Test
    void hugeAndTinyExponentsScaleExactly() {
        Random random = new Random(SEED + 8);
        for (BinarySystem system : limbLayouts()) {
            for (int i = 0; i < 200; i++) {
                BinaryElement a = patterned(system, random, random.nextInt(7), random.nextInt(200) - 100);
                BinaryElement b = patterned(system, random, random.nextInt(7), random.nextInt(200) - 100);
                int scale = (random.nextBoolean() ? 1 : -1) * (1 << 18) + random.nextInt(1000);
                // binary scaling is exact, so the operations commute with it far outside a double's range
                assertEquals(a.add(b).scalb(scale), a.scalb(scale).add(b.scalb(scale)), "sum at 2^" + scale);
                assertEquals(a.multiply(b).scalb(scale), a.scalb(scale).multiply(b), "product at 2^" + scale);
                assertEquals(a.multiply(b), a.scalb(scale).multiply(b.scalb(-scale)), "product at 2^+-" + scale);
                assertEquals(a.divide(7.0).scalb(scale), a.scalb(scale).divide(7.0), "quotient at 2^" + scale);
            }
            BinaryElement huge = system.getOne().scalb(1 << 19);
            assertThrows(ArithmeticException.class, () -> huge.multiply(huge).multiply(huge));
            assertThrows(ArithmeticException.class, () -> huge.reciprocal().multiply(huge.reciprocal()).divide(huge));
        }
    }

    @Test
    void theUnitRoundoffCoversTheDigitsAsked() {
        for (int digits : new int[] {17, 30, 40, 60, 100}) {
            BinarySystem system = new BinarySystem(digits);
            assertTrue(system.unitRoundoff() <= Math.pow(10, -digits), system.name());
            assertTrue(system.unitRoundoff() > Math.pow(10, -digits) / 4, "not far more bits than asked");
            assertEquals(digits, system.digits());
        }
        assertEquals("binary(40)", NumberSystem.parse("40").name());
        assertEquals("apfloat(101)", NumberSystem.parse("101").name());
        assertEquals("apfloat(16)", NumberSystem.ofDigits(16).name());
    }

    /**
     * The most digits within the range that need no more limbs than the fewest: 38 digits are 128 bits, two limbs,
     * 39 and 40 need a third; 58 to 60 all need four; outside the binary range the most, as asked.
     */
    @Test
    void digitsBetweenStopAtTheFewestDigitsLimbs() {
        assertEquals(2, BinarySystem.limbsFor(38));
        assertEquals(3, BinarySystem.limbsFor(39));
        assertEquals("binary(38)", NumberSystem.ofDigitsBetween(38, 40).name());
        assertEquals("binary(38)", NumberSystem.ofDigitsBetween(37, 40).name());
        assertEquals("binary(60)", NumberSystem.ofDigitsBetween(58, 60).name());
        assertEquals("binary(96)", NumberSystem.ofDigitsBetween(95, 97).name());
        assertEquals("apfloat(15)", NumberSystem.ofDigitsBetween(13, 15).name());
        assertEquals("apfloat(101)", NumberSystem.ofDigitsBetween(99, 101).name());
    }

    @Test
    void formattingRoundsTheExactValue() {
        BinarySystem system = new BinarySystem(40);
        assertEquals("0.1", system.format(system.fromDecimal("0.1"), 40));
        assertEquals("0.1", system.format(system.fromDecimal("0.1"), 60), "0.1 to 40 digits, trailing zeros dropped");
        assertEquals("0.3333333333333333333333333333333333333333", system.format(system.getOne().divide(3), 60),
                "never more digits than carried");
        assertEquals("3.141592653589793238462643383279502884197", system.format(system.pi(), 40));
        assertEquals("-1.5E+300", system.format(system.fromDecimal("-1.5e300"), 40));
        assertEquals("0", system.format(system.getZero(), 40));
    }
}
