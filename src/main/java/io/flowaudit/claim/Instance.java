package io.flowaudit.claim;

import io.flowaudit.field.CertifiedField;
import java.util.Arrays;

/**
 * One generated case a claim is checked on: a certified field, an initial state, a perturbation of
 * it (for the perturbation theorems), the horizon T and a depth (for claims at a single depth).
 */
public record Instance(CertifiedField field, double[] initial, double[] perturbation, double horizon, int depth) {

    /** The perturbed initial state y_0 = x_0 + delta. */
    public double[] perturbedInitial() {
        double[] y = initial.clone();
        for (int i = 0; i < y.length; i++) {
            y[i] += perturbation[i];
        }
        return y;
    }

    @Override
    public String toString() {
        return field.family() + " " + field.parameters() + ", x0 = " + Arrays.toString(initial)
                + (perturbation == null ? "" : ", delta = " + Arrays.toString(perturbation))
                + ", T = " + horizon + (depth > 0 ? ", L = " + depth : "");
    }
}
