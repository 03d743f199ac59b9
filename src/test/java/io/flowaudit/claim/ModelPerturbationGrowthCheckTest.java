package io.flowaudit.claim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowaudit.field.transformer.PostLnBound;
import io.flowaudit.model.Checkpoint;
import io.flowaudit.weights.onnx.BertEncoder;
import io.flowaudit.weights.onnx.EncoderCertificate;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

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
