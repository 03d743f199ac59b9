package io.flowaudit.audit;

import io.flowaudit.claim.TheoremCheck;
import io.flowaudit.claim.Instance;
import io.flowaudit.verdict.Expectation;
import java.nio.file.Path;
import java.util.Map;
import net.jqwik.api.Arbitrary;

/**
 * One claim file, parsed and validated: what to check, on which instances, how often, and what the
 * file expects.
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
public record ClaimSpec(String id, Path file, String title, TheoremCheck check, Arbitrary<Instance> instances,
        Map<String, String> hypothesisSpace, int tries, Expectation expected) {
}
