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

    /** The line that closes a run: how many claims met their expectation, and how many were not run. */
    public String closingLine() {
        long met = claims.stream().filter(ClaimVerdict::metExpectation).count();
        return "flowaudit: " + met + " of " + ValueText.count(claims.size(), "claim") + " met "
                + (claims.size() == 1 ? "its" : "their") + " expectation"
                + (notRun() == 0 ? "" : ", " + notRun() + " not run (an input is absent)")
                + " in " + ValueText.seconds(duration) + " (seed " + seed + ")";
    }

    /**
     * Whether the run passes as a gate: every claim met its expectation, except claims not run for an absent input,
     * which pass the gate unless {@code requireInputs} (the command line's {@code --require-model}).
     */
    public boolean passes(boolean requireInputs) {
        return claims.stream().allMatch(claim -> claim.metExpectation() || claim.notRun() && !requireInputs);
    }

    /** How many claims were not run for an absent input. */
    public long notRun() {
        return claims.stream().filter(ClaimVerdict::notRun).count();
    }
}
