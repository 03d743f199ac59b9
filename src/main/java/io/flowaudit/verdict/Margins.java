package io.flowaudit.verdict;

import java.util.Arrays;

/**
 * How close a claim's tries came to their bounds: observed/(bound + resolution) of each try that resolved a
 * comparison (at most 1 when the try supports the claim, above 1 when it refutes it).
 *
 * @param judged   tries whose margin was resolved
 * @param worst    the largest margin (NaN when no try was judged)
 * @param worstTry the try that reached it, replayable with the claim's seed (0 when none)
 * @param median   the median margin (NaN when no try was judged)
 */
public record Margins(int judged, double worst, int worstTry, double median) {

    public static final Margins NONE = new Margins(0, Double.NaN, 0, Double.NaN);

    /** Collects one margin per try. */
    public static final class Tally {

        private double[] margins = new double[16];
        private int count;
        private double worst = Double.NEGATIVE_INFINITY;
        private int worstTry;

        /** Adds try {@code attempt}'s margin; NaN (nothing resolved) is not counted. */
        public void add(int attempt, double margin) {
            if (Double.isNaN(margin)) {
                return;
            }
            if (count == margins.length) {
                margins = Arrays.copyOf(margins, 2 * count);
            }
            margins[count++] = margin;
            if (margin > worst) {
                worst = margin;
                worstTry = attempt;
            }
        }

        /** How many margins were added. */
        public int count() {
            return count;
        }

        /** The nearest-rank quantile q in (0, 1] of the margins added: the smallest with at least q of them at or below it. */
        public double quantile(double q) {
            double[] sorted = Arrays.copyOf(margins, count);
            Arrays.sort(sorted);
            // the rank q n is an integer exactly when q is a multiple of 1/n; 1e-9 keeps 0.9 * 10 from rounding up
            return sorted[Math.max(0, (int) Math.ceil(q * count - 1e-9) - 1)];
        }

        /** Adds the margins of {@code later}, whose tries all come after this tally's. */
        public void addAll(Tally later) {
            for (int i = 0; i < later.count; i++) {
                if (count == margins.length) {
                    margins = Arrays.copyOf(margins, 2 * count);
                }
                margins[count++] = later.margins[i];
            }
            // strictly larger: on a tie the earlier try stays the worst, as when adding one by one
            if (later.worst > worst) {
                worst = later.worst;
                worstTry = later.worstTry;
            }
        }

        /** The margins added, in try order. */
        public double[] values() {
            return Arrays.copyOf(margins, count);
        }

        /** The try whose margin is the largest, the first of equals (0 when none was added). */
        public int worstTry() {
            return worstTry;
        }

        /** A tally read back from its margins in try order and the try that reached the largest. */
        public static Tally of(double[] values, int worstTry) {
            Tally tally = new Tally();
            for (double value : values) {
                tally.add(worstTry, value);
            }
            tally.worstTry = worstTry;
            return tally;
        }

        public Margins summary() {
            if (count == 0) {
                return NONE;
            }
            double[] sorted = Arrays.copyOf(margins, count);
            Arrays.sort(sorted);
            double median = count % 2 == 1 ? sorted[count / 2] : (sorted[count / 2 - 1] + sorted[count / 2]) / 2;
            return new Margins(count, worst, worstTry, median);
        }
    }
}
