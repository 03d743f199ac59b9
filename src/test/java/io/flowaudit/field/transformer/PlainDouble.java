package io.flowaudit.field.transformer;

import io.flowaudit.field.Region;
import io.flowaudit.field.VectorField;
import io.flowaudit.num.NumberSystem;
import java.util.Random;
import org.apache.commons.math3.RealFieldElement;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;

/** Evaluations, states and Jacobians of fields for tests, in plain double. */
final class PlainDouble {

    private PlainDouble() {
    }

    static double[] evaluate(VectorField field, double t, double[] x) {
        double[] out = new double[x.length];
        field.evaluate(t, x, out);
        return out;
    }

    /** The generic path in a number system, read back as doubles. */
    static <T extends RealFieldElement<T>> double[] evaluate(VectorField field, NumberSystem<T> numbers, double t,
            double[] x) {
        T[] value = field.evaluate(numbers.fromDouble(t), numbers.fromDoubles(x));
        double[] out = new double[value.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = value[i].getReal();
        }
        return out;
    }

    static double norm(double[] v) {
        double sum = 0;
        for (double component : v) {
            sum += component * component;
        }
        return Math.sqrt(sum);
    }

    static double[] difference(double[] a, double[] b) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] - b[i];
        }
        return out;
    }

    static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    static double minTokenNorm(double[] state, int width) {
        double min = Double.POSITIVE_INFINITY;
        for (int i = 0; i < state.length / width; i++) {
            min = Math.min(min, Region.tokenNorm(state, i, width));
        }
        return min;
    }

    /**
     * A state with every token in the shell {@code inner <= |x_i| <= outer}, a random direction per
     * token; half of the tokens (on average) sit on the outer sphere, where the bounds are tightest.
     */
    static double[] randomState(int tokens, int width, double inner, double outer, Random random) {
        double[] x = new double[tokens * width];
        for (int i = 0; i < tokens; i++) {
            double radius = random.nextBoolean() ? outer : inner + (outer - inner) * random.nextDouble();
            double[] direction = randomUnit(width, random);
            for (int k = 0; k < width; k++) {
                x[i * width + k] = radius * direction[k];
            }
        }
        return x;
    }

    /** {@code x + step·u} for a random unit u, each token pulled back into the shell. */
    static double[] nearby(double[] x, int width, double step, double inner, double outer, Random random) {
        double[] direction = randomUnit(x.length, random);
        double[] y = new double[x.length];
        for (int k = 0; k < x.length; k++) {
            y[k] = x[k] + step * direction[k];
        }
        for (int i = 0; i < x.length / width; i++) {
            double norm = Region.tokenNorm(y, i, width);
            double target = Math.min(outer, Math.max(inner, norm));
            for (int k = i * width; k < (i + 1) * width; k++) {
                y[k] *= target / norm;
            }
        }
        return y;
    }

    /** Gaussian entries divided by sqrt(columns), so norms stay of order one. */
    static double[][] randomMatrix(int rows, int columns, Random random) {
        double[][] m = new double[rows][columns];
        for (double[] row : m) {
            for (int c = 0; c < columns; c++) {
                row[c] = random.nextGaussian() / Math.sqrt(columns);
            }
        }
        return m;
    }

    static double[] randomVector(int length, Random random) {
        return randomMatrix(1, length, random)[0];
    }

    static double[] randomUnit(int length, Random random) {
        double[] u = new double[length];
        double norm = 0;
        while (norm < 1e-3) {
            for (int k = 0; k < length; k++) {
                u[k] = random.nextGaussian();
            }
            norm = norm(u);
        }
        for (int k = 0; k < length; k++) {
            u[k] /= norm;
        }
        return u;
    }

    /** The step of {@link #jacobian}'s central differences at x: 1e-6 of its largest component, or of 1. */
    static double jacobianStep(double[] x) {
        double scale = 1;
        for (double component : x) {
            scale = Math.max(scale, Math.abs(component));
        }
        return 1e-6 * scale;
    }

    /** Central-difference Jacobian {@code J[r][c] = dF_r / dx_c}. */
    static double[][] jacobian(VectorField field, double t, double[] x) {
        double step = jacobianStep(x);
        double[][] jacobian = new double[x.length][x.length];
        for (int c = 0; c < x.length; c++) {
            double[] plus = x.clone();
            double[] minus = x.clone();
            plus[c] += step;
            minus[c] -= step;
            double[] up = evaluate(field, t, plus);
            double[] down = evaluate(field, t, minus);
            for (int r = 0; r < x.length; r++) {
                jacobian[r][c] = (up[r] - down[r]) / (plus[c] - minus[c]);
            }
        }
        return jacobian;
    }

    static double spectralNorm(double[][] matrix) {
        return new SingularValueDecomposition(MatrixUtils.createRealMatrix(matrix)).getNorm();
    }

    static double logarithmicNorm(double[][] matrix) {
        RealMatrix m = MatrixUtils.createRealMatrix(matrix);
        double max = Double.NEGATIVE_INFINITY;
        for (double eigenvalue : new EigenDecomposition(m.add(m.transpose()).scalarMultiply(0.5))
                .getRealEigenvalues()) {
            max = Math.max(max, eigenvalue);
        }
        return max;
    }
}
