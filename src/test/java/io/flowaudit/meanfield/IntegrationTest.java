package io.flowaudit.meanfield;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.ode.FirstOrderDifferentialEquations;
import org.apache.commons.math3.ode.nonstiff.DormandPrince853Integrator;
import org.junit.jupiter.api.Test;

/** {@link Integration} skips commons-math's unused dense output: the same states, bit for bit, in fewer evaluations. */
class IntegrationTest {

    /** A pendulum with a time-dependent push: nonlinear and non-autonomous, so every stage's state and time matter. */
    private static final class CountedPendulum implements FirstOrderDifferentialEquations {

        int evaluations;

        @Override
        public int getDimension() {
            return 2;
        }

        @Override
        public void computeDerivatives(double t, double[] x, double[] velocity) {
            evaluations++;
            velocity[0] = x[1];
            velocity[1] = -Math.sin(x[0]) + 0.3 * Math.cos(2 * t);
        }
    }

    /** The stock integrator as Integration used it, stopping at every time in turn. */
    private static double[][] stock(FirstOrderDifferentialEquations system, double[] start, double[] times, double tolerance) {
        return Integration.statesBy(new DormandPrince853Integrator(1e-12, Double.POSITIVE_INFINITY, tolerance, tolerance),
                system, start, times);
    }

    @Test
    void everyStateEqualsTheStockIntegratorsToTheBitWithAFifthFewerEvaluations() {
        double[] start = {1.2, -0.4};
        for (double tolerance : new double[] {1e-6, 1e-9}) {
            double[] times = Integration.grid(7, 3);
            CountedPendulum stockSystem = new CountedPendulum();
            CountedPendulum system = new CountedPendulum();
            double[][] expected = stock(stockSystem, start, times, tolerance);
            double[][] actual = Integration.states(system, start, times, tolerance);
            for (int k = 0; k < times.length; k++) {
                // no tolerance (equal bits): the same steps in the same arithmetic
                assertArrayEquals(expected[k], actual[k], "state at t = " + times[k]);
            }
            // the stock integrator spends 3 more evaluations per accepted step on the dense output: 14 against 11
            assertTrue(system.evaluations < 0.85 * stockSystem.evaluations,
                    system.evaluations + " evaluations against the stock " + stockSystem.evaluations);
        }
    }
}
