package io.flowaudit.audit;

import io.flowaudit.claim.Instance;
import io.flowaudit.field.Region;
import io.flowaudit.verdict.Histogram;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * What the random search covered: histograms of dimension, K, mu, horizon, the initial state's size and depth. A
 * quantity that is the same in every try is one bin, which the report shows as a fixed value.
 */
final class Coverage {

    private Coverage() {
    }

    /** The quantities of one try that the histograms count: a few numbers, not the instance itself. */
    record Sample(int dimension, double lipschitz, double oneSidedLipschitz, double horizon, double initialNorm,
            int depth) {

        static Sample of(Instance instance) {
            return new Sample(instance.field().dimension(), instance.field().certificate().lipschitz(),
                    instance.field().certificate().oneSidedLipschitz(), instance.horizon(),
                    Region.euclideanNorm(instance.initial()), instance.depth());
        }
    }

    static List<Histogram> of(List<Sample> samples) {
        List<Histogram> histograms = new ArrayList<>();
        histograms.add(counts("dimension D", samples, Sample::dimension));
        histograms.add(binned("Lipschitz constant K", samples, Sample::lipschitz));
        histograms.add(binned("one-sided Lipschitz mu", samples, Sample::oneSidedLipschitz));
        histograms.add(binned("horizon T", samples, Sample::horizon));
        histograms.add(binned("initial state |x0|", samples, Sample::initialNorm));
        if (samples.stream().anyMatch(s -> s.depth() > 0)) {
            histograms.add(counts("depth L", samples, Sample::depth));
        }
        return histograms;
    }

    private static Histogram counts(String quantity, List<Sample> instances, ToDoubleFunction<Sample> value) {
        Map<Integer, Long> counts = new TreeMap<>();
        for (Sample sample : instances) {
            counts.merge((int) value.applyAsDouble(sample), 1L, Long::sum);
        }
        List<Histogram.Bin> bins = new ArrayList<>();
        counts.forEach((v, n) -> bins.add(new Histogram.Bin(Integer.toString(v), n)));
        return new Histogram(quantity, bins);
    }

    /** Eight equal bins over the observed range (one bin when every value is the same). */
    private static Histogram binned(String quantity, List<Sample> instances, ToDoubleFunction<Sample> value) {
        double[] values = instances.stream().mapToDouble(value).toArray();
        double min = Arrays.stream(values).min().orElse(0);
        double max = Arrays.stream(values).max().orElse(0);
        int binCount = max > min ? 8 : 1;
        long[] counts = new long[binCount];
        for (double v : values) {
            int bin = max > min ? (int) Math.min(binCount - 1, (v - min) / (max - min) * binCount) : 0;
            counts[bin]++;
        }
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
