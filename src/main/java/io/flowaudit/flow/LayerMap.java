package io.flowaudit.flow;

import io.flowaudit.field.VectorField;
import java.util.Locale;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Predicate;
import org.apache.commons.math3.RealFieldElement;
import org.apache.commons.math3.util.MathArrays;

/**
 * One layer of a residual network read as one step of an explicit Runge-Kutta method with step h
 * (docs/theory.md, "Notation"). Forward Euler is the plain residual layer {@code x + h F(t, x)}; Heun and
 * classical RK4 are the higher-order ("accelerated") variants of order 2 and 4.
 *
 * <p>Each method is its Butcher tableau; one generic stepper and one primitive-double stepper run
 * every tableau, so a method is written once.
 */
public enum LayerMap {

    EULER(1, new double[][] {{}}, new double[] {1}, new double[] {0},
            new long[][] {{1, 2}}, new long[][] {{1, 1}}),
    HEUN(2, new double[][] {{}, {1}}, new double[] {0.5, 0.5}, new double[] {0, 1},
            new long[][] {{1, 4}, {1, 4}}, new long[][] {{1, 1}, {1, 2}}),
    RK4(4, new double[][] {{}, {0.5}, {0, 0.5}, {0, 0, 1}}, new double[] {1 / 6.0, 1 / 3.0, 1 / 3.0, 1 / 6.0},
            new double[] {0, 0.5, 0.5, 1},
            new long[][] {{5, 36}, {1, 8}, {1, 24}, {1, 96}}, new long[][] {{1, 1}, {1, 2}, {1, 6}, {1, 24}});

    private final int order;
    /** Butcher tableau; every entry (0.5, 1, 1/6, 1/3) is applied as an exact rational below. */
    private final double[][] a;
    private final double[] b;
    private final double[] c;
    /**
     * Theorem 1's constants for this map (docs/theory.md, "Theorem 1 for Heun and RK4"), polynomials in z = hK with
     * exact rational coefficients {numerator, denominator}, lowest power first: one layer from the exact state
     * misses the exact solution by at most {@code M2 h^2 localDefect(z)}, and the layer's increment Phi, with
     * {@code x_{l+1} = x_l + h Phi(t_l, x_l)}, is {@code K incrementLipschitz(z)}-Lipschitz in x.
     */
    private final long[][] localDefect;
    private final long[][] incrementLipschitz;

    LayerMap(int order, double[][] a, double[] b, double[] c, long[][] localDefect, long[][] incrementLipschitz) {
        this.order = order;
        this.a = a;
        this.b = b;
        this.c = c;
        this.localDefect = localDefect;
        this.incrementLipschitz = incrementLipschitz;
    }

    /** The global order p: the uniform error is O(h^p) = O(1/L^p). */
    public int order() {
        return order;
    }

    /** The factor d(z) of the local defect bound {@code M2 h^2 d(hK)}: 1/2 for Euler, (1 + z)/4 for Heun. */
    public <T extends RealFieldElement<T>> T localDefect(T z) {
        return polynomial(localDefect, z);
    }

    /** The factor g(z) of the increment's Lipschitz constant {@code K g(hK)}: 1 for Euler, 1 + z/2 for Heun. */
    public <T extends RealFieldElement<T>> T incrementLipschitz(T z) {
        return polynomial(incrementLipschitz, z);
    }

    /**
     * The largest token norm of a layer's stage states from a state whose tokens have norm at most {@code radius}, where
     * F at a state of tokens of norm at most r has tokens of norm at most {@code tokenBound(r)}: stage s is
     * x + h sum_j a_sj k_j, so its tokens lie within h sum_j |a_sj| times the bound of the earlier stages' slopes.
     */
    public double stageRadius(double radius, double h, DoubleUnaryOperator tokenBound) {
        double[] slopeBounds = new double[b.length];
        double largest = radius;
        for (int s = 0; s < b.length; s++) {
            double reach = 0;
            for (int j = 0; j < s; j++) {
                reach += Math.abs(a[s][j]) * slopeBounds[j];
            }
            double stageRadius = radius + h * reach;
            if (s + 1 < b.length) { // the last stage's slope moves no stage
                slopeBounds[s] = tokenBound.applyAsDouble(stageRadius);
            }
            largest = Math.max(largest, stageRadius);
        }
        return largest;
    }

    /** Horner's rule; each coefficient is formed by one division, so an interval z gives an enclosure. */
    private static <T extends RealFieldElement<T>> T polynomial(long[][] coefficients, T z) {
        T sum = z.getField().getZero();
        for (int i = coefficients.length - 1; i >= 0; i--) {
            sum = sum.multiply(z).add(z.getField().getOne().multiply(coefficients[i][0]).divide(coefficients[i][1]));
        }
        return sum;
    }

    /** The name claim files and reports use: "euler", "heun", "rk4", in every locale. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static LayerMap parse(String name) {
        for (LayerMap map : values()) {
            if (map.name().equalsIgnoreCase(name)) {
                return map;
            }
        }
        throw new IllegalArgumentException("unknown layer map '" + name + "', expected euler, heun or rk4");
    }

    /**
     * Tableau entries as exact rationals in T: 1/6 and 1/3 are not doubles, so they are formed by
     * division in the working precision.
     */
    private static <T extends RealFieldElement<T>> T coefficient(T one, double value) {
        if (value == 1 / 6.0) {
            return one.divide(6);
        }
        if (value == 1 / 3.0) {
            return one.divide(3);
        }
        return one.multiply(value);
    }

    /** One layer: x_{l+1} from x_l at time t with step h. */
    public <T extends RealFieldElement<T>> T[] step(VectorField field, T t, T[] x, T h) {
        int stages = b.length;
        int dimension = x.length;
        T one = h.getField().getOne();
        T[][] k = MathArrays.buildArray(h.getField(), stages, -1);
        for (int s = 0; s < stages; s++) {
            T[] stageState = x.clone();
            for (int j = 0; j < s; j++) {
                if (a[s][j] != 0) {
                    T weight = h.multiply(coefficient(one, a[s][j]));
                    for (int i = 0; i < dimension; i++) {
                        stageState[i] = stageState[i].add(weight.multiply(k[j][i]));
                    }
                }
            }
            k[s] = field.evaluate(c[s] == 0 ? t : t.add(h.multiply(coefficient(one, c[s]))), stageState);
        }
        T[] next = x.clone();
        for (int s = 0; s < stages; s++) {
            T weight = h.multiply(coefficient(one, b[s]));
            for (int i = 0; i < dimension; i++) {
                next[i] = next[i].add(weight.multiply(k[s][i]));
            }
        }
        return next;
    }

    /** Workspace for {@link #step(VectorField, double, double[], double, double[], double[][])}. */
    public double[][] newWorkspace(int dimension) {
        return new double[b.length + 1][dimension];
    }

    /** The same layer on primitive doubles through the field's double fast path; writes {@code next}. */
    public void step(VectorField field, double t, double[] x, double h, double[] next, double[][] workspace) {
        evaluateStages(field, t, x, h, workspace, null);
        int dimension = x.length;
        System.arraycopy(x, 0, next, 0, dimension);
        for (int s = 0; s < b.length; s++) {
            double weight = h * b[s];
            double[] ks = workspace[s];
            for (int i = 0; i < dimension; i++) {
                next[i] += weight * ks[i];
            }
        }
    }

    /**
     * Whether every stage state of the layer from x at t (the states the field is evaluated at: x itself, and for
     * Heun and RK4 the points in between) passes the test, in doubles: Theorem 1's constants must hold there.
     */
    public boolean stagesPass(VectorField field, double t, double[] x, double h, Predicate<double[]> test) {
        return evaluateStages(field, t, x, h, newWorkspace(x.length), test);
    }

    /**
     * The stages' slopes k_s into the workspace, until a stage state fails the test (null: none is tested, so the hot
     * path of every double layer makes no call for it): whether none did.
     */
    private boolean evaluateStages(VectorField field, double t, double[] x, double h, double[][] workspace,
            Predicate<double[]> test) {
        int stages = b.length;
        int dimension = x.length;
        double[] stageState = workspace[stages];
        for (int s = 0; s < stages; s++) {
            System.arraycopy(x, 0, stageState, 0, dimension);
            for (int j = 0; j < s; j++) {
                if (a[s][j] != 0) {
                    double weight = h * a[s][j];
                    double[] kj = workspace[j];
                    for (int i = 0; i < dimension; i++) {
                        stageState[i] += weight * kj[i];
                    }
                }
            }
            if (test != null && !test.test(stageState)) {
                return false;
            }
            field.evaluate(t + c[s] * h, stageState, workspace[s]);
        }
        return true;
    }
}
