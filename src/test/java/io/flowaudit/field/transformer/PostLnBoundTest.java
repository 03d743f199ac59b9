package io.flowaudit.field.transformer;

import static io.flowaudit.field.transformer.PlainDouble.randomMatrix;
import static io.flowaudit.field.transformer.PlainDouble.randomVector;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowaudit.field.Activation;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.junit.jupiter.api.Test;

/**
 * The certified constant of a post-LN map ({@link PostLnLayer#bound}) on a small layer: sampled difference
 * quotients of pairs in the region never exceed it, in random and adversarial directions (the top singular vector
 * of a finite-difference Jacobian, then a local search); on a layer with both branches zero it is nearly attained;
 * and every output lies in the region it certifies for the next layer. Tolerance on quotients: states are
 * computed in double, so a quotient over a step of relative size t carries a rounding error of about
 * 1e-15 / t relative; with t >= 1e-5 a margin of 1e-8 relative covers it.
 */
class PostLnBoundTest {

    private static final int TOKENS = 3;
    private static final int WIDTH = 4;
    private static final int HEADS = 2;
    private static final int HIDDEN = 8;
    private static final double QUOTIENT_ROOM = 1e-8;

    private static PostLnLayer layer(Random random, double weightScale, double epsilon, boolean zeroBranches) {
        Map<String, double[][]> matrices = new HashMap<>();
        for (String role : new String[] {"wq", "wk", "wv", "wo"}) {
            matrices.put(role, scaled(randomMatrix(WIDTH, WIDTH, random), zeroBranches ? 0 : weightScale));
        }
        matrices.put("w1", scaled(randomMatrix(HIDDEN, WIDTH, random), zeroBranches ? 0 : weightScale));
        matrices.put("w2", scaled(randomMatrix(WIDTH, HIDDEN, random), zeroBranches ? 0 : weightScale));
        Map<String, double[]> vectors = new HashMap<>();
        if (!zeroBranches) {
            for (String role : new String[] {"bq", "bk", "bv", "bo", "b2", "ln1.beta", "ln2.beta"}) {
                vectors.put(role, scaled(new double[][] {randomVector(WIDTH, random)}, 0.1)[0]);
            }
            vectors.put("b1", scaled(new double[][] {randomVector(HIDDEN, random)}, 0.1)[0]);
            for (String gain : new String[] {"ln1.gamma", "ln2.gamma"}) {
                double[] gamma = randomVector(WIDTH, random);
                for (int k = 0; k < WIDTH; k++) {
                    gamma[k] = 1 + 0.2 * gamma[k];
                }
                vectors.put(gain, gamma);
            }
        }
        return PostLnLayer.fromWeights(TOKENS, WIDTH, HEADS, 1 / Math.sqrt(WIDTH / HEADS), Activation.EXACT_GELU,
                epsilon, epsilon, matrices, vectors);
    }

    private static double[][] scaled(double[][] m, double scale) {
        for (double[] row : m) {
            for (int c = 0; c < row.length; c++) {
                row[c] *= scale;
            }
        }
        return m;
    }

    /** Tokens of norm at most {@code radius} and centred norm between {@code floor} and twice it. */
    private static double[] inRegion(Random random, double radius, double floor) {
        double[] x = new double[TOKENS * WIDTH];
        for (int i = 0; i < TOKENS; i++) {
            double[] centred = randomVector(WIDTH, random);
            double mean = 0;
            for (double c : centred) {
                mean += c / WIDTH;
            }
            double norm = 0;
            for (int k = 0; k < WIDTH; k++) {
                centred[k] -= mean;
                norm += centred[k] * centred[k];
            }
            double length = floor * (1 + random.nextDouble()) / Math.sqrt(norm);
            double shift = (random.nextDouble() - 0.5) * 0.2 * floor;
            for (int k = 0; k < WIDTH; k++) {
                x[i * WIDTH + k] = centred[k] * length + shift;
            }
        }
        assertTrue(maxTokenNorm(x) <= radius, "a drawn state lies outside the ball");
        return x;
    }

    private static double maxTokenNorm(double[] x) {
        double max = 0;
        for (int i = 0; i < TOKENS; i++) {
            double sum = 0;
            for (int k = 0; k < WIDTH; k++) {
                sum += x[i * WIDTH + k] * x[i * WIDTH + k];
            }
            max = Math.max(max, Math.sqrt(sum));
        }
        return max;
    }

    private static double minCentredNorm(double[] x) {
        double min = Double.POSITIVE_INFINITY;
        for (int i = 0; i < TOKENS; i++) {
            double mean = 0;
            for (int k = 0; k < WIDTH; k++) {
                mean += x[i * WIDTH + k] / WIDTH;
            }
            double sum = 0;
            for (int k = 0; k < WIDTH; k++) {
                sum += (x[i * WIDTH + k] - mean) * (x[i * WIDTH + k] - mean);
            }
            min = Math.min(min, Math.sqrt(sum));
        }
        return min;
    }

    private static double quotient(PostLnLayer layer, double[] x, double[] v, double size) {
        double[] y = x.clone();
        double norm = 0;
        for (double c : v) {
            norm += c * c;
        }
        for (int i = 0; i < y.length; i++) {
            y[i] += v[i] * size / Math.sqrt(norm);
        }
        double[] fx = layer.apply(x);
        double[] fy = layer.apply(y);
        double sum = 0;
        double moved = 0;
        for (int i = 0; i < fx.length; i++) {
            sum += (fx[i] - fy[i]) * (fx[i] - fy[i]);
            moved += (x[i] - y[i]) * (x[i] - y[i]);
        }
        return Math.sqrt(sum / moved);
    }

    /** The top right singular vector of the central-difference Jacobian at x. */
    private static double[] steepest(PostLnLayer layer, double[] x, double step) {
        int n = x.length;
        double[][] jacobian = new double[n][n];
        for (int c = 0; c < n; c++) {
            double[] plus = x.clone();
            double[] minus = x.clone();
            plus[c] += step;
            minus[c] -= step;
            double[] fp = layer.apply(plus);
            double[] fm = layer.apply(minus);
            for (int r = 0; r < n; r++) {
                jacobian[r][c] = (fp[r] - fm[r]) / (2 * step);
            }
        }
        return new SingularValueDecomposition(MatrixUtils.createRealMatrix(jacobian)).getV().getColumn(0);
    }

    @Test
    void sampledQuotientsNeverExceedTheCertifiedConstant() {
        Random random = new Random(20261129);
        double radius = 3;
        double floor = 0.5;
        double worst = 0;
        for (int trial = 0; trial < 20; trial++) {
            PostLnLayer layer = layer(random, 0.6, 0.05, false);
            PostLnBound bound = layer.bound(radius, floor);
            for (int pair = 0; pair < 20; pair++) {
                double[] x = inRegion(random, radius, floor);
                double[] y = inRegion(random, radius, floor);
                double[] v = new double[x.length];
                for (int i = 0; i < v.length; i++) {
                    v[i] = y[i] - x[i];
                }
                double far = quotient(layer, x, v, Math.sqrt(v.length) * 0.1);
                double adversarial = quotient(layer, x, steepest(layer, x, 1e-6), 1e-4);
                for (double q : new double[] {far, adversarial}) {
                    assertTrue(q <= bound.lipschitz() * (1 + QUOTIENT_ROOM), "quotient " + q + " above K = "
                            + bound.lipschitz());
                    worst = Math.max(worst, q / bound.lipschitz());
                }
            }
        }
        System.out.printf("post-LN map, 400 random and 400 adversarial pairs: largest quotient / K = %.3g%n", worst);
    }

    /**
     * Both branches zero, gain 1, bias 0: the map is LN2∘LN1, and at a token whose centred norm is exactly the
     * floor a tangent perturbation grows by 1/(s1 s2), the certified constant itself.
     */
    @Test
    void theConstantIsNearlyAttainedWithoutBranches() {
        double epsilon = 1e-5;
        double floor = 0.2;
        PostLnLayer layer = layer(new Random(1), 0, epsilon, true);
        PostLnBound bound = layer.bound(1, floor);
        double[] x = new double[TOKENS * WIDTH];
        double[] tangent = new double[TOKENS * WIDTH];
        for (int i = 0; i < TOKENS; i++) {
            // centred direction (1, -1, 0, 0)/sqrt 2 scaled to the floor; tangent (0, 0, 1, -1)/sqrt 2
            x[i * WIDTH] = floor / Math.sqrt(2);
            x[i * WIDTH + 1] = -floor / Math.sqrt(2);
            tangent[i * WIDTH + 2] = 1;
            tangent[i * WIDTH + 3] = -1;
        }
        double q = quotient(layer, x, tangent, 1e-5 * floor);
        double ratio = q / bound.lipschitz();
        System.out.printf("knife edge: quotient %.9g, K %.9g, ratio %.9f%n", q, bound.lipschitz(), ratio);
        assertTrue(ratio <= 1 + QUOTIENT_ROOM, "the knife-edge quotient exceeds K: " + ratio);
        assertTrue(ratio >= 0.999, "the certified constant should be nearly attained here, ratio " + ratio);
        // the input sits exactly on the floor, so the output's centred norm is the certified floor up to rounding
        double centred = minCentredNorm(layer.apply(x));
        assertTrue(centred >= bound.outputCentredFloor() && centred <= bound.outputCentredFloor() * (1 + 1e-9),
                "output centred norm " + centred + " against the certified floor " + bound.outputCentredFloor());
    }

    /**
     * Outputs stay in the ball and above the centred floor certified for the next layer; weights small enough
     * that the floor is proved positive, so the floor's derivation is tested and not only the ball.
     */
    @Test
    void everyOutputLiesInTheCertifiedNextRegion() {
        Random random = new Random(5);
        for (int trial = 0; trial < 20; trial++) {
            PostLnLayer layer = layer(random, 0.05, 0.05, false);
            PostLnBound bound = layer.bound(3, 0.5);
            assertTrue(bound.outputCentredFloor() > 0, "small weights should leave a positive floor: " + bound);
            for (int sample = 0; sample < 50; sample++) {
                double[] out = layer.apply(inRegion(random, 3, 0.5));
                assertTrue(maxTokenNorm(out) <= bound.outputRadius(), "an output token is outside the ball");
                assertTrue(minCentredNorm(out) >= bound.outputCentredFloor(), "an output token is below the floor "
                        + bound.outputCentredFloor());
            }
        }
    }
}
