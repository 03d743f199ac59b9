package io.flowaudit.field.transformer;

import io.flowaudit.field.Certificate;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;

/**
 * Outward-rounded matrix norms and constants, so that every certified bound of this package is a true
 * upper bound in spite of floating point.
 *
 * <p>Spectral norms come from commons-math3's SVD (Householder bidiagonalisation and QR sweeps). Its
 * computed singular values are exact for a matrix within {@code c·k·eps·||A||} of A (backward
 * stability, k the larger dimension), so for every matrix this harness handles (k below 10^4) they are
 * off by less than {@code 1e-11} relative; {@link #SVD_MARGIN} multiplies by {@code 1 + 1e-8}, three
 * orders of magnitude more. Logarithmic norms get the same margin of the symmetric part's norm.
 *
 * <p>Each certified constant is then a sum of products of a few dozen positive doubles, so its
 * computed value is within a few hundred ulps of the exact value of the same formula; {@link #outward}
 * adds {@code 2^-40} relative (about 9000 ulps) and then {@link Certificate#roundUp}, which also turns
 * a computed 0 (possibly an underflow) into the smallest normal number.
 */
final class Bounds {

    static final double SVD_MARGIN = 1e-8;

    private Bounds() {
    }

    /** An upper bound of the largest singular value of {@code a}; exactly 0 for a zero matrix. */
    static double spectralNorm(double[][] a) {
        if (isZero(a)) {
            return 0;
        }
        double computed = new SingularValueDecomposition(MatrixUtils.createRealMatrix(a)).getNorm();
        return Certificate.roundUp(computed * (1 + SVD_MARGIN));
    }

    /**
     * An upper bound of the logarithmic 2-norm {@code mu_2(A) = lambda_max((A + A^T)/2)} of a square
     * matrix: the one-sided Lipschitz constant of {@code x -> A x}.
     */
    static double logarithmicNorm(double[][] a) {
        if (isZero(a)) {
            return 0;
        }
        RealMatrix matrix = MatrixUtils.createRealMatrix(a);
        RealMatrix symmetric = matrix.add(matrix.transpose()).scalarMultiply(0.5);
        double largest = Double.NEGATIVE_INFINITY;
        for (double eigenvalue : new EigenDecomposition(symmetric).getRealEigenvalues()) {
            largest = Math.max(largest, eigenvalue);
        }
        return Certificate.roundUp(largest + SVD_MARGIN * symmetric.getFrobeniusNorm());
    }

    /** A computed constant rounded outward (see the class comment). */
    static double outward(double value) {
        return Certificate.roundUp(value + Math.abs(value) * 0x1p-40);
    }

    private static boolean isZero(double[][] a) {
        for (double[] row : a) {
            for (double entry : row) {
                if (entry != 0) {
                    return false;
                }
            }
        }
        return true;
    }
}
