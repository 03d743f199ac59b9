package io.flowaudit.audit;

import io.flowaudit.verdict.ClaimVerdict;
import io.flowaudit.verdict.Counterexample;
import io.flowaudit.verdict.Expectation;
import io.flowaudit.verdict.Histogram;
import io.flowaudit.verdict.Margins;
import io.flowaudit.verdict.Outcome;
import io.flowaudit.verdict.Rigour;
import io.flowaudit.verdict.TryStatistics;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a claim's verdict says whatever its tries found: the claim as its file states it, the seed, the
 * tries of the whole run and the command that replays it. Every shard of a run records it, and merging
 * requires the shards to agree on it.
 */
record ClaimHeader(String id, String file, String title, String theorem, String statement, Expectation expected,
        Rigour rigour, Map<String, String> hypothesisSpace, long seed, int tries, String replayCommand) {

    ClaimHeader {
        hypothesisSpace = Collections.unmodifiableMap(new LinkedHashMap<>(hypothesisSpace));
    }

    /** The verdict with what the tries found; {@code example} gives the constants and figures shown. */
    ClaimVerdict verdict(Outcome outcome, int counted, int triesToFalsify, int vacuous, int proved, Margins margins,
            Duration duration, TryBlock.Example example, List<Histogram> coverage, Counterexample counterexample,
            String error, TryStatistics statistics) {
        return new ClaimVerdict(id, file, title, theorem, statement, expected, outcome, counted, triesToFalsify,
                vacuous, margins, seed, duration, hypothesisSpace, example == null ? Map.of() : example.constants(),
                example == null ? List.of() : example.figures(), coverage, counterexample, error, replayCommand,
                statistics, rigour, proved);
    }
}
