package io.flowaudit.meanfield;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/** docs/theory.md, "Equiangular starts" and "Causal mask". */
class ClusteringProperties {

    private static final double TOLERANCE = 1e-9;

    /**
     * Equiangular tokens (in a random rotation, d >= n) stay equiangular and their common inner product follows
     * the scalar ODE, at 50 sample times on [0, 4]. A state error err (measured componentwise, against a rerun
     * 1000 times tighter) moves an inner product of unit tokens by at most 2 sqrt(d) err; the scalar ODE is
     * integrated 1000 times tighter still; 1e-12 covers rounding in the Gram entries. Tolerance: ten times the
     * sum. The other normalisation's ODE (USA's for SA and back), an almost-true rate, must miss by more than
     * 100 times the tolerance: the check can tell them apart.
     */
    @Property(tries = 12)
    void equiangularTokensFollowTheScalarOde(@ForAll long seed, @ForAll @IntRange(min = 2, max = 8) int tokens,
            @ForAll @IntRange(min = 0, max = 2) int extraWidth, @ForAll @DoubleRange(min = 0.5, max = 4) double beta,
            @ForAll @DoubleRange(min = 0.05, max = 0.9) double spread, @ForAll boolean softmax) {
        int width = tokens + extraWidth;
        double lowest = -1.0 / (tokens - 1);
        double rho = lowest + spread * (1 - lowest); // strictly inside (-1/(n-1), 1)
        double[] start = Equiangular.tokens(tokens, rho, new RandomDraws(seed).rotation(width));
        AttentionParticles system = SphereEnergyProperties.sphereDynamics(softmax, tokens, width, beta);
        double[] times = Integration.grid(4, 50);

        double[][] path = Integration.states(system, start, times, TOLERANCE);
        double error = Integration.errorEstimate(system, start, times, TOLERANCE, path);
        double[][] scalar = Integration.states(Equiangular.scalarOde(softmax, tokens, beta), new double[] {rho},
                times, TOLERANCE / 1e6);
        double[][] otherScalar = Integration.states(Equiangular.scalarOde(!softmax, tokens, beta),
                new double[] {rho}, times, TOLERANCE / 1e6);

        double tolerance = 10 * (2 * Math.sqrt(width) * error + 1e-12);
        double missByOther = 0;
        for (int k = 0; k < times.length; k++) {
            for (int i = 0; i < tokens; i++) {
                for (int j = i + 1; j < tokens; j++) {
                    double inner = AttentionParticles.dot(path[k], i * width, path[k], j * width, width);
                    assertEquals(scalar[k][0], inner, tolerance, "<x_" + i + ", x_" + j + "> at t = " + times[k]);
                    missByOther = Math.max(missByOther, Math.abs(otherScalar[k][0] - inner));
                }
            }
        }
        assertTrue(missByOther > 100 * tolerance,
                "the other normalisation's ODE is within " + missByOther + ", indistinguishable at " + tolerance);
    }

    /** Where the tokens are at the horizon, against the first token of the start. */
    enum Outcome {
        /** Every token within the radius of the limit. */
        CLUSTERED,
        /** Some token is still farther than the radius at the horizon. */
        INCONCLUSIVE
    }

    private static Outcome classify(double[] start, double[] atHorizon, int tokens, int width, double radius) {
        return Clustering.farthestFromFirst(start, atHorizon, tokens, width) <= radius ? Outcome.CLUSTERED
                : Outcome.INCONCLUSIVE;
    }

    /**
     * Causal SA, V = I: x_1 never moves (its velocity is P_perp(x_1) x_1 = (1 - |x_1|^2) x_1, a rounding
     * residue: 1e-12 allows ~10^4 steps of a few ulps) and <x_2, x_1> never decreases (its rate is
     * P_21 |P_perp(x_2) x_1|^2 >= 0; checked up to twice the measured state error). Whether all tokens reach
     * x_1(0) by t = 200 is CLUSTERED or INCONCLUSIVE, never a failure: saddle passages can outlast any horizon.
     * The coverage asks that at least half the tries cluster, so a check that could never say CLUSTERED (or
     * dynamics that gather somewhere else) fails; the radius 1e-3 is 10^5 times the integration error, so
     * CLUSTERED is never a rounding artefact.
     */
    @Property(tries = 10)
    void causalTokensGatherAtTheFirstToken(@ForAll long seed, @ForAll @IntRange(min = 2, max = 8) int tokens,
            @ForAll @IntRange(min = 2, max = 4) int width, @ForAll @DoubleRange(min = 0.5, max = 3) double beta) {
        double[] start = new RandomDraws(seed).sphereTokens(tokens, width);
        AttentionParticles system = AttentionParticles.sphere(tokens, width, beta).causal();
        double[] times = Integration.grid(200, 400);

        double[][] path = Integration.states(system, start, times, TOLERANCE);
        double error = Integration.errorEstimate(system, start, times, TOLERANCE, path);

        double previous = AttentionParticles.dot(path[0], width, path[0], 0, width);
        for (int k = 0; k < times.length; k++) {
            assertTrue(Clustering.farthestFromFirst(start, path[k], 1, width) <= 1e-12,
                    "x_1 moved by t = " + times[k]);
            double inner = AttentionParticles.dot(path[k], width, path[k], 0, width);
            assertTrue(inner >= previous - 2 * Math.sqrt(width) * error, "<x_2, x_1> fell at t = " + times[k]);
            previous = inner;
        }
        Outcome outcome = classify(start, path[times.length - 1], tokens, width, 1e-3);
        Statistics.label("outcome at t = 200").collect(outcome);
        Statistics.label("outcome at t = 200").coverage(
                coverage -> coverage.check(Outcome.CLUSTERED).percentage(p -> p >= 50));
    }

    /** Knife edge: x_2 = -x_1 is a fixed point (P_perp(x_2) x_1 = 0). Never clustered; inconclusive, not a pass. */
    @Example
    void anAntipodalSecondTokenIsInconclusiveNotClustered() {
        double[] start = {1, 0, 0, -1, 0, 0};
        AttentionParticles system = AttentionParticles.sphere(2, 3, 1).causal();
        double[] end = Integration.states(system, start, new double[] {100}, TOLERANCE)[0];

        assertEquals(Outcome.INCONCLUSIVE, classify(start, end, 2, 3, 1e-3));
    }

    /**
     * Metastability: at beta = 40 the second token at 90 degrees from the first moves at speed about
     * e^{-40} / 2, so at t = 100 it has not moved and the verdict is inconclusive, while at beta = 1 the same
     * start has clustered. A horizon, not a failure, explains the difference.
     */
    @Example
    void largeBetaIsInconclusiveWithinTheHorizon() {
        double[] start = {1, 0, 0, 1};
        double[] slow = Integration.states(AttentionParticles.sphere(2, 2, 40).causal(), start, new double[] {100},
                TOLERANCE)[0];
        double[] fast = Integration.states(AttentionParticles.sphere(2, 2, 1).causal(), start, new double[] {100},
                TOLERANCE)[0];

        assertEquals(Outcome.INCONCLUSIVE, classify(start, slow, 2, 2, 1e-3));
        assertEquals(Outcome.CLUSTERED, classify(start, fast, 2, 2, 1e-3));
    }
}
