package io.flowaudit.flow;

import io.flowaudit.field.VectorField;
import org.apache.commons.math3.exception.MathIllegalStateException;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;

/**
 * The logarithmic norm of the field's Jacobian {@code J = dF/dx} in the Euclidean norm, the largest
 * eigenvalue of its symmetric part {@code (J + J^T)/2}: two solutions of {@code x' = F(t, x)} separate at most
 * like {@code exp(int mu dt)} (Dahlquist 1958; Söderlind 2006). The reference's error bound uses it to carry
 * each step's local error to the end. Euclidean, not the max norm, because there a rotation's log norm is 0,
 * as its growth is: in the max norm a conservative field such as the rigid body's would count as growing.
 * J comes from forward differences of the field in double, which hold about eight digits: plenty for a
 * growth rate that only enters an exponent.
 */
final class LogarithmicNorm {

    /** sqrt of double's epsilon: the forward-difference step that balances truncation and rounding. */
    private static final double RELATIVE_STEP = 1.5e-8;

    /**
     * Above this dimension the eigenvalue (O(D^3)) would cost more than a Taylor step in double; Gershgorin's
     * bound of it (O(D^2)) takes its place.
     */
    static final int EIGENVALUE_DIMENSION = 64;

    private LogarithmicNorm() {
    }

    /** mu(J(t, x)); +infinity where the field is not finite in double. */
    static double at(VectorField field, double t, double[] x) {
        return of(jacobian(field, t, x));
    }

    /** J(t, x) by forward differences in double; entries may be infinite or NaN where the field is not finite. */
    static double[][] jacobian(VectorField field, double t, double[] x) {
        int dimension = x.length;
        double[] value = new double[dimension];
        double[] shiftedValue = new double[dimension];
        field.evaluate(t, x, value);
        double[][] jacobian = new double[dimension][dimension];
        for (int j = 0; j < dimension; j++) {
            double[] shifted = x.clone();
            double step = RELATIVE_STEP * Math.max(1, Math.abs(x[j]));
            shifted[j] = x[j] + step;
            field.evaluate(t, shifted, shiftedValue);
            for (int i = 0; i < dimension; i++) {
                jacobian[i][j] = (shiftedValue[i] - value[i]) / step;
            }
        }
        return jacobian;
    }

    /** mu(J): the largest eigenvalue of (J + J^T)/2; +infinity where J is not finite. */
    static double of(double[][] jacobian) {
        int dimension = jacobian.length;
        double[][] symmetric = new double[dimension][dimension];
        for (int i = 0; i < dimension; i++) {
            for (int j = 0; j < dimension; j++) {
                symmetric[i][j] = (jacobian[i][j] + jacobian[j][i]) / 2;
                if (!Double.isFinite(symmetric[i][j])) {
                    return Double.POSITIVE_INFINITY;
                }
            }
        }
        if (dimension <= EIGENVALUE_DIMENSION) {
            try {
                double max = Double.NEGATIVE_INFINITY;
                for (double eigenvalue : new EigenDecomposition(MatrixUtils.createRealMatrix(symmetric))
                        .getRealEigenvalues()) {
                    max = Math.max(max, eigenvalue);
                }
                return max;
            } catch (MathIllegalStateException e) {
                // the QR iteration did not converge: Gershgorin's bound below still holds
            }
        }
        return gershgorin(symmetric);
    }

    /** max_i (S_ii + sum_{j != i} |S_ij|): every eigenvalue of S lies below it. */
    private static double gershgorin(double[][] symmetric) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < symmetric.length; i++) {
            double sum = symmetric[i][i];
            for (int j = 0; j < symmetric.length; j++) {
                sum += j == i ? 0 : Math.abs(symmetric[i][j]);
            }
            max = Math.max(max, sum);
        }
        return max;
    }
}
