package io.flowaudit.claim;

import io.flowaudit.field.Reach;
import io.flowaudit.verdict.Expectation;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import net.jqwik.api.Arbitrary;

/**
 * One claim file, fully resolved: what to check, the instances it is checked on (drawn by the claim
 * itself from its fields, {@link InstanceSpace}), how often, and what the file expects. A runner needs
 * nothing else: it draws {@link #instances}, hands each to {@link #check} and tallies the evidence.
 *
 * @param id              the file name without extension
 * @param file            the file as named
 * @param title           the claim in words
 * @param check           the theorem as a check
 * @param instances       the hypothesis space as a jqwik arbitrary
 * @param hypothesisSpace the same space in words, for the report
 * @param tries           instances to check
 * @param expected        holds, or falsified (for claims false on purpose)
 * @param absentInput     why the claim cannot run on this machine (an input it names is absent, e.g. "model absent —
 *                        run ./flowaudit fetch-model"), or null: a runner then reports it not run, without drawing
 */
public record Claim(String id, Path file, String title, TheoremCheck check, Arbitrary<Instance> instances,
        Map<String, String> hypothesisSpace, int tries, Expectation expected, String absentInput) {

    /** This claim, not runnable here because {@code why}. */
    public Claim withAbsentInput(String why) {
        return new Claim(id, file, title, check, instances, hypothesisSpace, tries, expected, why);
    }

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
        return new Claim(id, file, title, configured.check(), instances, space, tries, expected, null);
    }
}
