package io.flowaudit.verdict;

import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The values one real quantity took over a claim's tries (a margin, a coverage quantity), for its quantiles and
 * histogram. Up to {@link #EXACT_LIMIT} values it keeps them all, so every figure is exact; beyond, it keeps how many
 * fell in each bucket of doubles sharing their sign, exponent and first {@link #MANTISSA_BITS} mantissa bits (width at
 * most 2⁻⁷ of the values in it), so memory stays bounded however many tries run: a 10⁶-try run keeps a few thousand
 * counts, not 8 MB a quantity, and a shard's part stays small.
 *
 * <p>Which form a distribution has depends on its count alone, and each form on the values alone, not on their order
 * or grouping: distributions joined in any grouping ({@link #addAll}) equal the one that took every value in turn, so
 * shards and threads give the same figures as one run.
 */
public final class Distribution {

    /** The most values kept exactly: the 10 000-try extended run's quantiles and bins are exact. */
    public static final int EXACT_LIMIT = 10_000;

    /** The mantissa bits a bucket shares: quantiles beyond the limit are within 2⁻⁷ (0.8 %) of the exact ones. */
    public static final int MANTISSA_BITS = 7;

    private static final int BUCKET_SHIFT = 52 - MANTISSA_BITS;

    private double[] values = new double[16];
    /** Values by bucket ({@link #bucket}), once there are more than {@link #EXACT_LIMIT}; null until then. */
    private TreeMap<Long, Long> buckets;
    private long count;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;

    /** A distribution of {@code values}. */
    public static Distribution of(double... values) {
        Distribution distribution = new Distribution();
        for (double value : values) {
            distribution.add(value);
        }
        return distribution;
    }

    /**
     * A distribution of more than {@link #EXACT_LIMIT} values read back from its buckets and extremes (a shard's part).
     *
     * @throws IllegalArgumentException when they are not those of such a distribution: too few values, a count below
     *                                  1, a key no double has, or extremes outside the first and last buckets
     */
    public static Distribution ofBuckets(SortedMap<Long, Long> buckets, double min, double max) {
        Distribution distribution = new Distribution();
        distribution.values = null;
        distribution.buckets = new TreeMap<>(buckets);
        for (long n : buckets.values()) {
            if (n < 1) {
                throw new IllegalArgumentException("expected a count of at least 1 in each bucket, found " + n);
            }
            distribution.count += n;
        }
        if (distribution.count <= EXACT_LIMIT) {
            throw new IllegalArgumentException("expected buckets only for more than " + EXACT_LIMIT + " values, found "
                    + distribution.count + " (fewer are kept exactly)");
        }
        if (buckets.firstKey() < bucket(Double.NEGATIVE_INFINITY) || buckets.lastKey() > bucket(Double.NaN)) {
            throw new IllegalArgumentException("expected bucket keys from " + bucket(Double.NEGATIVE_INFINITY) + " to "
                    + bucket(Double.NaN));
        }
        boolean extremesFit = Double.isNaN(min) ? Double.isNaN(max) && bucket(max) == buckets.lastKey()
                : bucket(min) == buckets.firstKey() && bucket(max) == buckets.lastKey() && min <= max;
        if (!extremesFit) {
            throw new IllegalArgumentException("expected min " + min + " in the first bucket and max " + max
                    + " in the last");
        }
        distribution.min = min;
        distribution.max = max;
        return distribution;
    }

    public void add(double value) {
        // Math.min and max, as DoubleStream's: NaN and -0.0 take part alike in any order
        min = Math.min(min, value);
        max = Math.max(max, value);
        if (buckets == null && count == EXACT_LIMIT) {
            keepBuckets();
        }
        count++;
        if (buckets != null) {
            buckets.merge(bucket(value), 1L, Long::sum);
            return;
        }
        if (count > values.length) {
            values = Arrays.copyOf(values, 2 * values.length);
        }
        values[(int) count - 1] = value;
    }

    /** Adds the values of {@code other}. */
    public void addAll(Distribution other) {
        if (other.buckets == null) {
            for (int i = 0; i < other.count; i++) {
                add(other.values[i]);
            }
            return;
        }
        if (buckets == null) {
            keepBuckets();
        }
        other.buckets.forEach((key, n) -> buckets.merge(key, n, Long::sum));
        count += other.count;
        min = Math.min(min, other.min);
        max = Math.max(max, other.max);
    }

    /** Turns the values kept into their buckets' counts, from now on kept instead. */
    private void keepBuckets() {
        buckets = new TreeMap<>();
        for (int i = 0; i < count; i++) {
            buckets.merge(bucket(values[i]), 1L, Long::sum);
        }
        values = null;
    }

    public long count() {
        return count;
    }

    /** The least value (NaN when one was NaN; +∞ when none was added). */
    public double min() {
        return min;
    }

    /** The greatest value (NaN when one was NaN; -∞ when none was added). */
    public double max() {
        return max;
    }

    /** Whether some value is neither infinite nor NaN. */
    public boolean hasFiniteValue() {
        if (buckets == null) {
            return Arrays.stream(values, 0, (int) count).anyMatch(Double::isFinite);
        }
        return !buckets.subMap(bucket(Double.NEGATIVE_INFINITY) + 1, bucket(Double.POSITIVE_INFINITY)).isEmpty();
    }

    /** Whether every value is kept: at most {@link #EXACT_LIMIT} of them. */
    public boolean exact() {
        return buckets == null;
    }

    /** The values in the order added (exact distributions only). */
    public double[] values() {
        if (buckets != null) {
            throw new IllegalStateException("a distribution of " + count + " values keeps buckets, not values");
        }
        return Arrays.copyOf(values, (int) count);
    }

    /** The count of each bucket, by its key (bucketed distributions only). */
    public SortedMap<Long, Long> buckets() {
        if (buckets == null) {
            throw new IllegalStateException("a distribution of " + count + " values keeps them, not buckets");
        }
        return Collections.unmodifiableSortedMap(buckets);
    }

    /**
     * The nearest-rank quantile q in (0, 1]: the smallest value with at least q of them at or below it. Beyond
     * {@link #EXACT_LIMIT} values it is the greatest double of that value's bucket (within the extremes): never below
     * the exact quantile, and above it by at most 2⁻⁷ of it (of a normal double).
     */
    public double quantile(double q) {
        // the rank q n is an integer exactly when q is a multiple of 1/n; 1e-9 keeps 0.9 * 10 from rounding up
        long rank = Math.max(1, (long) Math.ceil(q * count - 1e-9));
        if (buckets == null) {
            return sorted()[(int) rank - 1];
        }
        long below = 0;
        for (Map.Entry<Long, Long> bucket : buckets.entrySet()) {
            below += bucket.getValue();
            if (below >= rank) {
                return greatestIn(bucket.getKey());
            }
        }
        throw new IllegalStateException("no quantile " + q + " of an empty distribution");
    }

    /** The median: the mean of the two middle values of an even count when exact, else the 0.5 quantile. */
    public double median() {
        if (buckets != null) {
            return quantile(0.5);
        }
        double[] sorted = sorted();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /**
     * How many values fall in each of {@code binCount} equal bins over [min, max] (all in the first when they are
     * equal). Beyond {@link #EXACT_LIMIT} values each bucket counts in the bin of its greatest double (within the
     * extremes), so a value within 2⁻⁷ of its size below a bin's end may count in the next.
     */
    public long[] binCounts(int binCount) {
        long[] counts = new long[binCount];
        if (buckets == null) {
            for (int i = 0; i < count; i++) {
                counts[bin(values[i], binCount)]++;
            }
        } else {
            buckets.forEach((key, n) -> counts[bin(greatestIn(key), binCount)] += n);
        }
        return counts;
    }

    private int bin(double value, int binCount) {
        return max > min ? (int) Math.min(binCount - 1, (value - min) / (max - min) * binCount) : 0;
    }

    private double[] sorted() {
        double[] sorted = Arrays.copyOf(values, (int) count);
        Arrays.sort(sorted);
        return sorted;
    }

    /**
     * The bucket of a value, ordered as the values: a non-negative double's bits without its last
     * {@link #BUCKET_SHIFT} (the bits of non-negative doubles grow with them, NaN's above +∞), and below them the
     * negative doubles' buckets by magnitude, mirrored.
     */
    static long bucket(double value) {
        long bits = Double.doubleToLongBits(value);
        return bits >= 0 ? bits >> BUCKET_SHIFT : -((bits & Long.MAX_VALUE) >> BUCKET_SHIFT) - 1;
    }

    /** The greatest double in bucket {@code key}, brought within [min, max]. */
    private double greatestIn(long key) {
        double greatest = key >= 0 ? Double.longBitsToDouble(((key + 1) << BUCKET_SHIFT) - 1)
                : -Double.longBitsToDouble((-key - 1) << BUCKET_SHIFT);
        if (Double.isNaN(greatest)) { // the bucket of +∞, whose other bits are NaN's, or NaN's own
            greatest = Double.longBitsToDouble(key << BUCKET_SHIFT);
        }
        return Math.max(min, Math.min(max, greatest));
    }
}
