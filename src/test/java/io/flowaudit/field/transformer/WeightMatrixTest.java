package io.flowaudit.field.transformer;

import io.flowaudit.field.DepthQuadratic;
import io.flowaudit.field.MatrixBounds;
import io.flowaudit.field.WeightMatrix;
import static io.flowaudit.field.transformer.PlainDouble.randomMatrix;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Certified norms of depth-varying weights bound every sampled value, and are not absurdly loose. */
class WeightMatrixTest {

    private static double[] times(double[][] m, double[] x) {
        double[] out = new double[m.length];
        for (int r = 0; r < m.length; r++) {
            for (int c = 0; c < x.length; c++) {
                out[r] += m[r][c] * x[c];
            }
        }
        return out;
    }

    @Test
    void supremumOverDepthBoundsEveryDepth() {
        Random random = new Random(1);
        for (int trial = 0; trial < 20; trial++) {
            WeightMatrix w = WeightMatrix.affine(randomMatrix(3, 4, random), randomMatrix(3, 4, random));
            double horizon = 2 * random.nextDouble();
            double sup = w.supNorm(horizon);
            double largest = 0;
            for (int step = 0; step <= 50; step++) {
                largest = Math.max(largest, PlainDouble.spectralNorm(w.at(horizon * step / 50)));
            }
            assertTrue(largest <= sup, "sampled " + largest + " above certified " + sup);
            assertTrue(sup <= largest * (1 + 1e-7), "the end-point bound is exact up to the margin");
        }
    }

    @Test
    void productBoundsHoldAtEveryDepth() {
        Random random = new Random(2);
        for (int trial = 0; trial < 20; trial++) {
            WeightMatrix a = WeightMatrix.affine(randomMatrix(3, 2, random), randomMatrix(3, 2, random));
            WeightMatrix b = WeightMatrix.affine(randomMatrix(2, 3, random), randomMatrix(2, 3, random));
            DepthQuadratic product = WeightMatrix.product(a, b);
            double horizon = 1.5;
            for (int step = 0; step <= 30; step++) {
                double t = horizon * step / 30;
                double[][] at = multiply(a.at(t), b.at(t));
                assertTrue(PlainDouble.spectralNorm(at) <= product.supNorm(horizon));
                assertTrue(PlainDouble.logarithmicNorm(at) <= product.supLogarithmicNorm(horizon));
                double h = 1e-6;
                double[][] ahead = multiply(a.at(t + h), b.at(t + h));
                double[][] rate = new double[3][3];
                for (int r = 0; r < 3; r++) {
                    for (int c = 0; c < 3; c++) {
                        rate[r][c] = (ahead[r][c] - at[r][c]) / h;
                    }
                }
                assertTrue(PlainDouble.spectralNorm(rate) <= product.supSlopeNorm(horizon) * (1 + 1e-4));
            }
        }
    }

    @Test
    void constantWeightsHaveExactNormsAndNoSlope() {
        double[][] w = {{3, 0}, {0, -2}};
        WeightMatrix constant = WeightMatrix.constant(w);
        assertTrue(constant.isConstant());
        assertEquals(0, constant.slopeNorm());
        assertEquals(3, constant.supNorm(10), 3e-7);
        assertTrue(constant.supNorm(10) >= 3);
        double[] x = {0.3, -0.7};
        assertTrue(PlainDouble.norm(times(w, x)) <= constant.supNorm(1) * PlainDouble.norm(x));
        assertEquals(-2, MatrixBounds.logarithmicNorm(new double[][] {{-2, 1}, {-1, -2}}, 3), 1e-7);
    }

    private static double[][] multiply(double[][] a, double[][] b) {
        double[][] out = new double[a.length][b[0].length];
        for (int r = 0; r < a.length; r++) {
            for (int c = 0; c < b[0].length; c++) {
                for (int k = 0; k < b.length; k++) {
                    out[r][c] += a[r][k] * b[k][c];
                }
            }
        }
        return out;
    }
}
