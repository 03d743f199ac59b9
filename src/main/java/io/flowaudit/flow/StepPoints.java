package io.flowaudit.flow;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.RealFieldElement;
import org.apache.commons.math3.util.MathArrays;

/**
 * One step's polynomial read at points: its value and slope, each evaluated once per point. The defect control reads
 * the step's end and middle, the error bound then reads them again and the next step's branch check reads the slope at
 * the end; in the working precision Horner's rule was a third of a 30-digit solve, two fifths of it these repeats. A
 * point is the same when its value is equal, whichever object carries it, and every number is what evaluating there
 * again would give. The arrays returned are shared: never to be written.
 */
final class StepPoints<S extends RealFieldElement<S>> {

    private final S[][] coefficients;
    /** The slope's coefficients k c_k, [component][k - 1]: made once, at the first slope read. */
    private S[][] derivative;
    private final List<S> statePoints = new ArrayList<>(4);
    private final List<S[]> states = new ArrayList<>(4);
    private final List<S> slopePoints = new ArrayList<>(4);
    private final List<S[]> slopes = new ArrayList<>(4);

    StepPoints(S[][] coefficients) {
        this.coefficients = coefficients;
    }

    /** The coefficients [component][k], expanded at the step's start. */
    S[][] coefficients() {
        return coefficients;
    }

    /** {@code sum_k c_k s^k} for every component, by Horner's rule. */
    S[] state(S s) {
        return read(coefficients, statePoints, states, s);
    }

    /** {@code sum_k k c_k s^(k-1)} for every component, by Horner's rule. */
    S[] slope(S s) {
        if (derivative == null) {
            derivative = MathArrays.buildArray(s.getField(), coefficients.length, coefficients[0].length - 1);
            for (int i = 0; i < coefficients.length; i++) {
                for (int k = 1; k < coefficients[i].length; k++) {
                    derivative[i][k - 1] = coefficients[i][k].multiply(k);
                }
            }
        }
        return read(derivative, slopePoints, slopes, s);
    }

    private static <S extends RealFieldElement<S>> S[] read(S[][] polynomial, List<S> points, List<S[]> values,
            S s) {
        int known = points.indexOf(s);
        if (known >= 0) {
            return values.get(known);
        }
        S[] value = TaylorSolution.polynomial(polynomial, s);
        points.add(s);
        values.add(value);
        return value;
    }
}
