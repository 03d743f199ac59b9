package io.flowaudit.flow;

import io.flowaudit.field.VectorField;
import io.flowaudit.num.NumberSystem;
import org.apache.commons.math3.RealFieldElement;

/**
 * The error of a Taylor solution at its end T, each step's local error carried there by the flow's transition
 * matrix instead of the logarithmic norm's exp(int mu): |x_N - x(T)| <= sum_n ||Phi(T, t_(n+1))|| delta_n to first
 * order, with the transition matrices integrated in double along the step polynomials (docs/theory.md, "The
 * reference's error at its end"). Where the flow nearly preserves distances without being a contraction in any
 * fixed norm (the rigid body's two invariants: growth 23 where exp(int mu) says e^12), it is some 500 times below
 * the logarithmic norm's bound; where perturbations really grow, it grows with them.
 */
final class TransitionErrorEstimate {

    /**
     * Twice the first-order sum: the transition matrices in double err by 10^-6 or less relative (forward-difference
     * Jacobians to 10^-8, RK4 substeps to about 10^-7 each), the linearization by the error itself (10^-15 and
     * below), so the factor covers both with a wide margin.
     */
    static final double SAFETY = 2;

    /**
     * RK4 substeps of the variational equation short enough that h ||J||_F stays below this: RK4's relative error
     * per substep is then about 0.1^5 / 120, 10^-7.
     */
    private static final double SUBSTEP_REACH = 0.1;

    /**
     * More substeps than this in one Taylor step (a stiff field, or a large linear one, whose Taylor steps are long)
     * cost more than they save: no estimate.
     */
    private static final int MAX_SUBSTEPS = 10_000;

    private TransitionErrorEstimate() {
    }

    /**
     * The estimate for {@code solution}, computed with {@code numbers}; +infinity where it cannot be formed (a field
     * not finite in double along the solution, too stiff, or above {@link LogarithmicNorm#EIGENVALUE_DIMENSION}
     * components, where the eigenvalue bound does not apply either).
     */
    static <S extends RealFieldElement<S>> double atEnd(VectorField field, NumberSystem<S> numbers,
            TaylorSolution<S> solution) {
        int steps = solution.steps();
        if (field.dimension() > LogarithmicNorm.EIGENVALUE_DIMENSION) {
            return Double.POSITIVE_INFINITY;
        }
        double[][][] transitions = new double[steps][][];
        double[] localErrors = new double[steps];
        for (int n = 0; n < steps; n++) {
            TaylorSolution.Step<S> step = solution.step(n);
            double h = step.length().getReal();
            localErrors[n] = TaylorIntegrator.localError(numbers, step.coefficients(), solution.order(), h);
            transitions[n] = transition(field, step.start().getReal(), h, doubles(step.coefficients()));
            if (transitions[n] == null || !Double.isFinite(localErrors[n])) {
                return Double.POSITIVE_INFINITY;
            }
        }
        // backward: carried = Phi(T, t_(n+1)) = Phi_(N-1) ... Phi_(n+1)
        double[][] carried = identity(field.dimension());
        double sum = 0;
        for (int n = steps - 1; n >= 0; n--) {
            sum += localErrors[n] == 0 ? 0 : spectralNorm(carried) * localErrors[n];
            carried = product(carried, transitions[n]);
        }
        return Double.isFinite(sum) ? SAFETY * sum : Double.POSITIVE_INFINITY;
    }

    /**
     * Phi over one step: Phi' = J(t + s, p(s)) Phi, Phi(0) = I, by classical RK4 in double, with J by forward
     * differences on the step polynomial p in double; null where J is not finite or the step too stiff.
     */
    private static double[][] transition(VectorField field, double start, double h, double[][] coefficients) {
        double[][] atStart = LogarithmicNorm.jacobian(field, start, polynomial(coefficients, 0));
        double[][] atEnd = LogarithmicNorm.jacobian(field, start + h, polynomial(coefficients, h));
        double reach = h * Math.max(frobenius(atStart), frobenius(atEnd));
        if (!(reach <= MAX_SUBSTEPS * SUBSTEP_REACH)) {
            return null;
        }
        int substeps = Math.max(1, (int) Math.ceil(reach / SUBSTEP_REACH));
        double length = h / substeps;
        double[][] phi = identity(coefficients.length);
        double[][] jacobianAtStart = atStart;
        for (int m = 0; m < substeps; m++) {
            double s = m * length;
            double[][] middle = LogarithmicNorm.jacobian(field, start + s + length / 2,
                    polynomial(coefficients, s + length / 2));
            double[][] end = m == substeps - 1 ? atEnd
                    : LogarithmicNorm.jacobian(field, start + s + length, polynomial(coefficients, s + length));
            double[][] k1 = product(jacobianAtStart, phi);
            double[][] k2 = product(middle, plus(phi, length / 2, k1));
            double[][] k3 = product(middle, plus(phi, length / 2, k2));
            double[][] k4 = product(end, plus(phi, length, k3));
            for (int i = 0; i < phi.length; i++) {
                for (int j = 0; j < phi.length; j++) {
                    phi[i][j] += length / 6 * (k1[i][j] + 2 * k2[i][j] + 2 * k3[i][j] + k4[i][j]);
                    if (!Double.isFinite(phi[i][j])) {
                        return null;
                    }
                }
            }
            jacobianAtStart = end;
        }
        return phi;
    }

    /**
     * sqrt(lambda_max(Q^T Q)), the largest eigenvalue of a symmetric matrix being its logarithmic norm (or
     * Gershgorin's bound above it, where the eigenvalue iteration fails).
     */
    private static double spectralNorm(double[][] matrix) {
        return Math.sqrt(LogarithmicNorm.of(product(transpose(matrix), matrix)));
    }

    private static double[][] transpose(double[][] matrix) {
        double[][] out = new double[matrix.length][matrix.length];
        for (int i = 0; i < matrix.length; i++) {
            for (int j = 0; j < matrix.length; j++) {
                out[j][i] = matrix[i][j];
            }
        }
        return out;
    }

    private static double frobenius(double[][] matrix) {
        double sum = 0;
        for (double[] row : matrix) {
            for (double entry : row) {
                sum += entry * entry;
            }
        }
        return Math.sqrt(sum);
    }

    private static double[][] identity(int dimension) {
        double[][] identity = new double[dimension][dimension];
        for (int i = 0; i < dimension; i++) {
            identity[i][i] = 1;
        }
        return identity;
    }

    private static double[][] product(double[][] a, double[][] b) {
        int size = a.length;
        double[][] out = new double[size][size];
        for (int i = 0; i < size; i++) {
            for (int k = 0; k < size; k++) {
                double aik = a[i][k];
                for (int j = 0; j < size; j++) {
                    out[i][j] += aik * b[k][j];
                }
            }
        }
        return out;
    }

    /** a + factor * b. */
    private static double[][] plus(double[][] a, double factor, double[][] b) {
        double[][] out = new double[a.length][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a.length; j++) {
                out[i][j] = a[i][j] + factor * b[i][j];
            }
        }
        return out;
    }

    /** sum_k coefficients[i][k] s^k by Horner's rule in double. */
    private static double[] polynomial(double[][] coefficients, double s) {
        double[] out = new double[coefficients.length];
        for (int i = 0; i < coefficients.length; i++) {
            double[] c = coefficients[i];
            double value = c[c.length - 1];
            for (int k = c.length - 2; k >= 0; k--) {
                value = value * s + c[k];
            }
            out[i] = value;
        }
        return out;
    }

    private static <S extends RealFieldElement<S>> double[][] doubles(S[][] coefficients) {
        double[][] out = new double[coefficients.length][];
        for (int i = 0; i < coefficients.length; i++) {
            out[i] = new double[coefficients[i].length];
            for (int k = 0; k < out[i].length; k++) {
                out[i][k] = coefficients[i][k].getReal();
            }
        }
        return out;
    }
}
