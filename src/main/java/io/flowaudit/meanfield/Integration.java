package io.flowaudit.meanfield;

import org.apache.commons.math3.ode.FirstOrderDifferentialEquations;
import org.apache.commons.math3.ode.nonstiff.DormandPrince853Integrator;
import org.apache.commons.math3.ode.sampling.AbstractStepInterpolator;
import org.apache.commons.math3.ode.sampling.StepHandler;
import org.apache.commons.math3.ode.sampling.StepInterpolator;
import org.apache.commons.math3.util.Precision;

/**
 * Adaptive integration of a particle system or moment ODE with commons-math3's Dormand-Prince 8(5,3),
 * stopping exactly at every requested time ({@link #states}) or, in one run, reading them from its dense output
 * ({@link #sampledStates}). The tolerance is both the absolute and the relative local error target; how far the
 * result is from the true flow is measured, where a check needs it, by {@link #errorEstimate} or
 * {@link #sampledErrorEstimate} (a second run of the same kind at a tolerance 1000 times smaller).
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
        return largestDifference(coarse, states(system, start, times, tolerance / 1000));
    }

    /**
     * The states at {@code times} (increasing, the first one >= 0) of one run from {@code start} at t = 0 to the last
     * time, each read from the dense output (order 7) of the step that holds it. Stopping at every time instead
     * restarts the solver there (a fresh initial step, then small steps growing back): with times closer than the
     * steps the solution allows, that costs several times the evaluations (docs/theory.md, "Clustering in a
     * hemisphere"). The error includes the interpolation's; {@link #sampledErrorEstimate} measures both.
     */
    public static double[][] sampledStates(FirstOrderDifferentialEquations system, double[] start, double[] times,
            double tolerance) {
        DormandPrince853Integrator integrator = new DormandPrince853Integrator(1e-12, Double.POSITIVE_INFINITY,
                tolerance, tolerance);
        integrator.setMaxEvaluations(20_000_000);
        double[][] out = new double[times.length][];
        int[] next = {0};
        while (next[0] < times.length && times[next[0]] == 0) {
            out[next[0]++] = start.clone();
        }
        integrator.addStepHandler(new StepHandler() {
            @Override
            public void init(double t0, double[] y0, double t) {
            }

            @Override
            public void handleStep(StepInterpolator step, boolean isLast) {
                // the last step ends at the last time, up to the one ulp commons-math allows: it holds the rest
                while (next[0] < times.length && (isLast || times[next[0]] <= step.getCurrentTime())) {
                    step.setInterpolatedTime(times[next[0]]);
                    out[next[0]++] = step.getInterpolatedState().clone();
                }
            }
        });
        if (next[0] < times.length) {
            integrator.integrate(system, 0, start.clone(), times[times.length - 1], new double[start.length]);
        }
        return out;
    }

    /**
     * A componentwise estimate of the error of {@code sampledStates(system, start, times, tolerance)}: its largest
     * distance, over the times, to the sampled run at tolerance/1000, whose steps are about 1000^(1/8) = 2.4 times
     * shorter, so both its step errors and its interpolation errors (of order h^8) are about 1000 times smaller.
     */
    public static double sampledErrorEstimate(FirstOrderDifferentialEquations system, double[] start, double[] times,
            double tolerance, double[][] coarse) {
        return largestDifference(coarse, sampledStates(system, start, times, tolerance / 1000));
    }

    private static double largestDifference(double[][] coarse, double[][] fine) {
        double largest = 0;
        for (int k = 0; k < coarse.length; k++) {
            for (int c = 0; c < coarse[k].length; c++) {
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
