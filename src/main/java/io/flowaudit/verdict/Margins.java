package io.flowaudit.verdict;

/**
 * How close a claim's tries came to their bounds: observed/(bound + resolution) of each try that resolved a
 * comparison (at most 1 when the try supports the claim, above 1 when it refutes it).
 *
 * @param judged   tries whose margin was resolved
 * @param worst    the largest margin (NaN when no try was judged)
 * @param worstTry the try that reached it, replayable with the claim's seed (0 when none)
 * @param median   the median margin (NaN when no try was judged; {@link Distribution#median} beyond its exact limit)
 */
public record Margins(int judged, double worst, int worstTry, double median) {

    public static final Margins NONE = new Margins(0, Double.NaN, 0, Double.NaN);

    /** Collects one margin per try. */
    public static final class Tally {

        private final Distribution margins = new Distribution();
        private int worstTry;

        /** Adds try {@code attempt}'s margin; NaN (nothing resolved) is not counted. */
        public void add(int attempt, double margin) {
            if (Double.isNaN(margin)) {
                return;
            }
            if (margins.count() == 0 || margin > margins.max()) {
                worstTry = attempt;
            }
            margins.add(margin);
        }

        /** How many margins were added. */
        public int count() {
            return (int) margins.count();
        }

        /** The nearest-rank quantile q in (0, 1] of the margins added ({@link Distribution#quantile}). */
        public double quantile(double q) {
            return margins.quantile(q);
        }

        /** Adds the margins of {@code later}, whose tries all come after this tally's. */
        public void addAll(Tally later) {
            // strictly larger: on a tie the earlier try stays the worst, as when adding one by one
            if (later.count() > 0 && (count() == 0 || later.margins.max() > margins.max())) {
                worstTry = later.worstTry;
            }
            margins.addAll(later.margins);
        }

        /** The margins added. */
        public Distribution distribution() {
            return margins;
        }

        /** The try whose margin is the largest, the first of equals (0 when none was added). */
        public int worstTry() {
            return worstTry;
        }

        /** A tally read back from its margins and the try that reached the largest. */
        public static Tally of(Distribution margins, int worstTry) {
            Tally tally = new Tally();
            tally.margins.addAll(margins);
            tally.worstTry = worstTry;
            return tally;
        }

        /** A copy of this tally, to join later tries to. */
        public Tally copy() {
            return of(margins, worstTry);
        }

        public Margins summary() {
            if (margins.count() == 0) {
                return NONE;
            }
            return new Margins(count(), margins.max(), worstTry, margins.median());
        }
    }
}
