package io.flowaudit.meanfield;

import java.util.Arrays;
import org.apache.commons.math3.util.FastMath;
import java.util.List;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.ode.FirstOrderDifferentialEquations;

/**
 * Attention acting on a Gaussian measure N(alpha, Sigma) (docs/theory.md, "Gaussian preservation"): the field
 * {@code X[mu](x) = sum_h V_h (alpha + Sigma A_h x)}, the moment ODE it induces, and its closed form for
 * A = V = I.
 */
public final class GaussianAttention {

    /** One head: query-key matrix A = K^T Q and value matrix V. */
    public record Head(RealMatrix queryKey, RealMatrix value) {
    }

    private GaussianAttention() {
    }

    /** The attention field of N(alpha, Sigma) at x, by the closed form. */
    public static RealVector field(List<Head> heads, RealVector mean, RealMatrix covariance, RealVector x) {
        RealVector sum = new ArrayRealVector(x.getDimension());
        for (Head head : heads) {
            sum = sum.add(head.value().operate(mean.add(covariance.operate(head.queryKey().operate(x)))));
        }
        return sum;
    }

    /**
     * The self-normalised Monte Carlo estimate of one head's field at x from samples y_k of the measure,
     * {@code sum_k e^{<A x, y_k>} V y_k / sum_k e^{<A x, y_k>}}.
     */
    static RealVector sampledField(Head head, double[][] samples, RealVector x) {
        double[] query = head.queryKey().operate(x).toArray();
        double largest = Double.NEGATIVE_INFINITY;
        double[] logits = new double[samples.length];
        for (int k = 0; k < samples.length; k++) {
            logits[k] = AttentionParticles.dot(query, 0, samples[k], 0, query.length);
            largest = Math.max(largest, logits[k]);
        }
        double[] mean = new double[query.length];
        double total = 0;
        for (int k = 0; k < samples.length; k++) {
            double weight = FastMath.exp(logits[k] - largest);
            total += weight;
            for (int c = 0; c < mean.length; c++) {
                mean[c] += weight * samples[k][c];
            }
        }
        return head.value().operate(MatrixUtils.createRealVector(mean).mapDivide(total));
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

    /** For A = V = I: {@code Sigma(t) = Sigma_0 (I - 2t Sigma_0)^{-1}}, valid for t below {@link #blowUpTime}. */
    public static RealMatrix identityCovariance(RealMatrix initial, double t) {
        RealMatrix identity = MatrixUtils.createRealIdentityMatrix(initial.getRowDimension());
        return initial.multiply(MatrixUtils.inverse(identity.subtract(initial.scalarMultiply(2 * t))));
    }

    /** For A = V = I: {@code t* = 1 / (2 lambda_max(Sigma_0))}. */
    public static double blowUpTime(RealMatrix initial) {
        return 1 / (2 * largestEigenvalue(initial));
    }

    public static double largestEigenvalue(RealMatrix symmetric) {
        double largest = Double.NEGATIVE_INFINITY;
        for (double eigenvalue : new EigenDecomposition(symmetric).getRealEigenvalues()) {
            largest = Math.max(largest, eigenvalue);
        }
        return largest;
    }
}
