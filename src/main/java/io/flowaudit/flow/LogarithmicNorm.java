package io.flowaudit.flow;

import io.flowaudit.field.VectorField;

/**
 * The logarithmic norm {@code mu(J) = max_i (J_ii + sum_{j != i} |J_ij|)} of the field's Jacobian
 * {@code J = dF/dx} in the max norm: two solutions of {@code x' = F(t, x)} separate at most like
 * {@code exp(int mu dt)} (Dahlquist 1958; Söderlind 2006). The reference's error bound uses it to carry
 * each step's local error to the end. J comes from forward differences of the field in double, which
 * hold about eight digits: plenty for a growth rate that only enters an exponent.
 */
final class LogarithmicNorm {

    /** sqrt of double's epsilon: the forward-difference step that balances truncation and rounding. */
    private static final double RELATIVE_STEP = 1.5e-8;

    private LogarithmicNorm() {
    }

    /** mu(J(t, x)) in the max norm; +infinity where the field is not finite in double. */
    static double at(VectorField field, double t, double[] x) {
        int dimension = x.length;
        double[] value = new double[dimension];
        double[] shiftedValue = new double[dimension];
        field.evaluate(t, x, value);
        double[] rowSums = new double[dimension];
        for (int j = 0; j < dimension; j++) {
            double[] shifted = x.clone();
            double step = RELATIVE_STEP * Math.max(1, Math.abs(x[j]));
            shifted[j] = x[j] + step;
            field.evaluate(t, shifted, shiftedValue);
            for (int i = 0; i < dimension; i++) {
                double entry = (shiftedValue[i] - value[i]) / step;
                rowSums[i] += i == j ? entry : Math.abs(entry);
            }
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double sum : rowSums) {
            max = Math.max(max, sum);
        }
        return Double.isFinite(max) ? max : Double.POSITIVE_INFINITY;
    }
}
