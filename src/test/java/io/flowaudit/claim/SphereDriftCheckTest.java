package io.flowaudit.claim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowaudit.field.transformer.SelfAttention;
import io.flowaudit.field.transformer.SphereAttention;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The sphere-drift check's hypothesis: Euler layers of attention on the sphere, whose steps are orthogonal to x_i. */
class SphereDriftCheckTest {

    /**
     * A token at rest: Q = 0 and V = -(100/sqrt 2) 11^T with x = (1, 1)/sqrt 2 give y = V x parallel to x, so F = P(x) y
     * is 0 exactly, and the computed F is the projection's rounding along x, about ulp(|y|) = 1.4e-14; an Euler step
     * with h = 1/2 shrank |x| by 1e-14, which the allowance of 10 ulps of |x| (2.2e-15) called a refutation of a true
     * claim (sphere-drift on sphere-attention with tokens [1, 2] and weights [-100, 100] failed at try 5, shrunk to
     * this instance). The allowance now holds h times that component, (d + 2) eps m (SphereAttention, "Computed
     * iterates").
     */
    @Test
    void aTokenAtRestUnderALargeValueMatrixIsNotRefutedByTheProjectionsRounding() {
        double key = -0.7071067811865475;
        double value = -70.71067811865474;
        SphereAttention field = new SphereAttention(SelfAttention.fromWeights(1, 2, 1, Map.of("wq", new double[2][2],
                "wk", new double[][] {{key, key}, {key, key}}, "wv", new double[][] {{value, value}, {value, value}})));
        Instance instance = new Instance(field, new double[] {0.7071067811865476, 0.7071067811865476}, new double[2],
                1, 2);
        Evidence evidence = new SphereDriftCheck().check(instance);
        assertEquals(Evidence.Finding.HOLDS, evidence.finding(), evidence.observed());
    }

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
