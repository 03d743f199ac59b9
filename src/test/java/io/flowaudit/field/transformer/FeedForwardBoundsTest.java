package io.flowaudit.field.transformer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowaudit.field.Activation;
import io.flowaudit.field.Certificate;
import io.flowaudit.field.VectorField;
import io.flowaudit.num.ApfloatElement;
import io.flowaudit.num.ApfloatSystem;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The one-token FFN's mu is the smaller of two bounds, and each is attained on a field where it is the smaller:
 * sampled one-sided quotients, computed at 30 digits from double inputs (exact far below the certificate's
 * outward rounding of a few ulps), reach it and never exceed it. The {@code mlp} family and the transformer's
 * FFN on one token get the same K and mu from the same weights.
 */
class FeedForwardBoundsTest {

    private static final ApfloatSystem APFLOAT = new ApfloatSystem(30);

    /** {@code <F(x) - F(y), x - y> / |x - y|^2} at 30 digits. */
    private static double oneSidedQuotient(VectorField field, double[] x, double[] y) {
        ApfloatElement[] fx = field.evaluate(APFLOAT.zero(), APFLOAT.fromDoubles(x));
        ApfloatElement[] fy = field.evaluate(APFLOAT.zero(), APFLOAT.fromDoubles(y));
        ApfloatElement inner = APFLOAT.zero();
        ApfloatElement squared = APFLOAT.zero();
        for (int i = 0; i < x.length; i++) {
            ApfloatElement dx = APFLOAT.fromDouble(x[i]).subtract(APFLOAT.fromDouble(y[i]));
            inner = inner.add(fx[i].subtract(fy[i]).multiply(dx));
            squared = squared.add(dx.multiply(dx));
        }
        return inner.divide(squared).getReal();
    }

    /** The largest one-sided quotient over random pairs in the ball of radius 10, never above mu. */
    private static double sampledSupremumBelow(VectorField field, double mu, long seed) {
        Random random = new Random(seed);
        double largest = Double.NEGATIVE_INFINITY;
        for (int sample = 0; sample < 300; sample++) {
            double[] x = new double[field.dimension()];
            double[] y = new double[field.dimension()];
            double scale = Math.pow(10, -6 * random.nextDouble());
            for (int i = 0; i < x.length; i++) {
                x[i] = 10 * (2 * random.nextDouble() - 1);
                y[i] = x[i] + scale * (2 * random.nextDouble() - 1);
            }
            double quotient = oneSidedQuotient(field, x, y);
            assertTrue(quotient <= mu, "one-sided quotient " + quotient + " above mu " + mu + " at " + x[0]);
            largest = Math.max(largest, quotient);
        }
        return largest;
    }

    /**
     * tanh, {@code W1 = I}, {@code W2} the rotation with cos = 0.6, sin = 0.8, the second unit saturated by its
     * bias 20: the midpoint bound {@code (1 + cos)/2 = 0.8} is attained along {@code (sin, 1 - cos)} at the
     * origin, where the first unit's slope is 1; the rank-two bound would give 1.6 and K is 1.
     */
    @Test
    void theMidpointBoundIsAttainedWhereItIsTheSmaller() {
        FeedForward field = FeedForward.mlp(new double[][] {{1, 0}, {0, 1}}, new double[] {0, 20}, Activation.TANH,
                new double[][] {{0.6, -0.8}, {0.8, 0.6}}, new double[] {0, 0});
        double mu = field.certificate().oneSidedLipschitz();
        // the eigenvalue's outward margin (MatrixBounds: 32 n^2 eps = 2.8e-14 for n = 2) and a few ulps
        assertEquals(0.8, mu, 1e-13, "(1 + cos)/2, rounded up");
        assertTrue(field.certificate().lipschitz() >= 1, "K = ||W2|| ||W1|| = 1");
        double epsilon = 1e-5;
        double attained = oneSidedQuotient(field, new double[] {0.8 * epsilon, 0.4 * epsilon},
                new double[] {-0.8 * epsilon, -0.4 * epsilon});
        // tanh' = 1 - O(z^2) near 0 and tanh'(20) < 1e-16: the quotient is 0.8 to about 1e-10
        assertEquals(0.8, attained, 1e-9, "the quotient along the top eigenvector at the origin");
        assertTrue(attained <= mu);
        sampledSupremumBelow(field, mu, 1);
    }

    /**
     * tanh, one unit with {@code u = -v}: {@code F(x) = -tanh(x_1) e_1}, whose one-sided quotients are negative
     * and tend to 0 where the unit saturates. The rank-two bound is 0 (rounded up to a few ulps); the midpoint
     * bound would give 1/2.
     */
    @Test
    void theRankTwoBoundIsAttainedWhereItIsTheSmaller() {
        FeedForward field = FeedForward.mlp(new double[][] {{1, 0}}, new double[] {0}, Activation.TANH,
                new double[][] {{-1}, {0}}, new double[] {0, 0});
        double mu = field.certificate().oneSidedLipschitz();
        // the dot product's error bound 2n eps |u||v| = 9e-16 and the outward rounding of the sum and the half
        assertTrue(mu >= 0 && mu < 1e-14, "mu " + mu);
        double saturated = oneSidedQuotient(field, new double[] {9, 0}, new double[] {10, 0});
        assertTrue(saturated < 0 && saturated > -1e-7, "the supremum 0 is approached: " + saturated);
        sampledSupremumBelow(field, mu, 2);
    }

    /**
     * GELU (slopes down to -0.12899..) on one token with one unit, {@code u = -v}: the rank-two bound's
     * negative-slope term gives {@code -m |v|^2 = 0.1290} (the slope range rounded outward in the fourth
     * decimal), reached to that rounding where GELU' is smallest; the midpoint bound would give 0.629.
     */
    @Test
    void theRankTwoBoundCoversNegativeSlopes() {
        FeedForward field = FeedForward.fromWeights(1, 2, Activation.GELU,
                Map.of("w1", new double[][] {{1, 0}}, "w2", new double[][] {{-1}, {0}}), Map.of());
        double mu = field.certificate().oneSidedLipschitz();
        assertEquals(0.1290, mu, 1e-12);
        double largest = sampledSupremumBelow(field, mu, 3);
        // -GELU' at its minimum, near z = -1.4185, by central differences in double (off by about 1e-10)
        double steepestDescent = Double.NEGATIVE_INFINITY;
        double[] above = new double[2];
        double[] below = new double[2];
        for (double z = -2; z <= -1; z += 1e-3) {
            field.evaluate(0, new double[] {z + 1e-6, 0}, above);
            field.evaluate(0, new double[] {z - 1e-6, 0}, below);
            steepestDescent = Math.max(steepestDescent, (above[0] - below[0]) / 2e-6);
        }
        assertTrue(steepestDescent > 0.12895 && steepestDescent <= mu, "sup of -GELU' is 0.12899..: "
                + steepestDescent + " (random pairs: " + largest + ")");
    }

    /** Random weights: the mlp family and the one-token FFN certify the same K and mu, to the bit. */
    @Test
    void theMlpAndTheOneTokenFfnShareTheirConstants() {
        Random random = new Random(4);
        for (int trial = 0; trial < 50; trial++) {
            int width = 1 + random.nextInt(4);
            int hidden = 1 + random.nextInt(5);
            double[][] w1 = matrix(hidden, width, random);
            double[][] w2 = matrix(width, hidden, random);
            double[] b1 = matrix(1, hidden, random)[0];
            double[] b2 = matrix(1, width, random)[0];
            Certificate mlp = FeedForward.mlp(w1, b1, Activation.TANH, w2, b2).certificate();
            Certificate ffn = FeedForward.fromWeights(1, width, Activation.TANH, Map.of("w1", w1, "w2", w2),
                    Map.of("b1", b1, "b2", b2)).certificate();
            assertEquals(mlp.lipschitz(), ffn.lipschitz());
            assertEquals(mlp.oneSidedLipschitz(), ffn.oneSidedLipschitz());
        }
    }

    private static double[][] matrix(int rows, int columns, Random random) {
        double[][] m = new double[rows][columns];
        for (double[] row : m) {
            for (int c = 0; c < columns; c++) {
                row[c] = 2 * random.nextDouble() - 1;
            }
        }
        return m;
    }
}
