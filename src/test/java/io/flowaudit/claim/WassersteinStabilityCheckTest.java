package io.flowaudit.claim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowaudit.claim.CheckKinds.Numerics;
import io.flowaudit.field.Domain;
import io.flowaudit.field.transformer.AttentionVariant;
import io.flowaudit.field.transformer.SelfAttention;
import io.flowaudit.field.transformer.SphereAttention;
import io.flowaudit.flow.LayerMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Wasserstein stability check where its bound is attained: one token, zero query and key weights, U =
 * diag(1, 1/2). Then x' = U x, L = ||U|| = 1 (c = 1, alpha = beta = 0), and a perturbation along e_1 grows exactly
 * like e^t: the estimate holds with margin 1 and any smaller rate is refuted.
 */
class WassersteinStabilityCheckTest {

    private static final Numerics DOUBLES = Numerics.doubles(LayerMap.EULER);

    private static SelfAttention attained(AttentionVariant variant) {
        return SelfAttention.fromWeights(variant, 1, 2, 1, Map.of(
                "wq", new double[][] {{0, 0}, {0, 0}},
                "wk", new double[][] {{0, 0}, {0, 0}},
                "wv", new double[][] {{1, 0}, {0, 0.5}})).certifiedFor(new Domain(1.1, 1));
    }

    private static Instance alongTheTopDirection(SelfAttention field) {
        return new Instance(field, new double[] {0.5, 0.3}, new double[] {0.1, 0}, 1, 0);
    }

    @Test
    void theAttainedBoundHoldsWithMarginOneAndASmallerRateIsRefuted() {
        assertAttained(AttentionVariant.softmax(), 1);
    }

    /** Sinkhorn with one token: P = [1] after every round, so x' = U x as for softmax. */
    @Test
    void sinkhornsBoundIsAttainedTheSameWay() {
        assertAttained(AttentionVariant.sinkhorn(3), 1);
    }

    /** Sigmoid with zero scores and bias 0: x' = sigma(0) U x, so L = ||U||/2 is attained. */
    @Test
    void sigmoidsBoundIsAttainedAtHalfTheValueNorm() {
        assertAttained(AttentionVariant.sigmoid(0), 0.5);
    }

    private static void assertAttained(AttentionVariant variant, double lipschitz) {
        SelfAttention field = attained(variant);
        assertEquals(lipschitz, field.meanFieldLipschitz(), 1e-12);
        Evidence exact = new WassersteinStabilityCheck(DOUBLES, 1).check(alongTheTopDirection(field));
        assertEquals(Evidence.Finding.HOLDS, exact.finding(), exact.observed());
        assertTrue(exact.margin() > 1 - 1e-9, "margin " + exact.margin());
        Evidence smaller = new WassersteinStabilityCheck(DOUBLES, 0.99).check(alongTheTopDirection(field));
        assertEquals(Evidence.Finding.REFUTED, smaller.finding(), smaller.observed());
    }

    /**
     * A rate so large that e^{r t} D(0) exceeds twice the region's token radius at the first sampled time cannot
     * be refuted by any two clouds that stay in the region: the try is vacuous, not support.
     */
    @Test
    void aBoundAboveTheRegionsDiameterIsVacuous() {
        SelfAttention field = attained(AttentionVariant.sinkhorn(3));
        Evidence trivial = new WassersteinStabilityCheck(DOUBLES, 1000).check(alongTheTopDirection(field));
        assertEquals(Evidence.Finding.VACUOUS, trivial.finding(), trivial.observed());
        assertTrue(trivial.observed().contains("largest D(t)"), trivial.observed());
    }

    @Test
    void sphereAttentionIsRefusedWithTheReason() {
        SphereAttention field = new SphereAttention(attained(AttentionVariant.softmax()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new WassersteinStabilityCheck(DOUBLES, 1).check(new Instance(field, new double[] {0.6, 0.8},
                        new double[] {0.1, 0}, 1, 0)));
        assertTrue(e.getMessage().contains("sphere-attention has no such constant"), e.getMessage());
    }
}
