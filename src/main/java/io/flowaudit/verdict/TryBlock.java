package io.flowaudit.verdict;

import java.util.List;
import java.util.Map;

/**
 * What a block of consecutive tries of one claim found, in the report's terms: the counts over the
 * tries up to the one that ended the run (or all of them), that try, and the supporting try nearest its
 * bound. Blocks in try order join into what one run over all their tries finds ({@link #then}), so
 * shards of a run, each a block, merge into the unsharded run's verdict.
 */
public final class TryBlock {

    /**
     * The try that ended the run: a refutation (with its shrunk counterexample and that instance's
     * evidence), a stated constant the field exceeds, or an error.
     *
     * @param attempt        the try, counted from 1 over the whole claim
     * @param outcome        FALSIFIED, HYPOTHESIS_REFUTED or ERROR
     * @param counterexample the shrunk counterexample, or the field that exceeds a stated constant
     * @param evidence       the counterexample's constants and figures (falsified only)
     * @param error          what went wrong (error only)
     */
    public record Ending(int attempt, Outcome outcome, Counterexample counterexample, Example evidence, String error) {
    }

    /**
     * Constants and figures of one instance, for the report: the representative try, or the counterexample.
     *
     * @param margin   the try's largest observed/(bound + resolution), NaN when it has none
     * @param observed the comparison that decided the try, or the one closest to its bound, as the check describes
     *                 it ({@code max_l |x_l - x(t_l)| at L = 64 = 0.0123}); empty when the try made none
     * @param bound    what {@code observed} was compared with ({@code C/L at L = 64 = 0.0131 (resolution ...)})
     */
    public record Example(int attempt, Map<String, String> constants, List<Figure> figures, double margin,
            String observed, String bound) {

        /**
         * Whether this try represents a claim better than {@code other}: it came nearer its bound (the point of a
         * claim that holds a reader most wants to see; until 2026-11-30 the first supporting try was shown, on four
         * attention claims an instance whose errors were all exactly 0), or as near and earlier. A margin of NaN comes
         * last.
         */
        public boolean nearerThan(Example other) {
            double mine = Double.isNaN(margin) ? Double.NEGATIVE_INFINITY : margin;
            double theirs = Double.isNaN(other.margin) ? Double.NEGATIVE_INFINITY : other.margin;
            return mine > theirs || mine == theirs && attempt < other.attempt;
        }
    }

    /**
     * The earliest try that could not test the claim, and why: where every try was vacuous, the verdict says why.
     *
     * @param attempt the try, counted from 1 over the whole claim
     * @param why     the check's own account (the comparison that could not be resolved, and its figures)
     */
    public record Vacuous(int attempt, String why) {
    }

    private int counted;
    private int vacuous;
    private int proved;
    private int inconclusive;
    private final Margins.Tally margins;
    private final Coverage coverage;
    private final TryStatistics.Tally statistics;
    private Ending ending;
    private Example example;
    private Vacuous firstVacuous;

    public TryBlock() {
        this(0, 0, 0, 0, new Margins.Tally(), new Coverage(), new TryStatistics.Tally(), null, null, null);
    }

    public TryBlock(int counted, int vacuous, int proved, int inconclusive, Margins.Tally margins, Coverage coverage,
            TryStatistics.Tally statistics, Ending ending, Example example, Vacuous firstVacuous) {
        this.counted = counted;
        this.vacuous = vacuous;
        this.proved = proved;
        this.inconclusive = inconclusive;
        this.margins = margins;
        this.coverage = coverage;
        this.statistics = statistics;
        this.ending = ending;
        this.example = example;
        this.firstVacuous = firstVacuous;
    }

    /** Tries counted: up to and with the one that ended the run, or all of them. */
    public int counted() {
        return counted;
    }

    /** Of those, how many could not test the claim. */
    public int vacuous() {
        return vacuous;
    }

    /** Of those, how many held by proof: decided from enclosures ({@code rigour: proved}). */
    public int proved() {
        return proved;
    }

    /**
     * Of the vacuous tries, how many ran their check to the end without a decision: a proved claim's undecided
     * enclosures, or a run that had not reached its conclusion by the claim's horizon. Never support.
     */
    public int inconclusive() {
        return inconclusive;
    }

    public Margins.Tally margins() {
        return margins;
    }

    public Coverage coverage() {
        return coverage;
    }

    /** Observed orders and fitted constant of the counted tries, for baselines. */
    public TryStatistics.Tally statistics() {
        return statistics;
    }

    /** The try that ended the run, or null. */
    public Ending ending() {
        return ending;
    }

    /** The try that supported the claim nearest its bound, or null. */
    public Example example() {
        return example;
    }

    /** The earliest vacuous try counted, or null. */
    public Vacuous firstVacuous() {
        return firstVacuous;
    }

    /**
     * Counts try {@code attempt} (its instance as {@code sample}), the next after those counted so far;
     * {@code whyVacuous} says why a try could not test the claim (null for one that did); {@code figures} are those
     * of a try that tested the claim (empty for a vacuous one, whose errors are noise); {@code isProved} for a try
     * that held by proof; {@code isInconclusive} for a vacuous try whose check could not decide (see
     * {@link #inconclusive()}).
     */
    public void count(int attempt, Coverage.Sample sample, String whyVacuous, boolean isProved, boolean isInconclusive,
            double margin, List<Figure> figures) {
        counted++;
        if (whyVacuous != null) {
            vacuous++;
            if (firstVacuous == null) {
                firstVacuous = new Vacuous(attempt, whyVacuous);
            }
        }
        proved += isProved ? 1 : 0;
        inconclusive += isInconclusive ? 1 : 0;
        margins.add(attempt, margin);
        coverage.add(sample);
        statistics.add(figures);
    }

    public void end(Ending ending) {
        this.ending = ending;
    }

    public void exemplify(Example example) {
        this.example = example;
    }

    /**
     * This block followed by {@code later}, whose tries come right after this one's: a run that ended in
     * this block never reached the later one's tries, so they do not count.
     */
    public TryBlock then(TryBlock later) {
        if (ending != null) {
            return this;
        }
        Margins.Tally joinedMargins = margins.copy();
        joinedMargins.addAll(later.margins);
        Coverage joinedCoverage = new Coverage();
        joinedCoverage.addAll(coverage);
        joinedCoverage.addAll(later.coverage);
        TryStatistics.Tally joinedStatistics = new TryStatistics.Tally();
        joinedStatistics.addAll(statistics);
        joinedStatistics.addAll(later.statistics);
        return new TryBlock(counted + later.counted, vacuous + later.vacuous, proved + later.proved,
                inconclusive + later.inconclusive, joinedMargins,
                joinedCoverage, joinedStatistics, later.ending,
                example == null || later.example != null && later.example.nearerThan(example) ? later.example : example,
                firstVacuous != null ? firstVacuous : later.firstVacuous);
    }
}
