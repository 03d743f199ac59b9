package io.flowaudit.verdict;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a claim's verdict says whatever its tries found: the claim as its file states it, the seed, the
 * tries of the whole run and the command that replays it. Every shard of a run records it, and merging
 * requires the shards to agree on it. {@link #verdict(TryBlock, Duration)} decides the outcome from the tries.
 */
public record ClaimHeader(String id, String file, String title, String theorem, String statement, Expectation expected,
        Rigour rigour, Map<String, String> hypothesisSpace, long seed, int tries, String replayCommand) {

    public ClaimHeader {
        hypothesisSpace = Collections.unmodifiableMap(new LinkedHashMap<>(hypothesisSpace));
    }

    /** The verdict of this claim whose tries (all of them, or up to the run's end) are {@code block}. */
    public ClaimVerdict verdict(TryBlock block, Duration duration) {
        TryBlock.Ending ending = block.ending();
        if (ending != null && ending.outcome() == Outcome.ERROR) {
            return verdict(Outcome.ERROR, 0, 0, 0, 0, 0, Margins.NONE, duration, null, List.of(), null,
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
                    "IllegalStateException: all " + block.counted() + (rigour == Rigour.PROVED
                            ? " instances were undecided (their enclosures overlap the bound, or could not be formed)"
                            : block.inconclusive() > 0
                                    ? " instances were vacuous or inconclusive (" + block.inconclusive()
                                            + " had not reached the claimed limit by the horizon)"
                                    : " instances were vacuous (errors below the reference's resolution or an infinite bound)")
                            + ": the claim was not tested",
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
            int inconclusive, Margins margins,
            Duration duration, TryBlock.Example example, List<Histogram> coverage, Counterexample counterexample,
            String error, TryStatistics statistics) {
        return new ClaimVerdict(id, file, title, theorem, statement, expected, outcome, counted, triesToFalsify,
                vacuous, margins, seed, duration, hypothesisSpace, example == null ? Map.of() : example.constants(),
                example == null ? List.of() : example.figures(), coverage, counterexample, error, replayCommand,
                statistics, rigour, proved, inconclusive);
    }
}
