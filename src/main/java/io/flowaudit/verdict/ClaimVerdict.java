package io.flowaudit.verdict;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Everything the report shows about one claim file's run: a claim's {@link Header} and the tally of its tries
 * ({@link TryBlock}) decided into a verdict.
 *
 * @param id                   the claim file's name without extension; unique in a run
 * @param file                 the claim file's path as given
 * @param title                the claim's title from the file
 * @param theorem              which theorem, e.g. {@code Theorem 1 (uniform O(1/L) convergence)}
 * @param statement            the theorem as stated, with hypotheses and constants
 * @param expected             what the file expects
 * @param outcome              what the run found
 * @param tries                how many instances were checked
 * @param triesToFalsify       the try that found the first counterexample (0 when none)
 * @param vacuous              of the tries, how many could not test the claim (neither support nor refute)
 * @param margins              how close the tries came to their bounds
 * @param seed                 the seed of the random search
 * @param duration             wall time of this claim
 * @param hypothesisSpace      the parameter ranges searched, e.g. {@code dimension -> 1..8}
 * @param certifiedConstants   constants of a representative instance, e.g. {@code K -> 1.5}
 * @param figures              plots' data
 * @param coverage             histograms of generated quantities
 * @param counterexample       the shrunk counterexample, or null
 * @param error                why the claim could not be checked, or null
 * @param replayCommand        the command that replays exactly this run
 * @param statistics           observed order, fitted constant and margin quantiles over the tries, for baselines
 * @param rigour               whether tries were decided from observed values or from enclosures (docs/theory.md,
 *                             "Proved verdicts"); for a proved claim the vacuous tries are those it left undecided
 * @param proved               of the tries, how many held by proof (0 unless the rigour is proved)
 * @param inconclusive         of the vacuous tries, how many ran their check without a decision: a proved claim's
 *                             undecided tries, or runs that had not reached the claimed limit by the horizon
 * @param ceiling              the claim file's {@code max-tries} when it cut the tries the run asked for, else null
 * @param nearest              of a claim that holds, the supporting try nearest its bound (the one plotted) and its
 *                             comparison as the check described it; null otherwise, or when that try made none
 */
public record ClaimVerdict(String id, String file, String title, String theorem, String statement,
        Expectation expected, Outcome outcome, int tries, int triesToFalsify, int vacuous, Margins margins, long seed, Duration duration,
        Map<String, String> hypothesisSpace, Map<String, String> certifiedConstants, List<Figure> figures,
        List<Histogram> coverage, Counterexample counterexample, String error, String replayCommand,
        TryStatistics statistics, Rigour rigour, int proved, int inconclusive, TriesCeiling ceiling,
        NearestTry nearest) {

    /**
     * A claim that holds came nearest its bound at try {@code attempt}: {@code observed} against {@code bound}, as
     * its check described the comparison ({@code max_l |x_l - x(t_l)| at L = 64 = 0.0123} against {@code C/L at L =
     * 64 = 0.0131 (resolution ...)}).
     */
    public record NearestTry(int attempt, String observed, String bound) {

        /** The comparison of a try as the report shows it, or null when the try made none. */
        static NearestTry of(TryBlock.Example example) {
            return example == null || example.observed().isEmpty() ? null
                    : new NearestTry(example.attempt(), example.observed(), example.bound());
        }
    }

    /**
     * A run asked a claim for {@code asked} tries and its file's {@code max-tries}, {@code maxTries}, cut them: a try
     * of that claim is so dear that its file bounds what any run asks. Every report of the claim says so.
     */
    public record TriesCeiling(int maxTries, int asked) {

        /** The ceiling {@code maxTries} puts on a run asking for {@code asked} tries, or null when it cuts none. */
        public static TriesCeiling of(int maxTries, int asked) {
            return asked > maxTries ? new TriesCeiling(maxTries, asked) : null;
        }

        /** In words, for lines and pages: {@code at most 40 of 10000 tries asked: its file's max-tries}. */
        public String describe() {
            return "at most " + maxTries + " of " + ValueText.count(asked, "try", "tries")
                    + " asked: its file's max-tries";
        }
    }

    /** A verdict decided from observed values. */
    public ClaimVerdict(String id, String file, String title, String theorem, String statement,
            Expectation expected, Outcome outcome, int tries, int triesToFalsify, int vacuous, Margins margins, long seed,
            Duration duration, Map<String, String> hypothesisSpace, Map<String, String> certifiedConstants,
            List<Figure> figures, List<Histogram> coverage, Counterexample counterexample, String error,
            String replayCommand, TryStatistics statistics) {
        this(id, file, title, theorem, statement, expected, outcome, tries, triesToFalsify, vacuous, margins, seed,
                duration, hypothesisSpace, certifiedConstants, figures, coverage, counterexample, error, replayCommand,
                statistics, Rigour.OBSERVED, 0, 0, null, null);
    }

    /**
     * What a claim's verdict says whatever its tries found: the claim as its file states it, the seed, the
     * tries of the whole run (with the file's ceiling when it cut them) and the command that replays it. Every shard
     * of a run records it, and merging requires the shards to agree on it: on the claim's words and on the bytes of
     * its files ({@code inputsSha256}), which hold what the words leave out (a system file's formulas). {@link #verdict(TryBlock, Duration)} is the
     * rule from the tries' tally to the verdict.
     */
    public record Header(String id, String file, String title, String theorem, String statement, Expectation expected,
            Rigour rigour, Map<String, String> hypothesisSpace, long seed, int tries, TriesCeiling ceiling,
            String replayCommand, String inputsSha256) {

        public Header {
            hypothesisSpace = Collections.unmodifiableMap(new LinkedHashMap<>(hypothesisSpace));
        }

        /** The verdict of this claim whose tries (all of them, or up to the run's end) are {@code block}. */
        public ClaimVerdict verdict(TryBlock block, Duration duration) {
            TryBlock.Ending ending = block.ending();
            if (ending != null && (ending.outcome() == Outcome.ERROR || ending.outcome() == Outcome.NOT_RUN)) {
                return verdict(ending.outcome(), 0, 0, 0, 0, 0, Margins.NONE, duration, null, List.of(), null,
                        ending.error(), TryStatistics.NONE);
            }
            if (ending != null && ending.outcome() == Outcome.HYPOTHESIS_REFUTED) {
                // the claim was not tested as stated; the witness is the counterexample
                return verdict(Outcome.HYPOTHESIS_REFUTED, block.counted(), 0, 0, 0, 0, Margins.NONE, duration, null,
                        block.coverage().histograms(), ending.counterexample(), null, TryStatistics.NONE);
            }
            if (ending == null && block.vacuous() == block.counted()) {
                // a claim no instance could test has not held: it was not checked
                return verdict(Outcome.ERROR, 0, 0, 0, 0, 0, Margins.NONE, duration, null, List.of(), null,
                        "all " + block.counted() + (rigour == Rigour.PROVED
                                ? " instances were undecided (their enclosures overlap the bound, or could not be formed)"
                                : block.inconclusive() > 0
                                        ? " instances were vacuous or inconclusive (" + block.inconclusive()
                                                + " had not reached the claimed limit by the horizon)"
                                        : " instances were vacuous")
                                + ": the claim was not tested" + (block.firstVacuous() == null ? ""
                                        : "; the first, try " + block.firstVacuous().attempt() + ": "
                                                + block.firstVacuous().why()),
                        TryStatistics.NONE);
            }
            boolean falsified = ending != null;
            return verdict(falsified ? Outcome.FALSIFIED : Outcome.HOLDS, block.counted(),
                    falsified ? ending.attempt() : 0, block.vacuous(), block.proved(), block.inconclusive(),
                    block.margins().summary(), duration,
                    falsified ? ending.evidence() : block.example(), block.coverage().histograms(),
                    falsified ? ending.counterexample() : null, null,
                    block.statistics().summary(block.margins()));
        }

        /** The verdict with what the tries found; {@code example} gives the constants and figures shown. */
        private ClaimVerdict verdict(Outcome outcome, int counted, int triesToFalsify, int vacuous, int proved,
                int inconclusive, Margins margins, Duration duration, TryBlock.Example example, List<Histogram> coverage, Counterexample counterexample,
                String error, TryStatistics statistics) {
            return new ClaimVerdict(id, file, title, theorem, statement, expected, outcome, counted, triesToFalsify,
                    vacuous, margins, seed, duration, hypothesisSpace, example == null ? Map.of() : example.constants(),
                    example == null ? List.of() : example.figures(), coverage, counterexample, error, replayCommand,
                    statistics, rigour, proved, inconclusive, ceiling,
                    outcome == Outcome.HOLDS ? NearestTry.of(example) : null);
        }
    }

    /**
     * A claim that holds with more than this share of its tries vacuous is weak evidence: most instances could not
     * have refuted it (reports/README.md).
     */
    public static final double WEAK_EVIDENCE_VACUOUS_SHARE = 0.5;

    public boolean metExpectation() {
        return outcome != Outcome.ERROR && outcome.name().equals(expected.name());
    }

    /** Not run because an input is absent here ({@link #error} says which): not met, and not a miss either. */
    public boolean notRun() {
        return outcome == Outcome.NOT_RUN;
    }

    /**
     * Why the claim missed its expectation, in one line: what was expected, what the run found, the counterexample
     * and the command that replays it (for test failures and CI reports).
     */
    public String missedExpectation() {
        String found = switch (outcome) {
            case HOLDS -> "it held";
            case FALSIFIED -> "it was falsified";
            case HYPOTHESIS_REFUTED -> "its hypothesis was refuted";
            case ERROR -> "it ended in an error";
            case NOT_RUN -> "it was not run";
        };
        return "expected the claim to " + (expected == Expectation.HOLDS ? "hold" : "be falsified") + " but " + found
                + (error == null ? "" : ": " + error)
                + (counterexample == null ? "" : "; counterexample: " + counterexample.observed() + "; claimed: "
                        + counterexample.bound())
                + (nearest == null ? "" : "; nearest its bound, try " + nearest.attempt() + ": " + nearest.observed()
                        + "; claimed: " + nearest.bound())
                + "; replay: " + replayCommand;
    }

    /**
     * This verdict's console line; a falsified claim, or one that missed its expectation, gets a second line with
     * the command that replays it.
     */
    public String line() {
        String found = switch (outcome) {
            case HOLDS -> "holds (" + ValueText.count(tries, "try", "tries") + vacuousPart() + ")";
            // observed and claimed side by side: the claim's own words say how they compare (a value, an order)
            case FALSIFIED -> "falsified at try " + triesToFalsify
                    + (counterexample == null ? "" : ", shrunk in "
                            + counterexample.shrinking() + ": "
                            + counterexample.observed() + "; claimed: " + counterexample.bound());
            // a stated constant exceeded names its witness; a solution outside the stated region, the region
            case HYPOTHESIS_REFUTED -> "hypothesis refuted: " + counterexample.description() + " ("
                    + counterexample.observed() + (counterexample.parameters().containsKey("witness")
                            ? " at " + counterexample.parameters().get("witness")
                            : "; claimed: " + counterexample.bound()) + ")";
            case ERROR -> "error: " + error;
            case NOT_RUN -> "not run: " + error;
        };
        // a claim that ran fewer tries than asked says so: a reader of an extended run must not take it for 10 000
        String cut = ceiling == null || notRun() ? "" : " [" + ceiling.describe() + "]";
        String line = String.format(Locale.ROOT, "%-4s %-40s %s%s [expected %s] %s",
                metExpectation() ? "ok" : notRun() ? "--" : "FAIL",
                id, found, cut, expected.name().toLowerCase(Locale.ROOT), ValueText.seconds(duration));
        boolean replayable = outcome == Outcome.FALSIFIED || !metExpectation() && !notRun();
        return replayable && replayCommand != null
                ? line + System.lineSeparator() + "     replay: " + replayCommand
                : line;
    }

    private String vacuousPart() {
        if (rigour == Rigour.PROVED) {
            return ", " + proved + " proved, " + vacuous + " undecided" + (weakEvidence() ? ": weak evidence" : "");
        }
        int vacuousOnly = vacuous - inconclusive;
        return (vacuousOnly == 0 ? "" : ", " + vacuousOnly + " vacuous")
                + (inconclusive == 0 ? "" : ", " + inconclusive + " inconclusive")
                + (weakEvidence() ? ": weak evidence" : "");
    }

    /** The share of the tries that could not test the claim (0 when nothing was tried). */
    public double vacuousShare() {
        return tries == 0 ? 0 : (double) vacuous / tries;
    }

    /** It holds, but on mostly vacuous tries: not the same evidence as a claim every try tested. */
    public boolean weakEvidence() {
        return outcome == Outcome.HOLDS && vacuousShare() > WEAK_EVIDENCE_VACUOUS_SHARE;
    }
}
