package io.flowaudit.flow;

import io.flowaudit.field.FieldEvaluationException;
import io.flowaudit.field.VectorField;
import io.flowaudit.num.NumberSystem;
import java.util.Optional;
import org.apache.commons.math3.RealFieldElement;

/**
 * Ground truth: the exact flow x(t) on [0, T] with dense output and an error bound.
 *
 * <p>One Taylor run at the full tolerance of the number system ({@code 10^-digits}). Its error bound
 * carries each step's truncation (the series' last terms) and rounding to the end by the field's growth
 * rate along the solution; docs/theory.md, "The reference's error", says why it bounds the error and what
 * it assumes.
 */
public final class ReferenceFlow<S extends RealFieldElement<S>> {

    private final VectorField field;
    private final NumberSystem<S> numbers;
    private final TaylorSolution<S> solution;
    private final S horizon;

    private ReferenceFlow(VectorField field, NumberSystem<S> numbers, TaylorSolution<S> solution, S horizon) {
        this.field = field;
        this.numbers = numbers;
        this.solution = solution;
        this.horizon = horizon;
    }

    public static <S extends RealFieldElement<S>> ReferenceFlow<S> compute(VectorField field,
            NumberSystem<S> numbers, S[] initial, S horizon) {
        // the horizon's sign, not its double: a horizon of 1e-400 is positive but rounds to 0
        if (!(horizon.signum().getReal() > 0) || !Double.isFinite(horizon.getReal())) {
            throw new IllegalArgumentException("horizon must be positive and finite, got " + horizon);
        }
        return new ReferenceFlow<>(field, numbers,
                TaylorIntegrator.integrate(field, numbers, initial, horizon, numbers.digits()), horizon);
    }

    /**
     * A solve from {@code initial} over [0, end], or, where it was refused, the solution as far as it is followed
     * ({@code refusal} then says why): for a check that asks only whether the solution left a region before the
     * refusal. Throws the refusal when not even that part can be solved.
     */
    public record Followed<S extends RealFieldElement<S>>(ReferenceFlow<S> flow, RuntimeException refusal) {
    }

    /** {@link Followed}: the whole solve, or the part of it before its refusal. */
    public static <S extends RealFieldElement<S>> Followed<S> followed(VectorField field, NumberSystem<S> numbers,
            S[] initial, S end) {
        try {
            return new Followed<>(compute(field, numbers, initial, end), null);
        } catch (ReferenceRefusedException | FieldEvaluationException refusal) {
            return new Followed<>(untilRefused(field, numbers, initial, refusal).orElseThrow(() -> refusal), refusal);
        }
    }

    /**
     * The reference on [0, t] where a solve was refused at t (the step collapsed at a blow-up or a singularity, a
     * branch point, a value no longer finite): the solution as far as it is followed, for a check that asks only
     * whether it left a region, which x' = x^2 from 1 does (|x| <= 5 until t = 0.8) long before it blows up at t = 1.
     * The solve to t itself can be refused again, by its last step shrinking below the shortest step where
     * rounding ends it just short of t; so a time a little earlier is tried next. Empty when the refusal names no time
     * after 0, or those solves fail too.
     */
    private static <S extends RealFieldElement<S>> Optional<ReferenceFlow<S>> untilRefused(VectorField field,
            NumberSystem<S> numbers, S[] initial, RuntimeException refusal) {
        double time = refusal instanceof ReferenceRefusedException refused ? refused.time()
                : refusal instanceof FieldEvaluationException failed ? failed.time() : Double.NaN;
        if (!(time > 0) || !Double.isFinite(time)) {
            return Optional.empty();
        }
        for (double earlier : new double[] {0, 1e-9, 1e-6}) {
            try {
                return Optional.of(compute(field, numbers, initial, numbers.fromDouble(time * (1 - earlier))));
            } catch (ReferenceRefusedException | FieldEvaluationException | WorkBudgetExceededException e) {
                // try a little earlier
            }
        }
        return Optional.empty();
    }

    /** The end of the interval this flow covers: T, or the time a refused solve was followed to. */
    public S horizon() {
        return horizon;
    }

    /** x(t) for t in [0, T]. */
    public S[] at(S t) {
        return solution.at(t);
    }

    /** Components {@code from..to-1} of x(t), without evaluating the others. */
    public S[] at(S t, int from, int to) {
        return solution.at(t, from, to);
    }

    /** x(T). */
    public S[] atHorizon() {
        return solution.at(horizon);
    }

    /** Bound of the Euclidean (so also the max-norm) error of {@link #at} anywhere on [0, T]. */
    public double errorEstimate() {
        return solution.errorBound();
    }

    /**
     * Estimate of the Euclidean error of {@link #atHorizon} alone: the smaller of {@link #errorEstimate} and the
     * local errors carried to T by the flow's transition matrices (docs/theory.md, "The reference's error at its
     * end"), which is far smaller where the flow preserves distances only on average. Costs some Jacobians in
     * double per step, computed at each call.
     */
    public double errorEstimateAtHorizon() {
        return Math.min(errorEstimate(), TransitionErrorEstimate.atEnd(field, numbers, solution));
    }

    public TaylorSolution<S> solution() {
        return solution;
    }
}
