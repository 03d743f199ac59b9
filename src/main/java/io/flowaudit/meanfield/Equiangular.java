package io.flowaudit.meanfield;

import java.util.Random;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.ode.FirstOrderDifferentialEquations;

/**
 * Equiangular tokens: n unit vectors with {@code <x_i, x_j> = rho} for all i != j. Under SA or USA with V = I
 * they stay equiangular and rho solves a scalar ODE (docs/theory.md, "Equiangular starts"):
 * {@code rho' = 2 e^{beta rho} (1 - rho)(1 + (n-1) rho) / N}, with N = e^beta + (n-1) e^{beta rho} for SA
 * and N = n for USA.
 */
public final class Equiangular {

    private Equiangular() {
    }

    /** The coefficient of the scalar ODE as derived: rho' is twice {@code <x_i', x_k>}. */
    public static final double COEFFICIENT = 2;

    /** rho' for SA (softmax) or USA (unnormalised), with the right-hand side's coefficient (2 as derived). */
    public static double rate(boolean softmax, int tokens, double beta, double coefficient, double rho) {
        double normaliser = softmax ? StrictMath.exp(beta) + (tokens - 1) * StrictMath.exp(beta * rho) : tokens;
        return coefficient * StrictMath.exp(beta * rho) * (1 - rho) * (1 + (tokens - 1) * rho) / normaliser;
    }

    /** The scalar ODE as derived, as a one-dimensional system, for {@link Integration}. */
    public static FirstOrderDifferentialEquations scalarOde(boolean softmax, int tokens, double beta) {
        return scalarOde(softmax, tokens, beta, COEFFICIENT);
    }

    /** The scalar ODE with another coefficient (a claim that states one), as a one-dimensional system. */
    public static FirstOrderDifferentialEquations scalarOde(boolean softmax, int tokens, double beta,
            double coefficient) {
        return new FirstOrderDifferentialEquations() {
            @Override
            public int getDimension() {
                return 1;
            }

            @Override
            public void computeDerivatives(double t, double[] rho, double[] rate) {
                rate[0] = rate(softmax, tokens, beta, coefficient, rho[0]);
            }
        };
    }

    /**
     * n equiangular unit tokens of width d >= n with inner product rho in (-1/(n-1), 1), rotated by the
     * orthogonal matrix {@code rotation} (d x d): rows of the Cholesky factor of the Gram matrix
     * {@code (1 - rho) I + rho 11^T}, padded with zeros.
     */
    public static double[] tokens(int tokens, double rho, RealMatrix rotation) {
        int width = rotation.getRowDimension();
        if (width < tokens || !(rho > -1.0 / (tokens - 1) && rho < 1)) {
            throw new IllegalArgumentException("equiangular tokens need d >= n and -1/(n-1) < rho < 1, got n=" + tokens
                    + ", d=" + width + ", rho=" + rho);
        }
        RealMatrix gram = MatrixUtils.createRealMatrix(tokens, tokens);
        for (int i = 0; i < tokens; i++) {
            for (int j = 0; j < tokens; j++) {
                gram.setEntry(i, j, i == j ? 1 : rho);
            }
        }
        RealMatrix factor = new CholeskyDecomposition(gram).getL();
        double[] x = new double[tokens * width];
        for (int i = 0; i < tokens; i++) {
            double[] padded = new double[width];
            System.arraycopy(factor.getRow(i), 0, padded, 0, tokens);
            double[] rotated = rotation.operate(padded);
            System.arraycopy(rotated, 0, x, i * width, width);
        }
        return x;
    }

    /** A Haar-distributed orthogonal matrix: Q of the QR factorisation of a Gaussian matrix, signs fixed. */
    public static RealMatrix rotation(Random random, int width) {
        RealMatrix gaussian = MatrixUtils.createRealMatrix(width, width);
        for (int r = 0; r < width; r++) {
            for (int c = 0; c < width; c++) {
                gaussian.setEntry(r, c, random.nextGaussian());
            }
        }
        QRDecomposition qr = new QRDecomposition(gaussian);
        RealMatrix q = qr.getQ();
        RealMatrix r = qr.getR();
        for (int c = 0; c < width; c++) {
            if (r.getEntry(c, c) < 0) {
                q.setColumnVector(c, q.getColumnVector(c).mapMultiply(-1));
            }
        }
        return q;
    }
}
