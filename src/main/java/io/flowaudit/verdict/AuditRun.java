package io.flowaudit.verdict;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One audit: every claim's verdict plus what is needed to reproduce the run.
 *
 * @param command   the command line that reproduces the run (with its seed)
 * @param seed      the run's seed; each claim derives its own from it
 * @param startedAt when the run started
 * @param duration  wall time of the whole run
 * @param machine   OS, architecture, cores, Java version
 * @param versions  flowaudit and dependency versions
 * @param claims    one verdict per claim file, in catalogue order
 */
public record AuditRun(String command, long seed, Instant startedAt, Duration duration, String machine,
        Map<String, String> versions, List<ClaimVerdict> claims) {

    public boolean allMetExpectation() {
        return claims.stream().allMatch(ClaimVerdict::metExpectation);
    }

    /** The line that closes a run: how many claims met their expectation. */
    public String closingLine() {
        long met = claims.stream().filter(ClaimVerdict::metExpectation).count();
        return "flowaudit: " + met + " of " + Values.count(claims.size(), "claim") + " met "
                + (claims.size() == 1 ? "its" : "their") + " expectation in " + Values.seconds(duration) + " (seed "
                + seed + ")";
    }
}
