package io.flowaudit.field;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.SingularValueDecomposition;

/**
 * Certified upper bounds of matrix norms, shared by every field family.
 *
 * <p>commons-math3's SVD and symmetric eigensolver are backward stable (Householder reduction followed
 * by implicit QR/QL): the computed values are exact for {@code A + E} with {@code ||E|| <= p(n) eps ||A||},
 * p a modest low-degree polynomial, so by Weyl's inequality they are off by at most
 * {@code p(n) eps ||A||}. We take {@code p(n) = 32 n^2}, far above these algorithms' growth factors in
 * practice; it also covers forming the matrix in double. For n = 64 the margin is 3e-11 relative. The
 * bounds are rigorous given that assumption, not by construction, and every family's tests check them
 * against sampled difference quotients as well.
 */
public final class MatrixBounds {

    private MatrixBounds() {
    }

    /** Relative margin for a singular value or symmetric eigenvalue of an n-dimensional matrix. */
    public static double decompositionMargin(int n) {
        return 32.0 * n * n * Math.ulp(1.0);
    }

    /** An upper bound of the spectral norm {@code ||A||_2}; exactly 0 for a zero matrix. */
    public static double spectralNorm(double[][] a) {
        if (isZero(a)) {
            return 0;
        }
        int n = Math.max(a.length, a[0].length);
        double sigma = new SingularValueDecomposition(new Array2DRowRealMatrix(a, false)).getNorm();
        return Outward.up(sigma * (1 + decompositionMargin(n)));
    }

    /**
     * An upper bound of the logarithmic norm {@code mu_2(A) = lambda_max((A + A^T)/2)} of a square A
     * whose spectral norm is at most {@code norm}: the symmetric part has norm at most {@code ||A||}, so
     * the eigenvalue error is at most {@code decompositionMargin(n) * norm}. Exactly 0 for a zero matrix.
     */
    public static double logarithmicNorm(double[][] a, double norm) {
        if (isZero(a)) {
            return 0;
        }
        int n = a.length;
        double[][] symmetric = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                symmetric[i][j] = (a[i][j] + a[j][i]) / 2;
            }
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double lambda : new EigenDecomposition(new Array2DRowRealMatrix(symmetric, false)).getRealEigenvalues()) {
            max = Math.max(max, lambda);
        }
        return Outward.up(max + decompositionMargin(n) * norm);
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
