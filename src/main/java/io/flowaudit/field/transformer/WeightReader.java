package io.flowaudit.field.transformer;

import io.flowaudit.field.WeightMatrix;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Reads a layer's weights from plain arrays keyed by role ({@code wq}, {@code b1}, ...), as a loader of
 * a real checkpoint provides them, checking every shape. A role {@code r} may come with {@code r.slope},
 * making the weight depth-varying: {@code W(t) = r + t·r.slope}. Matrices act on column vectors, shape
 * rows x columns = output x input (the PyTorch {@code Linear.weight} layout).
 */
final class WeightReader {

    private static final String SLOPE = ".slope";

    private final String owner;
    private final Map<String, double[][]> matrices;
    private final Map<String, double[]> vectors;
    private final List<String> read = new ArrayList<>();

    WeightReader(String owner, Map<String, double[][]> matrices, Map<String, double[]> vectors) {
        this.owner = owner;
        this.matrices = Map.copyOf(matrices);
        this.vectors = Map.copyOf(vectors);
    }

    /** The number of rows of a required matrix, before its full shape is known. */
    int rowsOf(String role) {
        return require(role).length;
    }

    /** A required matrix of the given shape; {@code shape} explains the expected dimensions. */
    WeightMatrix matrix(String role, int rows, int columns, String shape) {
        double[][] atZero = require(role);
        checkShape(role, atZero, rows, columns, shape);
        read.add(role);
        double[][] slope = matrices.get(role + SLOPE);
        if (slope == null) {
            return wrap(role, () -> WeightMatrix.constant(atZero));
        }
        checkShape(role + SLOPE, slope, rows, columns, shape);
        read.add(role + SLOPE);
        return wrap(role, () -> WeightMatrix.affine(atZero, slope));
    }

    /** An optional matrix; {@code absent} when the role is missing. */
    WeightMatrix matrixOr(String role, int rows, int columns, String shape, WeightMatrix absent) {
        return matrices.containsKey(role) ? matrix(role, rows, columns, shape) : absent;
    }

    /** A vector of the given length, zero when missing (biases are optional). */
    WeightMatrix vectorOrZero(String role, int length) {
        return vectorOr(role, length, new double[length]);
    }

    /** A vector of the given length, {@code absent} when missing. */
    WeightMatrix vectorOr(String role, int length, double[] absent) {
        double[] atZero = vectors.getOrDefault(role, absent);
        checkLength(role, atZero, length);
        if (vectors.containsKey(role)) {
            read.add(role);
        }
        double[] slope = vectors.get(role + SLOPE);
        if (slope == null) {
            return wrap(role, () -> WeightMatrix.vector(atZero));
        }
        checkLength(role + SLOPE, slope, length);
        read.add(role + SLOPE);
        return wrap(role, () -> WeightMatrix.vector(atZero, slope));
    }

    /**
     * A vector that does not vary with depth, of the length of {@code absent}, which it defaults to; a
     * {@code .slope} for it is left unread and so rejected by {@link #requireAllRead}.
     */
    double[] constantVectorOr(String role, double[] absent) {
        double[] v = vectors.getOrDefault(role, absent);
        checkLength(role, v, absent.length);
        if (vectors.containsKey(role)) {
            read.add(role);
        }
        return v;
    }

    /** Rejects roles nobody read: a misspelt key must not be silently ignored. */
    void requireAllRead() {
        TreeSet<String> unknown = new TreeSet<>(matrices.keySet());
        unknown.addAll(vectors.keySet());
        unknown.removeAll(read);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(owner + ": unknown weight role(s) " + unknown + "; expected "
                    + String.join(", ", read));
        }
    }

    private double[][] require(String role) {
        double[][] w = matrices.get(role);
        if (w == null) {
            throw new IllegalArgumentException(owner + ": missing weight '" + role + "'");
        }
        if (w.length == 0) {
            throw new IllegalArgumentException(owner + ": weight '" + role + "' has no rows");
        }
        return w;
    }

    private void checkShape(String role, double[][] w, int rows, int columns, String shape) {
        boolean rectangular = true;
        for (double[] row : w) {
            rectangular &= row.length == columns;
        }
        if (w.length != rows || !rectangular) {
            throw new IllegalArgumentException(owner + ": weight '" + role + "' must be " + rows + " x " + columns
                    + " (" + shape + "), got " + describe(w));
        }
    }

    private void checkLength(String role, double[] v, int length) {
        if (v.length != length) {
            throw new IllegalArgumentException(owner + ": vector '" + role + "' must have length " + length
                    + ", got " + v.length);
        }
    }

    private WeightMatrix wrap(String role, Supplier<WeightMatrix> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(owner + ": weight '" + role + "': " + e.getMessage(), e);
        }
    }

    private static String describe(double[][] w) {
        for (double[] row : w) {
            if (row.length != w[0].length) {
                return w.length + " rows of differing lengths";
            }
        }
        return w.length + " x " + w[0].length;
    }
}
