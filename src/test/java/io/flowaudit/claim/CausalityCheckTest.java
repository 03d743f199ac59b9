package io.flowaudit.claim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.flowaudit.field.transformer.AttentionVariant;
import io.flowaudit.field.transformer.SelfAttention;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The causality check refutes a field that reads later tokens, supports the causal mask, and counts a change of the
 * later tokens that no output shows as no test at all: unmasked attention must not pass on perturbations below its
 * rounding.
 */
class CausalityCheckTest {

    private static final double[][] ROTATION = {{0.6, -0.8}, {0.8, 0.6}};

    private static final double[] TOKENS = {0.5, -0.25, 0.75, 0.125, -0.5, 1};

    private static SelfAttention attention(boolean causal) {
        return SelfAttention.fromWeights(AttentionVariant.softmax().withCausalMask(causal), 3, 2, 1,
                Map.of("wq", ROTATION, "wk", ROTATION, "wv", ROTATION));
    }

    /** Every token moved by {@code size} along the all-ones direction. */
    private static Instance changedBy(SelfAttention field, double size) {
        double[] perturbation = new double[TOKENS.length];
        Arrays.fill(perturbation, size / Math.sqrt(TOKENS.length));
        return new Instance(field, TOKENS, perturbation, 1, 0);
    }

    @Test
    void theCausalMaskHoldsAndFullAttentionIsRefuted() {
        assertEquals(Evidence.Finding.HOLDS, new CausalityCheck().check(changedBy(attention(true), 0.1)).finding());
        assertEquals(Evidence.Finding.REFUTED, new CausalityCheck().check(changedBy(attention(false), 0.1)).finding());
    }

    /**
     * 1e-20 on tokens of size 1 is lost when added (x + 1e-20 == x): nothing changed, so full attention, which reads
     * every token, must not count as support. Until 2026-11-30 it did.
     */
    @Test
    void aChangeNoOutputShowsIsVacuousNotSupport() {
        Evidence lost = new CausalityCheck().check(changedBy(attention(false), 1e-20));
        assertEquals(Evidence.Finding.VACUOUS, lost.finding(), lost.observed());
        Evidence none = new CausalityCheck().check(changedBy(attention(true), 0));
        assertEquals(Evidence.Finding.VACUOUS, none.finding(), none.observed());
    }

    /** Only the first token changed: no later token moved, so no i was tested. */
    @Test
    void aChangeOfTheFirstTokenAloneTestsNothing() {
        double[] firstOnly = {0.1, 0.1, 0, 0, 0, 0};
        Evidence evidence = new CausalityCheck().check(new Instance(attention(false), TOKENS, firstOnly, 1, 0));
        assertEquals(Evidence.Finding.VACUOUS, evidence.finding(), evidence.observed());
    }

    @Test
    void oneTokenHasNoLaterTokenAndTestsNothing() {
        SelfAttention one = SelfAttention.fromWeights(AttentionVariant.softmax(), 1, 2, 1, Map.of("wq", ROTATION, "wk",
                ROTATION, "wv", ROTATION));
        Evidence evidence = new CausalityCheck().check(new Instance(one, new double[] {0.5, -0.25},
                new double[] {0.1, 0.1}, 1, 0));
        assertEquals(Evidence.Finding.VACUOUS, evidence.finding(), evidence.observed());
        assertEquals("one token has no later tokens to change", evidence.observed());
    }
}
