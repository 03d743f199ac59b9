package io.flowaudit.field;

import io.flowaudit.num.Scalars;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.Field;
import org.apache.commons.math3.RealFieldElement;
import org.apache.commons.math3.util.MathArrays;

/**
 * The one matrix type of every field: a weight affine in depth, {@code W(t) = W0 + t·W1}. A constant
 * weight (every classic family's, the catalogue's attention and FFN) has {@code W1 = 0}; a bias or
 * LayerNorm vector is a matrix of one column. Immutable.
 *
 * <p>Its certified norms use that {@code t -> ||W0 + t W1||} is convex, so its supremum over
 * {@code [0, T]} is attained at an end point: {@code max(||W0||, ||W0 + T W1||)}.
 *
 * <p>The generic and the double path compute {@code W(t) v} with the same operations in the same order,
 * so in double they give the same bits.
 */
public final class WeightMatrix {

    private final double[][] atZero;
    private final double[][] slope;
    private final boolean constant;
    private final boolean vector;
    /**
     * {@code W0} and {@code W1} in the number system of the last generic evaluation. A layer stack
     * evaluates one field thousands of times in one system, and converting a double to apfloat costs
     * about as much as the multiplication it feeds. Immutable, so a racing thread at worst converts twice.
     */
    private volatile Converted<?> converted;

    private record Converted<T>(Field<T> field, T[][] atZero, T[][] slope) {
    }

    private WeightMatrix(double[][] atZero, double[][] slope, boolean vector) {
        this.atZero = atZero;
        this.slope = slope;
        this.vector = vector;
        boolean zeroSlope = true;
        for (double[] row : slope) {
            for (double entry : row) {
                zeroSlope &= entry == 0;
            }
        }
        this.constant = zeroSlope;
    }

    /** {@code W(t) = w} for every t. */
    public static WeightMatrix constant(double[][] w) {
        double[][] atZero = copyOf(w, "weight");
        return new WeightMatrix(atZero, zeroSlope(atZero.length, atZero[0].length), false);
    }

    /**
     * A zero slope whose rows are one shared array (no slope is ever written): a checkpoint layer's 384 x 1536 weights
     * then take no second matrix of zeros, which were a quarter of what a depth-refinement claim allocated.
     */
    private static double[][] zeroSlope(int rows, int columns) {
        double[][] zero = new double[rows][];
        Arrays.fill(zero, new double[columns]);
        return zero;
    }

    /** {@code W(t) = atZero + t·slope}; both must have the same shape and finite entries. */
    public static WeightMatrix affine(double[][] atZero, double[][] slope) {
        double[][] w0 = copyOf(atZero, "weight");
        double[][] w1 = copyOf(slope, "slope");
        if (w0.length != w1.length || w0[0].length != w1[0].length) {
            throw new IllegalArgumentException("slope must have the shape of its weight, " + w0.length + " x "
                    + w0[0].length + ", got " + w1.length + " x " + w1[0].length);
        }
        return new WeightMatrix(w0, w1, false);
    }

    /** A vector {@code b(t) = atZero + t·slope}, stored as one column. */
    public static WeightMatrix vector(double[] atZero, double[] slope) {
        if (atZero.length != slope.length) {
            throw new IllegalArgumentException("slope must have the length of its vector, " + atZero.length
                    + ", got " + slope.length);
        }
        double[][] w0 = new double[atZero.length][1];
        double[][] w1 = new double[atZero.length][1];
        for (int i = 0; i < atZero.length; i++) {
            w0[i][0] = atZero[i];
            w1[i][0] = slope[i];
        }
        return new WeightMatrix(copyOf(w0, "vector"), copyOf(w1, "slope"), true);
    }

    public static WeightMatrix vector(double[] w) {
        return vector(w, new double[w.length]);
    }

    /** A constant bias {@code b} for the rows of {@code weight}, refused unless it has one entry per row. */
    public static WeightMatrix biasOf(WeightMatrix weight, double[] b) {
        if (b.length != weight.rows()) {
            throw new IllegalArgumentException("bias has " + b.length + " entries, expected " + weight.rows());
        }
        return vector(b);
    }

    public static WeightMatrix identity(int size) {
        double[][] w = new double[size][size];
        for (int i = 0; i < size; i++) {
            w[i][i] = 1;
        }
        return constant(w);
    }

    public int rows() {
        return atZero.length;
    }

    public int columns() {
        return atZero[0].length;
    }

    /** True when {@code W1 = 0}. */
    public boolean isConstant() {
        return constant;
    }

    /** {@code W(t)} in the number system of {@code t}; weights enter as constants of that system. Read only. */
    public <T extends RealFieldElement<T>> T[][] at(T t) {
        Converted<T> in = convertedLike(t);
        if (constant) {
            return in.atZero();
        }
        T[][] w = MathArrays.buildArray(t.getField(), rows(), columns());
        for (int r = 0; r < rows(); r++) {
            for (int c = 0; c < columns(); c++) {
                // a zero slope adds nothing; skipping it keeps Taylor tapes of constant weights short
                w[r][c] = slope[r][c] == 0 ? in.atZero()[r][c] : in.atZero()[r][c].add(t.multiply(in.slope()[r][c]));
            }
        }
        return w;
    }

    @SuppressWarnings("unchecked")
    private <T extends RealFieldElement<T>> Converted<T> convertedLike(T like) {
        Converted<?> cached = converted;
        if (cached != null && cached.field() == like.getField()) {
            return (Converted<T>) cached;
        }
        Converted<T> fresh = new Converted<>(like.getField(), convert(like, atZero), convert(like, slope));
        converted = fresh;
        return fresh;
    }

    private static <T extends RealFieldElement<T>> T[][] convert(T like, double[][] values) {
        T[][] out = MathArrays.buildArray(like.getField(), values.length, values[0].length);
        for (int r = 0; r < values.length; r++) {
            for (int c = 0; c < values[0].length; c++) {
                out[r][c] = Scalars.constant(like, values[r][c]);
            }
        }
        return out;
    }

    /** {@code W(t)} in double, the same operations as {@link #at(RealFieldElement)}. Read only. */
    public double[][] at(double t) {
        if (constant) {
            return atZero;
        }
        double[][] w = new double[rows()][columns()];
        for (int r = 0; r < rows(); r++) {
            for (int c = 0; c < columns(); c++) {
                w[r][c] = slope[r][c] == 0 ? atZero[r][c] : atZero[r][c] + t * slope[r][c];
            }
        }
        return w;
    }

    /**
     * {@code W(t) v} for each of the n vectors (tokens, hidden states) of a flat array, which holds n
     * vectors of length {@link #columns()}; the result holds n vectors of length {@link #rows()}.
     */
    public <T extends RealFieldElement<T>> T[] applyToEach(T t, T[] flat, int n) {
        return applyToEach(t, flat, n, null);
    }

    /**
     * {@code b(t) + W(t) v} for each of the n vectors, each sum started at the bias entry and then adding
     * {@code w_rc v_c} for c = 1..columns; without a bias ({@code null}) started at the first product.
     */
    public <T extends RealFieldElement<T>> T[] applyToEach(T t, T[] flat, int n, WeightMatrix bias) {
        T[][] w = at(t);
        T[][] b = bias == null ? null : bias.at(t);
        int columns = columns();
        T[] out = MathArrays.buildArray(t.getField(), n * rows());
        for (int i = 0; i < n; i++) {
            for (int r = 0; r < rows(); r++) {
                T first = w[r][0].multiply(flat[i * columns]);
                T sum = b == null ? first : b[r][0].add(first);
                for (int c = 1; c < columns; c++) {
                    sum = sum.add(w[r][c].multiply(flat[i * columns + c]));
                }
                out[i * rows() + r] = sum;
            }
        }
        return out;
    }

    /** {@link #applyToEach(RealFieldElement, RealFieldElement[], int)} in double. */
    public double[] applyToEach(double t, double[] flat, int n) {
        double[] out = new double[n * rows()];
        applyToEach(t, flat, n, null, out);
        return out;
    }

    /** The same into {@code out}. */
    public void applyToEach(double t, double[] flat, int n, double[] out) {
        applyToEach(t, flat, n, null, out);
    }

    /** {@link #applyToEach(RealFieldElement, RealFieldElement[], int, WeightMatrix)} in double, into {@code out}. */
    public void applyToEach(double t, double[] flat, int n, WeightMatrix bias, double[] out) {
        double[][] w = at(t);
        double[][] b = bias == null ? null : bias.at(t);
        int columns = columns();
        int i = 0;
        for (; i + 4 <= n; i += 4) {
            applyToFour(w, b, flat, i, out);
        }
        for (; i < n; i++) {
            for (int r = 0; r < w.length; r++) {
                double[] row = w[r];
                double first = row[0] * flat[i * columns];
                double sum = b == null ? first : b[r][0] + first;
                for (int c = 1; c < columns; c++) {
                    sum += row[c] * flat[i * columns + c];
                }
                out[i * w.length + r] = sum;
            }
        }
    }

    /**
     * The double path for vectors {@code i..i+3} at once, each sum with the operations and order of the one-vector
     * loop: eight independent sums (two rows, four vectors) let the processor overlap their additions (one sum waits
     * for each addition before the next), and each entry of W is read once for four vectors. Same bits, a fraction
     * of the time on the checkpoint's 384 x 1536 layers.
     */
    private static void applyToFour(double[][] w, double[][] b, double[] flat, int i, double[] out) {
        int r = 0;
        for (; r + 2 <= w.length; r += 2) {
            applyRowsToFour(w, b, flat, i, r, r + 1, out);
        }
        if (r < w.length) {
            applyRowsToFour(w, b, flat, i, r, r, out);
        }
    }

    /** Rows {@code r} and {@code q} (the same row when one is left) of {@link #applyToFour}. */
    private static void applyRowsToFour(double[][] w, double[][] b, double[] flat, int i, int r, int q, double[] out) {
        int columns = w[0].length;
        int v0 = i * columns;
        int v1 = v0 + columns;
        int v2 = v1 + columns;
        int v3 = v2 + columns;
        double[] row = w[r];
        double[] other = w[q];
        double s0 = row[0] * flat[v0];
        double s1 = row[0] * flat[v1];
        double s2 = row[0] * flat[v2];
        double s3 = row[0] * flat[v3];
        double t0 = other[0] * flat[v0];
        double t1 = other[0] * flat[v1];
        double t2 = other[0] * flat[v2];
        double t3 = other[0] * flat[v3];
        if (b != null) {
            s0 = b[r][0] + s0;
            s1 = b[r][0] + s1;
            s2 = b[r][0] + s2;
            s3 = b[r][0] + s3;
            t0 = b[q][0] + t0;
            t1 = b[q][0] + t1;
            t2 = b[q][0] + t2;
            t3 = b[q][0] + t3;
        }
        for (int c = 1; c < columns; c++) {
            double x0 = flat[v0 + c];
            double x1 = flat[v1 + c];
            double x2 = flat[v2 + c];
            double x3 = flat[v3 + c];
            double entry = row[c];
            double otherEntry = other[c];
            s0 += entry * x0;
            s1 += entry * x1;
            s2 += entry * x2;
            s3 += entry * x3;
            t0 += otherEntry * x0;
            t1 += otherEntry * x1;
            t2 += otherEntry * x2;
            t3 += otherEntry * x3;
        }
        int rows = w.length;
        out[i * rows + r] = s0;
        out[(i + 1) * rows + r] = s1;
        out[(i + 2) * rows + r] = s2;
        out[(i + 3) * rows + r] = s3;
        out[i * rows + q] = t0;
        out[(i + 1) * rows + q] = t1;
        out[(i + 2) * rows + q] = t2;
        out[(i + 3) * rows + q] = t3;
    }

    /** An upper bound of {@code sup_{0 <= t <= T} ||W(t)||_2} (end points, by convexity). */
    public double supNorm(double horizon) {
        if (constant) {
            return MatrixBounds.spectralNorm(atZero);
        }
        double[][] atHorizon = new double[rows()][columns()];
        double[] roundings = new double[rows() * columns()];
        for (int r = 0; r < rows(); r++) {
            for (int c = 0; c < columns(); c++) {
                atHorizon[r][c] = atZero[r][c] + horizon * slope[r][c];
                // one product and one sum, each rounded to half an ulp of its magnitude
                roundings[r * columns() + c] = Outward.product(Outward.UNIT_ROUNDOFF,
                        Outward.sum(Math.abs(atZero[r][c]), Outward.product(2, Math.abs(horizon * slope[r][c]))));
            }
        }
        // the Frobenius norm of the rounding errors bounds their spectral norm
        return Math.max(MatrixBounds.spectralNorm(atZero),
                Outward.sum(MatrixBounds.spectralNorm(atHorizon), Outward.norm(roundings)));
    }

    /** An upper bound of {@code ||dW/dt||_2 = ||W1||_2}. */
    public double slopeNorm() {
        return MatrixBounds.spectralNorm(slope);
    }

    /** A copy of {@code W0}. */
    public double[][] atZero() {
        return copyOf(atZero, "weight");
    }

    /** A copy of the vector {@code b0} of a one-column weight. */
    public double[] vectorAtZero() {
        return columnAtZero(0);
    }

    /** Column {@code c} of {@code W0}. */
    public double[] columnAtZero(int c) {
        double[] column = new double[rows()];
        for (int r = 0; r < rows(); r++) {
            column[r] = atZero[r][c];
        }
        return column;
    }

    /** Row {@code r} of {@code W0}. */
    public double[] rowAtZero(int r) {
        return atZero[r].clone();
    }

    /** Whether {@code W(t) v} depends on input {@code c} at some depth: column c is not zero. */
    public boolean reads(int c) {
        for (int r = 0; r < rows(); r++) {
            if (atZero[r][c] != 0 || slope[r][c] != 0) {
                return true;
            }
        }
        return false;
    }

    /** This weight without row {@code r} (a vector without entry r). */
    public WeightMatrix withoutRow(int r) {
        return new WeightMatrix(withoutRow(atZero, r), withoutRow(slope, r), vector);
    }

    /** This weight without column {@code c}. */
    public WeightMatrix withoutColumn(int c) {
        return new WeightMatrix(transpose(withoutRow(transpose(atZero), c)), transpose(withoutRow(transpose(slope), c)),
                false);
    }

    private static double[][] withoutRow(double[][] w, int index) {
        double[][] kept = new double[w.length - 1][];
        for (int r = 0, k = 0; r < w.length; r++) {
            if (r != index) {
                kept[k++] = w[r].clone();
            }
        }
        return kept;
    }

    /** Rows {@code from .. from + count - 1}, e.g. one head's slice of a stacked projection. */
    public WeightMatrix rowBlock(int from, int count) {
        return new WeightMatrix(sliceRows(atZero, from, count), sliceRows(slope, from, count), false);
    }

    /** Columns {@code from .. from + count - 1}, e.g. one head's block of the output projection. */
    public WeightMatrix columnBlock(int from, int count) {
        return transpose().rowBlock(from, count).transpose();
    }

    public WeightMatrix transpose() {
        return new WeightMatrix(transpose(atZero), transpose(slope), false);
    }

    /**
     * {@code A(t) B(t) = A0 B0 + t (A1 B0 + A0 B1) + t^2 A1 B1}, the product of two affine weights as a
     * quadratic in depth. Each computed coefficient carries a bound of its rounding error: an inner
     * product of length k computed in double is off by at most {@code gamma_k = k eps / (1 - k eps)}
     * times the inner product of the absolute values, so the error matrix of {@code A B} has Frobenius
     * norm at most {@code gamma_k ||A||_F ||B||_F} (one more rounding for the sum of two products).
     */
    public static DepthQuadratic product(WeightMatrix a, WeightMatrix b) {
        double gamma = Outward.gamma(a.columns() + 1);
        double a0 = frobenius(a.atZero);
        double a1 = frobenius(a.slope);
        double b0 = frobenius(b.atZero);
        double b1 = frobenius(b.slope);
        return new DepthQuadratic(
                new DepthQuadratic.Term(multiply(a.atZero, b.atZero), Outward.product(gamma, a0, b0)),
                new DepthQuadratic.Term(add(multiply(a.slope, b.atZero), multiply(a.atZero, b.slope)),
                        Outward.product(gamma, Outward.sum(Outward.product(a1, b0), Outward.product(a0, b1)))),
                new DepthQuadratic.Term(multiply(a.slope, b.slope), Outward.product(gamma, a1, b1)));
    }

    /** Puts {@code role -> W0} and, for a depth-varying weight, {@code role.slope -> W1} (nested lists). */
    public void putParameters(Map<String, Object> parameters, String role) {
        parameters.put(role, asLists(atZero));
        if (!constant) {
            parameters.put(role + ".slope", asLists(slope));
        }
    }

    private Object asLists(double[][] w) {
        if (vector) {
            List<Double> column = new ArrayList<>(w.length);
            for (double[] row : w) {
                column.add(row[0]);
            }
            return column;
        }
        List<List<Double>> rows = new ArrayList<>(w.length);
        for (double[] row : w) {
            List<Double> entries = new ArrayList<>(row.length);
            for (double entry : row) {
                entries.add(entry);
            }
            rows.add(entries);
        }
        return rows;
    }

    private static double frobenius(double[][] w) {
        return Outward.norm(Arrays.stream(w).flatMapToDouble(Arrays::stream).toArray());
    }

    private static double[][] copyOf(double[][] w, String what) {
        if (w.length == 0 || w[0].length == 0) {
            throw new IllegalArgumentException(what + " must have at least one row and one column");
        }
        double[][] copy = new double[w.length][];
        for (int r = 0; r < w.length; r++) {
            if (w[r].length != w[0].length) {
                throw new IllegalArgumentException(what + " is ragged: row " + r + " has " + w[r].length
                        + " entries, row 0 has " + w[0].length);
            }
            for (int c = 0; c < w[r].length; c++) {
                if (!Double.isFinite(w[r][c])) {
                    throw new IllegalArgumentException(what + " entry [" + r + "][" + c + "] is " + w[r][c]);
                }
            }
            copy[r] = w[r].clone();
        }
        return copy;
    }

    private static double[][] sliceRows(double[][] w, int from, int count) {
        double[][] slice = new double[count][];
        for (int r = 0; r < count; r++) {
            slice[r] = w[from + r].clone();
        }
        return slice;
    }

    private static double[][] transpose(double[][] w) {
        double[][] t = new double[w[0].length][w.length];
        for (int r = 0; r < w.length; r++) {
            for (int c = 0; c < w[0].length; c++) {
                t[c][r] = w[r][c];
            }
        }
        return t;
    }

    private static double[][] multiply(double[][] a, double[][] b) {
        double[][] product = new double[a.length][b[0].length];
        for (int r = 0; r < a.length; r++) {
            for (int k = 0; k < b.length; k++) {
                for (int c = 0; c < b[0].length; c++) {
                    product[r][c] += a[r][k] * b[k][c];
                }
            }
        }
        return product;
    }

    private static double[][] add(double[][] a, double[][] b) {
        double[][] sum = new double[a.length][a[0].length];
        for (int r = 0; r < a.length; r++) {
            for (int c = 0; c < a[0].length; c++) {
                sum[r][c] = a[r][c] + b[r][c];
            }
        }
        return sum;
    }
}
