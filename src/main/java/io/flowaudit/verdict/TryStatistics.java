package io.flowaudit.verdict;

import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The numbers a baseline tracks across runs (README, "Baselines"), summarised over the tries that tested the claim
 * (vacuous ones excluded: their errors are noise).
 *
 * @param ordered            tries whose check fitted an observed order (a convergence ladder)
 * @param order              the mean observed order over them (NaN when none)
 * @param orderStandardError the standard error of that mean, s/sqrt(n) (NaN with fewer than two)
 * @param fittedConstant     the largest L times the uniform error over those tries and their ladders (NaN when none)
 * @param marginQuantiles    quantiles of the tries' margins observed/(bound + resolution), by name (p50, p90, p99,
 *                           max); empty when no try resolved a comparison
 */
public record TryStatistics(int ordered, double order, double orderStandardError, double fittedConstant,
        SortedMap<String, Double> marginQuantiles) {

    public static final TryStatistics NONE = new TryStatistics(0, Double.NaN, Double.NaN, Double.NaN,
            Collections.emptySortedMap());

    /**
     * The margin quantiles recorded, by name: nearest rank, so each is one try's margin (beyond
     * {@link Distribution#EXACT_LIMIT} tries the top of that margin's bucket, at most 0.8 % above it).
     */
    static final SortedMap<String, Double> QUANTILES = new TreeMap<>(
            java.util.Map.of("p50", 0.5, "p90", 0.9, "p99", 0.99, "max", 1.0));

    /** Collects each testing try's observed order and L times its error, in try order. */
    public static final class Tally {

        private int ordered;
        private double orderMean;
        private double orderSquaredDeviations;
        private double fittedConstant = Double.NaN;

        /** Adds a try that tested the claim, through its figures (only convergence ladders count). */
        public void add(List<Figure> figures) {
            for (Figure figure : figures) {
                if (figure instanceof Figure.Convergence convergence) {
                    add(convergence);
                }
            }
        }

        private void add(Figure.Convergence convergence) {
            double order = convergence.observedOrder();
            if (Double.isFinite(order)) {
                // Welford's update: no cancellation when the orders agree to many digits
                ordered++;
                double deviation = order - orderMean;
                orderMean += deviation / ordered;
                orderSquaredDeviations += deviation * (order - orderMean);
            }
            for (int i = 0; i < convergence.depths().size(); i++) {
                double scaled = convergence.depths().get(i) * convergence.errors().get(i);
                if (Double.isFinite(scaled) && !(scaled <= fittedConstant)) {
                    fittedConstant = scaled;
                }
            }
        }

        /** The tally as four numbers (tries with an order, their mean, squared deviations, fitted constant), for a part. */
        public double[] state() {
            return new double[] {ordered, orderMean, orderSquaredDeviations, fittedConstant};
        }

        /** A tally read back from its {@link #state()}. */
        public static Tally of(double[] state) {
            if (state.length != 4) {
                throw new IllegalArgumentException("expected 4 numbers in a try-statistics tally, got " + state.length);
            }
            Tally tally = new Tally();
            tally.ordered = (int) state[0];
            tally.orderMean = state[1];
            tally.orderSquaredDeviations = state[2];
            tally.fittedConstant = state[3];
            return tally;
        }

        /** Adds the tries of {@code later}: Chan et al.'s pairwise update of the mean and squared deviations. */
        public void addAll(Tally later) {
            int joined = ordered + later.ordered;
            if (later.ordered > 0) {
                double deviation = later.orderMean - orderMean;
                orderSquaredDeviations += later.orderSquaredDeviations
                        + deviation * deviation * ordered * (double) later.ordered / joined;
                orderMean += deviation * later.ordered / joined;
                ordered = joined;
            }
            // NaN means no ladder yet: a later block without one must not erase this one's constant
            if (later.fittedConstant > fittedConstant || Double.isNaN(fittedConstant)) {
                fittedConstant = later.fittedConstant;
            }
        }

        /** The statistics, with the margin quantiles of {@code margins} (the same tries' margins). */
        public TryStatistics summary(Margins.Tally margins) {
            double mean = ordered == 0 ? Double.NaN : orderMean;
            double variance = ordered < 2 ? Double.NaN : orderSquaredDeviations / (ordered - 1);
            SortedMap<String, Double> quantiles = new TreeMap<>();
            if (margins.count() > 0) {
                QUANTILES.forEach((name, q) -> quantiles.put(name, margins.quantile(q)));
            }
            return new TryStatistics(ordered, mean, Math.sqrt(variance / ordered), fittedConstant,
                    Collections.unmodifiableSortedMap(quantiles));
        }
    }
}
