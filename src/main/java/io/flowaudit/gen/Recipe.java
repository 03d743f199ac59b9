package io.flowaudit.gen;

import io.flowaudit.field.Activation;
import io.flowaudit.field.DoubleDraws;
import io.flowaudit.field.family.FamilyField;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;

/**
 * The shrinkable raw material of a generated field (a dimension, a shape, weights in [-1, 1]), and
 * the rule that turns it into a field of a chosen strength. Raw weights shrink toward 0; the built
 * field's matrices are normalized to spectral norm 1 and scaled, so shrinking simplifies the entries
 * without changing the requested constant. Each family's own recipe is part of its arbitrary
 * ({@link DefaultAffineFieldArbitrary}, {@link DefaultMlpFieldArbitrary}); the composite families draw
 * theirs as {@link #component}s.
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

    /**
     * {@code count} raw weights in [-1, 1] (two decimals), each shrinking toward 0. The only edge case
     * is all zeros, the simplest matrix of each shape (K I, E_11, ...): combinations of per-entry edge
     * values would crowd out the edge cases that matter (D, K, mu).
     */
    static Arbitrary<double[]> weights(int count) {
        return DoubleDraws.between(-1, 1).list().ofSize(count)
                .edgeCases(edgeCases -> edgeCases.filter(list -> list.stream().allMatch(w -> w == 0)))
                .map(list -> list.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** Either kind of component of a composite family, linear first (so shrinking prefers a linear one). */
    static Arbitrary<Recipe> component(int dimension, boolean linear, boolean mlp) {
        List<Arbitrary<? extends Recipe>> kinds = new ArrayList<>();
        if (linear) {
            kinds.add(DefaultAffineFieldArbitrary.recipes(dimension, List.of(LinearShape.values()), false));
        }
        if (mlp) {
            kinds.add(DefaultMlpFieldArbitrary.recipes(dimension, 1, 4, Activation.bounded()));
        }
        return Arbitraries.oneOf(kinds);
    }
}
