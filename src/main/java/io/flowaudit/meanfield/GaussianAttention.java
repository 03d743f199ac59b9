package io.flowaudit.meanfield;

import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.ode.FirstOrderDifferentialEquations;

/**
 * Attention acting on a Gaussian measure N(alpha, Sigma) (docs/theory.md, "Gaussian preservation"): the field
 * {@code X[mu](x) = sum_h V_h (alpha + Sigma A_h x)}, and the moment ODE it induces (the tests hold the field's
 * closed form and the covariance's for A = V = I, {@code GaussianClosedForms}).
 */
public final class GaussianAttention {

    /** One head: query-key matrix A = K^T Q and value matrix V. */
    public record Head(RealMatrix queryKey, RealMatrix value) {
    }

    private GaussianAttention() {
    }

    /**
     * The moment ODE {@code alpha' = sum_h V_h (I + Sigma A_h) alpha},
     * {@code Sigma' = sum_h V_h Sigma A_h Sigma + Sigma A_h^T Sigma V_h^T} over the state
     * {@code (alpha, Sigma row by row)} of length d + d^2.
     */
    public static FirstOrderDifferentialEquations momentOde(List<Head> heads, int width) {
        return new FirstOrderDifferentialEquations() {
            @Override
            public int getDimension() {
                return width + width * width;
            }

            @Override
            public void computeDerivatives(double t, double[] state, double[] rate) {
                RealVector mean = mean(state, width);
                RealMatrix covariance = covariance(state, width);
                RealVector meanRate = new ArrayRealVector(width);
                RealMatrix covarianceRate = MatrixUtils.createRealMatrix(width, width);
                for (Head head : heads) {
                    RealMatrix drift = head.value().multiply(covariance).multiply(head.queryKey());
                    meanRate = meanRate.add(head.value().operate(mean)).add(drift.operate(mean));
                    covarianceRate = covarianceRate.add(drift.multiply(covariance))
                            .add(covariance.multiply(drift.transpose()));
                }
                pack(meanRate, covarianceRate, rate);
            }
        };
    }

    /** The state {@code (alpha, Sigma)} of {@link #momentOde}. */
    public static double[] pack(RealVector mean, RealMatrix covariance, double[] into) {
        int width = mean.getDimension();
        for (int r = 0; r < width; r++) {
            into[r] = mean.getEntry(r);
            for (int c = 0; c < width; c++) {
                into[width + r * width + c] = covariance.getEntry(r, c);
            }
        }
        return into;
    }

    public static RealVector mean(double[] state, int width) {
        return MatrixUtils.createRealVector(Arrays.copyOf(state, width));
    }

    public static RealMatrix covariance(double[] state, int width) {
        RealMatrix covariance = MatrixUtils.createRealMatrix(width, width);
        for (int r = 0; r < width; r++) {
            for (int c = 0; c < width; c++) {
                covariance.setEntry(r, c, state[width + r * width + c]);
            }
        }
        return covariance;
    }

    /** The packed {@code (alpha, Sigma)} of n tokens' empirical measure (covariance with 1/n, as the measure has). */
    public static double[] empiricalMoments(double[] tokens, int count, int width) {
        double[] mean = new double[width];
        for (int i = 0; i < count; i++) {
            for (int c = 0; c < width; c++) {
                mean[c] += tokens[i * width + c] / count;
            }
        }
        RealMatrix covariance = MatrixUtils.createRealMatrix(width, width);
        for (int i = 0; i < count; i++) {
            for (int r = 0; r < width; r++) {
                for (int c = 0; c < width; c++) {
                    covariance.addToEntry(r, c,
                            (tokens[i * width + r] - mean[r]) * (tokens[i * width + c] - mean[c]) / count);
                }
            }
        }
        return pack(new ArrayRealVector(mean), covariance, new double[width + width * width]);
    }
}
