package io.flowaudit.claim;

import io.flowaudit.field.Reach;
import io.flowaudit.verdict.ClaimVerdict;
import io.flowaudit.verdict.Expectation;
import io.flowaudit.verdict.TryBlock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntConsumer;
import net.jqwik.api.Arbitrary;

/**
 * One claim file, fully resolved: what to check, the instances it is checked on (drawn by the claim
 * itself from its fields, {@link InstanceSpace}), how often, and what the file expects. It runs its own
 * tries ({@link #verdict}): each drawn instance goes to {@link #check}, its evidence straight to the
 * tries' tally ({@link TryBlock}), and the tally to the {@link ClaimVerdict}.
 *
 * @param id              the file name without extension
 * @param file            the file as named
 * @param title           the claim in words
 * @param check           the theorem as a check
 * @param instances       the hypothesis space as a jqwik arbitrary
 * @param hypothesisSpace the same space in words, for the report
 * @param tries           instances to check
 * @param expected        holds, or falsified (for claims false on purpose)
 */
public record Claim(String id, Path file, String title, TheoremCheck check, Arbitrary<Instance> instances,
        Map<String, String> hypothesisSpace, int tries, Expectation expected) {

    /**
     * The claim of a file's {@code configured} theorem on the starts its fields give: perturbations of a
     * size in {@code perturbation} and depths in {@code depth} are drawn when the check needs them.
     *
     * @param starts      the fields' starts, each field certified for the given reach of its start
     * @param fieldsSpace the fields in words (family and settings, or the file), first in the hypothesis space
     */
    public static Claim of(String id, Path file, String title, CheckKinds.Configured configured,
            Function<Reach, Arbitrary<InstanceSpace.Start>> starts, Map<String, String> fieldsSpace,
            double[] perturbation, int[] depth, int tries, Expectation expected) {
        Map<String, String> space = new LinkedHashMap<>(fieldsSpace);
        Arbitrary<Instance> instances = InstanceSpace.of(starts, configured.check(), perturbation, depth, space);
        space.putAll(configured.check().describe(configured.numerics()));
        return new Claim(id, file, title, configured.check(), instances, space, tries, expected);
    }

    /**
     * This claim's verdict over {@code tries} tries drawn from {@code seed}, checked on {@code threads} workers
     * (the verdict does not depend on them).
     *
     * @param replayCommand the command that replays exactly this run
     * @param progress      told how many tries have been checked so far
     */
    public ClaimVerdict verdict(long seed, int tries, String replayCommand, int threads, IntConsumer progress) {
        Instant start = Instant.now();
        ClaimVerdict.Header header = header(seed, tries, replayCommand);
        return header.verdict(tries(seed, tries, 1, tries, threads, progress), Duration.between(start, Instant.now()));
    }

    /** What this claim's verdict says whatever its tries find, run with {@code seed} and {@code tries}. */
    public ClaimVerdict.Header header(long seed, int tries, String replayCommand) {
        return new ClaimVerdict.Header(id, file.toString(), title, check.theorem(), check.statement(), expected,
                check.rigour(), hypothesisSpace, seed, tries, replayCommand);
    }

    /**
     * Tries {@code from..to} of this claim run with {@code seed} and {@code tries} tries, exactly as the whole
     * run draws and decides them: one shard's block.
     */
    public TryBlock tries(long seed, int tries, int from, int to, int threads, IntConsumer progress) {
        return PropertyRunner.run(this, seed, tries, from, to, threads, progress);
    }
}
