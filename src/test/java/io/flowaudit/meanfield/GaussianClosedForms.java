package io.flowaudit.meanfield;

import io.flowaudit.meanfield.GaussianAttention.Head;
import java.util.List;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.util.FastMath;

/**
 * What the tests measure {@link GaussianAttention}'s moment ODE against (docs/theory.md, "Gaussian preservation"): the
 * attention field of a Gaussian in closed form, its Monte Carlo estimate from samples, and for A = V = I the
 * covariance in closed form up to its blow-up time.
 */
final class GaussianClosedForms {

    private GaussianClosedForms() {
    }

    /** The attention field of N(alpha, Sigma) at x, by the closed form. */
    static RealVector field(List<Head> heads, RealVector mean, RealMatrix covariance, RealVector x) {
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

    /** For A = V = I: {@code Sigma(t) = Sigma_0 (I - 2t Sigma_0)^{-1}}, valid for t below {@link #blowUpTime}. */
    static RealMatrix identityCovariance(RealMatrix initial, double t) {
        RealMatrix identity = MatrixUtils.createRealIdentityMatrix(initial.getRowDimension());
        return initial.multiply(MatrixUtils.inverse(identity.subtract(initial.scalarMultiply(2 * t))));
    }

    /** For A = V = I: {@code t* = 1 / (2 lambda_max(Sigma_0))}. */
    static double blowUpTime(RealMatrix initial) {
        return 1 / (2 * largestEigenvalue(initial));
    }

    static double largestEigenvalue(RealMatrix symmetric) {
        double largest = Double.NEGATIVE_INFINITY;
        for (double eigenvalue : new EigenDecomposition(symmetric).getRealEigenvalues()) {
            largest = Math.max(largest, eigenvalue);
        }
        return largest;
    }
}
