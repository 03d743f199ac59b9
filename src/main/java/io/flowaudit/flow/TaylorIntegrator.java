package io.flowaudit.flow;

import io.flowaudit.field.FieldEvaluationException;
import io.flowaudit.field.VectorField;
import io.flowaudit.num.NumberSystem;
import io.flowaudit.num.taylor.Tape;
import io.flowaudit.num.taylor.TaylorEvaluator;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.RealFieldElement;
import org.apfloat.ApfloatRuntimeException;

/**
 * The Taylor-series method with coefficients by automatic differentiation, order and step chosen
 * from the tolerance as in Jorba and Zou (2005): order {@code N = ceil(-ln(eps)/2) + 1} and step
 * {@code h = min_{j in {N-1, N}} (eps / |x_j|)^{1/j}}, which puts the step near {@code rho/e^2} for a
 * series of radius rho and the local error near eps.
 */
public final class TaylorIntegrator {

    /**
     * A state this large means the solution blows up (a finite-time singularity, as x' = x^2 has):
     * stepping on would take ever smaller steps toward the singularity.
     */
    static final double BLOW_UP = 1e50;

    private TaylorIntegrator() {
    }

    /** Order for a tolerance of {@code 10^-digits}. */
    public static int orderFor(double digits) {
        return (int) Math.ceil(digits * Math.log(10) / 2) + 1;
    }

    /**
     * Integrates from t = 0 to {@code horizon} with local error about {@code 10^-toleranceDigits}
     * relative to max(1, |x|).
     */
    public static <S extends RealFieldElement<S>> TaylorSolution<S> integrate(VectorField field,
            NumberSystem<S> numbers, S[] initial, S horizon, double toleranceDigits) {
        return integrate(field, numbers, initial, horizon, toleranceDigits, WorkBudget.current().start());
    }

    /** As above, within {@code budget}: more steps or time than it allows is a {@link WorkBudgetExceededException}. */
    static <S extends RealFieldElement<S>> TaylorSolution<S> integrate(VectorField field,
            NumberSystem<S> numbers, S[] initial, S horizon, double toleranceDigits, WorkBudget.Clock budget) {
        int order = orderFor(toleranceDigits);
        TaylorEvaluator<S> evaluator = new TaylorEvaluator<>(Tape.record(field), numbers, order);
        double end = horizon.getReal();
        double logTolerance = -toleranceDigits * Math.log(10);
        double roundingPerStep = numbers.epsilon() * order;
        List<TaylorSolution.Step<S>> steps = new ArrayList<>();
        double localErrorSum = 0;
        S t = numbers.zero();
        S[] x = initial.clone();
        while (true) {
            S[][] coefficients;
            try {
                coefficients = evaluator.solutionCoefficients(t, x);
            } catch (ArithmeticException | ApfloatRuntimeException e) {
                throw new FieldEvaluationException(String.join(", ", field.componentNames()), t.getReal(),
                        e.getMessage());
            }
            double scale = Math.max(1, maxAbs(coefficients, 0));
            double remaining = horizon.subtract(t).getReal();
            double h = Math.min(remaining, stepSize(numbers, coefficients, order, logTolerance + Math.log(scale)));
            if (evaluator.crossesKink(h)) {
                throw new FieldEvaluationException(String.join(", ", field.componentNames()), t.getReal(),
                        "a non-smooth term (abs, ReLU) changes sign within a reference step before t = "
                                + (t.getReal() + h) + "; the Taylor reference needs a field that is smooth along"
                                + " the solution");
            }
            boolean last = h >= remaining;
            S length = last ? horizon.subtract(t) : numbers.fromDouble(h);
            steps.add(new TaylorSolution.Step<>(t, length, coefficients));
            localErrorSum += truncationEstimate(coefficients, order, h) + roundingPerStep * scale;
            t = last ? horizon : t.add(length);
            x = TaylorSolution.polynomial(coefficients, length);
            requireFinite(field, x, t.getReal());
            if (last) {
                break;
            }
            budget.check(steps.size(), t.getReal(), end);
        }
        return new TaylorSolution<>(steps, localErrorSum, order);
    }

    /** Computed in logarithms: near a singularity the last coefficients overflow a double. */
    private static <S extends RealFieldElement<S>> double stepSize(NumberSystem<S> numbers, S[][] coefficients,
            int order, double logTolerance) {
        double h = Double.POSITIVE_INFINITY;
        for (int j = order - 1; j <= order; j++) {
            double logNorm = Double.NEGATIVE_INFINITY;
            for (S[] component : coefficients) {
                logNorm = Math.max(logNorm, numbers.logAbs(component[j]));
            }
            if (logNorm > Double.NEGATIVE_INFINITY) {
                h = Math.min(h, Math.exp((logTolerance - logNorm) / j));
            }
        }
        return h;
    }

    private static <S extends RealFieldElement<S>> double truncationEstimate(S[][] coefficients, int order,
            double h) {
        return maxAbs(coefficients, order - 1) * Math.pow(h, order - 1) + maxAbs(coefficients, order) * Math.pow(h, order);
    }

    private static <S extends RealFieldElement<S>> double maxAbs(S[][] coefficients, int k) {
        double max = 0;
        for (S[] component : coefficients) {
            max = Math.max(max, Math.abs(component[k].getReal()));
        }
        return max;
    }

    private static <S extends RealFieldElement<S>> void requireFinite(VectorField field, S[] x, double t) {
        for (int i = 0; i < x.length; i++) {
            double value = x[i].getReal();
            if (!(Math.abs(value) < BLOW_UP)) {
                throw new FieldEvaluationException(field.componentNames().get(i), t,
                        "the reference solution reaches " + value + " (it blows up or leaves the field's domain)");
            }
        }
    }
}
