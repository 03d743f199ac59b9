package io.flowaudit.gen;

import io.flowaudit.field.family.FamilyField;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;

/**
 * The shrinkable raw material of a generated field (a dimension, a shape, weights in [-1, 1]), and
 * the rule that turns it into a field of a chosen strength. Raw weights shrink toward 0; the built
 * field's matrices are normalized to spectral norm 1 and scaled, so shrinking simplifies the entries
 * without changing the requested constant.
 */
interface Recipe {

    int dimension();

    /**
     * The field with its weight matrices scaled so that its certified K is {@code scale} up to the
     * outward rounding (a relative 1e-10); a negative scale flips the sign of the scaled matrix.
     */
    FamilyField build(double scale);

    /**
     * {@code raw} (row-major, rows x columns) divided by its computed spectral norm; an all-zero
     * {@code raw} (what shrinking ends at) becomes {@code E_11}, the simplest matrix of norm 1.
     */
    static double[][] unitNorm(double[] raw, int rows, int columns) {
        double[][] matrix = new double[rows][columns];
        boolean zero = true;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < columns; j++) {
                matrix[i][j] = raw[i * columns + j];
                zero &= matrix[i][j] == 0;
            }
        }
        if (zero) {
            matrix[0][0] = 1;
            return matrix;
        }
        return scaled(matrix, 1 / new SingularValueDecomposition(new Array2DRowRealMatrix(matrix, false)).getNorm());
    }

    static double[][] scaled(double[][] matrix, double factor) {
        double[][] out = new double[matrix.length][];
        for (int i = 0; i < matrix.length; i++) {
            out[i] = matrix[i].clone();
            for (int j = 0; j < out[i].length; j++) {
                out[i][j] *= factor;
            }
        }
        return out;
    }
}
