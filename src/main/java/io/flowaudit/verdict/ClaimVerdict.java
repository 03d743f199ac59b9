package io.flowaudit.verdict;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Everything the report shows about one claim file's run.
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
 */
public record ClaimVerdict(String id, String file, String title, String theorem, String statement,
        Expectation expected, Outcome outcome, int tries, int triesToFalsify, int vacuous, Margins margins, long seed, Duration duration,
        Map<String, String> hypothesisSpace, Map<String, String> certifiedConstants, List<Figure> figures,
        List<Histogram> coverage, Counterexample counterexample, String error, String replayCommand,
        TryStatistics statistics, Rigour rigour, int proved, int inconclusive) {

    /** A verdict decided from observed values. */
    public ClaimVerdict(String id, String file, String title, String theorem, String statement,
            Expectation expected, Outcome outcome, int tries, int triesToFalsify, int vacuous, Margins margins, long seed,
            Duration duration, Map<String, String> hypothesisSpace, Map<String, String> certifiedConstants,
            List<Figure> figures, List<Histogram> coverage, Counterexample counterexample, String error,
            String replayCommand, TryStatistics statistics) {
        this(id, file, title, theorem, statement, expected, outcome, tries, triesToFalsify, vacuous, margins, seed,
                duration, hypothesisSpace, certifiedConstants, figures, coverage, counterexample, error, replayCommand,
                statistics, Rigour.OBSERVED, 0, 0);
    }

    /**
     * A claim that holds with more than this share of its tries vacuous is weak evidence: most instances could not
     * have refuted it (reports/README.md).
     */
    public static final double WEAK_EVIDENCE_VACUOUS_SHARE = 0.5;

    public boolean metExpectation() {
        return outcome != Outcome.ERROR && outcome.name().equals(expected.name());
    }

    /**
     * Why the claim missed its expectation, in one line: what was expected, what the run found, the counterexample
     * and the command that replays it (for test failures and CI reports).
     */
    public String missedExpectation() {
        return "expected the claim to " + (expected == Expectation.HOLDS ? "hold" : "be falsified") + " but it "
                + outcome.name().toLowerCase(Locale.ROOT).replace('_', ' ')
                + (error == null ? "" : ": " + error)
                + (counterexample == null ? "" : "; counterexample: " + counterexample.observed() + "; claimed: "
                        + counterexample.bound())
                + "; replay: " + replayCommand;
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
