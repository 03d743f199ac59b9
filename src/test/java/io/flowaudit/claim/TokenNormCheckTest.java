package io.flowaudit.claim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.flowaudit.claim.CheckKinds.Numerics;
import io.flowaudit.field.transformer.SelfAttention;
import io.flowaudit.flow.LayerMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The token-norm check on attention without LayerNorm, where the claim is false: one token with V = I moves as
 * x' = x, so |x(t)| = e^t |x(0)| exceeds |x(0)| at every t > 0.
 */
class TokenNormCheckTest {

    private static Instance oneGrowingToken(double horizon) {
        double[][] identity = {{1, 0}, {0, 1}};
        SelfAttention field = SelfAttention.fromWeights(1, 2, 1, Map.of("wq", identity, "wk", identity, "wv", identity));
        return new Instance(field, new double[] {1, 0}, new double[2], horizon, 0);
    }

    /**
     * Over T = 1e-15 the token grows by about 1e-15 (a few units of rounding): the run cannot test the claim. Until
     * 2026-11-30 it was support, and false-token-norms-without-layernorm held with horizon [1e-15, 1e-15] (196 of
     * 200 tries, 4 vacuous).
     */
    @Test
    void aRunThatMovesTheTokensLessThanItsResolutionIsVacuousNotSupport() {
        TokenNormCheck check = new TokenNormCheck(Numerics.doubles(LayerMap.EULER));
        Evidence shortRun = check.check(oneGrowingToken(1e-15));
        assertEquals(Evidence.Finding.VACUOUS, shortRun.finding(), shortRun.observed());
        Evidence longer = check.check(oneGrowingToken(1e-6));
        assertEquals(Evidence.Finding.REFUTED, longer.finding(), longer.observed());
    }
}
