package io.flowaudit.meanfield;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.ode.FirstOrderDifferentialEquations;
import org.junit.jupiter.api.Test;

/**
 * {@link Integration#sampledStates} and its error estimate (docs/theory.md, "Clustering in a hemisphere"): states read
 * from one run's dense output, and the distance to the sampled run 1000 times tighter as their error. Fooled with an
 * exact solution whose steps hold many samples (the interpolation's error is most of the error), samples at the
 * start and at the very end, and the clustering dynamics where the sampled and the restarted runs differ most (USA at
 * the largest beta, where the steps are longest against the samples). The estimate must cover the true error with at
 * most a tenth to spare (its rule: the tighter run's own error is about a thousandth) and not exceed it tenfold (it
 * must measure, not merely bound).
 */
class SampledIntegrationTest {

    /** x'' = -omega^2 x from (1, 0): x = cos(omega t), x' = -omega sin(omega t). */
    private record Oscillator(double omega) implements FirstOrderDifferentialEquations {

        @Override
        public int getDimension() {
            return 2;
        }

        @Override
        public void computeDerivatives(double t, double[] x, double[] velocity) {
            velocity[0] = x[1];
            velocity[1] = -omega * omega * x[0];
        }

        double[] exact(double t) {
            return new double[] {Math.cos(omega * t), -omega * Math.sin(omega * t)};
        }
    }

    private static void assertEstimateCovers(double trueError, double estimate, String what) {
        assertTrue(trueError <= 1.1 * estimate, what + ": true error " + trueError + " above the estimate " + estimate);
        assertTrue(estimate <= 10 * trueError, what + ": estimate " + estimate + " ten times the true error " + trueError);
    }

    @Test
    void theEstimateCoversAnExactSolutionsErrorWhereStepsHoldManySamples() {
        for (double tolerance : new double[] {1e-6, 1e-9, 1e-11}) {
            for (int samples : new int[] {3, 200, 2000}) {
                Oscillator oscillator = new Oscillator(3);
                double[] times = Integration.grid(20, samples);
                double[][] path = Integration.sampledStates(oscillator, new double[] {1, 0}, times, tolerance);
                double estimate = Integration.sampledErrorEstimate(oscillator, new double[] {1, 0}, times, tolerance,
                        path);
                double trueError = 0;
                for (int k = 0; k < times.length; k++) {
                    double[] exact = oscillator.exact(times[k]);
                    for (int c = 0; c < 2; c++) {
                        trueError = Math.max(trueError, Math.abs(path[k][c] - exact[c]));
                    }
                }
                assertEstimateCovers(trueError, estimate, "tolerance " + tolerance + ", " + samples + " samples");
            }
        }
    }

    @Test
    void samplesAtTheStartAreTheStartAndTheLastIsTheEnd() {
        Oscillator oscillator = new Oscillator(1);
        double[] start = {1, 0};
        double[] times = {0, 0, 1e-300, Math.PI / 2, Math.PI};
        double[][] path = Integration.sampledStates(oscillator, start, times, 1e-12);
        assertArrayEquals(start, path[0], 0, "t = 0 is the start itself");
        assertArrayEquals(start, path[1], 0, "a repeated t = 0 too");
        // 1e-300 is past the start: interpolated, within rounding of it (cos(1e-300) = 1 in double)
        assertArrayEquals(start, path[2], 1e-15);
        assertArrayEquals(oscillator.exact(Math.PI / 2), path[3], 1e-10);
        // the last time is the integration's end: read there, not left empty or extrapolated
        assertArrayEquals(oscillator.exact(Math.PI), path[4], 1e-10);
        double[][] onlyStart = Integration.sampledStates(oscillator, start, new double[] {0}, 1e-12);
        assertArrayEquals(start, onlyStart[0], 0, "no run when every time is 0");
    }

    /**
     * The clustering dynamics as the check runs them (200 samples to T = 60) against the run stopping at every sample
     * at 1e-14, whose error is far below both: SA and USA, causal or not, at beta up to the check's largest, 4.
     */
    @Test
    void theEstimateCoversTheClusteringDynamicsWhereSampledAndRestartedRunsDifferMost() {
        double[] times = Integration.grid(60, 200);
        double tolerance = 1e-11;
        for (double beta : new double[] {1, 4}) {
            for (int tokens : new int[] {2, 8}) {
                for (int kind = 0; kind < 4; kind++) {
                    int width = 2 + tokens % 3;
                    double[] start = Clustering.openHemisphere(31L * tokens + width, tokens, width).tokens();
                    AttentionParticles base = kind % 2 == 0 ? AttentionParticles.sphere(tokens, width, beta)
                            : AttentionParticles.unnormalisedSphere(tokens, width, beta);
                    AttentionParticles system = kind < 2 ? base : base.causal();
                    String what = (kind % 2 == 0 ? "SA" : "USA") + (kind < 2 ? "" : " causal") + ", beta " + beta
                            + ", n " + tokens;
                    double estimate = assertSampledEstimateCovers(system, start, times, tolerance, what);
                    // and the error is what the check's comparisons can afford: far below the cluster radius 1e-3
                    assertTrue(estimate < 1e-7, what + ": estimate " + estimate);
                }
            }
        }
    }

    /** Returns the estimate, after checking it against restarted runs at 1e-14, whose error is far below it. */
    private static double assertSampledEstimateCovers(FirstOrderDifferentialEquations system, double[] start,
            double[] times, double tolerance, String what) {
        double[][] path = Integration.sampledStates(system, start, times, tolerance);
        double estimate = Integration.sampledErrorEstimate(system, start, times, tolerance, path);
        double[][] reference = Integration.states(system, start, times, 1e-14);
        double trueError = 0;
        for (int k = 0; k < times.length; k++) {
            for (int c = 0; c < start.length; c++) {
                trueError = Math.max(trueError, Math.abs(path[k][c] - reference[k][c]));
            }
        }
        assertEstimateCovers(trueError, estimate, what);
        return estimate;
    }

    @Test
    void theRestartedRunsStatesAndEstimateAreUnchanged() {
        // the other checks keep stopping at every time: Integration.states' errorEstimate is its old rule, to the bit
        Oscillator oscillator = new Oscillator(2);
        double[] times = Integration.grid(5, 10);
        double[][] path = Integration.states(oscillator, new double[] {1, 0}, times, 1e-9);
        double[][] fine = Integration.states(oscillator, new double[] {1, 0}, times, 1e-12);
        double largest = 0;
        for (int k = 0; k < times.length; k++) {
            largest = Math.max(largest, Math.max(Math.abs(path[k][0] - fine[k][0]), Math.abs(path[k][1] - fine[k][1])));
        }
        assertEquals(largest, Integration.errorEstimate(oscillator, new double[] {1, 0}, times, 1e-9, path), 0);
    }
}
