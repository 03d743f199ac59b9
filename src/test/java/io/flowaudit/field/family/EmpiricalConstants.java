package io.flowaudit.field.family;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowaudit.field.VectorField;
import io.flowaudit.num.BinaryElement;
import io.flowaudit.num.BinarySystem;
import java.util.Random;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;

/**
 * Empirical counterparts of a certificate's constants. F is evaluated at 30 digits in binary floating point (every
 * operation rounded once; exp, tanh, sin and cos computed by the system itself, where apfloat's took milliseconds
 * and these properties 15 s of CPU) from double inputs, and each quantity carries a bound of its rounding
 * ({@link Observed}): a difference of F over a close pair cancels most of F's digits (values 1e-7 apart leave a
 * relative 1e-23 or so, more than the 1e-25 these comparisons allowed before, which the attained K of -c x crossed),
 * still far below a certificate's outward rounding, so a quantity above its bound by more than that is a real
 * violation.
 */
final class EmpiricalConstants {

    static final BinarySystem EXACT = new BinarySystem(30);
    /**
     * Units of 10^-30 by which one evaluation of F may err, relative to the largest of |F(x)|, |F(y)| and the
     * certified M: a few hundred roundings of intermediates up to ten times that size.
     */
    private static final double ROUNDING = 1e3 * 1e-30;
    /** Where a certificate holds on all of R^D, points are drawn from this ball. */
    static final double WHOLE_SPACE_SAMPLING_RADIUS = 50;

    private final VectorField field;
    /** The certificate's M, the size of F on the region, where finite (else 0: F's own values set the scale). */
    private final double certifiedBound;
    private final Random random;
    private final double radius;

    EmpiricalConstants(FamilyField field, Random random) {
        this.field = field;
        double bound = Math.abs(field.certificate().bound());
        this.certifiedBound = Double.isFinite(bound) ? bound : 0;
        this.random = random;
        double certified = Bounds.euclideanRadius(field.certificate().region(), field.dimension());
        this.radius = Double.isInfinite(certified) ? WHOLE_SPACE_SAMPLING_RADIUS : certified;
    }

    double radius() {
        return radius;
    }

    private BinaryElement[] exact(double[] x) {
        return EXACT.fromDoubles(x);
    }

    private BinaryElement[] evaluate(double t, double[] x) {
        return field.evaluate(EXACT.fromDouble(t), exact(x));
    }

    private static BinaryElement norm(BinaryElement[] v) {
        BinaryElement sum = EXACT.zero();
        for (BinaryElement e : v) {
            sum = sum.add(e.multiply(e));
        }
        return sum.sqrt();
    }

    private static BinaryElement[] difference(BinaryElement[] a, BinaryElement[] b) {
        BinaryElement[] d = new BinaryElement[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i].subtract(b[i]);
        }
        return d;
    }

    /** A quantity computed at 30 digits, and a bound of its rounding error. */
    record Observed(BinaryElement value, BinaryElement rounding) {

        double getReal() {
            return value.getReal();
        }
    }

    /**
     * A bound of the rounding of a quantity formed from these values of F: their sizes and the certified M, each
     * {@link #ROUNDING} of it (a difference of two values, divided by how far apart they are taken, divides it too).
     */
    private BinaryElement rounding(BinaryElement[]... values) {
        BinaryElement scale = EXACT.fromDouble(certifiedBound);
        for (BinaryElement[] value : values) {
            scale = scale.add(norm(value));
        }
        return scale.multiply(ROUNDING);
    }

    /** |F(t,x) - F(t,y)| / |x - y|. */
    Observed lipschitzQuotient(double t, double[] x, double[] y) {
        BinaryElement apart = norm(difference(exact(x), exact(y)));
        BinaryElement[] fx = evaluate(t, x);
        BinaryElement[] fy = evaluate(t, y);
        return new Observed(norm(difference(fx, fy)).divide(apart), rounding(fx, fy).divide(apart));
    }

    /** &lt;F(t,x) - F(t,y), x - y&gt; / |x - y|^2. */
    Observed oneSidedQuotient(double t, double[] x, double[] y) {
        BinaryElement[] dx = difference(exact(x), exact(y));
        BinaryElement[] fx = evaluate(t, x);
        BinaryElement[] fy = evaluate(t, y);
        BinaryElement[] dF = difference(fx, fy);
        BinaryElement inner = EXACT.zero();
        for (int i = 0; i < dx.length; i++) {
            inner = inner.add(dF[i].multiply(dx[i]));
        }
        BinaryElement n = norm(dx);
        return new Observed(inner.divide(n.multiply(n)), rounding(fx, fy).divide(n));
    }

    /** |F(t,x)|. */
    Observed magnitude(double t, double[] x) {
        BinaryElement[] fx = evaluate(t, x);
        return new Observed(norm(fx), rounding(fx));
    }

    /** |F(t,x) - F(s,x)| / |t - s|. */
    Observed timeQuotient(double t, double s, double[] x) {
        BinaryElement dt = EXACT.fromDouble(t).subtract(EXACT.fromDouble(s)).abs();
        BinaryElement[] ft = evaluate(t, x);
        BinaryElement[] fs = evaluate(s, x);
        return new Observed(norm(difference(ft, fs)).divide(dt), rounding(ft, fs).divide(dt));
    }

    /**
     * Fails unless {@code observed <= certified} up to the observed quantity's rounding and a relative 1e-25 of the
     * bound, both far below any outward rounding of a certificate (which is exact only where the constant itself
     * is computed exactly, e.g. K = c for {@code -c x}, where the quotient attains it).
     */
    static void assertAtMost(Observed observed, double certified, String what, FamilyField field) {
        BinaryElement bound = EXACT.fromDouble(certified);
        BinaryElement noise = bound.abs().multiply(1e-25).add(observed.rounding());
        assertTrue(observed.value().subtract(bound).compareTo(noise) <= 0, () -> what + " " + observed.getReal()
                + " exceeds the certified " + certified + " for " + field);
    }

    double[] unitVector() {
        double[] v = new double[field.dimension()];
        double n = 0;
        while (n == 0) {
            n = 0;
            for (int i = 0; i < v.length; i++) {
                v[i] = random.nextGaussian();
                n += v[i] * v[i];
            }
        }
        return scaled(v, 1 / Math.sqrt(n));
    }

    /** A point of norm at most {@code fraction * radius}, uniform in the ball. */
    double[] point(double fraction) {
        double r = fraction * radius * Math.pow(random.nextDouble(), 1.0 / field.dimension());
        return scaled(unitVector(), r);
    }

    /** A point on the sphere of radius {@code fraction * radius}. */
    double[] pointOnSphere(double fraction) {
        return scaled(unitVector(), fraction * radius);
    }

    /** {@code x + step v}, a close neighbour of x in direction v. */
    static double[] along(double[] x, double[] v, double step) {
        double[] y = x.clone();
        for (int i = 0; i < y.length; i++) {
            y[i] += step * v[i];
        }
        return y;
    }

    static double[] scaled(double[] v, double factor) {
        double[] out = v.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] *= factor;
        }
        return out;
    }

    /** The Jacobian at (t, x) by central differences in double: good enough to find worst directions. */
    RealMatrix jacobian(double t, double[] x) {
        int n = field.dimension();
        double[][] j = new double[n][n];
        double[] plus = new double[n];
        double[] minus = new double[n];
        for (int k = 0; k < n; k++) {
            double step = 1e-6 * Math.max(1, Math.abs(x[k]));
            field.evaluate(t, along(x, basis(n, k), step), plus);
            field.evaluate(t, along(x, basis(n, k), -step), minus);
            for (int i = 0; i < n; i++) {
                j[i][k] = (plus[i] - minus[i]) / (2 * step);
            }
        }
        return new Array2DRowRealMatrix(j, false);
    }

    private static double[] basis(int n, int k) {
        double[] e = new double[n];
        e[k] = 1;
        return e;
    }

    /** The direction the Jacobian at (t, x) stretches most: its top right singular vector. */
    double[] mostStretchedDirection(double t, double[] x) {
        return new SingularValueDecomposition(jacobian(t, x)).getV().getColumn(0);
    }

    /** The direction of largest {@code <J v, v>}: the top eigenvector of the Jacobian's symmetric part. */
    double[] leastContractedDirection(double t, double[] x) {
        RealMatrix j = jacobian(t, x);
        EigenDecomposition eigen = new EigenDecomposition(j.add(j.transpose()).scalarMultiply(0.5));
        double[] values = eigen.getRealEigenvalues();
        int top = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[top]) {
                top = i;
            }
        }
        return eigen.getEigenvector(top).toArray();
    }

    double time(double horizon) {
        return horizon * random.nextDouble();
    }
}
