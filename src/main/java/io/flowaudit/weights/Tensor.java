package io.flowaudit.weights;

import java.util.Arrays;
import java.util.Objects;

/**
 * A named tensor of one {@link DType}, row-major, holding exactly the numbers a safetensors file of that
 * type stores: the factories round to the type, and tensors read from a file hold the exact widening
 * of the stored numbers. Immutable: accessors hand out copies.
 */
public final class Tensor {

    private static final long SATURATED_SIZE = 1L << 31;

    private final String name;
    private final DType dtype;
    private final int[] shape;
    private final double[] values;

    /** Takes ownership of the arrays; the values must already be representable in {@code dtype}. */
    Tensor(String name, DType dtype, int[] shape, double[] values) {
        this.name = Objects.requireNonNull(name, "name");
        this.dtype = Objects.requireNonNull(dtype, "dtype");
        long size = 1;
        for (int extent : shape) {
            if (extent < 0) {
                throw new IllegalArgumentException("tensor '" + name + "': negative extent in shape "
                        + Arrays.toString(shape));
            }
            // Saturating beyond any array length keeps the product from overflowing; a later 0 still counts.
            size = Math.min(size * extent, SATURATED_SIZE);
        }
        if (size != values.length) {
            throw new IllegalArgumentException("tensor '" + name + "': shape " + Arrays.toString(shape)
                    + " does not hold " + values.length + " values");
        }
        this.shape = shape;
        this.values = values;
    }

    /** A tensor of the given shape (row-major values), each value rounded to {@code dtype}. */
    public static Tensor of(String name, DType dtype, int[] shape, double[] values) {
        double[] rounded = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            rounded[i] = dtype.round(values[i]);
        }
        return new Tensor(name, dtype, shape.clone(), rounded);
    }

    /** A rank-1 tensor, each value rounded to {@code dtype}. */
    public static Tensor vector(String name, DType dtype, double[] values) {
        return of(name, dtype, new int[] {values.length}, values);
    }

    /** A rank-2 tensor from rectangular rows, each value rounded to {@code dtype}. */
    public static Tensor matrix(String name, DType dtype, double[][] rows) {
        int columns = rows.length == 0 ? 0 : rows[0].length;
        double[] values = new double[Math.multiplyExact(rows.length, columns)];
        for (int row = 0; row < rows.length; row++) {
            if (rows[row].length != columns) {
                throw new IllegalArgumentException("tensor '" + name + "': row " + row + " has "
                        + rows[row].length + " entries, row 0 has " + columns);
            }
            System.arraycopy(rows[row], 0, values, row * columns, columns);
        }
        return of(name, dtype, new int[] {rows.length, columns}, values);
    }

    public String name() {
        return name;
    }

    public DType dtype() {
        return dtype;
    }

    public int[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    /** The number of elements: the product of the shape (1 for a scalar). */
    public int size() {
        return values.length;
    }

    /** All elements in row-major order. */
    public double[] values() {
        return values.clone();
    }

    /** The element at a full index, one coordinate per dimension. */
    public double get(int... index) {
        if (index.length != shape.length) {
            throw new IllegalArgumentException("tensor '" + name + "' has rank " + shape.length + ", got "
                    + index.length + " coordinates");
        }
        int offset = 0;
        for (int axis = 0; axis < shape.length; axis++) {
            if (index[axis] < 0 || index[axis] >= shape[axis]) {
                throw new IndexOutOfBoundsException("index " + Arrays.toString(index) + " is outside tensor '"
                        + name + "' of shape " + Arrays.toString(shape));
            }
            offset = offset * shape[axis] + index[axis];
        }
        return values[offset];
    }

    /** Row {@code row} of a rank-2 tensor as a fresh array: one row of a table without copying the whole. */
    public double[] row(int row) {
        requireRank(2, "a matrix");
        if (row < 0 || row >= shape[0]) {
            throw new IndexOutOfBoundsException("row " + row + " is outside tensor '" + name + "' of shape "
                    + Arrays.toString(shape));
        }
        return Arrays.copyOfRange(values, row * shape[1], (row + 1) * shape[1]);
    }

    /** A rank-1 tensor as a fresh array. */
    public double[] toVector() {
        requireRank(1, "a vector");
        return values.clone();
    }

    /** A rank-2 tensor as fresh rows. */
    public double[][] toMatrix() {
        requireRank(2, "a matrix");
        double[][] rows = new double[shape[0]][];
        for (int row = 0; row < rows.length; row++) {
            rows[row] = Arrays.copyOfRange(values, row * shape[1], (row + 1) * shape[1]);
        }
        return rows;
    }

    private void requireRank(int rank, String what) {
        if (shape.length != rank) {
            throw new IllegalStateException("tensor '" + name + "' has shape " + Arrays.toString(shape)
                    + ", not " + what);
        }
    }

    /** Equal name, type, shape and values; values compare as {@link Double#equals} does (NaN equals NaN). */
    @Override
    public boolean equals(Object other) {
        return other instanceof Tensor
                && name.equals(((Tensor) other).name)
                && dtype == ((Tensor) other).dtype
                && Arrays.equals(shape, ((Tensor) other).shape)
                && Arrays.equals(values, ((Tensor) other).values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, dtype, Arrays.hashCode(shape), Arrays.hashCode(values));
    }

    @Override
    public String toString() {
        return name + " " + dtype + " " + Arrays.toString(shape);
    }
}
