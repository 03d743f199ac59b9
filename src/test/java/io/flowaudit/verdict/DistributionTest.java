package io.flowaudit.verdict;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * A claim's margins and coverage values: exact up to {@link Distribution#EXACT_LIMIT}, by bucket beyond, the same
 * figures however the tries are grouped (threads, shards), and bounded memory.
 */
class DistributionTest {

    private static final double BUCKET_WIDTH = Math.scalb(1.0, -Distribution.MANTISSA_BITS);

    /** Values of both signs over twenty binades, with zeros of both signs, a subnormal and infinities among them. */
    private static double[] values(int size, long seed) {
        Random random = new Random(seed);
        double[] values = new double[size];
        for (int i = 0; i < size; i++) {
            int kind = random.nextInt(200);
            values[i] = switch (kind) {
                case 0 -> 0.0;
                case 1 -> -0.0;
                case 2 -> Double.MIN_VALUE;
                case 3 -> Double.POSITIVE_INFINITY;
                case 4 -> Double.NEGATIVE_INFINITY;
                default -> (kind % 3 == 0 ? -1 : 1) * Math.exp(7 * random.nextGaussian());
            };
        }
        return values;
    }

    /** What a distribution's figures are, all of them: the form it keeps, its extremes, quantiles and bins. */
    private static String figures(Distribution d) {
        return shortly(d) + " " + (d.exact() ? Arrays.toString(d.values()) : d.buckets());
    }

    /** Its figures but for the values or buckets themselves, for a message. */
    private static String shortly(Distribution d) {
        return d.count() + " " + d.exact() + " " + Double.doubleToRawLongBits(d.min()) + " "
                + Double.doubleToRawLongBits(d.max()) + " "
                + (d.count() == 0 ? "" : d.quantile(0.5) + " " + d.quantile(0.99) + " " + d.median()) + " "
                + Arrays.toString(d.binCounts(8)) + " " + d.hasFiniteValue();
    }

    private static void assertSameFigures(Distribution expected, Distribution actual, String what) {
        assertTrue(figures(expected).equals(figures(actual)),
                what + ": " + shortly(actual) + ", one by one: " + shortly(expected));
    }

    /**
     * Cut at three places and joined in two groupings, the values give the figures of the distribution that took them
     * one by one: whether the parts, or only their join, exceed the exact limit.
     */
    @Property(tries = 40)
    void joinedInAnyGroupingGiveTheFiguresOfOneRun(@ForAll @IntRange(max = 24_000) int size, @ForAll long seed,
            @ForAll @IntRange(max = 24_000) int cutA, @ForAll @IntRange(max = 24_000) int cutB,
            @ForAll @IntRange(max = 24_000) int cutC) {
        double[] values = values(size, seed);
        int[] cuts = {0, Math.min(cutA, size), Math.min(cutB, size), Math.min(cutC, size), size};
        Arrays.sort(cuts);
        Distribution[] parts = new Distribution[4];
        for (int p = 0; p < 4; p++) {
            parts[p] = Distribution.of(Arrays.copyOfRange(values, cuts[p], cuts[p + 1]));
        }
        Distribution leftToRight = new Distribution();
        for (Distribution part : parts) {
            leftToRight.addAll(part);
        }
        Distribution pairs = Distribution.of(Arrays.copyOfRange(values, cuts[0], cuts[2]));
        Distribution laterPair = Distribution.of(Arrays.copyOfRange(values, cuts[2], cuts[4]));
        pairs.addAll(laterPair);
        Distribution oneRun = Distribution.of(values);
        assertSameFigures(oneRun, leftToRight, "four parts joined left to right");
        assertSameFigures(oneRun, pairs, "two pairs joined");
        assertEquals(size <= Distribution.EXACT_LIMIT, Distribution.of(values).exact());
    }

    /**
     * Beyond the limit a nearest-rank quantile is the top of its value's bucket: never below the exact quantile and
     * above it by at most 2^-7 of its size (normal doubles of both signs, over forty binades).
     */
    @Property(tries = 20)
    void bucketedQuantilesLieWithinABucketAboveTheExactOnes(@ForAll @IntRange(min = 10_001, max = 30_000) int size,
            @ForAll long seed) {
        Random random = new Random(seed);
        double[] values = new double[size];
        for (int i = 0; i < size; i++) {
            values[i] = (random.nextInt(4) == 0 ? -1 : 1) * Math.exp(5 * random.nextGaussian());
        }
        Distribution bucketed = Distribution.of(values);
        assertFalse(bucketed.exact());
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        for (double q : new double[] {1e-4, 0.01, 0.25, 0.5, 0.9, 0.99, 1}) {
            double exact = sorted[(int) Math.max(1, Math.ceil(q * size - 1e-9)) - 1];
            double approximate = bucketed.quantile(q);
            assertTrue(exact <= approximate && approximate - exact <= Math.abs(exact) * BUCKET_WIDTH,
                    "q " + q + ": exact " + exact + ", bucketed " + approximate);
        }
        assertEquals(sorted[size - 1], bucketed.quantile(1), "the largest is exact");
        double median = bucketed.median();
        double nearestRankMiddle = sorted[(size + 1) / 2 - 1];
        assertTrue(nearestRankMiddle <= median
                && median - nearestRankMiddle <= Math.abs(nearestRankMiddle) * BUCKET_WIDTH);
    }

    /**
     * Beyond the limit each value counts in the bin of its bucket's top: the same bin, or the next when it lies within
     * 2^-7 of its size below the bin's end (here bins 1.2 wide over [0.1, 10]: at most one bin up).
     */
    @Property(tries = 20)
    void bucketedBinsMoveAValueAtMostOneBinUp(@ForAll @IntRange(min = 10_001, max = 30_000) int size,
            @ForAll long seed) {
        Random random = new Random(seed);
        double[] values = new double[size];
        for (int i = 0; i < size; i++) {
            values[i] = 0.1 + 9.9 * random.nextDouble();
        }
        values[0] = 0.1;
        values[1] = 10;
        long[] exact = new long[8];
        for (double v : values) {
            exact[(int) Math.min(7, (v - 0.1) / 9.9 * 8)]++;
        }
        long[] bucketed = Distribution.of(values).binCounts(8);
        long exactBelow = 0;
        long bucketedBelow = 0;
        for (int bin = 0; bin < 8; bin++) {
            long exactBefore = exactBelow;
            exactBelow += exact[bin];
            bucketedBelow += bucketed[bin];
            assertTrue(bucketedBelow <= exactBelow && bucketedBelow >= exactBefore,
                    Arrays.toString(exact) + " exactly, " + Arrays.toString(bucketed) + " by bucket");
        }
        assertEquals(size, bucketedBelow);
    }

    /** The knife edge: 10 000 values are kept, the 10 001st turns them into buckets, whose counts add up. */
    @Test
    void theLimitItselfIsKeptExactly() {
        double[] values = values(Distribution.EXACT_LIMIT + 1, 7);
        Distribution atLimit = Distribution.of(Arrays.copyOf(values, Distribution.EXACT_LIMIT));
        assertTrue(atLimit.exact());
        assertArrayEquals(Arrays.copyOf(values, Distribution.EXACT_LIMIT), atLimit.values());
        atLimit.add(values[Distribution.EXACT_LIMIT]);
        assertFalse(atLimit.exact());
        assertEquals(Distribution.EXACT_LIMIT + 1,
                atLimit.buckets().values().stream().mapToLong(Long::longValue).sum());
        assertThrows(IllegalStateException.class, atLimit::values);
        assertThrows(IllegalStateException.class, () -> Distribution.of(1).buckets());
    }

    /**
     * A million tries keep a few thousand counts: margins over (0, 1] and a constant log-normal over 30 binades, at
     * most 2^7 buckets a binade.
     */
    @Test
    void memoryDoesNotGrowWithTheTries() {
        Random random = new Random(1);
        Distribution margins = new Distribution();
        Distribution constants = new Distribution();
        for (int i = 0; i < 1_000_000; i++) {
            margins.add(random.nextDouble());
            constants.add(Math.exp(3 * random.nextGaussian()));
        }
        assertTrue(margins.buckets().size() < 64 * 128, margins.buckets().size() + " buckets");
        assertTrue(constants.buckets().size() < 40 * 128, constants.buckets().size() + " buckets");
    }

    /** Infinities alone are no finite value, kept or by bucket; +∞ and -∞ are their own quantiles. */
    @Test
    void infinitiesAreNoFiniteValue() {
        double[] infinite = new double[Distribution.EXACT_LIMIT + 1];
        Arrays.fill(infinite, Double.POSITIVE_INFINITY);
        infinite[0] = Double.NEGATIVE_INFINITY;
        Distribution bucketed = Distribution.of(infinite);
        assertFalse(bucketed.hasFiniteValue());
        assertFalse(Distribution.of(Double.POSITIVE_INFINITY).hasFiniteValue());
        assertEquals(Double.NEGATIVE_INFINITY, bucketed.quantile(1e-5));
        assertEquals(Double.POSITIVE_INFINITY, bucketed.quantile(0.5));
        bucketed.add(-0.0);
        assertTrue(bucketed.hasFiniteValue());
    }

    /** Buckets read back (a shard's part) must be those of a distribution beyond the limit. */
    @Test
    void bucketsOfNoSuchDistributionAreRefused() {
        Distribution many = Distribution.of(values(Distribution.EXACT_LIMIT + 500, 3));
        TreeMap<Long, Long> buckets = new TreeMap<>(many.buckets());
        assertSameFigures(many, Distribution.ofBuckets(buckets, many.min(), many.max()), "read back");
        Map<String, Runnable> refusals = Map.of(
                "fewer are kept exactly", () -> Distribution.ofBuckets(new TreeMap<>(Map.of(0L, 10_000L)), 0, 0),
                "a count of at least 1", () -> Distribution.ofBuckets(withEntry(buckets, 0L, 0L), many.min(),
                        many.max()),
                "in the first bucket", () -> Distribution.ofBuckets(buckets, -1, many.max()),
                "bucket keys from", () -> Distribution.ofBuckets(withEntry(buckets, Long.MIN_VALUE, 1L), many.min(),
                        many.max()));
        refusals.forEach((why, read) -> assertTrue(assertThrows(IllegalArgumentException.class, read::run)
                .getMessage().contains(why), why));
        for (double value : List.of(-0.0, Double.MIN_VALUE, Double.MAX_VALUE, Double.NaN)) {
            assertEquals(value, Distribution.of(value).quantile(1), "a single " + value);
        }
    }

    private static TreeMap<Long, Long> withEntry(TreeMap<Long, Long> buckets, long key, long count) {
        TreeMap<Long, Long> changed = new TreeMap<>(buckets);
        changed.put(key, count);
        return changed;
    }
}
