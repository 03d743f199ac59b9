package io.flowaudit.verdict;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the random search covered: histograms of dimension, K, mu, horizon, the initial state's size and depth. A
 * quantity that is the same in every try is one bin, which the report shows as a fixed value; one with no finite value
 * in any try has none (K and mu of the real checkpoint's inputs, whose certificate is the vacuous one: infinite).
 *
 * <p>The integer quantities are counted as tries come; the real ones are binned over the range the tries
 * observed, which is known only at the end, so their values are kept: exactly up to {@link Distribution#EXACT_LIMIT}
 * tries, by bucket beyond ({@link Distribution#binCounts}).
 */
public final class Coverage {

    /** The real quantities, binned in eight over their observed range. */
    public static final List<String> BINNED = List.of("Lipschitz constant K", "one-sided Lipschitz mu", "horizon T",
            "initial state |x0|");

    /** Counts of each dimension and depth, and the real quantities' values, in try order. */
    private final Map<Integer, Long> dimensions = new TreeMap<>();
    private final Map<Integer, Long> depths = new TreeMap<>();
    private final Distribution[] binned = new Distribution[BINNED.size()];

    public Coverage() {
        for (int i = 0; i < binned.length; i++) {
            binned[i] = new Distribution();
        }
    }

    /**
     * What coverage counts of one try's instance: its field's dimension and certified K and mu, its
     * horizon, the size of its initial state and its depth (0 when the claim draws none).
     */
    public record Sample(int dimension, double lipschitz, double oneSidedLipschitz, double horizon,
            double initialNorm, int depth) {
    }

    /** Counts the next try's instance. */
    public void add(Sample sample) {
        dimensions.merge(sample.dimension(), 1L, Long::sum);
        depths.merge(sample.depth(), 1L, Long::sum);
        binned[0].add(sample.lipschitz());
        binned[1].add(sample.oneSidedLipschitz());
        binned[2].add(sample.horizon());
        binned[3].add(sample.initialNorm());
    }

    /** Counts the tries of {@code later}, which come after this one's. */
    public void addAll(Coverage later) {
        later.dimensions.forEach((value, count) -> dimensions.merge(value, count, Long::sum));
        later.depths.forEach((value, count) -> depths.merge(value, count, Long::sum));
        for (int i = 0; i < binned.length; i++) {
            binned[i].addAll(later.binned[i]);
        }
    }

    public List<Histogram> histograms() {
        List<Histogram> histograms = new ArrayList<>();
        histograms.add(counts("dimension D", dimensions));
        for (int i = 0; i < binned.length; i++) {
            if (binned[i].hasFiniteValue()) {
                histograms.add(binned(BINNED.get(i), binned[i]));
            }
        }
        if (depths.keySet().stream().anyMatch(depth -> depth > 0)) {
            histograms.add(counts("depth L", depths));
        }
        return histograms;
    }

    public Map<Integer, Long> dimensions() {
        return dimensions;
    }

    public Map<Integer, Long> depths() {
        return depths;
    }

    /** The values of the {@code i}-th of {@link #BINNED}. */
    public Distribution binned(int i) {
        return binned[i];
    }

    /** A coverage read back from its parts (a partial summary). */
    public static Coverage of(Map<Integer, Long> dimensions, Map<Integer, Long> depths, List<Distribution> binned) {
        Coverage coverage = new Coverage();
        coverage.dimensions.putAll(dimensions);
        coverage.depths.putAll(depths);
        for (int i = 0; i < coverage.binned.length; i++) {
            coverage.binned[i].addAll(binned.get(i));
        }
        return coverage;
    }

    private static Histogram counts(String quantity, Map<Integer, Long> counts) {
        List<Histogram.Bin> bins = new ArrayList<>();
        counts.forEach((v, n) -> bins.add(new Histogram.Bin(Integer.toString(v), n)));
        return new Histogram(quantity, bins);
    }

    /** Eight equal bins over the observed range (one bin when every value is the same). */
    private static Histogram binned(String quantity, Distribution values) {
        double min = values.min();
        double max = values.max();
        int binCount = max > min ? 8 : 1;
        long[] counts = values.binCounts(binCount);
        List<Histogram.Bin> bins = new ArrayList<>();
        double width = (max - min) / binCount;
        for (int b = 0; b < binCount; b++) {
            String label = binCount == 1 ? format(min)
                    : "[" + format(min + b * width) + ", " + format(min + (b + 1) * width) + ")";
            bins.add(new Histogram.Bin(label, counts[b]));
        }
        return new Histogram(quantity, bins);
    }

    private static String format(double v) {
        return String.format(Locale.ROOT, "%.3g", v);
    }
}
