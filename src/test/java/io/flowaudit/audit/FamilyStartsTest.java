package io.flowaudit.audit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowaudit.claim.Claim;
import io.flowaudit.claim.Instance;
import io.flowaudit.field.Region;
import io.flowaudit.field.transformer.TransformerField;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every family a claim file can name, classic and transformer alike, draws its starts the one way: x_0
 * within the claim's initial radius (every token, for a field on tokens), T in its horizon range, and the
 * field certified on a region that holds x_0 and the perturbed start.
 */
class FamilyStartsTest {

    @TempDir
    Path dir;

    static Iterable<String> families() {
        return Families.ALL.names();
    }

    @ParameterizedTest
    @MethodSource("families")
    void startsLieInTheClaimsRangesAndTheCertificateCoversThem(String family) throws Exception {
        Path file = dir.resolve("claim.yaml");
        Files.writeString(file, String.join("\n",
                "title: starts of " + family,
                "theorem: layer-perturbation",
                "expect: holds",
                "tries: 1",
                "perturbation: [0.1, 0.3]",
                "field:",
                "  family: " + family,
                "  initial-radius: [1, 1.5]",
                "  horizon: [1, 2]",
                ""));
        Claim claim = ClaimCatalogue.read(file);
        claim.instances().sampleStream().limit(30).forEach(instance -> {
            // a relative 1e-12: the ball draw pulls x_0 that far inside, the shell draw rounds onto the radius
            assertTrue(startNorm(instance) <= 1.5 * (1 + 1e-12), instance::toString);
            assertTrue(instance.horizon() >= 1 && instance.horizon() <= 2, instance::toString);
            Region region = instance.field().certificate().region();
            // sphere attention's shell about the sphere cannot hold a start perturbed off it: perturbation theorems
            // are an error on that family (VerdictIntegrityTest.sphereAttentionIsJudgedOnlyOnItsShell)
            assertTrue(region.contains(instance.initial())
                    && (region.innerRadius() > 0 || region.contains(instance.perturbedInitial())),
                    () -> instance + " outside " + region);
        });
    }

    /** |x_0|, or the largest token norm of a field on tokens. */
    private static double startNorm(Instance instance) {
        return instance.field() instanceof TransformerField tokens
                ? Region.maxTokenNorm(instance.initial(), tokens.width())
                : Region.euclideanNorm(instance.initial());
    }
}
