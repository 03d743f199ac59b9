package io.flowaudit.field.transformer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowaudit.field.Activation;
import io.flowaudit.num.BinaryElement;
import io.flowaudit.num.BinarySystem;
import io.flowaudit.num.DoubleSystem;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.commons.math3.util.Decimal64;
import org.junit.jupiter.api.Test;

/**
 * The one feed-forward field in both its roles (the MLP on one state, the FFN on tokens) with weights and
 * biases up to 30 and state entries up to 10 (preactivations up to about a thousand, every activation saturated
 * or far out on its linear branch): the double path is the generic path in {@code Decimal64} bit for bit, and both
 * are within their rounding error of the generic path in 30-digit binary.
 *
 * <p>The rounding error of double (unit roundoff u = 2^-53) is bounded from first principles, per output
 * component i of token k: a preactivation {@code z_j = b1_j + sum_c W1_jc x_c} is a sum of D + 1 terms,
 * so it is off by at most {@code (D + 1) u S_j}, S_j the sum of the terms' magnitudes; the activation
 * moves that by at most L times and adds its own rounding, at most {@code 8 u (1 + |z_j|)} (each is at most
 * five roundings of quantities no larger than {@code 1 + |z_j|}, tanh's argument error damped by
 * {@code |w| sech^2 w <= 1/2}, and {@code FastMath.tanh} within one ulp); the output sums H + 1 terms, off
 * by {@code (H + 1) u} times their magnitudes, plus the activations' errors through |W2|. The 30-digit
 * reference is exact to 1e-30 relative, far below these. The tolerance is this bound, relative to the
 * terms' sizes, not to |F| (outputs that cancel are included).
 */
class FeedForwardAgreementTest {

    private static final BinarySystem BINARY = new BinarySystem(30);
    private static final double U = 0x1p-53;
    private static final double WEIGHT = 30;
    /**
     * Entries of a state. Preactivations reach 30 * 10 * 4 + 30 = 1230, where GELU's cubic argument to tanh
     * is about 7e7: 30-digit binary's tanh forms e^(2x) and overflows beyond about 5e8 (preactivations of
     * about 2000), where it should saturate to 1 (reported to the owners of {@code num}).
     */
    private static final double STATE = 10;

    /** Weights, a state, and the field in one role. */
    private record Case(FeedForward field, double[][] w1, double[] b1, double[][] w2, double[] b2, double[] x) {
    }

    private static Case mlp(Activation activation, int width, int hidden, Random random) {
        double[][] w1 = matrix(hidden, width, random);
        double[] b1 = matrix(1, hidden, random)[0];
        double[][] w2 = matrix(width, hidden, random);
        double[] b2 = matrix(1, width, random)[0];
        return new Case(FeedForward.mlp(w1, b1, activation, w2, b2), w1, b1, w2, b2, state(width, random));
    }

    private static Case ffn(Activation activation, int tokens, int width, int hidden, Random random) {
        double[][] w1 = matrix(hidden, width, random);
        double[] b1 = matrix(1, hidden, random)[0];
        double[][] w2 = matrix(width, hidden, random);
        double[] b2 = matrix(1, width, random)[0];
        FeedForward field = FeedForward.fromWeights(tokens, width, activation, Map.of("w1", w1, "w2", w2),
                Map.of("b1", b1, "b2", b2));
        return new Case(field, w1, b1, w2, b2, state(tokens * width, random));
    }

    private static List<Case> cases() {
        Random random = new Random(12);
        List<Case> cases = new ArrayList<>();
        for (int trial = 0; trial < 20; trial++) {
            for (Activation activation : Activation.bounded()) {
                cases.add(mlp(activation, 1 + random.nextInt(6), 1 + random.nextInt(6), random));
            }
            for (Activation activation : Activation.zeroAtOrigin()) {
                cases.add(ffn(activation, 1 + random.nextInt(4), 1 + random.nextInt(4), 1 + random.nextInt(8), random));
            }
        }
        return cases;
    }

    @Test
    void theDoublePathIsTheDecimal64PathBitForBit() {
        for (Case c : cases()) {
            double[] fast = new double[c.x().length];
            c.field().evaluate(0, c.x(), fast);
            Decimal64[] generic = c.field().evaluate(new Decimal64(0), DoubleSystem.INSTANCE.fromDoubles(c.x()));
            assertArrayEquals(Arrays.stream(generic).mapToDouble(Decimal64::getReal).toArray(), fast, 0,
                    c.field().toString());
        }
    }

    @Test
    void theDoublePathIsThe30DigitPathToItsRoundingError() {
        double largest = 0;
        for (Case c : cases()) {
            double ratio = errorOverTolerance(c, c.field());
            assertTrue(ratio <= 1, "double off the 30-digit path by " + ratio + " tolerances for " + c.field());
            largest = Math.max(largest, ratio);
        }
        // the bound is not vacuous: some case uses a visible share of it
        assertTrue(largest > 1e-3, "largest share of the tolerance " + largest);
    }

    /**
     * The comparison can fail: the same weights with the first output bias moved by 1e-4 (a relative 1e-6 to
     * 1e-9 of the terms of that output, far below anything a verdict would notice) are caught in every case.
     */
    @Test
    void aFieldOffByASmallOffsetIsCaught() {
        for (Case c : cases()) {
            double[] moved = c.b2().clone();
            moved[0] += 1e-4;
            FeedForward wrong = c.field().family().startsWith("mlp")
                    ? FeedForward.mlp(c.w1(), c.b1(), c.field().activation(), c.w2(), moved)
                    : FeedForward.fromWeights(c.field().tokens(), c.field().width(), c.field().activation(),
                            Map.of("w1", c.w1(), "w2", c.w2()), Map.of("b1", c.b1(), "b2", moved));
            assertTrue(errorOverTolerance(c, wrong) > 1, "not caught for " + c.field());
        }
    }

    /** |double path of {@code evaluated} - 30-digit path of the case's field| over the tolerance, the largest. */
    private static double errorOverTolerance(Case c, FeedForward evaluated) {
        double[] inDouble = new double[c.x().length];
        evaluated.evaluate(0, c.x(), inDouble);
        BinaryElement[] exact = c.field().evaluate(BINARY.zero(), BINARY.fromDoubles(c.x()));
        int width = c.w2().length;
        int hidden = c.w1().length;
        double slope = c.field().activation().lipschitz();
        double worst = 0;
        for (int token = 0; token < c.x().length / width; token++) {
            double[] unitError = new double[hidden];
            double[] unitSize = new double[hidden];
            for (int j = 0; j < hidden; j++) {
                double terms = Math.abs(c.b1()[j]);
                double z = c.b1()[j];
                for (int k = 0; k < width; k++) {
                    terms += Math.abs(c.w1()[j][k] * c.x()[token * width + k]);
                    z += c.w1()[j][k] * c.x()[token * width + k];
                }
                unitError[j] = slope * (width + 1) * U * terms + 8 * U * (1 + Math.abs(z));
                unitSize[j] = Math.abs(c.field().activation().apply(z));
            }
            for (int i = 0; i < width; i++) {
                double terms = Math.abs(c.b2()[i]);
                double propagated = 0;
                for (int j = 0; j < hidden; j++) {
                    terms += Math.abs(c.w2()[i][j]) * (unitSize[j] + unitError[j]);
                    propagated += Math.abs(c.w2()[i][j]) * unitError[j];
                }
                double tolerance = (hidden + 1) * U * terms + propagated;
                double error = Math.abs(exact[token * width + i].subtract(BINARY.fromDouble(inDouble[token * width + i]))
                        .getReal());
                worst = Math.max(worst, error / tolerance);
            }
        }
        return worst;
    }

    private static double[][] matrix(int rows, int columns, Random random) {
        double[][] m = new double[rows][columns];
        for (double[] row : m) {
            for (int c = 0; c < columns; c++) {
                row[c] = WEIGHT * (2 * random.nextDouble() - 1);
            }
        }
        return m;
    }

    private static double[] state(int length, Random random) {
        double[] x = new double[length];
        for (int i = 0; i < length; i++) {
            x[i] = STATE * (2 * random.nextDouble() - 1);
        }
        return x;
    }
}
