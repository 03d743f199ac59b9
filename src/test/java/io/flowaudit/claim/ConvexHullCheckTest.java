package io.flowaudit.claim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowaudit.field.transformer.AttentionVariant;
import io.flowaudit.field.transformer.SelfAttention;
import io.flowaudit.verdict.TryBlock;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import org.junit.jupiter.api.Test;

/**
 * The convex-hull check (docs/theory.md, "Without LayerNorm"): with V = I the support of e^{-t} x_i never rises,
 * with or without the causal mask; V = 1.05 I makes it grow like e^{0.05 t} where it is positive, and V = 0.95 I
 * where it is negative (the origin outside the hull), both caught.
 */
class ConvexHullCheckTest {

    private static final double[][] QUERY = {{0.7, -0.3}, {0.2, 0.9}};
    private static final double[][] KEY = {{0.5, 0.1}, {-0.4, 0.8}};
    private static final double[][] VALUE = {{1, 0}, {0, 1}};

    private static Instance instance(double[] tokens) {
        return instance(tokens, 2);
    }

    private static Instance instance(double[] tokens, double horizon) {
        SelfAttention field = SelfAttention.fromWeights(tokens.length / 2, 2, 1,
                Map.of("wq", QUERY, "wk", KEY, "wv", VALUE));
        return new Instance(field, tokens, new double[tokens.length], horizon, 0);
    }

    private static final double[] AROUND_THE_ORIGIN = {1, 0, 0, 1, -0.5, 0.2, 0.3, -0.8};
    private static final double[] AWAY_FROM_THE_ORIGIN = {1, 0.5, 1.5, 1, 2, 0.2};

    @Test
    void withValueIdentityTheHullShrinks() {
        for (double[] tokens : new double[][] {AROUND_THE_ORIGIN, AWAY_FROM_THE_ORIGIN}) {
            Evidence evidence = new ConvexHullCheck(1).check(instance(tokens));
            assertEquals(Evidence.Finding.HOLDS, evidence.finding(), evidence.observed());
        }
    }

    @Test
    void aValueScaleOffOneIsRefuted() {
        Evidence larger = new ConvexHullCheck(1.05).check(instance(AROUND_THE_ORIGIN));
        assertEquals(Evidence.Finding.REFUTED, larger.finding(), larger.observed());
        Evidence smaller = new ConvexHullCheck(0.95).check(instance(AWAY_FROM_THE_ORIGIN));
        assertEquals(Evidence.Finding.REFUTED, smaller.finding(), smaller.observed());
    }

    /**
     * Over T = 1e-13 the tokens move by about 1e-13 and V = 1.05 I raises a support by about 5e-17 an interval, below
     * its resolution: the run cannot test the claim. Until 2026-11-30 every comparison h_w(t_k) <= h_w(t_{k-1}) was
     * resolved against the support's size (about 1), so the false claim held (false-convex-hull-value-scale with
     * horizon [1e-13, 1e-13]: 12 of 20 tries held, the rest vacuous).
     */
    @Test
    void aRunThatMovesTheTokensLessThanItsResolutionIsVacuousNotSupport() {
        Evidence shortRun = new ConvexHullCheck(1.05).check(instance(AROUND_THE_ORIGIN, 1e-13));
        assertEquals(Evidence.Finding.VACUOUS, shortRun.finding(), shortRun.observed());
    }

    /**
     * Two tokens at (1, 0) and (1, 1) under uniform weights (W_Q = 0): along e_1 the hull does not contract, so V =
     * 1.05 I raises that support from t = 0, by about 5e-14 over T = 1e-12, yet by 5e-16 between two samples, below
     * each comparison's resolution (about 1e-14). The run as a whole moves the tokens by about 5e-13, which resolved it
     * until 2026-11-30, and the false claim held (false-convex-hull-value-scale with horizon 1e-12: 11 of 20 tries);
     * what each comparison can see is the motion between its two samples. Over T = 1e-10 the rise is resolved.
     */
    @Test
    void aRunWhoseSamplesMoveTheTokensLessThanTheResolutionIsVacuous() {
        SelfAttention uniform = SelfAttention.fromWeights(2, 2, 1, Map.of("wq", new double[2][2], "wk", KEY, "wv",
                VALUE));
        double[] tokens = {1, 0, 1, 1};
        Evidence shortRun = new ConvexHullCheck(1.05).check(new Instance(uniform, tokens, new double[4], 1e-12, 0));
        assertEquals(Evidence.Finding.VACUOUS, shortRun.finding(), shortRun.observed());
        Evidence longer = new ConvexHullCheck(1.05).check(new Instance(uniform, tokens, new double[4], 1e-10, 0));
        assertEquals(Evidence.Finding.REFUTED, longer.finding(), longer.observed());
    }

    private static Instance twoHeads() {
        double[][] stacked = {{1, 0}, {0, 1}, {1, 0}, {0, 1}}; // two heads of width 2, each the identity
        SelfAttention twoHeads = SelfAttention.fromWeights(2, 2, 2, Map.of("wq", stacked, "wk", stacked, "wv",
                stacked, "wo", new double[][] {{1, 0, 1, 0}, {0, 1, 0, 1}}));
        return new Instance(twoHeads, new double[] {1, 0, 0, 1}, new double[4], 1, 0);
    }

    @Test
    void twoHeadsAreRefusedWithTheReason() {
        NotApplicableException e = assertThrows(NotApplicableException.class,
                () -> new ConvexHullCheck(1).check(twoHeads()));
        assertEquals(true, e.getMessage().startsWith("the convex hull claim is about single-head softmax attention"),
                e.getMessage());
    }

    /** Softmax of dot products, masked or not, is the theorem's; the other normalizations and scores are not. */
    @Test
    void onlySoftmaxOfDotProductsMaskedOrNotIsChecked() {
        double[][] identity = {{1, 0}, {0, 1}};
        Map<String, double[][]> weights = Map.of("wq", identity, "wk", identity, "wv", identity, "wo", identity);
        Map<AttentionVariant, Boolean> theorems = Map.of(AttentionVariant.softmax(), true,
                AttentionVariant.softmax().withCausalMask(true), true, AttentionVariant.l2(), false,
                AttentionVariant.sigmoid(-1), false, AttentionVariant.sinkhorn(2), false);
        for (AttentionVariant variant : theorems.keySet()) {
            Instance instance = new Instance(SelfAttention.fromWeights(variant, 2, 2, 1, weights),
                    new double[] {1, 0, 0, 1}, new double[4], 1, 0);
            if (theorems.get(variant)) {
                new ConvexHullCheck(1).check(instance);
            } else {
                assertThrows(NotApplicableException.class, () -> new ConvexHullCheck(1).check(instance),
                        variant.toString());
            }
        }
    }

    /**
     * A field its theorem does not speak of is the claim file's mistake, not the check's: the run's error names the
     * theorem's requirement, without the instance (whose weights made that line thousands of characters long).
     */
    @Test
    void aRunOnFieldsTheTheoremDoesNotSpeakOfEndsInAnErrorNamingTheRequirement() {
        TryBlock block = PropertyRunner.run(Arbitraries.just(twoHeads()), new ConvexHullCheck(1), 7, 1, 1, 1, 1,
                "two-heads", tries -> { });

        String error = block.ending().error();
        assertTrue(error.startsWith("at try 1 the theorem does not apply to the field drawn: the convex hull claim is"
                + " about single-head softmax attention"), error);
        assertTrue(error.endsWith("; the claim file's field: must give fields the theorem speaks of"), error);
        assertFalse(error.contains("instance:"), error);
    }
}
