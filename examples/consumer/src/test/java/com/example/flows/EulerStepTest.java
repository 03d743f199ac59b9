package com.example.flows;

import io.flowaudit.field.CertifiedField;
import io.flowaudit.field.family.AffineField;
import io.flowaudit.gen.Contractive;
import io.flowaudit.gen.Dimension;
import io.flowaudit.gen.Fields;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;

/**
 * This project's own properties, on certified fields drawn from flowaudit's generators. Each states its seed, so the
 * build draws the same samples every time (junit-platform.properties: no stored failure is replayed); drop the seed,
 * or run with another, to explore.
 */
class EulerStepTest {

    /**
     * One Euler step x + h F(x) of a field with certified one-sided constant mu and Lipschitz constant K moves two
     * states apart by at most the factor sqrt(1 + 2 h mu + h^2 K^2): expand |x - y + h (F(x) - F(y))|^2. With mu < 0
     * and h small the step contracts.
     */
    @Property(tries = 200, seed = "20261123")
    void eulerStepOfAContractiveFieldContracts(
            @ForAll @Contractive(maxMu = -0.2) @Dimension(min = 1, max = 6) CertifiedField field,
            @ForAll @DoubleRange(min = 0.01, max = 0.05) double h, @ForAll("unitBall") double[] seed) {
        assertStepWithinFactor(field, h, seed);
    }

    /** The same inequality on non-normal affine fields, where mu lies above the spectral abscissa. */
    @Property(tries = 200, seed = "20261123")
    void eulerStepOfANonNormalAffineFieldStaysWithinItsFactor(@ForAll("nonNormal") AffineField field,
            @ForAll @DoubleRange(min = 0.01, max = 0.05) double h, @ForAll("unitBall") double[] seed) {
        assertStepWithinFactor(field, h, seed);
    }

    @Provide
    Arbitrary<AffineField> nonNormal() {
        return Fields.affine().dimension(2, 6).lipschitz(0.1, 4).nonNormal();
    }

    /** Twelve numbers in [-1, 1]: the first D give x, the next D the direction from x to y. */
    @Provide
    Arbitrary<double[]> unitBall() {
        return net.jqwik.api.Arbitraries.doubles().between(-1, 1).array(double[].class).ofSize(12);
    }

    /**
     * x = seed scaled into the ball of radius 1/2 and y = x + 0.1 d: both within |x0| <= 1, where the generators
     * certify the constants. The tolerance, 1e-9 relative, is far above double rounding (|x - y| >= 1e-3 keeps the
     * cancellation in F(x) - F(y) near 1e-13 relative) and far below the slack of a wrong constant.
     */
    private static void assertStepWithinFactor(CertifiedField field, double h, double[] seed) {
        int d = field.dimension();
        double[] x = new double[d];
        double[] y = new double[d];
        double xNorm = norm(seed, 0, d);
        double dNorm = norm(seed, 6, d);
        if (xNorm == 0 || dNorm < 1e-2) {
            return;
        }
        for (int i = 0; i < d; i++) {
            x[i] = 0.5 * seed[i] / Math.max(1, 2 * xNorm);
            y[i] = x[i] + 0.1 * seed[6 + i] / dNorm;
        }
        double[] fx = new double[d];
        double[] fy = new double[d];
        field.evaluate(0, x, fx);
        field.evaluate(0, y, fy);
        double before = 0;
        double after = 0;
        for (int i = 0; i < d; i++) {
            before += (x[i] - y[i]) * (x[i] - y[i]);
            double stepped = x[i] + h * fx[i] - (y[i] + h * fy[i]);
            after += stepped * stepped;
        }
        double mu = field.certificate().oneSidedLipschitz();
        double k = field.certificate().lipschitz();
        double factor = 1 + 2 * h * mu + h * h * k * k;
        if (!(after <= factor * before * (1 + 1e-9))) {
            throw new AssertionError("|step(x) - step(y)|^2 = " + after + " exceeds (1 + 2 h mu + h^2 K^2) |x - y|^2 = "
                    + factor * before + " with h = " + h + ", mu = " + mu + ", K = " + k);
        }
    }

    private static double norm(double[] values, int from, int count) {
        double sum = 0;
        for (int i = from; i < from + count; i++) {
            sum += values[i] * values[i];
        }
        return Math.sqrt(sum);
    }
}
