package io.flowaudit.claim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowaudit.audit.ClaimCatalogue;
import io.flowaudit.field.Region;
import io.flowaudit.field.transformer.TransformerField;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The certificate of a perturbation claim's field covers the perturbed start as well as x_0. */
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
}
