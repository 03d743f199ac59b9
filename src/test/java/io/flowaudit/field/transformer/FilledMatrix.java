package io.flowaudit.field.transformer;

import java.util.Arrays;

/** A weight matrix of one value in every entry, for tests that build attention from edge-case weights. */
public final class FilledMatrix {

    private FilledMatrix() {
    }

    public static double[][] filled(int rows, int columns, double value) {
        double[][] matrix = new double[rows][columns];
        for (double[] row : matrix) {
            Arrays.fill(row, value);
        }
        return matrix;
    }
}
