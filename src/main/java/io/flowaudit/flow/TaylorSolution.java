package io.flowaudit.flow;

import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.RealFieldElement;
import org.apache.commons.math3.util.Decimal64;

/**
 * A solution of {@code x' = F(t, x)} on [0, T] as a chain of Taylor polynomials: dense output at any
 * t, exact to the working precision up to the truncation error each step estimates.
 */
public final class TaylorSolution<S extends RealFieldElement<S>> {

    /** One step: the polynomial {@code sum_k coefficients[i][k] (t - start)^k} on [start, start + length]. */
    record Step<S>(S start, S length, S[][] coefficients) {
    }

    private final List<Step<S>> steps;
    private final double[] stepStarts;
    private final double errorBound;
    private final int order;

    TaylorSolution(List<Step<S>> steps, double errorBound, int order) {
        this.steps = List.copyOf(steps);
        this.stepStarts = steps.stream().mapToDouble(s -> s.start().getReal()).toArray();
        this.errorBound = errorBound;
        this.order = order;
    }

    public int steps() {
        return steps.size();
    }

    public int order() {
        return order;
    }

    /**
     * Bound of the Euclidean error anywhere on [0, T]: each step's truncation and rounding, carried to the end
     * by the field's growth rate (docs/theory.md, "The reference's error").
     */
    public double errorBound() {
        return errorBound;
    }

    /** Step boundaries: the start of step {@code index}, or the end of the last for {@code steps()}. */
    public S gridTime(int index) {
        if (index < steps.size()) {
            return steps.get(index).start();
        }
        Step<S> last = steps.get(steps.size() - 1);
        return last.start().add(last.length());
    }

    Step<S> step(int index) {
        return steps.get(index);
    }

    /** The Taylor coefficients of step {@code index}, expanded at {@link #gridTime}{@code (index)}: [component][k]. */
    public S[][] stepCoefficients(int index) {
        return steps.get(index).coefficients().clone();
    }

    /** x(t) for t in [0, T], by Horner's rule on the step that contains t. */
    public S[] at(S t) {
        return at(t, 0, steps.get(0).coefficients().length);
    }

    /** Components {@code from..to-1} of x(t): those of {@link #at}, without evaluating the others. */
    public S[] at(S t, int from, int to) {
        int index = Arrays.binarySearch(stepStarts, t.getReal());
        if (index < 0) {
            index = Math.max(0, -index - 2);
        }
        Step<S> step = steps.get(Math.min(index, steps.size() - 1));
        return polynomial(Arrays.copyOfRange(step.coefficients(), from, to), t.subtract(step.start()));
    }

    /**
     * {@code sum_k coefficients[i][k] s^k} for every component i, by Horner's rule. In double ({@code Decimal64}) on
     * primitives: the same products and sums in the same order, without an object per operation (this is most of
     * the dense output of the audit's double references).
     */
    @SuppressWarnings("unchecked")
    static <S extends RealFieldElement<S>> S[] polynomial(S[][] coefficients, S s) {
        S[] out = org.apache.commons.math3.util.MathArrays.buildArray(s.getField(), coefficients.length);
        if (s instanceof Decimal64) {
            double point = s.getReal();
            for (int i = 0; i < coefficients.length; i++) {
                S[] c = coefficients[i];
                double value = c[c.length - 1].getReal();
                for (int k = c.length - 2; k >= 0; k--) {
                    value = value * point + c[k].getReal();
                }
                out[i] = (S) new Decimal64(value);
            }
            return out;
        }
        for (int i = 0; i < coefficients.length; i++) {
            S[] c = coefficients[i];
            S value = c[c.length - 1];
            for (int k = c.length - 2; k >= 0; k--) {
                value = value.multiply(s).add(c[k]);
            }
            out[i] = value;
        }
        return out;
    }
}
