package io.flowaudit.claim;

import io.flowaudit.verdict.Expectation;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The order in which an audit starts its claims: longest first (LPT scheduling), so the few long claims run beside
 * the many short ones and the workers finish together instead of one long claim running alone at the end. A
 * claim's expected length is its duration in the previous run (the {@code summary.json} left in the report
 * directory, {@link io.flowaudit.report.SummaryJson#claimDurations}); claims that run has no duration for start
 * first: those on the real checkpoint (seconds a try on 6 144 numbers), then those expected to be falsified (their
 * shrinking is serial), then the others. A fresh clone has no previous run: its catalogue (CI's) then ended with a
 * checkpoint claim started late running alone. Verdicts and numbers do not depend on the order: each claim draws
 * from its own seeds.
 */
final class StartOrder {

    private StartOrder() {
    }

    /** Indices into {@code claims} in the order to start them: see the class comment. */
    static List<Integer> of(List<Claim> claims, Map<String, Double> previousSeconds) {
        // a stable sort: ties keep catalogue order
        return IntStream.range(0, claims.size()).boxed()
                .sorted(Comparator.comparingDouble(i -> -expectedLength(claims.get(i), previousSeconds))).toList();
    }

    /**
     * The previous run's seconds; a claim it did not run ranks above every known one: one on the checkpoint above one
     * expected falsified, above one expected to hold.
     */
    private static double expectedLength(Claim claim, Map<String, Double> previousSeconds) {
        Double seconds = previousSeconds.get(claim.id());
        if (seconds != null) {
            return seconds;
        }
        if (claim.check().runsOnModel()) {
            return Double.MAX_VALUE;
        }
        return claim.expected() == Expectation.FALSIFIED ? Double.MAX_VALUE / 2 : Double.MAX_VALUE / 4;
    }
}
