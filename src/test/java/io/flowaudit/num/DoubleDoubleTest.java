package io.flowaudit.num;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.util.Random;
import java.util.function.BinaryOperator;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.junit.jupiter.api.Test;

/**
 * {@link DoubleDoubleSystem} against exact arithmetic (BigDecimal; sin and cos by their series at 70 digits), binary
 * at 70 digits (exp, expm1, tanh) and apfloat at 60 digits (the delegated functions), on seeded random arguments across magnitudes. Each operation's relative error, in
 * units of u^2 = 2^-106, must lie within the bound its comment cites or derives (all within the system's epsilon,
 * 2^-98 = 256 u^2); the references err by 10^-60 relatively, 10^-28 of a unit. The measured maxima (printed) are quoted next to each bound.
 */
class DoubleDoubleTest {

    private static final long SEED = 20261130;
    private static final DoubleDoubleSystem DD = DoubleDoubleSystem.INSTANCE;
    /** u^2 = 2^-106. */
    private static final BigDecimal U2 = new BigDecimal(0x1p-106);
    private static final MathContext REFERENCE = new MathContext(60);
    private static final MathContext ROOTED = new MathContext(70);
    private static final int SAMPLES = 20_000;
    private static final int FUNCTION_SAMPLES = 500;

    // ---------------------------------------------------------------- helpers

    /** A random double-double of size 2^e, e uniform in [minExponent, maxExponent], with a random low part. */
    private static DoubleDoubleElement random(Random random, int minExponent, int maxExponent, boolean signed) {
        double hi = Math.scalb(1 + random.nextDouble(), minExponent + random.nextInt(maxExponent - minExponent + 1));
        if (signed && random.nextBoolean()) {
            hi = -hi;
        }
        double lo = (2 * random.nextDouble() - 1) * Math.ulp(hi) / 2;
        return DoubleDoubleElement.fastTwoSum(hi, lo);
    }

    /** A random double-double uniform in [from, to] (in its high part), with a random low part. */
    private static DoubleDoubleElement uniform(Random random, double from, double to) {
        double hi = from + (to - from) * random.nextDouble();
        return DoubleDoubleElement.fastTwoSum(hi, (2 * random.nextDouble() - 1) * Math.ulp(hi) / 2);
    }

    private static String show(DoubleDoubleElement x) {
        return "(" + x.hi() + " + " + x.lo() + ")";
    }

    /** |computed - exact| / |exact| in units of u^2 (exact nonzero). */
    private static double relativeError(DoubleDoubleElement computed, BigDecimal exact) {
        BigDecimal error = computed.toBigDecimal().subtract(exact).abs();
        return error.divide(exact.abs().multiply(U2), MathContext.DECIMAL64).doubleValue();
    }

    private static Apfloat apfloat(BigDecimal exact) {
        return new Apfloat(exact, Math.max(1, exact.precision()));
    }

    /**
     * The function at 60 digits of x rounded to 60 digits: that rounding moves the result by at most 10^-60 times
     * the function's condition number, below 10^-57 (10^-25 u^2) for exp (|x| <= 750), expm1 and tanh (at most 1),
     * and the delegated functions at the arguments drawn (none near a zero of the function).
     */
    private static BigDecimal reference(DoubleDoubleElement x, UnaryOperator<Apfloat> function) {
        Apfloat input = new Apfloat(x.toBigDecimal().round(REFERENCE), REFERENCE.getPrecision());
        return new BigDecimal(function.apply(input).toString(false));
    }

    /** BinarySystem at 70 digits, whose exp, expm1 and tanh are faithful (BinarySystemTest, against apfloat). */
    private static final BinarySystem BINARY = new BinarySystem(70);

    /**
     * The function in {@link #BINARY} of x rounded to 70 digits: it errs by at most 10^-70 relatively, and that
     * rounding moves the result by at most 10^-70 times the function's condition number (below 750): 10^-35 u^2. An
     * apfloat reference took 4 ms an argument, 5.9 s for expm1's samples alone.
     */
    private static Function<DoubleDoubleElement, BigDecimal> inBinary(UnaryOperator<BinaryElement> function) {
        return x -> function.apply(BINARY.fromDecimal(x.toBigDecimal().toString())).toBigDecimal();
    }

    /**
     * sin or cos of the exact x at 70 digits ({@link SineReference}): |r| >= 2^-30 wherever the result is near a zero,
     * and |k| < 2^21, so r errs by below 10^-282 relatively; apfloat's sin took 4 ms an argument.
     */
    private static Function<DoubleDoubleElement, BigDecimal> sinOrCos(boolean cosine) {
        return x -> SineReference.sinOrCos(x.toBigDecimal(), cosine, 70);
    }

    /** The largest relative error seen, in units of u^2, and where. */
    private static final class Worst {
        private final String operation;
        private final double bound;
        private double error;
        private String where = "";

        Worst(String operation, double bound) {
            this.operation = operation;
            this.bound = bound;
        }

        void record(DoubleDoubleElement computed, BigDecimal exact, Supplier<String> at) {
            double e = relativeError(computed, exact);
            if (e > error) {
                error = e;
                where = at.get();
            }
            assertTrue(e <= bound, () -> operation + " errs by " + e + " u^2 > " + bound + " at " + at.get());
        }

        void report() {
            System.out.printf("double-double %s: max relative error %.3f u^2 (bound %.2f u^2) at %s%n", operation,
                    error, bound, where);
        }
    }

    // ---------------------------------------------------------------- arithmetic

    /** Into binary and apfloat with its low part: through getReal() a value's last 53 bits were dropped. */
    @Test
    void convertsIntoTheOtherSystemsWithItsLowPart() {
        DoubleDoubleElement x = DD.getOne().add(Math.scalb(1.0, -80));
        BinarySystem binary = new BinarySystem(40);
        ApfloatSystem apfloat = new ApfloatSystem(40);
        assertEquals(binary.getOne().scalb(-80), binary.from(x).subtract(binary.getOne()));
        // 1 + 2^-80 rounded to 40 decimal digits: the low part kept to 16 of its digits, where it was lost
        assertEquals(Math.scalb(1.0, -80), apfloat.from(x).subtract(apfloat.getOne()).getReal(), 1e-15 * 0x1p-80);
    }

    @Test
    void sumsAndDifferencesAreWithinAccurateDwPlusDwsBoundAcrossMagnitudesAndCancellation() {
        Random random = new Random(SEED);
        Worst sum = new Worst("add", 3.01);
        Worst cancelling = new Worst("add, cancelling", 3.01);
        Worst plusDouble = new Worst("add(double)", 2);
        for (int i = 0; i < SAMPLES; i++) {
            DoubleDoubleElement x = random(random, -300, 300, true);
            DoubleDoubleElement y = random.nextBoolean() ? random(random, -300, 300, true)
                    : random(random, Math.getExponent(x.hi()) - 60, Math.getExponent(x.hi()) + 60, true);
            BigDecimal exact = x.toBigDecimal().add(y.toBigDecimal());
            if (exact.signum() != 0) {
                sum.record(x.add(y), exact, () -> show(x) + " + " + show(y));
                sum.record(x.subtract(y.negate()), exact, () -> show(x) + " - " + show(y.negate()));
            }
            // y = -x (1 + d), d from 2^-120 to 2^-1: the sum is -x d, all of x's digits cancelled
            DoubleDoubleElement near = x.negate().add(x.multiply(Math.scalb(1 + random.nextDouble(),
                    -1 - random.nextInt(120))).negate());
            BigDecimal cancelled = x.toBigDecimal().add(near.toBigDecimal());
            if (cancelled.signum() != 0) {
                cancelling.record(x.add(near), cancelled, () -> show(x) + " + " + show(near));
            }
            double d = y.hi();
            BigDecimal exactWithDouble = x.toBigDecimal().add(new BigDecimal(d));
            if (exactWithDouble.signum() != 0) {
                plusDouble.record(x.add(d), exactWithDouble, () -> show(x) + " + " + d);
            }
            double nearDouble = -x.hi();
            BigDecimal cancelledWithDouble = x.toBigDecimal().add(new BigDecimal(nearDouble));
            if (cancelledWithDouble.signum() != 0) {
                plusDouble.record(x.add(nearDouble), cancelledWithDouble, () -> show(x) + " + " + nearDouble);
            }
        }
        sum.report();
        cancelling.report();
        plusDouble.report();
    }

    @Test
    void productsAndQuotientsAreWithinTheirAlgorithmsBounds() {
        Random random = new Random(SEED + 1);
        Worst product = new Worst("multiply", 5);
        Worst byDouble = new Worst("multiply(double)", 2);
        Worst quotient = new Worst("divide", 15.01);
        Worst byDoubleQuotient = new Worst("divide(double)", 3);
        Worst reciprocal = new Worst("reciprocal", 15.01);
        for (int i = 0; i < SAMPLES; i++) {
            DoubleDoubleElement x = random(random, -400, 400, true);
            DoubleDoubleElement y = random(random, -400, 400, true);
            BigDecimal a = x.toBigDecimal();
            BigDecimal b = y.toBigDecimal();
            product.record(x.multiply(y), a.multiply(b), () -> show(x) + " * " + show(y));
            byDouble.record(x.multiply(y.hi()), a.multiply(new BigDecimal(y.hi())), () -> show(x) + " * " + y.hi());
            quotient.record(x.divide(y), a.divide(b, REFERENCE), () -> show(x) + " / " + show(y));
            byDoubleQuotient.record(x.divide(y.hi()), a.divide(new BigDecimal(y.hi()), REFERENCE),
                    () -> show(x) + " / " + y.hi());
            reciprocal.record(y.reciprocal(), BigDecimal.ONE.divide(b, REFERENCE), () -> "1 / " + show(y));
        }
        product.report();
        byDouble.report();
        quotient.report();
        byDoubleQuotient.report();
        reciprocal.report();
    }

    @Test
    void rootsAreWithinTheirBoundsFromTinyToHuge() {
        Random random = new Random(SEED + 2);
        Worst root = new Worst("sqrt", 3.125);
        Worst hypot = new Worst("hypot", 8.2);
        for (int i = 0; i < SAMPLES; i++) {
            DoubleDoubleElement x = random(random, -960, 1000, false);
            // the exact square rounded to 70 digits first: a root halves that relative change, 10^-70
            root.record(x.sqrt(), x.toBigDecimal().round(ROOTED).sqrt(REFERENCE), () -> "sqrt " + show(x));
            DoubleDoubleElement y = random(random, Math.getExponent(x.hi()) - 70, Math.getExponent(x.hi()) + 5, true);
            BigDecimal exact = x.toBigDecimal().pow(2).add(y.toBigDecimal().pow(2)).round(ROOTED).sqrt(REFERENCE);
            hypot.record(x.hypot(y), exact, () -> "hypot " + show(x) + ", " + show(y));
        }
        root.report();
        hypot.report();
        assertEquals(0, DD.getZero().sqrt().hi());
    }

    @Test
    void smallIntegerPowersAreWithinTheirBound() {
        Random random = new Random(SEED + 3);
        Worst power = new Worst("pow(int), |n| <= 32", 171);
        for (int i = 0; i < SAMPLES / 4; i++) {
            // results from 2^-928 to 2^960: normal, low parts included
            DoubleDoubleElement x = random(random, -29, 29, true);
            int n = random.nextInt(65) - 32;
            BigDecimal exact = n >= 0 ? x.toBigDecimal().pow(n) : BigDecimal.ONE.divide(x.toBigDecimal().pow(-n),
                    REFERENCE);
            power.record(x.pow(n), exact, () -> show(x) + " ^ " + n);
            power.record(x.pow((double) n), exact, () -> show(x) + " ^ " + n + ".0");
        }
        power.report();
    }

    /**
     * Quotients, roots and negative powers whose results are normal but whose operands lie below 2^-969, where an FMA's
     * product error falls under 2^-1074: (1.3 2^-1000) / (1.7 2^-1000) erred by 2^-75 (3 10^8 u^2), sqrt(1.3 2^-1000)
     * and (1.3 2^-250)^-4 by as much, before the operands were scaled.
     */
    @Test
    void quotientsRootsAndPowersOfTinyOperandsKeepTheirBounds() {
        Random random = new Random(SEED + 4);
        Worst quotient = new Worst("divide, tiny operands", 15.01);
        Worst byDouble = new Worst("divide(double), tiny operands", 3);
        Worst root = new Worst("sqrt, tiny operand", 3.125);
        Worst power = new Worst("pow(int), tiny operand", 171);
        for (int i = 0; i < 200; i++) {
            // dividends from 2^-1074 to 2^-970, divisors giving normal quotients; the low parts subnormal or zero
            double a = Math.scalb(1 + random.nextDouble(), -1074 + random.nextInt(104));
            double b = Math.scalb(1 + random.nextDouble(), Math.getExponent(a) - 30 + random.nextInt(60));
            DoubleDoubleElement x = DD.fromDouble(random.nextBoolean() ? a : -a);
            DoubleDoubleElement y = DD.fromDouble(b);
            BigDecimal exact = x.toBigDecimal().divide(y.toBigDecimal(), REFERENCE);
            if (exact.abs().compareTo(new BigDecimal(0x1p-969)) >= 0) {
                quotient.record(x.divide(y), exact, () -> show(x) + " / " + show(y));
                byDouble.record(x.divide(b), exact, () -> show(x) + " / " + b);
            }
            root.record(y.sqrt(), y.toBigDecimal().round(ROOTED).sqrt(REFERENCE), () -> "sqrt " + show(y));
            DoubleDoubleElement z = random(random, -1020, -246, true);
            int n = -1 - random.nextInt(4);
            BigDecimal exactPower = BigDecimal.ONE.divide(z.toBigDecimal().pow(-n), REFERENCE);
            if (exactPower.abs().compareTo(new BigDecimal(Double.MAX_VALUE)) < 0) {
                power.record(z.pow(n), exactPower, () -> show(z) + " ^ " + n);
            }
        }
        DoubleDoubleElement x = DD.fromDouble(Math.scalb(1.3, -1000));
        DoubleDoubleElement y = DD.fromDouble(Math.scalb(1.7, -1000));
        quotient.record(x.divide(y), x.toBigDecimal().divide(y.toBigDecimal(), REFERENCE), () -> "1.3 / 1.7");
        root.record(x.sqrt(), x.toBigDecimal().sqrt(REFERENCE), () -> "sqrt(1.3 2^-1000)");
        DoubleDoubleElement z = DD.fromDouble(Math.scalb(1.3, -250));
        power.record(z.pow(-4), BigDecimal.ONE.divide(z.toBigDecimal().pow(4), REFERENCE), () -> "(1.3 2^-250)^-4");
        quotient.report();
        byDouble.report();
        root.report();
        power.report();
    }

    /** Math.abs(Integer.MIN_VALUE) is negative: that power was taken natively, in a loop that never ended. */
    @Test
    void theMostNegativeIntegerPowerGoesThroughApfloat() {
        DoubleDoubleElement x = DD.fromDouble(1.0000001);
        DoubleDoubleElement power = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> x.pow(Integer.MIN_VALUE));
        BigDecimal exact = new BigDecimal(ApfloatMath.pow(apfloat(x.toBigDecimal()).precision(REFERENCE.getPrecision()),
                Integer.MIN_VALUE).toString(false));
        Worst delegated = new Worst("pow(Integer.MIN_VALUE)", 1.01);
        delegated.record(power, exact, () -> show(x) + " ^ " + Integer.MIN_VALUE);
    }

    // ---------------------------------------------------------------- exp, expm1, tanh

    private static void checkFunction(Worst worst, Random random, DoubleSupplier count,
            Supplier<DoubleDoubleElement> arguments, UnaryOperator<DoubleDoubleElement> computed,
            Function<DoubleDoubleElement, BigDecimal> exact) {
        for (int i = 0; i < count.getAsDouble(); i++) {
            DoubleDoubleElement x = arguments.get();
            worst.record(computed.apply(x), exact.apply(x), () -> show(x));
        }
    }

    @Test
    void expIsWithinItsDerivedBoundFromUnderflowToOverflow() {
        Random random = new Random(SEED + 4);
        Worst exp = new Worst("exp", 27);
        Function<DoubleDoubleElement, BigDecimal> exactExp = inBinary(BinaryElement::exp);
        DoubleSupplier n = () -> FUNCTION_SAMPLES;
        // normal results: from e^-670 (above 2^-967) to the edge of overflow
        checkFunction(exp, random, n, () -> uniform(random, -670, 709.7), DoubleDoubleElement::exp, exactExp);
        checkFunction(exp, random, n, () -> uniform(random, 700, 709.78), DoubleDoubleElement::exp, exactExp);
        checkFunction(exp, random, n, () -> uniform(random, -1, 1), DoubleDoubleElement::exp, exactExp);
        checkFunction(exp, random, n, () -> random(random, -1000, -1, true), DoubleDoubleElement::exp, exactExp);
        // arguments next to k ln 2, where the reduced argument is nearly 0
        checkFunction(exp, random, n, () -> {
            double k = random.nextInt(1984) - 960; // results from 2^-960 (normal low parts) to 2^1023
            return DD.fromDecimal("0.693147180559945309417232121458176568075500134360255254120680009")
                    .multiply(k).add(Math.scalb(random.nextDouble() - 0.5, -random.nextInt(100)));
        }, DoubleDoubleElement::exp, exactExp);
        exp.report();
        // subnormal results: absolutely within a unit of 2^-1074, plus the relative bound
        for (int i = 0; i < FUNCTION_SAMPLES; i++) {
            DoubleDoubleElement x = uniform(random, -750, -670);
            BigDecimal exact = exactExp.apply(x);
            BigDecimal error = x.exp().toBigDecimal().subtract(exact).abs();
            BigDecimal allowed = new BigDecimal(0x1p-1074).add(exact.multiply(U2).multiply(BigDecimal.valueOf(27)));
            assertTrue(error.compareTo(allowed) <= 0, "exp " + show(x) + " errs by " + error);
        }
        assertThrows(ArithmeticException.class, () -> DD.fromDouble(709.8).exp());
        assertEquals(DD.getOne(), DD.getZero().exp());
    }

    @Test
    void expm1IsWithinItsDerivedBoundNearZeroAndBeyond() {
        Random random = new Random(SEED + 5);
        Worst expm1 = new Worst("expm1", 85);
        DoubleSupplier n = () -> FUNCTION_SAMPLES;
        Function<DoubleDoubleElement, BigDecimal> exact = inBinary(BinaryElement::expm1);
        checkFunction(expm1, random, n, () -> random(random, -300, -1, true), DoubleDoubleElement::expm1, exact);
        checkFunction(expm1, random, n, () -> uniform(random, -1, 1), DoubleDoubleElement::expm1, exact);
        checkFunction(expm1, random, n, () -> uniform(random, -745, 709.7), DoubleDoubleElement::expm1, exact);
        checkFunction(expm1, random, n, () -> uniform(random, -3, 3), DoubleDoubleElement::expm1, exact);
        expm1.report();
        assertEquals(0, DD.getZero().expm1().hi());
    }

    @Test
    void tanhIsWithinItsDerivedBoundNearZeroAndSaturated() {
        Random random = new Random(SEED + 6);
        Worst tanh = new Worst("tanh", 143);
        DoubleSupplier n = () -> FUNCTION_SAMPLES;
        Function<DoubleDoubleElement, BigDecimal> exact = inBinary(BinaryElement::tanh);
        checkFunction(tanh, random, n, () -> random(random, -300, -2, true), DoubleDoubleElement::tanh, exact);
        checkFunction(tanh, random, n, () -> uniform(random, -0.7, 0.7), DoubleDoubleElement::tanh, exact);
        checkFunction(tanh, random, n, () -> uniform(random, -45, 45), DoubleDoubleElement::tanh, exact);
        // saturated: +-1 beyond |x| = 40
        checkFunction(tanh, random, n, () -> uniform(random, 30, 745), DoubleDoubleElement::tanh, exact);
        tanh.report();
        assertEquals(0, DD.getZero().tanh().hi());
    }

    /**
     * x^e = exp(e log x) natively where |e log x| <= 4, and through apfloat beyond: both within 200 u^2. The reference
     * is exp(e log x) in {@link #BINARY} from the exact x and e: |e log x| stays below 84 here, so log's 10^-70 moves
     * the result by below 10^-67 relatively (apfloat's pow took 2 ms an argument).
     */
    @Test
    void realPowersAreWithinTheirBound() {
        Random random = new Random(SEED + 10);
        Worst power = new Worst("pow(real)", 200);
        for (int i = 0; i < FUNCTION_SAMPLES; i++) {
            DoubleDoubleElement x = random(random, -20, 20, false);
            DoubleDoubleElement e = random.nextBoolean() ? uniform(random, -6, 6) : random(random, -40, 2, true);
            BinaryElement exponent = BINARY.fromDecimal(e.toBigDecimal().toString());
            power.record(x.pow(e), inBinary(b -> b.log().multiply(exponent).exp()).apply(x),
                    () -> show(x) + " ^ " + show(e));
        }
        power.report();
    }

    /**
     * log across the range, near 1 (where log x is small and its relative error counts), on both sides of the
     * reduction's edges sqrt(1/2) and sqrt 2, at powers of two; below 2^-960 through apfloat.
     */
    @Test
    void logIsWithinItsDerivedBoundNearOneAndAcrossTheRange() {
        Random random = new Random(SEED + 9);
        Worst log = new Worst("log", 38);
        DoubleSupplier n = () -> FUNCTION_SAMPLES;
        Function<DoubleDoubleElement, BigDecimal> exact = inBinary(BinaryElement::log);
        checkFunction(log, random, n, () -> random(random, -1074, 1023, false), DoubleDoubleElement::log, exact);
        checkFunction(log, random, n, () -> uniform(random, 0.25, 4), DoubleDoubleElement::log, exact);
        checkFunction(log, random, n, () -> DD.getOne().add(random(random, -100, -1, true)), DoubleDoubleElement::log,
                exact);
        DoubleDoubleElement sqrtTwo = DD.fromInt(2).sqrt();
        checkFunction(log, random, n, () -> sqrtTwo.scalb(random.nextInt(3) - 1 - 2 * random.nextInt(2))
                .add(Math.scalb(random.nextDouble() - 0.5, -50 - random.nextInt(60))), DoubleDoubleElement::log, exact);
        checkFunction(log, random, n, () -> DD.getOne().scalb(random.nextInt(2000) - 1000), DoubleDoubleElement::log,
                exact);
        log.report();
        assertEquals(0, DD.getOne().log().hi());
    }

    @Test
    void sinAndCosAreWithinTheirDerivedBoundNearZerosAndFarOut() {
        Random random = new Random(SEED + 8);
        Worst sin = new Worst("sin", 21.1);
        Worst cos = new Worst("cos", 21.1);
        DoubleSupplier n = () -> FUNCTION_SAMPLES;
        DoubleDoubleElement halfPi = DD.pi().divide(2.0);
        java.util.List<Supplier<DoubleDoubleElement>> ranges = java.util.List.of(
                () -> uniform(random, -10, 10), () -> random(random, -300, -1, true),
                () -> uniform(random, -0x1p20, 0x1p20),
                // within 2^-29 to 1/2 of a multiple of pi/2, where one of them is near 0
                () -> halfPi.multiply(random.nextInt(4000) - 2000).add(Math.scalb(random.nextDouble() - 0.5,
                        -random.nextInt(29))));
        for (Supplier<DoubleDoubleElement> range : ranges) {
            checkFunction(sin, random, n, range, DoubleDoubleElement::sin, sinOrCos(false));
            checkFunction(cos, random, n, range, DoubleDoubleElement::cos, sinOrCos(true));
        }
        sin.report();
        cos.report();
        assertEquals(DD.getOne(), DD.getZero().cos());
    }

    // ---------------------------------------------------------------- delegated, conversions, errors

    @Test
    void delegatedFunctionsAreTheNearestDoubleDoubleToApfloats() {
        Random random = new Random(SEED + 7);
        Worst delegated = new Worst("delegated (atan, log1p, cbrt, atan2, pow beyond |e log x| = 4; sin, cos beyond"
                + " 2^20)", 1.01);
        for (int i = 0; i < 20; i++) {
            DoubleDoubleElement x = random(random, -20, 20, true);
            DoubleDoubleElement positive = x.abs();
            DoubleDoubleElement y = random(random, -10, 3, true);
            DoubleDoubleElement far = random(random, 21, 60, true);
            delegated.record(far.sin(), reference(far, ApfloatMath::sin), () -> "sin " + show(far));
            delegated.record(far.cos(), reference(far, ApfloatMath::cos), () -> "cos " + show(far));
            delegated.record(x.atan(), reference(x, ApfloatMath::atan), () -> "atan " + show(x));
            delegated.record(x.cbrt(), reference(x, ApfloatMath::cbrt), () -> "cbrt " + show(x));
            BinaryOperator<Apfloat> atan2 = ApfloatMath::atan2;
            Apfloat yExact = apfloat(y.toBigDecimal()).precision(REFERENCE.getPrecision());
            delegated.record(y.atan2(x), reference(x, a -> atan2.apply(yExact, a)), 
                    () -> "atan2 " + show(y) + ", " + show(x));
            if (Math.abs(y.hi() * Math.log(positive.hi())) > 4.5) {
                delegated.record(positive.pow(y), reference(positive, a -> ApfloatMath.pow(a, yExact)),
                        () -> show(positive) + " ^ " + show(y));
            }
        }
        // at zero (whose apfloat has infinite precision)
        assertEquals(DD.getZero(), DD.getZero().atan2(DD.getOne()));
        // log1p of a tiny x keeps x's relative accuracy
        DoubleDoubleElement tiny = DD.fromDecimal("1.234567890123456789012345678901e-200");
        BigDecimal t = tiny.toBigDecimal();
        BigDecimal log1p = t.subtract(t.pow(2).divide(BigDecimal.valueOf(2))).add(t.pow(3).divide(BigDecimal.valueOf(3),
                new MathContext(700))); // the series' next term is below 10^-800
        delegated.record(tiny.log1p(), log1p, () -> "log1p " + show(tiny));
        delegated.report();
    }

    @Test
    void constantsAndConversionsAreTheNearestDoubleDouble() {
        Worst conversion = new Worst("fromDecimal, from(binary)", 1.01);
        for (String text : new String[] {"0.1", "0.044715", "0.7978845608028653558798921198687637369517",
            "1e-280", "-12345.678901234567890123456789"}) {
            conversion.record(DD.fromDecimal(text), new BigDecimal(text), () -> text);
            BinaryElement binary = new BinarySystem(60).fromDecimal(text);
            conversion.record(DD.from(binary), binary.toBigDecimal(), () -> "binary " + text);
        }
        BigDecimal pi = new BigDecimal("3.14159265358979323846264338327950288419716939937510582");
        conversion.record(DD.pi(), pi, () -> "pi");
        conversion.report();
        assertEquals(0.1, DD.fromDecimal("0.1").getReal());
        assertEquals("3.141592653589793238462643383", DD.format(DD.pi(), 28));
    }

    @Test
    void integerPartsComeFromTheExactValue() {
        // 2^60 - 1/4: hi = 2^60, lo = -1/4
        DoubleDoubleElement x = DoubleDoubleElement.fastTwoSum(0x1p60, -0.25);
        assertEquals(new BigDecimal(0x1p60).subtract(BigDecimal.ONE), x.floor().toBigDecimal());
        assertEquals(new BigDecimal(0x1p60), x.ceil().toBigDecimal());
        assertEquals(new BigDecimal(0x1p60), x.rint().toBigDecimal());
        DoubleDoubleElement half = DoubleDoubleElement.fastTwoSum(0x1p60, -0.5);
        assertEquals(new BigDecimal(0x1p60), half.rint().toBigDecimal(), "a tie goes to the even neighbour");
        assertEquals(3, DD.fromDecimal("2.5").round(), "round: a tie goes away from zero");
        assertEquals(new BigDecimal("-0.5"), DD.fromDecimal("5.5").remainder(DD.fromInt(2)).toBigDecimal());
        assertTrue(x.compareTo(DD.fromDouble(0x1p60)) < 0);
        assertEquals(DD.fromInt(-1), DD.fromDouble(-3).signum());
        assertEquals(DD.fromInt(-3), DD.fromInt(3).copySign(-0.0));
    }

    @Test
    void domainErrorsAndOverflowsAreArithmeticExceptions() {
        assertThrows(ArithmeticException.class, () -> DD.getOne().divide(DD.getZero()));
        assertThrows(ArithmeticException.class, () -> DD.getOne().divide(0.0));
        assertThrows(ArithmeticException.class, () -> DD.fromInt(-1).sqrt());
        assertThrows(ArithmeticException.class, () -> DD.fromInt(-1).log());
        assertThrows(ArithmeticException.class, () -> DD.fromInt(-1).log1p());
        assertThrows(ArithmeticException.class, () -> DD.fromDouble(0x1p1000).multiply(DD.fromDouble(0x1p100)));
        assertThrows(ArithmeticException.class, () -> DD.fromDouble(Double.NaN));
        assertThrows(ArithmeticException.class, () -> DD.fromDecimal("1e400"));
        assertThrows(ArithmeticException.class, () -> DD.fromInt(2).asin());
    }

    @Test
    void theSystemVouchesForNoMoreDigitsThanItsBound() {
        assertTrue(Math.pow(10, -DD.digits()) >= DD.epsilon());
        assertEquals(0x1p-98, DD.unitRoundoff());
        assertEquals("double-double", DD.name());
        assertEquals(DD, DoubleSystem.INSTANCE.finer());
        // --digits 32 still means binary at 32 digits, and its finer system twice that
        assertEquals(new BinarySystem(32), NumberSystem.ofDigits(32));
        assertEquals(64, NumberSystem.ofDigits(32).finer().digits());
    }
}
