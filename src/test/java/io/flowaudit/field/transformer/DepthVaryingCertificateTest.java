package io.flowaudit.field.transformer;

import static io.flowaudit.field.transformer.PlainDouble.randomMatrix;
import static io.flowaudit.field.transformer.PlainDouble.randomVector;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowaudit.field.Activation;
import io.flowaudit.field.Domain;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Weights affine in depth, {@code W(t) = W0 + t W1}, for every attention variant and the FFN: the
 * t-quotients stay below {@code K_t}, and K, mu, M hold over the whole horizon.
 */
class DepthVaryingCertificateTest {

    private static final Domain DOMAIN = new Domain(1.2, 1.5);

    private static void check(TransformerField field, long seed) {
        assertFalse(field.isAutonomous());
        assertTrue(field.certificate().timeLipschitz() > 0);
        CertificateCheck.sample(field, field.certificate(), seed, 60).assertWithinCertificate(field.toString());
    }

    @Test
    void everyAttentionVariantWithDepthVaryingWeights() {
        List<AttentionVariant> variants = List.of(AttentionVariant.softmax(),
                AttentionVariant.softmax().withCausalMask(true), AttentionVariant.l2(), AttentionVariant.sigmoid(-1),
                AttentionVariant.sinkhorn(2));
        for (long seed = 1; seed <= 6; seed++) {
            Random random = new Random(seed);
            Map<String, double[][]> weights = new HashMap<>();
            for (String role : new String[] {"wq", "wk", "wv"}) {
                weights.put(role, randomMatrix(4, 3, random));
                weights.put(role + ".slope", randomMatrix(4, 3, random));
            }
            weights.put("wo", randomMatrix(3, 4, random));
            weights.put("wo.slope", randomMatrix(3, 4, random));
            for (AttentionVariant variant : variants) {
                SelfAttention attention = SelfAttention.fromWeights(variant, 3, 3, 2, weights).certifiedFor(DOMAIN);
                check(attention, seed);
                check(new SphereAttention(attention), seed);
            }
        }
    }

    @Test
    void feedForwardWithDepthVaryingWeightsAndBiases() {
        for (Activation activation : Activation.zeroAtOrigin()) {
            Random random = new Random(activation.ordinal());
            Map<String, double[][]> matrices = Map.of("w1", randomMatrix(5, 3, random),
                    "w1.slope", randomMatrix(5, 3, random), "w2", randomMatrix(3, 5, random),
                    "w2.slope", randomMatrix(3, 5, random));
            Map<String, double[]> vectors = Map.of("b1", randomVector(5, random), "b1.slope", randomVector(5, random),
                    "b2", randomVector(3, random), "b2.slope", randomVector(3, random));
            FeedForward field = FeedForward.fromWeights(2, 3, activation, matrices, vectors).certifiedFor(DOMAIN);
            check(field, activation.ordinal());
        }
    }
}
