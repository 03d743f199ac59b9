package io.flowaudit.meanfield;

import java.util.Random;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;

/** Matrices and token clouds drawn from one seed, so a jqwik seed fixes every number of a try. */
final class RandomDraws {

    private final Random random;

    RandomDraws(long seed) {
        random = new Random(seed);
    }

    double uniform(double low, double high) {
        return low + (high - low) * random.nextDouble();
    }

    double gaussian() {
        return random.nextGaussian();
    }

    /** A Haar-distributed orthogonal matrix. */
    RealMatrix rotation(int width) {
        return Equiangular.rotation(random, width);
    }

    /** Entries N(0, scale^2 / d), so the spectral norm is about 2·scale. */
    RealMatrix gaussianMatrix(int width, double scale) {
        RealMatrix m = MatrixUtils.createRealMatrix(width, width);
        for (int r = 0; r < width; r++) {
            for (int c = 0; c < width; c++) {
                m.setEntry(r, c, scale * random.nextGaussian() / Math.sqrt(width));
            }
        }
        return m;
    }

    /** Q diag(eigenvalues) Q^T for a random rotation Q. */
    RealMatrix covariance(double[] eigenvalues) {
        RealMatrix q = rotation(eigenvalues.length);
        RealMatrix product = q.multiply(MatrixUtils.createRealDiagonalMatrix(eigenvalues)).multiply(q.transpose());
        return product.add(product.transpose()).scalarMultiply(0.5); // exactly symmetric, as Cholesky demands
    }

    /** n unit tokens of width d, uniform on the sphere. */
    double[] sphereTokens(int tokens, int width) {
        double[] x = new double[tokens * width];
        for (int c = 0; c < x.length; c++) {
            x[c] = random.nextGaussian();
        }
        return AttentionParticles.toUnitSphere(x, width);
    }

    /** n samples of N(mean, covariance), through the Cholesky factor. */
    double[] gaussianTokens(int tokens, double[] mean, RealMatrix covariance) {
        int width = mean.length;
        RealMatrix factor = new CholeskyDecomposition(covariance).getL();
        double[] x = new double[tokens * width];
        double[] z = new double[width];
        for (int i = 0; i < tokens; i++) {
            for (int k = 0; k < width; k++) {
                z[k] = random.nextGaussian();
            }
            double[] y = factor.operate(z);
            for (int k = 0; k < width; k++) {
                x[i * width + k] = mean[k] + y[k];
            }
        }
        return x;
    }
}
