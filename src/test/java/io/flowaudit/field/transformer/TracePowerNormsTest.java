package io.flowaudit.field.transformer;

import static io.flowaudit.field.transformer.PlainDouble.randomMatrix;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.junit.jupiter.api.Test;

/**
 * The trace-power spectral norms against commons-math3's SVD: never below the SVD's value (which is within
 * 10^-13 relative of the true norm for these sizes, so 10^-12 below it would be a real underestimate), and at most
 * the proved overestimate r^{1/512} above it.
 */
class TracePowerNormsTest {

    private static double svdNorm(double[][] a) {
        return new SingularValueDecomposition(MatrixUtils.createRealMatrix(a)).getNorm();
    }

    private static void assertBounds(double bound, double exact, int r) {
        assertTrue(bound >= exact * (1 - 1e-12), "bound " + bound + " below the norm " + exact);
        assertTrue(bound <= exact * Math.pow(r, 1.0 / 512) * (1 + 1e-9), "bound " + bound + " above the proved"
                + " overestimate of the norm " + exact);
    }

    @Test
    void singleMatricesOfEveryShape() {
        Random random = new Random(7);
        for (int[] shape : new int[][] {{1, 1}, {3, 7}, {7, 3}, {32, 32}, {40, 96}, {96, 40}}) {
            double[][] a = randomMatrix(shape[0], shape[1], random);
            assertBounds(TracePowerNorms.norm(a), svdNorm(a), Math.min(shape[0], shape[1]));
        }
    }

    @Test
    void productsThroughTheInnerWidth() {
        Random random = new Random(8);
        double[][] a = randomMatrix(64, 8, random);
        double[][] b = randomMatrix(8, 48, random);
        RealMatrix product = MatrixUtils.createRealMatrix(a).multiply(MatrixUtils.createRealMatrix(b));
        assertBounds(TracePowerNorms.productNorm(a, b), svdNorm(product.getData()), 8);
    }

    /** Equal singular values are the worst case: the bound is then the norm times r^{1/512}, nearly attained. */
    @Test
    void equalSingularValuesAreTheWorstCase() {
        int r = 16;
        double[][] identity = MatrixUtils.createRealIdentityMatrix(r).scalarMultiply(3).getData();
        double bound = TracePowerNorms.norm(identity);
        assertEquals(3 * Math.pow(r, 1.0 / 512), bound, 1e-9);
    }

    @Test
    void hugeAndTinyScalesNeitherOverflowNorUnderflow() {
        Random random = new Random(9);
        double[][] a = randomMatrix(20, 30, random);
        for (double scale : new double[] {1e-120, 1e120}) {
            double[][] scaled = new double[20][30];
            for (int i = 0; i < 20; i++) {
                for (int k = 0; k < 30; k++) {
                    scaled[i][k] = a[i][k] * scale;
                }
            }
            assertBounds(TracePowerNorms.norm(scaled), svdNorm(scaled), 20);
        }
        assertEquals(0, TracePowerNorms.norm(new double[5][6]));
    }
}
