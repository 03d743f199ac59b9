package io.flowaudit.meanfield;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowaudit.claim.LogLogFit;
import io.flowaudit.meanfield.GaussianAttention.Head;
import java.util.List;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;

/** docs/theory.md, "Gaussian preservation". */
class GaussianPreservationProperties {

    private static final int[] SAMPLE_SIZES = {250, 1000, 4000, 16000};
    /** Repetitions per sample size: the RMS error over them has relative spread about 1/sqrt(2·R·d) <= 0.06. */
    private static final int REPETITIONS = 48;

    /**
     * The closed form V(alpha + Sigma A x) is the limit of the sampled field: the RMS error over R repetitions
     * falls like m^{-1/2}. With 4 sizes a factor 4 apart the fitted slope has standard deviation
     * 0.06 / sqrt(sum (ln m - mean)^2) = 0.06 / 3.1 ≈ 0.02; the tolerance 0.12 is six of them. A wrong closed
     * form leaves a bias the error cannot fall below, and the slope goes towards 0.
     *
     * <p>That spread holds where the samples' weights e^{<A x, y>} are tame: their logarithms are normal with variance
     * s^2 = (A x)^T Sigma (A x), and the sample counts as about m e^{-s^2} (the weights' second moment over their
     * mean's square is e^{s^2}). At s^2 = 4.6 (an exploration's draw, kept below) that is 2.5 of m = 250, the error is
     * a few large weights, the RMS over 48 repetitions is no estimate of its mean, and the slope read -0.29. The query
     * x is therefore scaled to s^2 <= 1, where m = 250 counts as 92 samples or more. Measured so, over 1 200 tries:
     * mean slope -0.500, standard deviation 0.027 (the tolerance is 4.4 of them), largest deviation 0.093.
     */
    @Property(tries = 4)
    void theSampledFieldConvergesToTheClosedFormAtRateOneOverRootM(@ForAll long seed,
            @ForAll @IntRange(min = 2, max = 4) int width) {
        RandomDraws draws = new RandomDraws(seed);
        Head head = new Head(draws.gaussianMatrix(width, 0.5), draws.gaussianMatrix(width, 1));
        RealMatrix covariance = draws.covariance(eigenvalues(draws, width, 0.2, 1));
        RealVector mean = vector(draws, width, 1);
        RealVector query = vector(draws, width, 1);
        RealVector scores = head.queryKey().operate(query);
        double logWeightVariance = covariance.operate(scores).dotProduct(scores);
        RealVector x = query.mapMultiply(Math.min(1, 1 / Math.sqrt(logWeightVariance)));
        RealVector exact = GaussianClosedForms.field(List.of(head), mean, covariance, x);

        double slope = LogLogFit.slope(SAMPLE_SIZES, rmsErrors(draws, head, mean, covariance, x, exact));
        System.out.println("sampled field: fitted slope " + slope);

        assertEquals(-0.5, slope, 0.12, "fitted slope of the RMS error against m");
    }

    /** The draw of the exploration above, whose query before scaling gave the log-weights a variance of 4.6. */
    @Example
    void aQueryWithHeavyWeightsIsScaledToTameOnes() {
        theSampledFieldConvergesToTheClosedFormAtRateOneOverRootM(272623, 2);
    }

    /**
     * An almost-true false claim: the closed form with A^T in place of A (the same for symmetric A). For an A
     * whose antisymmetric part moves the field by far more than the sampling error at m = 16000, the error
     * stalls at that bias and the fitted slope is nowhere near -1/2: the check above would catch the slip.
     */
    @Example
    void theTransposedClosedFormIsCaught() {
        RandomDraws draws = new RandomDraws(17);
        int width = 3;
        RealMatrix queryKey = MatrixUtils.createRealMatrix(new double[][] {{0, 0.6, 0}, {-0.6, 0, 0}, {0, 0, 0.3}});
        Head head = new Head(queryKey, MatrixUtils.createRealIdentityMatrix(width));
        RealMatrix covariance = draws.covariance(new double[] {1, 0.6, 0.3});
        RealVector mean = vector(draws, width, 1);
        RealVector x = new ArrayRealVector(new double[] {1, 0.5, 0});
        RealVector wrong = GaussianClosedForms.field(List.of(new Head(queryKey.transpose(), head.value())), mean,
                covariance, x);

        double slope = LogLogFit.slope(SAMPLE_SIZES, rmsErrors(draws, head, mean, covariance, x, wrong));
        System.out.println("sampled field against the transposed formula: fitted slope " + slope);

        assertTrue(slope > -0.2, "the transposed formula must not look like m^{-1/2} convergence, slope " + slope);
    }

    private static double[] rmsErrors(RandomDraws draws, Head head, RealVector mean, RealMatrix covariance,
            RealVector x, RealVector reference) {
        double[] errors = new double[SAMPLE_SIZES.length];
        for (int s = 0; s < SAMPLE_SIZES.length; s++) {
            double squares = 0;
            for (int r = 0; r < REPETITIONS; r++) {
                double[] flat = draws.gaussianTokens(SAMPLE_SIZES[s], mean.toArray(), covariance);
                double[][] samples = new double[SAMPLE_SIZES[s]][];
                for (int k = 0; k < samples.length; k++) {
                    samples[k] = java.util.Arrays.copyOfRange(flat, k * x.getDimension(), (k + 1) * x.getDimension());
                }
                squares += Math.pow(GaussianClosedForms.sampledField(head, samples, x).getDistance(reference), 2);
            }
            errors[s] = Math.sqrt(squares / REPETITIONS);
        }
        return errors;
    }

    /**
     * A = V = I: the moment ODE integrated numerically matches Sigma_0 (I - 2t Sigma_0)^{-1} up to 0.999 t*.
     * The integration's relative tolerance is 1e-12; near t* the solution grows like 1/(t* - t) and a relative
     * error of the Riccati equation is amplified at most by that growth, 1000 at 0.999 t*; the tolerance 1e-7
     * (relative, Frobenius) leaves a factor 100 over 1e-12·1000. Also: lambda_max(Sigma(t))·2(t* - t) = 1
     * exactly on the closed form, so a wrong blow-up time (1/lambda_max, or the smallest eigenvalue) fails; and
     * Sigma/lambda_max approaches the projector on the top eigenvector within the ratio of the second to the
     * first eigenvalue of Sigma(t).
     */
    @Property(tries = 10)
    void theIdentityCovarianceBlowsUpAtTheClosedFormTime(@ForAll long seed,
            @ForAll @IntRange(min = 2, max = 4) int width) {
        RandomDraws draws = new RandomDraws(seed);
        double[] spectrum = eigenvalues(draws, width, 0.1, 1);
        spectrum[0] = spectrum[1] + 0.2; // a simple top eigenvalue, so the limit is a rank-one projector
        RealMatrix initial = draws.covariance(spectrum);
        RealMatrix identity = MatrixUtils.createRealIdentityMatrix(width);
        double blowUp = GaussianClosedForms.blowUpTime(initial);
        assertEquals(1 / (2 * spectrum[0]), blowUp, 1e-12 * blowUp, "t* = 1/(2 lambda_max)");
        double[] times = {0.5 * blowUp, 0.9 * blowUp, 0.99 * blowUp, 0.999 * blowUp};
        double[] start = GaussianAttention.pack(new ArrayRealVector(width), initial, new double[width + width * width]);

        double[][] states = Integration.states(
                GaussianAttention.momentOde(List.of(new Head(identity, identity)), width), start, times, 1e-12);

        for (int k = 0; k < times.length; k++) {
            RealMatrix numerical = GaussianAttention.covariance(states[k], width);
            RealMatrix closed = GaussianClosedForms.identityCovariance(initial, times[k]);
            double relative = numerical.subtract(closed).getFrobeniusNorm() / closed.getFrobeniusNorm();
            assertTrue(relative <= 1e-7, "relative distance to the closed form at t = " + times[k] + ": " + relative);
            double top = GaussianClosedForms.largestEigenvalue(numerical);
            assertEquals(1, top * 2 * (blowUp - times[k]), 1e-6, "lambda_max(Sigma(t))·2(t* - t)");
        }
        RealMatrix last = GaussianAttention.covariance(states[times.length - 1], width);
        RealVector topVector = topEigenvector(initial);
        RealMatrix projector = topVector.outerProduct(topVector);
        double second = spectrum[1] / (1 - 2 * times[times.length - 1] * spectrum[1]);
        double first = spectrum[0] / (1 - 2 * times[times.length - 1] * spectrum[0]);
        double distance = last.scalarMultiply(1 / GaussianClosedForms.largestEigenvalue(last)).subtract(projector)
                .getNorm();
        assertTrue(distance <= 2 * second / first,
                "Sigma/lambda_max is within " + distance + " of the top projector, expected <= 2·" + second / first);
    }

    /**
     * n particles drawn from N(alpha_0, Sigma_0) and moved by attention without LayerNorm (general A, V): their
     * empirical mean and covariance at T follow the moment ODE from the population moments with an error
     * like n^{-1/2} (sampling of the start, carried by the flow; the self-interaction and the 1/n covariance
     * are O(1/n)). RMS over 12 repetitions at n = 16..256: relative spread of each RMS about
     * 1/sqrt(2·12·(d + d^2)) <= 0.12, slope spread 0.12/sqrt(4.8) ≈ 0.055; tolerance 0.2 (3.6 of them).
     */
    @Property(tries = 2)
    void particleMomentsFollowTheMomentOdeAtRateOneOverRootN(@ForAll long seed) {
        RandomDraws draws = new RandomDraws(seed);
        int width = 2;
        double horizon = 0.5;
        Head head = new Head(draws.gaussianMatrix(width, 0.4), MatrixUtils.createRealIdentityMatrix(width)
                .add(draws.gaussianMatrix(width, 0.3)));
        RealMatrix covariance = draws.covariance(eigenvalues(draws, width, 0.2, 0.6));
        RealVector mean = vector(draws, width, 0.5);
        double[] start = GaussianAttention.pack(mean, covariance, new double[width + width * width]);
        double[] limit = Integration.states(GaussianAttention.momentOde(List.of(head), width), start,
                new double[] {horizon}, 1e-10)[0];
        int[] counts = {16, 32, 64, 128, 256};
        int repetitions = 12;
        double[] errors = new double[counts.length];
        for (int s = 0; s < counts.length; s++) {
            AttentionParticles particles = AttentionParticles.free(counts[s], width, head.queryKey().getData())
                    .withValue(head.value().getData());
            double squares = 0;
            for (int r = 0; r < repetitions; r++) {
                double[] tokens = draws.gaussianTokens(counts[s], mean.toArray(), covariance);
                double[] end = Integration.states(particles, tokens, new double[] {horizon}, 1e-8)[0];
                double[] moments = GaussianAttention.empiricalMoments(end, counts[s], width);
                for (int c = 0; c < moments.length; c++) {
                    squares += Math.pow(moments[c] - limit[c], 2);
                }
            }
            errors[s] = Math.sqrt(squares / repetitions);
        }

        double slope = LogLogFit.slope(counts, errors);
        System.out.println("particle moments: fitted slope " + slope);
        assertEquals(-0.5, slope, 0.2, "fitted slope of the moment error against n");
    }

    /** d eigenvalues uniform in [low, high], the largest first. */
    private static double[] eigenvalues(RandomDraws draws, int width, double low, double high) {
        double[] values = new double[width];
        for (int k = 0; k < width; k++) {
            values[k] = draws.uniform(low, high);
        }
        java.util.Arrays.sort(values);
        for (int k = 0; k < width / 2; k++) {
            double swap = values[k];
            values[k] = values[width - 1 - k];
            values[width - 1 - k] = swap;
        }
        return values;
    }

    private static RealVector vector(RandomDraws draws, int width, double scale) {
        double[] v = new double[width];
        for (int k = 0; k < width; k++) {
            v[k] = scale * draws.gaussian() / Math.sqrt(width);
        }
        return new ArrayRealVector(v);
    }

    private static RealVector topEigenvector(RealMatrix symmetric) {
        var decomposition = new org.apache.commons.math3.linear.EigenDecomposition(symmetric);
        double[] values = decomposition.getRealEigenvalues();
        int top = 0;
        for (int k = 1; k < values.length; k++) {
            if (values[k] > values[top]) {
                top = k;
            }
        }
        return decomposition.getEigenvector(top);
    }
}
