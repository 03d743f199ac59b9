package io.flowaudit.claim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowaudit.audit.ClaimCatalogue;
import io.flowaudit.field.Region;
import io.flowaudit.field.transformer.TransformerField;
import io.flowaudit.verdict.Counterexample;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The instances a claim draws: what their certificates cover, and what they shrink to. */
class ClaimInstancesTest {

    @TempDir
    Path dir;

    @Test
    void transformerFieldsAreCertifiedForThePerturbedStart() throws Exception {
        Path file = dir.resolve("claim.yaml");
        Files.writeString(file, String.join("\n",
                "title: perturbations of attention",
                "theorem: layer-perturbation",
                "expect: holds",
                "tries: 1",
                "perturbation: [0.1, 0.3]",
                "field:",
                "  family: softmax-attention",
                ""));
        Claim claim = ClaimCatalogue.read(file);
        claim.instances().sampleStream().limit(200).forEach(instance -> {
            TransformerField field = (TransformerField) instance.field();
            Region initialDomain = Region.tokenBall(field.domain().initialRadius(), field.width());
            assertTrue(initialDomain.contains(instance.initial()) && initialDomain.contains(instance.perturbedInitial()),
                    instance::toString);
        });
    }

    /**
     * The perturbation's size is drawn beside its direction, not inside a flatMap of it: every shrunk direction came
     * with the size first drawn again, whose steps were then taken again; this false claim spent its 400 checks that
     * way and stopped at x0 = -0.02, |x0 - y0| = 0.004036, T = 0.519. It now ends at the simplest instance of its
     * space: the origin, the smallest perturbation and the shortest horizon.
     */
    @Test
    void aPerturbationShrinksToTheSmallestSizeAtTheOrigin() {
        Claim claim = ClaimCatalogue.read(Path.of("properties/false-decay-faster-than-mu.yaml"));
        Counterexample counterexample = claim.verdict(Scheduler.DEFAULT_SEED, claim.tries(), "", 1, tries -> { })
                .counterexample();

        assertEquals("[0]", counterexample.parameters().get("x0"));
        assertEquals("[0.001]", counterexample.parameters().get("x0 - y0"));
        assertEquals("0.5", counterexample.parameters().get("T"));
    }
}
