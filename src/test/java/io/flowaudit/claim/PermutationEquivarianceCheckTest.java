package io.flowaudit.claim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.flowaudit.field.transformer.AttentionVariant;
import io.flowaudit.field.transformer.SelfAttention;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The permutation-equivariance check's rounding allowance: scaled to the terms whose summation order the
 * permutation changes, so a small field is judged at its own size.
 */
class PermutationEquivarianceCheckTest {

    private static final double[][] IDENTITY = {{1, 0}, {0, 1}};

    private static Instance twoTokens(boolean causal, double valueScale) {
        SelfAttention field = SelfAttention.fromWeights(AttentionVariant.softmax().withCausalMask(causal), 2, 2, 1,
                Map.of("wq", IDENTITY, "wk", IDENTITY, "wv", new double[][] {{valueScale, 0}, {0, valueScale}}));
        return new Instance(field, new double[] {1, 0, 0, 1}, new double[4], 1, 0);
    }

    /**
     * Causal attention is not equivariant: reversed, the first token sees only x_2, so F(PX)_1 = V x_2 while
     * (PF(X))_1 = F_2 mixes both tokens, a miss of about |V|/2. Until 2026-11-30 the allowance was 64 D ulps of
     * 1 + max|F|, about 6e-14 whatever the field's size, so with V = 1e-14 I (a miss of 3.3e-15) the false claim held
     * (causal-attention with weights [1e-14, 1e-14]: 60 of 60 tries).
     */
    @Test
    void aSmallCausalFieldIsRefuted() {
        Evidence evidence = new PermutationEquivarianceCheck().check(twoTokens(true, 1e-14));
        assertEquals(Evidence.Finding.REFUTED, evidence.finding(), evidence.observed());
    }

    @Test
    void aSmallUnmaskedFieldHolds() {
        Evidence evidence = new PermutationEquivarianceCheck().check(twoTokens(false, 1e-14));
        assertEquals(Evidence.Finding.HOLDS, evidence.finding(), evidence.observed());
    }

    /** V = 0 makes F = 0 for every input: nothing to permute, so the try tests nothing. */
    @Test
    void aZeroValueMatrixIsVacuous() {
        Evidence evidence = new PermutationEquivarianceCheck().check(twoTokens(true, 0));
        assertEquals(Evidence.Finding.VACUOUS, evidence.finding(), evidence.observed());
    }

    /**
     * Reversing one token is the identity, so F(X) is compared with itself: until 2026-11-30 causal attention claimed
     * equivariant on one token held (17 of 20 tries counted as support).
     */
    @Test
    void oneTokenIsVacuous() {
        SelfAttention field = SelfAttention.fromWeights(AttentionVariant.softmax().withCausalMask(true), 1, 2, 1,
                Map.of("wq", IDENTITY, "wk", IDENTITY, "wv", IDENTITY));
        Evidence evidence = new PermutationEquivarianceCheck().check(new Instance(field, new double[] {1, 0},
                new double[2], 1, 0));
        assertEquals(Evidence.Finding.VACUOUS, evidence.finding(), evidence.observed());
    }
}
