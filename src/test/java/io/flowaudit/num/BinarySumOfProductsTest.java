package io.flowaudit.num;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link BinarySystem#sumOfProducts}, the Taylor recurrences' sums rounded once, against the exact sum in
 * BigDecimal rounded by {@link BinarySystem#fromBigDecimal} (correctly rounded, tested in BinarySystemTest): equal,
 * no tolerance, wherever the terms lie within {@link BinarySystem#SUM_SPREAD_BITS} of the largest; and against
 * the term-by-term sums of apfloat at twice the digits, which must agree to the rounding of the result.
 */
class BinarySumOfProductsTest {

    private static final int SEED = 20261201;

    /** BinarySystemTest's layouts: 1 limb (twice), 3 with 58 spare bits, 2 with none (p = 128), 4 and 6 limbs. */
    private static List<BinarySystem> limbLayouts() {
        return List.of(new BinarySystem(17), new BinarySystem(18), new BinarySystem(40), new BinarySystem(38),
                new BinarySystem(60), new BinarySystem(100));
    }

    private static BigDecimal exactSum(BinaryElement[] x, BinaryElement[] y, int from, int to, int k,
            boolean weighted) {
        BigDecimal sum = BigDecimal.ZERO;
        for (int j = from; j <= to; j++) {
            BigDecimal term = x[j].toBigDecimal().multiply(y[k - j].toBigDecimal());
            sum = sum.add(weighted ? term.multiply(BigDecimal.valueOf(j)) : term);
        }
        return sum;
    }

    private static void assertRoundedOnce(BinarySystem system, BinaryElement[] x, BinaryElement[] y, int from, int to,
            int k, boolean weighted, String what) {
        assertEquals(system.fromBigDecimal(exactSum(x, y, from, to, k, weighted)),
                system.sumOfProducts(x, y, from, to, k, weighted), what);
    }

    /**
     * A Taylor-like series: coefficient j about r^j in size, every significand bit random (or all ones, a power of
     * two), either sign, some exactly zero, sizes scattered over 2^±100 around the trend.
     */
    private static BinaryElement[] series(BinarySystem system, Random random, int length) {
        BinaryElement[] series = new BinaryElement[length];
        int p = system.precision();
        int logRadius = random.nextInt(9) - 4;
        for (int j = 0; j < length; j++) {
            if (random.nextInt(8) == 0) {
                series[j] = system.getZero();
                continue;
            }
            BigInteger magnitude;
            switch (random.nextInt(4)) {
                case 0: magnitude = BigInteger.ONE.shiftLeft(p).subtract(BigInteger.ONE); break;
                case 1: magnitude = BigInteger.ONE.shiftLeft(p - 1); break;
                default: magnitude = new BigInteger(p - 1, random).setBit(p - 1);
            }
            BinaryElement value = system.fromInteger(magnitude).scalb(-p - logRadius * j + random.nextInt(201) - 100);
            series[j] = random.nextBoolean() ? value : value.negate();
        }
        return series;
    }

    @Test
    void sumsOfProductsAreTheExactSumRoundedOnce() {
        Random random = new Random(SEED);
        for (BinarySystem system : limbLayouts()) {
            for (int i = 0; i < 300; i++) {
                int k = random.nextInt(80);
                BinaryElement[] x = series(system, random, k + 1);
                BinaryElement[] y = random.nextInt(4) == 0 ? x : series(system, random, k + 1);
                int from = random.nextInt(3) == 0 ? Math.min(1, k) : 0;
                // the ranges the recurrences take: 0..k, 1..k, 1..k-1 (log's), and the squares' symmetric ones
                int to = random.nextBoolean() ? k : Math.max(from, k - from);
                boolean weighted = random.nextBoolean();
                assertRoundedOnce(system, x, y, from, to, k, weighted, system + ": sum over " + from + ".." + to
                        + " of x_j y_(" + k + "-j)" + (weighted ? " j" : "") + (x == y ? ", a square" : ""));
            }
        }
    }

    @Test
    void tiesRoundToEvenAndTheTermsBelowATieDecideIt() {
        for (BinarySystem system : limbLayouts()) {
            int p = system.precision();
            BinaryElement one = system.getOne();
            BinaryElement half = one.scalb(-p);
            BinaryElement lastUnit = one.scalb(1 - p);
            BinaryElement[] ones = {one, one, one};
            assertEquals(one, system.sumOfProducts(new BinaryElement[] {one, half}, ones, 0, 1, 1, false),
                    system + ": 1 + half a unit is a tie, to the even 1");
            BinaryElement odd = one.add(lastUnit);
            assertEquals(odd.add(lastUnit), system.sumOfProducts(new BinaryElement[] {odd, half}, ones, 0, 1, 1, false),
                    system + ": from an odd neighbour a tie rounds up to even");
            BinaryElement[] aboveTie = {one, half, half.scalb(-200)};
            assertEquals(odd, system.sumOfProducts(aboveTie, ones, 0, 2, 2, false),
                    system + ": a term 200 bits below the tie tips it up");
            BinaryElement[] belowTie = {one, half, half.scalb(-200).negate()};
            assertEquals(one, system.sumOfProducts(belowTie, ones, 0, 2, 2, false),
                    system + ": a negative term 200 bits below the tie tips it down");
        }
    }

    @Test
    void carriesCrossEveryLimbAndCancellationIsExact() {
        Random random = new Random(SEED + 1);
        for (BinarySystem system : limbLayouts()) {
            int p = system.precision();
            BinaryElement one = system.getOne();
            BinaryElement allOnes = system.fromInteger(BigInteger.ONE.shiftLeft(p).subtract(BigInteger.ONE));
            BinaryElement[] ones = {one, one};
            assertEquals(system.fromInteger(BigInteger.ONE.shiftLeft(p)),
                    system.sumOfProducts(new BinaryElement[] {allOnes, one}, ones, 0, 1, 1, false),
                    system + ": 2^p - 1 + 1 carries out of the top limb");
            for (int i = 0; i < 50; i++) {
                BinaryElement a = series(system, random, 1)[0];
                BinaryElement b = series(system, random, 1)[0];
                if (a.sign() == 0 || b.sign() == 0) {
                    continue;
                }
                BinaryElement rounded = a.multiply(b);
                // a b - round(a b): the product's own rounding error, which a term-by-term sum loses entirely
                BinaryElement error = system.sumOfProducts(new BinaryElement[] {a, rounded.negate()},
                        new BinaryElement[] {one, b}, 0, 1, 1, false);
                BigDecimal exact = a.toBigDecimal().multiply(b.toBigDecimal()).subtract(rounded.toBigDecimal());
                assertEquals(system.fromBigDecimal(exact), error, system + ": the rounding error of " + a + " * " + b);
                assertEquals(system.getZero(), system.sumOfProducts(new BinaryElement[] {a, a.negate()},
                        new BinaryElement[] {b, b}, 0, 1, 1, false), system + ": a b - a b is the one zero");
            }
        }
    }

    /**
     * A term further below the largest product's last bit than the accumulators reach (SUM_SPREAD_BITS) is
     * dropped: here the one that would tip a tie up. The result then errs by more than half a unit, by less than
     * that term: the bound the kernel states.
     */
    @Test
    void aTermBeyondTheSpreadIsDroppedWithinTheStatedBound() {
        BinarySystem system = new BinarySystem(40);
        int p = system.precision();
        BinaryElement one = system.getOne();
        BinaryElement half = one.scalb(-p);
        // 1 * 1 has its last bit 128 limbs - 2 below its top
        BinaryElement beyond = one.scalb(-128 * system.limbs() - BinarySystem.SUM_SPREAD_BITS - 10);
        BinaryElement[] terms = {one, half, beyond};
        BinaryElement[] ones = {one, one, one};
        BinaryElement sum = system.sumOfProducts(terms, ones, 0, 2, 2, false);
        BinaryElement nearest = system.fromBigDecimal(exactSum(terms, ones, 0, 2, 2, false));
        assertNotEquals(nearest, sum, "the dropped term decided the tie");
        assertEquals(one, sum, "without it the tie rounds to even");
        BigDecimal error = exactSum(terms, ones, 0, 2, 2, false).subtract(sum.toBigDecimal()).abs();
        assertTrue(error.compareTo(half.toBigDecimal().add(beyond.toBigDecimal())) <= 0,
                "within half a unit and the dropped term: " + error);
    }

    /** The weights j enter exactly: a tie made by the weight itself still rounds to even. */
    @Test
    void weightsMultiplyExactly() {
        for (BinarySystem system : limbLayouts()) {
            int p = system.precision();
            BinaryElement one = system.getOne();
            // 1 * 1 * 1 + (2^-p / 3 rounded) * 1 * 3 is 1 + 3 round(2^-p / 3): within 2^-2p of a tie
            BinaryElement third = one.scalb(-p).divide(3);
            BinaryElement[] x = {system.getZero(), one, system.getZero(), third};
            BinaryElement[] y = {one, system.getZero(), one, system.getZero()};
            assertRoundedOnce(system, x, y, 1, 3, 3, true, system + ": 1 + 3 round(2^-p / 3), weighted");
        }
    }

    /** Term by term in apfloat at twice the digits, which errs far below binary's last unit: one rounding apart. */
    @Test
    void agreesWithApfloatAtTwiceTheDigits() {
        Random random = new Random(SEED + 2);
        BinarySystem system = new BinarySystem(40);
        ApfloatSystem apfloat = new ApfloatSystem(100);
        for (int i = 0; i < 100; i++) {
            int k = 1 + random.nextInt(60);
            BinaryElement[] x = series(system, random, k + 1);
            BinaryElement[] y = series(system, random, k + 1);
            ApfloatElement[] ax = apfloat.array(k + 1);
            ApfloatElement[] ay = apfloat.array(k + 1);
            for (int j = 0; j <= k; j++) {
                ax[j] = apfloat.from(x[j]);
                ay[j] = apfloat.from(y[j]);
            }
            BinaryElement sum = system.sumOfProducts(x, y, 1, k, k, true);
            ApfloatElement reference = apfloat.sumOfProducts(ax, ay, 1, k, k, true);
            double magnitude = 0;
            for (int j = 1; j <= k; j++) {
                magnitude += j * Math.abs(x[j].getReal() * y[k - j].getReal());
            }
            // binary's half unit of the result, and apfloat's 2k roundings at 10^-100 of the terms' magnitudes
            double allowed = Math.abs(sum.getReal()) * system.unitRoundoff() / 2 + 2 * k * 1e-99 * magnitude;
            double difference = Math.abs(apfloat.from(sum).subtract(reference).getReal());
            assertTrue(difference <= allowed, "k = " + k + ": " + sum + " against " + reference);
        }
    }
}
