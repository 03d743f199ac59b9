package io.flowaudit.claim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowaudit.audit.ClaimCatalogue;
import io.flowaudit.field.transformer.PostLnBound;
import io.flowaudit.model.Checkpoint;
import io.flowaudit.weights.onnx.BertEncoder;
import io.flowaudit.weights.onnx.EncoderCertificate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import net.jqwik.api.RandomGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The certificate of the real checkpoint's layers (from the test class path): every state reached from sampled
 * sequences lies in the certified region, every constant names the tensors it came from, and the layer constants
 * exceed the growth observed along adversarial directions. The same certificate (16 tokens, allowance 10^-3) serves
 * the catalogue's claims, so it is computed once per test run.
 */
class ModelPerturbationGrowthCheckTest {

    private static BertEncoder encoder;
    private static EncoderCertificate certificate;

    @BeforeAll
    static void certify() {
        encoder = Checkpoint.load().encoder();
        certificate = ModelPerturbationGrowthCheck.certificateFor(Checkpoint.load().prepared(), 16, 5e-4);
    }

    @Test
    void everySampledReachableStateIsInTheCertifiedRegion() {
        assertEquals(16, certificate.tokens());
        assertEquals(1e-3, certificate.perturbationRadius());
        Random random = new Random(20261129);
        int width = encoder.width();
        double nearestToRadius = 0;
        for (int sample = 0; sample < 12; sample++) {
            int tokens = 1 + random.nextInt(16);
            int[] ids = random.ints(tokens, 0, encoder.embeddings().vocabulary()).toArray();
            List<double[]> states = Checkpoint.load().prepared().states(ids);
            for (int k = 0; k < states.size(); k++) {
                double radius = k < certificate.layers().size() ? certificate.inputRadius(k)
                        : certificate.layers().get(k - 1).outputRadius();
                double floor = k == 0 ? certificate.inputCentredFloor()
                        : certificate.layers().get(k - 1).outputCentredFloor();
                double[] state = states.get(k);
                for (int i = 0; i < tokens; i++) {
                    double norm = 0;
                    double mean = 0;
                    for (int c = 0; c < width; c++) {
                        norm += state[i * width + c] * state[i * width + c];
                        mean += state[i * width + c] / width;
                    }
                    double centred = 0;
                    for (int c = 0; c < width; c++) {
                        centred += (state[i * width + c] - mean) * (state[i * width + c] - mean);
                    }
                    assertTrue(Math.sqrt(norm) <= radius, "token " + i + " of state " + k + " has norm "
                            + Math.sqrt(norm) + " > " + radius);
                    assertTrue(Math.sqrt(centred) >= floor, "token " + i + " of state " + k + " below the floor");
                    nearestToRadius = Math.max(nearestToRadius, Math.sqrt(norm) / radius);
                }
            }
        }
        System.out.printf("all-MiniLM-L6-v2 region: largest token norm / certified radius %.3f%n", nearestToRadius);
    }

    @Test
    void everyConstantNamesTheTensorsItCameFrom() {
        assertEquals(6, certificate.sources().size());
        for (int k = 0; k < 6; k++) {
            Map<String, String> sources = certificate.sources().get(k);
            assertEquals(11, sources.size());
            assertTrue(sources.get("Q (K_A, score)").contains("onnx::MatMul_")
                    && sources.get("Q (K_A, score)").contains("/encoder/layer." + k + "/attention/self/query/MatMul"),
                    sources.toString());
            assertTrue(sources.get("LN2 (L2, output ball)").contains("encoder.layer." + k + ".output.LayerNorm.weight"),
                    sources.toString());
        }
    }

    /**
     * A shrink candidate's evidence refutes exactly where the check's does (its layers judged one at a time, at the
     * certified region's largest scale), and a counterexample's evidence is the check's: drawn instances of the false
     * claim's kind (on four tokens, to keep the test short) under its stated constant and under the certified ones,
     * which nothing reaches, each as a candidate first (its unperturbed run computed afresh) and again once the check
     * kept that run.
     */
    @Test
    void aCandidateRefutesExactlyWhereItsCheckDoes(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("false-model-layer-lipschitz-on-four-tokens.yaml"), String.join("\n",
                "title: No layer of all-MiniLM-L6-v2 amplifies a perturbation of its input by more than 1.7",
                "theorem: model-perturbation-growth",
                "expect: falsified",
                "stated-layer-lipschitz: 1.7",
                "perturbation: [0.0001, 0.001]",
                "field:",
                "  model: all-minilm-l6-v2",
                "  random-sequences: {tokens: 4}",
                ""));
        Claim falseClaim = ClaimCatalogue.read(file);
        Random random = new Random(20261129);
        List<Instance> instances = JqwikContext.run("model-candidates", () -> {
            RandomGenerator<Instance> generator = falseClaim.instances().generator(100);
            return Stream.generate(() -> generator.next(random).value()).limit(2).toList();
        });
        Set<TheoremCheck> refuting = new LinkedHashSet<>();
        for (TheoremCheck check : List.of(falseClaim.check(), new ModelPerturbationGrowthCheck(0))) {
            for (Instance instance : instances) {
                Evidence candidate = check.checkCandidate(instance);
                Evidence full = check.check(instance);
                assertEquals(full.refutes(), candidate.refutes(), full.observed());
                assertEquals(full.refutes(), check.checkCandidate(instance).refutes(), full.observed());
                if (full.refutes()) {
                    assertEquals(full, check.counterexampleEvidence(instance, candidate));
                    refuting.add(check);
                }
            }
        }
        assertEquals(Set.of(falseClaim.check()), refuting,
                "the stated constant is refuted, the certified ones are not: both paths are tried");
    }

    /**
     * A perturbation of 1e-20 leaves every state unchanged in double: the adversarial probe was 0/0, a NaN that
     * refuted the certified constants and "confirmed" a true stated one (red team, 2026-12-01). It tells nothing: the
     * try is vacuous, on the check's path and the shrinking candidates'.
     */
    @Test
    void aPerturbationBelowTheStatesRoundingIsVacuous(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("model-lipschitz-tiny.yaml"), String.join("\n",
                "title: a perturbation below rounding",
                "theorem: model-perturbation-growth",
                "expect: holds",
                "perturbation: [1e-20, 1e-20]",
                "field:",
                "  model: all-minilm-l6-v2",
                "  sentences: [\"The cat sat on the mat.\"]",
                ""));
        Claim claim = ClaimCatalogue.read(file);
        Instance instance = JqwikContext.run("tiny-perturbation",
                () -> claim.instances().generator(100).next(new Random(1)).value());
        for (Evidence evidence : List.of(claim.check().check(instance), claim.check().checkCandidate(instance))) {
            assertEquals(Evidence.Finding.VACUOUS, evidence.finding(), evidence.observed());
        }
    }

    /** The honest reading of the certificate: far above what happens, never below it. */
    @Test
    void theConstantsBoundButDoNotDescribeTheGrowth() {
        assertEquals(0, certificate.layers().get(0).attentionNormVariance(), "a variance floor was proved after all:"
                + " the theory's account of this checkpoint is out of date");
        for (PostLnBound bound : certificate.layers()) {
            assertTrue(bound.lipschitz() > 1e15 && bound.lipschitz() < 1e20, bound.toString());
        }
        assertTrue(certificate.cumulativeLipschitz(6) > 1e100);
    }
}
