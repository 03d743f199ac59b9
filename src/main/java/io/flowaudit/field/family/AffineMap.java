package io.flowaudit.field.family;

import io.flowaudit.field.MatrixBounds;
import io.flowaudit.field.Outward;
import io.flowaudit.num.Scalars;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.Field;
import org.apache.commons.math3.RealFieldElement;
import org.apache.commons.math3.util.MathArrays;

/**
 * {@code x -> W x + b}, the building block of every family here, with its certified norms. The
 * generic and the double path accumulate in the same order ({@code b_i}, then {@code + w_ij x_j} for
 * j = 1..n), so in double they produce identical bits.
 */
final class AffineMap {

    private final int rows;
    private final int columns;
    /** Row-major, so the fast path reads memory in order. */
    private final double[] weights;
    private final double[] bias;
    private final double spectralNorm;
    private final double biasNorm;
    /**
     * The weights in the number system of the last generic evaluation. A layer stack evaluates one
     * field thousands of times in one system, and converting a double to apfloat costs about as much
     * as the multiplication it feeds. Immutable, so a racing thread at worst converts twice.
     */
    private volatile ConvertedWeights<?> constants;

    private record ConvertedWeights<T>(Field<T> field, T[] weights, T[] bias) {
    }

    AffineMap(double[][] weights, double[] bias) {
        this.rows = weights.length;
        if (rows == 0 || weights[0].length == 0) {
            throw new IllegalArgumentException("a weight matrix needs at least one row and one column");
        }
        this.columns = weights[0].length;
        if (bias.length != rows) {
            throw new IllegalArgumentException("bias has " + bias.length + " entries, expected " + rows);
        }
        this.weights = new double[rows * columns];
        for (int i = 0; i < rows; i++) {
            if (weights[i].length != columns) {
                throw new IllegalArgumentException("weight row " + i + " has " + weights[i].length
                        + " entries, expected " + columns);
            }
            System.arraycopy(weights[i], 0, this.weights, i * columns, columns);
        }
        this.bias = bias.clone();
        requireFinite(this.weights, "weight");
        requireFinite(this.bias, "bias");
        this.spectralNorm = MatrixBounds.spectralNorm(weights);
        this.biasNorm = Outward.norm(bias);
    }

    private static void requireFinite(double[] values, String what) {
        for (double value : values) {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException(what + " " + value + " is not a finite number");
            }
        }
    }

    int rows() {
        return rows;
    }

    int columns() {
        return columns;
    }

    /** A certified upper bound of {@code ||W||_2}. */
    double spectralNorm() {
        return spectralNorm;
    }

    /** A certified upper bound of {@code |b|}. */
    double biasNorm() {
        return biasNorm;
    }

    /** Whether an output depends on input {@code j}: its column of weights is not zero. */
    boolean reads(int j) {
        for (int i = 0; i < rows; i++) {
            if (weights[i * columns + j] != 0) {
                return true;
            }
        }
        return false;
    }

    /** This map without input {@code j}. */
    AffineMap withoutInput(int j) {
        double[][] kept = new double[rows][];
        double[][] all = weights();
        for (int i = 0; i < rows; i++) {
            kept[i] = without(all[i], j);
        }
        return new AffineMap(kept, bias);
    }

    /** This map without output {@code i}. */
    AffineMap withoutOutput(int i) {
        double[][] all = weights();
        double[][] kept = new double[rows - 1][];
        for (int r = 0, k = 0; r < rows; r++) {
            if (r != i) {
                kept[k++] = all[r];
            }
        }
        return new AffineMap(kept, without(bias, i));
    }

    private static double[] without(double[] values, int index) {
        double[] out = new double[values.length - 1];
        for (int i = 0, j = 0; i < values.length; i++) {
            if (i != index) {
                out[j++] = values[i];
            }
        }
        return out;
    }

    double[][] weights() {
        double[][] copy = new double[rows][];
        for (int i = 0; i < rows; i++) {
            copy[i] = Arrays.copyOfRange(weights, i * columns, (i + 1) * columns);
        }
        return copy;
    }

    double[] bias() {
        return bias.clone();
    }

    double[] column(int j) {
        double[] column = new double[rows];
        for (int i = 0; i < rows; i++) {
            column[i] = weights[i * columns + j];
        }
        return column;
    }

    double[] row(int i) {
        return Arrays.copyOfRange(weights, i * columns, (i + 1) * columns);
    }

    <T extends RealFieldElement<T>> T[] apply(T[] x) {
        ConvertedWeights<T> in = constantsLike(x[0]);
        T[] out = MathArrays.buildArray(in.field(), rows);
        for (int i = 0; i < rows; i++) {
            T sum = in.bias()[i];
            int offset = i * columns;
            for (int j = 0; j < columns; j++) {
                sum = sum.add(x[j].multiply(in.weights()[offset + j]));
            }
            out[i] = sum;
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private <T extends RealFieldElement<T>> ConvertedWeights<T> constantsLike(T like) {
        ConvertedWeights<?> cached = constants;
        if (cached != null && cached.field() == like.getField()) {
            return (ConvertedWeights<T>) cached;
        }
        ConvertedWeights<T> converted = new ConvertedWeights<>(like.getField(), convert(like, weights), convert(like, bias));
        constants = converted;
        return converted;
    }

    private static <T extends RealFieldElement<T>> T[] convert(T like, double[] values) {
        T[] out = MathArrays.buildArray(like.getField(), values.length);
        for (int i = 0; i < values.length; i++) {
            out[i] = Scalars.constant(like, values[i]);
        }
        return out;
    }

    void apply(double[] x, double[] out) {
        for (int i = 0; i < rows; i++) {
            double sum = bias[i];
            int offset = i * columns;
            for (int j = 0; j < columns; j++) {
                sum += x[j] * weights[offset + j];
            }
            out[i] = sum;
        }
    }

    List<List<Double>> weightLists() {
        List<List<Double>> lists = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            lists.add(vectorList(row(i)));
        }
        return List.copyOf(lists);
    }

    List<Double> biasList() {
        return vectorList(bias);
    }

    static List<Double> vectorList(double[] values) {
        List<Double> list = new ArrayList<>(values.length);
        for (double value : values) {
            list.add(value);
        }
        return List.copyOf(list);
    }
}
