package io.flowaudit.flow;

import io.flowaudit.field.FieldEvaluationException;
import io.flowaudit.field.VectorField;
import io.flowaudit.num.NumberSystem;
import io.flowaudit.num.taylor.Tape;
import io.flowaudit.num.taylor.TaylorEvaluator;
import java.util.ArrayList;
import java.util.Arrays;
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

    /**
     * A step this much shorter than the horizon means the series' radius of convergence collapses: the
     * solution runs into a singularity (a square root or log of something reaching 0, a blow-up). A first step
     * this short but of a sensible length (at least 10^-6) means instead a horizon far beyond the solution's time
     * scale, such as {@code solve --t 1e299}, and is refused as such.
     */
    static final double MIN_STEP_FRACTION = 1e-12;

    private TaylorIntegrator() {
    }

    /** Order for a tolerance of {@code 10^-digits}. */
    public static int orderFor(double digits) {
        return (int) Math.ceil(digits * StrictMath.log(10) / 2) + 1;
    }

    /**
     * Integrates from t = 0 to {@code horizon} with local error about {@code 10^-toleranceDigits}
     * relative to max(1, |x|), within {@link WorkBudget#current()}: more steps or time than it allows is a
     * {@link WorkBudgetExceededException}.
     */
    public static <S extends RealFieldElement<S>> TaylorSolution<S> integrate(VectorField field,
            NumberSystem<S> numbers, S[] initial, S horizon, double toleranceDigits) {
        WorkBudget.Clock budget = WorkBudget.current().start();
        int order = orderFor(toleranceDigits);
        TaylorEvaluator<S> evaluator = new TaylorEvaluator<>(Tape.record(field.dimension(), field::evaluate), numbers, order);
        double end = horizon.getReal();
        double logTolerance = -toleranceDigits * StrictMath.log(10);
        List<TaylorSolution.Step<S>> steps = new ArrayList<>();
        double errorAtStart = 0;
        double errorBound = 0;
        double tolerance = StrictMath.pow(10, -toleranceDigits);
        String components = String.join(", ", field.componentNames());
        S t = numbers.zero();
        S[] x = initial.clone();
        double growthAtStart = LogarithmicNorm.at(field, 0, doubles(x));
        TaylorSolution.Step<S> previous = null;
        StepPoints<S> previousPoints = null;
        while (true) {
            S[][] coefficients;
            try {
                coefficients = evaluator.solutionCoefficients(t, x);
            } catch (ArithmeticException | ApfloatRuntimeException e) {
                // a derivative that does not exist (x^(1/3) at 0) divides by zero here, before any value is wrong
                throw new FieldEvaluationException(components, t.getReal(), e.getMessage()
                        + " in the field's Taylor series at " + Arrays.toString(doubles(x)));
            }
            double scale = Math.max(1, maxAbs(coefficients, 0));
            double stepRule = stepSize(numbers, coefficients, order, logTolerance + StrictMath.log(scale));
            if (Double.isNaN(stepRule)) {
                // in double a derivative that does not exist (sqrt, a fractional power or log at 0) is infinite and the
                // next coefficients NaN (inf * 0, inf - inf), which the step rule reads; apfloat throws above. An
                // infinite coefficient (a series overflowing near a blow-up) collapses the step below instead
                throw new ReferenceRefusedException(components, t.getReal(), "the field's Taylor series at "
                        + Arrays.toString(doubles(x)) + " is not a number: the field has no derivative there, as a"
                        + " square root, fractional power or log at 0 has none");
            }
            if (previous != null) {
                requireSameBranch(field, components, previous, previousPoints, coefficients, order, tolerance);
            }
            StepPoints<S> points = new StepPoints<>(coefficients);
            double remaining = horizon.subtract(t).getReal();
            double shortest = MIN_STEP_FRACTION * end;
            double ruled = Math.min(remaining, stepRule);
            double h = StepDefect.within(field, numbers, t, points, order, ruled, shortest);
            if (h < shortest) {
                throw new ReferenceRefusedException(components, t.getReal(), steps.isEmpty() && h >= 1e-6
                        ? "the horizon " + end + " is more than " + (long) (1 / MIN_STEP_FRACTION) + " of the first"
                                + " step's length " + h + ", the solution's own time scale; expected a shorter horizon"
                        : ruled >= shortest
                        ? "the field is not analytic there: its Taylor series does not follow it over a step of " + h
                                + " or longer (a kink, such as abs or the square root of a square passing through 0,"
                                + " a jump, or a feature narrower than that); the Taylor reference needs a field that"
                                + " is smooth along the solution"
                        : "the step collapses to " + h + " (the series' radius of convergence shrinks to 0): the"
                                + " solution runs into a singularity there, such as a square root, fractional power or"
                                + " log of something reaching 0, or a blow-up");
            }
            if (evaluator.crossesKink(h)) {
                throw new FieldEvaluationException(components, t.getReal(),
                        "a non-smooth term (abs, ReLU) changes sign within a reference step before t = "
                                + (t.getReal() + h) + "; the Taylor reference needs a field that is smooth along"
                                + " the solution");
            }
            boolean last = h >= remaining;
            S length = last ? horizon.subtract(t) : numbers.fromDouble(h);
            previous = new TaylorSolution.Step<>(t, length, coefficients);
            previousPoints = points;
            steps.add(previous);
            double stepStart = t.getReal();
            t = last ? horizon : t.add(length);
            x = points.state(length);
            requireFinite(field, x, t.getReal());
            // the error bound of the section "The reference's error" in docs/theory.md
            double growthInMiddle = LogarithmicNorm.at(field, stepStart + h / 2,
                    doubles(points.state(length.divide(2))));
            double growthAtEnd = LogarithmicNorm.at(field, t.getReal(), doubles(x));
            double growth = Math.max(growthAtStart, Math.max(growthInMiddle, growthAtEnd)) * length.getReal();
            double local = localError(numbers, coefficients, order, h);
            // inside the step the error is at most the larger of its values at the ends, plus the local error
            errorBound = Math.max(errorBound, amplified(errorAtStart, Math.max(0, growth)) + local);
            errorAtStart = amplified(errorAtStart, growth) + local;
            growthAtStart = growthAtEnd;
            if (last) {
                break;
            }
            budget.check(steps.size(), t.getReal(), end);
        }
        return new TaylorSolution<>(steps, errorBound, order);
    }

    /**
     * The slope of the last step's polynomial at its end must be the field at that point, which the new
     * step's first coefficient is. For an analytic field they agree to the truncation of the derivative
     * series, about {@code order * tolerance * scale / h}. A field that is analytic along the step's
     * series but switches branch at a point inside the step — sqrt(cos(t)^2) is |cos t|, whose series
     * continues as cos t past the zero — leaves a slope gap of the size of the branch difference. A gap
     * above sqrt(tolerance) is refused: a smaller one means the step ended within about that gap of the
     * branch point, where the two branches differ by its square, below the tolerance. The refusal names
     * the branch point, found by bisecting the step for where the slope gap opens.
     */
    private static <S extends RealFieldElement<S>> void requireSameBranch(VectorField field, String components,
            TaylorSolution.Step<S> step, StepPoints<S> points, S[][] next, int order, double tolerance) {
        double h = step.length().getReal();
        double allowed = Math.sqrt(tolerance) * Math.max(1, maxAbs(next, 1))
                + 10 * order * tolerance * Math.max(1, maxAbs(step.coefficients(), 0)) / h;
        S[] slopeAtEnd = points.slope(step.length());
        double gap = 0;
        for (int i = 0; i < next.length; i++) {
            gap = Math.max(gap, Math.abs(slopeAtEnd[i].subtract(next[i][1]).getReal()));
        }
        if (gap <= allowed) {
            return;
        }
        S before = step.length().getField().getZero();
        S after = step.length();
        for (int i = 0; i < 50; i++) {
            S middle = before.add(after).divide(2);
            if (slopeGap(field, step.start(), points, middle) > allowed) {
                after = middle;
            } else {
                before = middle;
            }
        }
        double branchPoint = step.start().add(after).getReal();
        throw new ReferenceRefusedException(components, branchPoint, "the field is not analytic there: the"
                + " solution's slope jumps by " + gap + " across it (a square root, fractional power or abs of"
                + " something passing through 0, or another branch point); the Taylor reference needs a field that"
                + " is smooth along the solution");
    }

    /** max_i |p_i'(s) - F_i(t + s, p(s))| at a point s inside a step. */
    private static <S extends RealFieldElement<S>> double slopeGap(VectorField field, S start, StepPoints<S> points,
            S s) {
        S[] f = field.evaluate(start.add(s), points.state(s));
        S[] slope = points.slope(s);
        double gap = 0;
        for (int i = 0; i < f.length; i++) {
            gap = Math.max(gap, Math.abs(slope[i].subtract(f[i]).getReal()));
        }
        return gap;
    }

    /**
     * Computed in logarithms: near a singularity the last coefficients overflow a double. Vanishing coefficients set no
     * limit; a NaN one makes the step NaN. The step is also kept below |c_(N-1)| / |c_N|, where the series' last terms
     * stop growing: the rule reads the tolerance absolutely (against a scale of at least 1), so coefficients far below
     * it, as a pulse's tail has (e^-1000 at 33 widths from its centre, growing 200-fold per term over a step of 0.38),
     * would allow a step over which the series is no estimate at all. Where the terms are of the tolerance's scale the
     * rule's step is about e^-2 of this ratio, and the limit does not bite.
     */
    private static <S extends RealFieldElement<S>> double stepSize(NumberSystem<S> numbers, S[][] coefficients,
            int order, double logTolerance) {
        double h = Double.POSITIVE_INFINITY;
        double[] logNorms = new double[2];
        for (int j = order - 1; j <= order; j++) {
            double logNorm = Double.NEGATIVE_INFINITY;
            for (S[] component : coefficients) {
                logNorm = Math.max(logNorm, numbers.logAbs(component[j]));
            }
            if (logNorm != Double.NEGATIVE_INFINITY) {
                h = Math.min(h, StrictMath.exp((logTolerance - logNorm) / j));
            }
            logNorms[j - order + 1] = logNorm;
        }
        if (logNorms[0] != Double.NEGATIVE_INFINITY && logNorms[1] != Double.NEGATIVE_INFINITY) {
            h = Math.min(h, StrictMath.exp(logNorms[0] - logNorms[1]));
        }
        return h;
    }

    /** {@code error * exp(exponent)}; an error of 0 stays 0 even where the growth is unbounded. */
    private static double amplified(double error, double exponent) {
        return error == 0 ? 0 : error * StrictMath.exp(exponent);
    }

    /**
     * The Euclidean norm of one step's local error, truncation plus rounding, component by component. The
     * truncation is the tail of the series, from its last two terms: the step rule makes the terms shrink by
     * about e^-2 each, so the tail past term N is below |c_N| h^N, and |c_(N-1)| h^(N-1) covers a series whose
     * odd or even terms vanish. The rounding: Horner's rule on the step polynomial errs by at most
     * {@code 2N u sum_k |c_k| h^k} (Higham, Accuracy and Stability, 5.1), and each coefficient c_k carries the
     * rounding of the recurrence that made it, a relative {@code k u} or so; {@code (2N + 1) u sum_k |c_k| h^k}
     * covers both with a unit to spare. In logarithms: near a singularity a coefficient overflows a double.
     */
    static <S extends RealFieldElement<S>> double localError(NumberSystem<S> numbers, S[][] coefficients,
            int order, double h) {
        double logLocal = logLocalError(numbers, coefficients, order, h);
        // below the doubles (a pulse's far tail) it rounds up to the least of them: an error bound of 0 says exact
        return logLocal == Double.NEGATIVE_INFINITY ? 0 : Math.max(Double.MIN_VALUE, StrictMath.exp(logLocal));
    }

    /** ln of {@link #localError}, finite where the coefficients lie below the doubles (a pulse's far tail). */
    static <S extends RealFieldElement<S>> double logLocalError(NumberSystem<S> numbers, S[][] coefficients,
            int order, double h) {
        double logH = StrictMath.log(h);
        double logNorm = Double.NEGATIVE_INFINITY;
        for (S[] component : coefficients) {
            double logTruncation = Double.NEGATIVE_INFINITY;
            double logTerms = Double.NEGATIVE_INFINITY;
            for (int k = 0; k <= order; k++) {
                double logTerm = numbers.logAbs(component[k]) + k * logH;
                logTerms = StepDefect.logSum(logTerms, logTerm);
                if (k >= order - 1) {
                    logTruncation = StepDefect.logSum(logTruncation, logTerm);
                }
            }
            double logRounding = StrictMath.log((2 * order + 1) * numbers.unitRoundoff()) + logTerms;
            logNorm = StepDefect.logHypot(logNorm, StepDefect.logSum(logTruncation, logRounding));
        }
        return logNorm;
    }

    private static <S extends RealFieldElement<S>> double[] doubles(S[] x) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i].getReal();
        }
        return out;
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
            if (Double.isNaN(value)) {
                throw new FieldEvaluationException(field.componentNames().get(i), t,
                        "the reference solution is not a number (it leaves the field's domain)");
            }
            if (!(Math.abs(value) < BLOW_UP)) {
                throw FieldEvaluationException.beyond(field.componentNames().get(i), t, value, BLOW_UP);
            }
        }
    }
}
