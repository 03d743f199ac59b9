package io.flowaudit.field.transformer;

import io.flowaudit.field.Outward;

/**
 * Certified spectral norms of checkpoint-sized matrices (384 x 1536 and the like), where a dense SVD in
 * commons-math3 takes seconds per matrix: from Gram matrices and powers of their traces, with every rounding
 * bounded, so no decomposition's backward stability is assumed.
 *
 * <p><b>Bound.</b> For {@code A} (p x r) and {@code B} (r x q), {@code ||A B||^2 = lambda_max(P)} with
 * {@code P = G1 G2}, {@code G1 = A^T A}, {@code G2 = B B^T} (r x r): P is similar to the positive semidefinite
 * {@code G1^{1/2} G2 G1^{1/2}}, so its eigenvalues are real and non-negative and {@code lambda_max^m <= tr(P^m)}.
 * With {@code m = 2^J} (J squarings), {@code ||A B|| <= tr(P^m)^{1/(2m)}}, which overestimates by at most the
 * factor {@code r^{1/(2m)}} (all eigenvalues equal; 1.012 for r = 384, J = 8), and by far less when one singular
 * value dominates. A single matrix is the case {@code B = I}, its Gram matrix taken on the smaller side.
 *
 * <p><b>Rounding.</b> A product of matrices computed in double is off by at most {@code gamma_k |X||Y|} entrywise
 * ({@code gamma_k = k u / (1 - k u)}, k the inner length, any summation order), so in Frobenius norm by
 * {@code gamma_k ||X||_F ||Y||_F}. Carrying a bound e of {@code ||M - M_exact||_F} through each product
 * ({@code e' = e_X ||Y|| + ||X~|| e_Y + gamma_k ||X~|| ||Y~||}), scaling by powers of two (exact) so nothing
 * overflows, and bounding {@code |tr(E)| <= sqrt(r) ||E||_F} gives an upper bound of {@code tr(P^m)}.
 */
final class TracePowerNorms {

    /** J: the trace of the 2^J-th power. */
    private static final int SQUARINGS = 8;

    private TracePowerNorms() {
    }

    /** An upper bound of {@code ||a||_2}; 0 for a zero matrix. */
    static double norm(double[][] a) {
        boolean wide = a[0].length > a.length;
        Tracked gram = wide ? gram(a, true) : gram(a, false);
        return fromProduct(gram, true);
    }

    /** An upper bound of {@code ||a b||_2} for {@code a} (p x r) and {@code b} (r x q), r small. */
    static double productNorm(double[][] a, double[][] b) {
        Tracked left = gram(a, false);
        Tracked right = gram(b, true);
        return fromProduct(multiply(left, right, false), false);
    }

    /** A computed matrix and a bound of its Frobenius distance from the exact one. */
    private record Tracked(double[][] matrix, double error) {

        double frobeniusAbove() {
            return Outward.sum(frobenius(matrix), error);
        }
    }

    /** {@code a^T a} (columns), or {@code a a^T} (rows). */
    private static Tracked gram(double[][] a, boolean rows) {
        double[][] x = rows ? a : transpose(a);
        double[][] g = multiply(x, transpose(x), true);
        double f = frobenius(x);
        return new Tracked(g, Outward.product(Outward.gamma(x[0].length), f, f));
    }

    private static Tracked multiply(Tracked x, Tracked y, boolean symmetric) {
        double[][] product = multiply(x.matrix, y.matrix, symmetric);
        double xf = frobenius(x.matrix);
        double yf = frobenius(y.matrix);
        double error = Outward.sum(Outward.product(x.error, y.frobeniusAbove()), Outward.product(xf, y.error),
                Outward.product(Outward.gamma(x.matrix[0].length), xf, yf));
        return new Tracked(product, error);
    }

    /**
     * {@code tr(P^m)^{1/(2m)}} from P, bounded above as the class comment says; {@code symmetric} when the computed
     * P is exactly symmetric (a Gram matrix), and then so is every computed power.
     */
    private static double fromProduct(Tracked p, boolean symmetric) {
        Tracked power = p;
        // power = P^(2^j) / 2^scale exactly, up to the tracked error
        long scale = 0;
        for (int j = 0; j < SQUARINGS; j++) {
            int shift = Math.getExponent(Math.max(power.frobeniusAbove(), Double.MIN_NORMAL));
            power = scaled(power, -shift);
            scale = 2 * (scale + shift);
            power = multiply(power, power, symmetric);
        }
        double trace = 0;
        for (int i = 0; i < power.matrix.length; i++) {
            trace += power.matrix[i][i];
        }
        // the computed trace is within gamma_r of the sum of |diagonal|, itself at most sqrt(r) ||M||_F
        double rootR = Outward.sqrt(power.matrix.length);
        double traceAbove = Outward.sum(Math.max(0, trace),
                Outward.product(Outward.gamma(power.matrix.length), rootR, frobenius(power.matrix)),
                Outward.product(rootR, power.error));
        if (traceAbove == 0) {
            return 0;
        }
        // lambda_max(P) <= (traceAbove 2^scale)^(1/m), m = 2^J; the norm is its square root
        int m = 1 << SQUARINGS;
        long whole = Math.floorDiv(scale, m);
        int rest = (int) Math.floorMod(scale, m);
        double root = Outward.product(traceAbove, Math.scalb(1.0, rest));
        for (int j = 0; j <= SQUARINGS; j++) {
            root = Outward.sqrt(root);
        }
        // 2^(whole/2) exactly when whole is even, else 2^((whole-1)/2) sqrt(2)
        double half = Math.scalb(1.0, (int) Math.floorDiv(whole, 2));
        return Outward.product(root, whole % 2 == 0 ? half : Outward.product(half, Outward.sqrt(2)));
    }

    private static Tracked scaled(Tracked t, int exponent) {
        double[][] m = new double[t.matrix.length][];
        for (int i = 0; i < m.length; i++) {
            m[i] = new double[t.matrix[i].length];
            for (int k = 0; k < m[i].length; k++) {
                m[i][k] = Math.scalb(t.matrix[i][k], exponent);
            }
        }
        return new Tracked(m, t.error == 0 ? 0 : Outward.up(Math.scalb(t.error, exponent)));
    }

    private static double frobenius(double[][] a) {
        double[] flat = new double[a.length * a[0].length];
        for (int i = 0; i < a.length; i++) {
            System.arraycopy(a[i], 0, flat, i * a[0].length, a[0].length);
        }
        return Outward.norm(flat);
    }

    static double[][] transpose(double[][] a) {
        double[][] t = new double[a[0].length][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int k = 0; k < a[0].length; k++) {
                t[k][i] = a[i][k];
            }
        }
        return t;
    }

    /**
     * {@code x y}, row by row (i-k-j order, so the inner loop runs along rows of y). With {@code symmetric} (y is
     * x^T, or x is symmetric and y is x) only the entries j >= i are computed and mirrored: entry (j, i) would sum
     * the same products x_ik y_kj in the same order k, so it equals entry (i, j) (at most a zero's sign differs, from
     * the zero terms each skips), and the Gram matrices and powers of the checkpoint's norms cost half. The terms of
     * four consecutive non-zero x_ik are added to an entry in one pass, in the same order, so each entry is read and
     * written once per four terms.
     */
    private static double[][] multiply(double[][] x, double[][] y, boolean symmetric) {
        int inner = y.length;
        double[][] out = new double[x.length][y[0].length];
        int[] nonZero = new int[inner];
        for (int i = 0; i < x.length; i++) {
            double[] row = out[i];
            double[] xi = x[i];
            int first = symmetric ? i : 0;
            int count = 0;
            for (int k = 0; k < inner; k++) {
                if (xi[k] != 0) {
                    nonZero[count++] = k;
                }
            }
            int n = 0;
            for (; n + 4 <= count; n += 4) {
                double x0 = xi[nonZero[n]];
                double x1 = xi[nonZero[n + 1]];
                double x2 = xi[nonZero[n + 2]];
                double x3 = xi[nonZero[n + 3]];
                double[] y0 = y[nonZero[n]];
                double[] y1 = y[nonZero[n + 1]];
                double[] y2 = y[nonZero[n + 2]];
                double[] y3 = y[nonZero[n + 3]];
                for (int j = first; j < row.length; j++) {
                    double sum = row[j];
                    sum += x0 * y0[j];
                    sum += x1 * y1[j];
                    sum += x2 * y2[j];
                    sum += x3 * y3[j];
                    row[j] = sum;
                }
            }
            for (; n < count; n++) {
                double xik = xi[nonZero[n]];
                double[] yk = y[nonZero[n]];
                for (int j = first; j < row.length; j++) {
                    row[j] += xik * yk[j];
                }
            }
        }
        if (symmetric) {
            for (int i = 0; i < out.length; i++) {
                for (int j = i + 1; j < out.length; j++) {
                    out[j][i] = out[i][j];
                }
            }
        }
        return out;
    }
}
