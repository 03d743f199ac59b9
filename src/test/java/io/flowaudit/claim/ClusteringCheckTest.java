package io.flowaudit.claim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowaudit.field.transformer.SphereAttention;
import io.flowaudit.meanfield.Clustering;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The clustering check's three outcomes (docs/theory.md, "Clustering in a hemisphere"): clustered (holds), not yet
 * clustered by the horizon (inconclusive, never support), a certified violation of the monotone height (refuted);
 * and its knife edges: a start on the boundary of a hemisphere, metastability at large beta.
 */
class ClusteringCheckTest {

    private static final double RADIUS = 1e-3;

    @Test
    void tokensInAnOpenHemisphereClusterWithinTheHorizon() {
        Evidence evidence = new ClusteringCheck(1, RADIUS).judge(Clustering.openHemisphere(7, 6, 3), 3, 40, false);
        assertEquals(Evidence.Finding.HOLDS, evidence.finding(), evidence.observed());
    }

    /**
     * Two antipodal tokens lie in a closed hemisphere only (no direction is above both): a fixed point of SA and
     * USA, so they never cluster. Inconclusive, not a pass and not a refutation: the claim's hypothesis is an open
     * hemisphere, and the monotone height over the pole (0, on the boundary) does not fall.
     */
    @Test
    void aStartOnTheBoundaryOfAHemisphereIsInconclusive() {
        Clustering.HemisphereStart boundary = new Clustering.HemisphereStart(new double[] {0, 1, 0},
                new double[] {1, 0, 0, -1, 0, 0});
        Evidence evidence = new ClusteringCheck(1, RADIUS).judge(boundary, 3, 50, false);
        assertEquals(Evidence.Finding.INCONCLUSIVE, evidence.finding(), evidence.observed());
        assertTrue(evidence.observed().contains("plateau"), evidence.observed());
    }

    /**
     * Metastability: two tokens at 90 degrees under SA with beta = 4 (the largest the check allows) move at rate
     * 2e^{-4}/(1 + e^{-4}) = 0.035 at first (the equiangular ODE at rho = 0), so at T = 1 they sit on a plateau
     * (inconclusive); by T = 100 they have left it and clustered (holds). The same start, only the horizon differs.
     */
    @Test
    void largeBetaIsInconclusiveAtAShortHorizonAndClusteredAtALongOne() {
        double s = Math.sqrt(0.5);
        Clustering.HemisphereStart start = new Clustering.HemisphereStart(new double[] {s, s}, new double[] {1, 0, 0, 1});
        ClusteringCheck check = new ClusteringCheck(4, RADIUS);
        Evidence shortRun = check.judge(start, 2, 1, false);
        assertEquals(Evidence.Finding.INCONCLUSIVE, shortRun.finding(), shortRun.observed());
        assertTrue(shortRun.observed().contains("SA: diameter") && shortRun.observed().contains("plateau"),
                shortRun.observed());
        Evidence longRun = check.judge(start, 2, 100, false);
        assertEquals(Evidence.Finding.HOLDS, longRun.finding(), longRun.observed());
    }

    @Test
    void underACausalMaskTokensGatherAtTheFirstTokensStart() {
        Evidence evidence = new ClusteringCheck(1, RADIUS).judge(Clustering.openHemisphere(3, 5, 3), 3, 60, true);
        assertEquals(Evidence.Finding.HOLDS, evidence.finding(), evidence.observed());
    }

    /**
     * The false-on-purpose limit: under the mask the tokens do not gather at the last token's start, since the first
     * never moves. Refuted (not inconclusive) at a short horizon as at a long one; the same start gathers at x_1(0).
     */
    @Test
    void underACausalMaskTheLastTokenIsRefutedAsTheLimitAtAnyHorizon() {
        Clustering.HemisphereStart start = Clustering.openHemisphere(3, 5, 3);
        for (double horizon : new double[] {1, 60}) {
            Evidence evidence = new ClusteringCheck(1, RADIUS, true).judge(start, 3, horizon, true);
            assertEquals(Evidence.Finding.REFUTED, evidence.finding(), evidence.observed());
            assertTrue(evidence.observed().contains("|x_1(0) - x_n(0)|"), evidence.observed());
        }
    }

    /**
     * Knife edge of that refutation: when the last token starts within the radius of the first (here at the same
     * point), gathering at x_n(0) is gathering at x_1(0), true, and the check does not refute it.
     */
    @Test
    void aLastTokenStartingAtTheFirstIsNotRefutedAsTheLimit() {
        Clustering.HemisphereStart start = Clustering.openHemisphere(3, 4, 3);
        double[] tokens = start.tokens().clone();
        System.arraycopy(tokens, 0, tokens, 3 * 3, 3);
        Evidence evidence = new ClusteringCheck(1, RADIUS, true).judge(
                new Clustering.HemisphereStart(start.pole(), tokens), 3, 60, true);
        assertEquals(Evidence.Finding.HOLDS, evidence.finding(), evidence.observed());
    }

    /** The last token as the limit is a claim under the causal mask only: without it the check says so. */
    @Test
    void theLastTokenAsTheLimitWithoutTheMaskIsAnError() {
        SphereAttention field = SphereAttention.fromWeights(2, 2, 1, Map.of("wq", new double[][] {{1, 0}, {0, 1}},
                "wk", new double[][] {{1, 0}, {0, 1}}, "wv", new double[][] {{1, 0}, {0, 1}}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ClusteringCheck(1, RADIUS,
                true).check(new Instance(field, new double[] {1, 0, 0, 1}, null, 1, 0)));
        assertTrue(e.getMessage().contains("cluster-at: last-token is a claim under the causal mask"), e.getMessage());
    }

    /** One token cannot fail to gather: until 2026-11-30 a claim on one token held, every try counted as support. */
    @Test
    void oneTokenIsVacuous() {
        SphereAttention field = SphereAttention.fromWeights(1, 2, 1, Map.of("wq", new double[][] {{1, 0}, {0, 1}},
                "wk", new double[][] {{1, 0}, {0, 1}}, "wv", new double[][] {{1, 0}, {0, 1}}));
        Evidence evidence = new ClusteringCheck(1, RADIUS).check(new Instance(field, new double[] {1, 0}, null, 1, 0));
        assertEquals(Evidence.Finding.VACUOUS, evidence.finding(), evidence.observed());
    }

    /** Causal, x_2 = -x_1: a fixed point (P_perp(x_2) x_1 = 0). Inconclusive; x_1 stays put. */
    @Test
    void anAntipodalSecondTokenUnderTheMaskIsInconclusive() {
        Clustering.HemisphereStart boundary = new Clustering.HemisphereStart(new double[] {0, 1},
                new double[] {1, 0, -1, 0});
        Evidence evidence = new ClusteringCheck(1, RADIUS).judge(boundary, 2, 100, true);
        assertEquals(Evidence.Finding.INCONCLUSIVE, evidence.finding(), evidence.observed());
    }

    /**
     * A wrong hypothesis: tokens of norm 2 are off the sphere, where P_perp(x) = I - x x^T is no projection and the
     * height's derivative, a(1 - <m, x>) with <m, x> up to 2, turns negative: the monotone height falls, a certified
     * violation.
     */
    @Test
    void tokensOffTheSphereViolateTheMonotoneHeight() {
        Clustering.HemisphereStart unit = Clustering.openHemisphere(11, 4, 3);
        double[] doubled = unit.tokens().clone();
        for (int c = 0; c < doubled.length; c++) {
            doubled[c] *= 2;
        }
        Evidence evidence = new ClusteringCheck(1, RADIUS).judge(new Clustering.HemisphereStart(unit.pole(), doubled),
                3, 5, false);
        assertEquals(Evidence.Finding.REFUTED, evidence.finding(), evidence.observed());
    }
}
