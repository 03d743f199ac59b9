package io.flowaudit.flow;

import io.flowaudit.field.VectorField;
import io.flowaudit.num.NumberSystem;
import org.apache.commons.math3.RealFieldElement;

/**
 * Ground truth: the exact flow x(t) on [0, T] with dense output and an a-posteriori error estimate.
 *
 * <p>The flow is computed twice by the Taylor method: once at the full tolerance of the number
 * system ({@code 10^-digits}) and once at a looser tolerance. Their largest difference at every step
 * point of either run estimates the error of the looser run, and so bounds that of the tighter one,
 * which is the solution returned; amplification along the trajectory and rounding are included, since
 * both runs suffer them. The tighter run's own truncation sum is added on top.
 */
public final class ReferenceFlow<S extends RealFieldElement<S>> {

    private final TaylorSolution<S> solution;
    private final double errorEstimate;
    private final S horizon;

    private ReferenceFlow(TaylorSolution<S> solution, double errorEstimate, S horizon) {
        this.solution = solution;
        this.errorEstimate = errorEstimate;
        this.horizon = horizon;
    }

    /**
     * @param checkDigits the looser run's tolerance is {@code 10^-checkDigits}; the estimate is about
     *                    that size, so choose it below the working digits by the margin you can afford
     */
    public static <S extends RealFieldElement<S>> ReferenceFlow<S> compute(VectorField field,
            NumberSystem<S> numbers, S[] initial, S horizon, double checkDigits) {
        // the horizon's sign, not its double: a horizon of 1e-400 is positive but rounds to 0
        if (!(horizon.signum().getReal() > 0) || !Double.isFinite(horizon.getReal())) {
            throw new IllegalArgumentException("horizon must be positive and finite, got " + horizon);
        }
        // one clock for both runs: the budget bounds the whole computation
        WorkBudget.Clock budget = WorkBudget.current().start();
        TaylorSolution<S> tight = TaylorIntegrator.integrate(field, numbers, initial, horizon, numbers.digits(), budget);
        TaylorSolution<S> loose = TaylorIntegrator.integrate(field, numbers, initial, horizon,
                Math.min(checkDigits, numbers.digits()), budget);
        double difference = Math.max(maxDifference(tight, loose), maxDifference(loose, tight));
        return new ReferenceFlow<>(tight, difference + tight.localErrorSum(), horizon);
    }

    /** The default check: a quarter of the working digits looser (10 digits of margin at 40). */
    public static <S extends RealFieldElement<S>> ReferenceFlow<S> compute(VectorField field,
            NumberSystem<S> numbers, S[] initial, S horizon) {
        return compute(field, numbers, initial, horizon, numbers.digits() * 0.75);
    }

    private static <S extends RealFieldElement<S>> double maxDifference(TaylorSolution<S> grid,
            TaylorSolution<S> other) {
        double max = 0;
        for (int index = 0; index <= grid.steps(); index++) {
            S t = grid.gridTime(index);
            S[] a = grid.at(t);
            S[] b = other.at(t);
            for (int i = 0; i < a.length; i++) {
                max = Math.max(max, Math.abs(a[i].subtract(b[i]).getReal()));
            }
        }
        return max;
    }

    /** x(t) for t in [0, T]. */
    public S[] at(S t) {
        return solution.at(t);
    }

    /** x(T). */
    public S[] atHorizon() {
        return solution.at(horizon);
    }

    /** Estimated max-norm error of {@link #at} anywhere on [0, T]. */
    public double errorEstimate() {
        return errorEstimate;
    }

    public TaylorSolution<S> solution() {
        return solution;
    }
}
