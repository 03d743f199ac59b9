package io.flowaudit.meanfield;

import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** docs/theory.md, "Without LayerNorm". */
class FreeAttentionProperties {

    /**
     * Softmax attention without LayerNorm, V = I, any A, with or without a causal mask: for 5 random unit
     * directions w, max_i <w, e^{-t} x_i(t)> does not increase between 100 sample times on [0, 2]. Tolerance:
     * the measured componentwise state error err of the run (against a rerun 1000 times tighter) changes
     * <w, e^{-t} x_i> by at most sqrt(d) err, twice for two sample times, plus 1e-13 for rounding of the
     * products.
     */
    @Property(tries = 12)
    void theRescaledTokensStayInTheirHull(@ForAll long seed, @ForAll @IntRange(min = 2, max = 20) int tokens,
            @ForAll @IntRange(min = 1, max = 4) int width, @ForAll boolean causal) {
        RandomDraws draws = new RandomDraws(seed);
        AttentionParticles free = AttentionParticles.free(tokens, width, draws.gaussianMatrix(width, 1).getData());
        AttentionParticles system = causal ? free.causal() : free;
        double[] start = draws.sphereTokens(tokens, width);
        double[] times = Integration.grid(2, 100);
        double[][] path = Integration.states(system, start, times, 1e-9);
        double tolerance = 2 * Math.sqrt(width) * Integration.errorEstimate(system, start, times, 1e-9, path) + 1e-13;

        for (int direction = 0; direction < 5; direction++) {
            double[] w = draws.sphereTokens(1, width);
            double previous = Double.POSITIVE_INFINITY;
            for (int k = 0; k < times.length; k++) {
                double support = support(w, path[k], tokens, width) * Math.exp(-times[k]);
                assertTrue(support <= previous + tolerance,
                        "max_i <w, z_i> rose from " + previous + " to " + support + " at t = " + times[k]);
                previous = support;
            }
        }
    }

    /**
     * False on purpose, almost true: the same claim for V = 1.1 I. Then z' = -z + 1.1 sum_j P_ij z_j, and with
     * every token at support 1/sqrt(2) in direction w the support grows like e^{0.1 t}: by t = 2 it has risen
     * by 0.707 (e^{0.2} - 1) ≈ 0.157 (the tokens also move, so the assertion asks for 0.1).
     */
    @Example
    void aValueMatrixAboveTheIdentityBreaksTheHullClaim() {
        AttentionParticles system = AttentionParticles.free(3, 2, new double[][] {{1, 0}, {0, 1}})
                .withValue(new double[][] {{1.1, 0}, {0, 1.1}});
        double[] start = {1, 0, 0.5, 0.5, 0, 1};
        double[] times = {0, 2};
        double[][] path = Integration.states(system, start, times, 1e-10);
        double[] w = {Math.sqrt(0.5), Math.sqrt(0.5)};

        double rise = support(w, path[1], 3, 2) * Math.exp(-2) - support(w, path[0], 3, 2);
        assertTrue(rise > 0.1, "the support in direction (1, 1)/sqrt(2) rose only by " + rise);
    }

    private static double support(double[] w, double[] x, int tokens, int width) {
        double largest = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < tokens; i++) {
            largest = Math.max(largest, AttentionParticles.dot(w, 0, x, i * width, width));
        }
        return largest;
    }
}
