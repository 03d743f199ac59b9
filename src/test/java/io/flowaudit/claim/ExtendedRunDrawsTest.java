package io.flowaudit.claim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowaudit.audit.ClaimCatalogue;
import io.flowaudit.claim.Evidence.Judgement;
import io.flowaudit.verdict.Shard;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An extended run ({@code --tries 10000}) is the default run with more tries: a claim's try i is the instance the
 * default run (the file's own tries) draws at try i, so the default run's verdicts stay what they are and an
 * extended run only adds samples from the same distribution. Instances are compared by their exact text (every
 * double in full), the claims' checks replaced by one that records what it is given. The claims: a classic
 * family with edge cases, one drawing perturbations and depths, a transformer block, and one whose max-tries
 * cuts the extended run.
 */
class ExtendedRunDrawsTest {

    private static final int EXTENDED_TRIES = 10_000;

    private static final List<Path> CLAIMS = List.of(Path.of("properties/uniform-bound-euler-mlp.yaml"),
            Path.of("properties/layer-perturbation-mlp.yaml"), Path.of("properties/uniform-bound-transformer-block.yaml"),
            Path.of("properties/weights-block-observed-order.yaml"));

    /** Of the extended run, the shard of its first 100 tries (3 of the claim whose max-tries cuts it to 300). */
    private static final Shard FIRST_HUNDREDTH = new Shard(1, 100);

    @Test
    void tryIOfAnExtendedRunIsTryIOfTheDefaultRun() {
        List<Claim> catalogue = Claim.readAll(ClaimCatalogue.read(CLAIMS));
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream());

        Map<String, List<String>> defaultRun = new LinkedHashMap<>();
        new Scheduler(Scheduler.DEFAULT_SEED, null, 1, quiet).run(recording(catalogue, defaultRun), "test");
        Map<String, List<String>> extendedRun = new LinkedHashMap<>();
        new Scheduler(Scheduler.DEFAULT_SEED, EXTENDED_TRIES, 1, quiet)
                .runShard(recording(catalogue, extendedRun), "test", FIRST_HUNDREDTH);

        for (Claim claim : catalogue) {
            List<String> byDefault = defaultRun.get(claim.id());
            List<String> extended = extendedRun.get(claim.id());
            int common = Math.min(byDefault.size(), extended.size());
            assertTrue(common >= 3, claim.id() + " compared on " + common + " tries");
            for (int i = 0; i < common; i++) {
                assertEquals(byDefault.get(i), extended.get(i), claim.id() + ", try " + (i + 1));
            }
        }
    }

    /**
     * The claims with their checks replaced by one that records, per claim in try order (one claim and one worker
     * at a time), the exact text of every instance, and holds.
     */
    private static List<Claim> recording(List<Claim> claims, Map<String, List<String>> drawn) {
        List<Claim> recording = new ArrayList<>();
        for (Claim claim : claims) {
            List<String> instances = new ArrayList<>();
            drawn.put(claim.id(), instances);
            recording.add(new Claim(claim.id(), claim.file(), claim.title(), recordingCheck(claim.check(), instances),
                    claim.instances(), claim.hypothesisSpace(), claim.tries(), claim.maxTries(), claim.expected(),
                    claim.absentInput(), claim.inputsSha256()));
        }
        return recording;
    }

    private static TheoremCheck recordingCheck(TheoremCheck original, List<String> instances) {
        return new TheoremCheck() {
            @Override
            public String theorem() {
                return original.theorem();
            }

            @Override
            public String statement() {
                return original.statement();
            }

            @Override
            public Evidence check(Instance instance) {
                instances.add(PropertyRunner.exactText(instance));
                Judgement judgement = new Judgement();
                judgement.atMost("nothing", 0, "1", 1, Resolution.NONE);
                return Evidence.of(judgement, Map.of(), List.of());
            }
        };
    }
}
