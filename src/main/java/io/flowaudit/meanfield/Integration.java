package io.flowaudit.meanfield;

import org.apache.commons.math3.ode.FirstOrderDifferentialEquations;
import org.apache.commons.math3.ode.nonstiff.DormandPrince853Integrator;
import org.apache.commons.math3.ode.sampling.AbstractStepInterpolator;
import org.apache.commons.math3.util.Precision;

/**
 * Adaptive integration of a particle system or moment ODE with commons-math3's Dormand-Prince 8(5,3),
 * stopping exactly at every requested time. The tolerance is both the absolute and the relative local error
 * target; how far the result is from the true flow is measured, where a check needs it, by
 * {@link #errorEstimate} (a second run at a tolerance 1000 times smaller).
 */
public final class Integration {

    private Integration() {
    }

    /** The states at {@code times} (increasing, the first one >= 0), starting from {@code start} at t = 0. */
    public static double[][] states(FirstOrderDifferentialEquations system, double[] start, double[] times,
            double tolerance) {
        DormandPrince853Integrator integrator = new WithoutDenseOutput(tolerance);
        integrator.setMaxEvaluations(20_000_000);
        return statesBy(integrator, system, start, times);
    }

    /** The states at {@code times} by {@code integrator}, stopping at each time in turn. */
    static double[][] statesBy(DormandPrince853Integrator integrator, FirstOrderDifferentialEquations system,
            double[] start, double[] times) {
        double[][] out = new double[times.length][];
        double[] state = start.clone();
        double now = 0;
        for (int k = 0; k < times.length; k++) {
            if (times[k] > now) {
                integrator.integrate(system, now, state, times[k], state);
                now = times[k];
            }
            out[k] = state.clone();
        }
        return out;
    }

    /**
     * Dormand-Prince 8(5,3) without the dense output nothing here reads. At every accepted step commons-math hands its
     * event handlers the state interpolated at the step's end, and the interpolator's first use costs three more
     * field evaluations (the extra stages of the order-7 dense output): a fifth of the evaluations of an integration
     * with neither events nor step handlers, as here. The steps, their states and the step-size control are
     * commons-math's own, so every state is the same to the bit; only the unused interpolation is skipped.
     */
    private static final class WithoutDenseOutput extends DormandPrince853Integrator {

        WithoutDenseOutput(double tolerance) {
            super(1e-12, Double.POSITIVE_INFINITY, tolerance, tolerance);
        }

        /** What the inherited method does when there are no event and no step handlers, less the interpolation. */
        @Override
        protected double acceptStep(AbstractStepInterpolator interpolator, double[] y, double[] yDot, double tEnd) {
            double currentTime = interpolator.getGlobalCurrentTime();
            isLastStep = isLastStep || Precision.equals(currentTime, tEnd, 1);
            return currentTime;
        }
    }

    /**
     * A componentwise estimate of the error of {@code states(system, start, times, tolerance)}: its largest
     * distance, over the times, to the run at tolerance/1000, whose own error is about 1000 times smaller.
     */
    public static double errorEstimate(FirstOrderDifferentialEquations system, double[] start, double[] times,
            double tolerance, double[][] coarse) {
        double[][] fine = states(system, start, times, tolerance / 1000);
        double largest = 0;
        for (int k = 0; k < times.length; k++) {
            for (int c = 0; c < start.length; c++) {
                largest = Math.max(largest, Math.abs(coarse[k][c] - fine[k][c]));
            }
        }
        return largest;
    }

    /** {@code n+1} equally spaced times {@code 0, T/n, ..., T}. */
    public static double[] grid(double horizon, int intervals) {
        double[] times = new double[intervals + 1];
        for (int k = 0; k <= intervals; k++) {
            times[k] = horizon * k / intervals;
        }
        return times;
    }
}
