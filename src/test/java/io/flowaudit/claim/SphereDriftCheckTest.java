package io.flowaudit.claim;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowaudit.field.transformer.SelfAttention;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The sphere-drift check's hypothesis: Euler layers of attention on the sphere, whose steps are orthogonal to x_i. */
class SphereDriftCheckTest {

    /**
     * Without LayerNorm one token with V = 1 moves as x' = x, and an Euler layer lengthens it by h|x|, first order in
     * h: not the theorem's field. Until 2026-11-30 the check ran on any token field, and a claim on softmax-attention
     * (one token of width 1, weights [0.5, 1], T = 2, depth 1) held on 35 of 40 tries, its loose h^2 m^2 / 2 above h|x|.
     */
    @Test
    void attentionWithoutLayerNormIsRefusedWithTheReason() {
        SelfAttention plain = SelfAttention.fromWeights(1, 1, 1,
                Map.of("wq", new double[][] {{1}}, "wk", new double[][] {{1}}, "wv", new double[][] {{1}}));
        Instance instance = new Instance(plain, new double[] {1}, new double[1], 2, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SphereDriftCheck().check(instance));
        assertTrue(e.getMessage().contains("sphere-attention"), e.getMessage());
    }
}
