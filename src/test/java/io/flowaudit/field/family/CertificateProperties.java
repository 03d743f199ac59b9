package io.flowaudit.field.family;

import static org.junit.jupiter.api.Assertions.assertThrows;

import io.flowaudit.gen.Fields;
import java.util.Random;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * Every certified constant of every family is an upper bound of what it bounds: sampled on random
 * pairs across the region and on close pairs along the Jacobian's worst direction (where a difference
 * quotient approaches the local sup), near the origin (where activations are steepest) and anywhere.
 */
class CertificateProperties {

    /** The fields' default certificates are for trajectories over [0, 1]; F is sampled at t in [0, 2]. */
    private static final double TIMES = 2;
    private static final int SAMPLES = 4;

    @Provide
    Arbitrary<FamilyField> fields() {
        return Fields.any().dimension(1, 5);
    }

    /** Points to compare from: one near the origin, the rest anywhere in the region. */
    private static double[] base(EmpiricalConstants probe, int sample) {
        return probe.point(sample == 0 ? 0.01 : 0.999);
    }

    private static double step(double[] x) {
        double norm = 0;
        for (double v : x) {
            norm = Math.hypot(norm, v);
        }
        return 1e-7 * Math.max(1, norm);
    }

    /**
     * The comparison's knife edge: F = -0.100000004 x attains K = 0.100000004 on every pair, and a close pair's
     * 30-digit quotient passes against it with its rounding allowed, while a K a relative 1e-12 smaller fails.
     */
    @Test
    void anAttainedConstantPassesAndOneARelative1e12SmallerFails() {
        AffineField field = AffineField.of(new double[][] {{-0.100000004}});
        double k = field.certificate().lipschitz();
        double[] x = {0.7};
        EmpiricalConstants.Observed quotient = new EmpiricalConstants(field, new Random(1)).lipschitzQuotient(0.5, x,
                EmpiricalConstants.along(x, new double[] {1}, step(x)));
        EmpiricalConstants.assertAtMost(quotient, k, "quotient", field);
        assertThrows(AssertionError.class,
                () -> EmpiricalConstants.assertAtMost(quotient, k * (1 - 1e-12), "quotient", field));
    }

    @Property(tries = 150)
    void lipschitzConstantBoundsDifferenceQuotients(@ForAll("fields") FamilyField field, @ForAll Random random) {
        EmpiricalConstants probe = new EmpiricalConstants(field, random);
        double k = field.certificate().lipschitz();
        for (int sample = 0; sample < SAMPLES; sample++) {
            double t = probe.time(TIMES);
            EmpiricalConstants.assertAtMost(probe.lipschitzQuotient(t, probe.point(1), probe.point(1)), k, "quotient", field);
            double[] x = base(probe, sample);
            double[] y = EmpiricalConstants.along(x, probe.mostStretchedDirection(t, x), step(x));
            EmpiricalConstants.assertAtMost(probe.lipschitzQuotient(t, x, y), k, "quotient along the top singular vector", field);
        }
    }

    @Property(tries = 150)
    void oneSidedConstantBoundsInnerProductQuotients(@ForAll("fields") FamilyField field, @ForAll Random random) {
        EmpiricalConstants probe = new EmpiricalConstants(field, random);
        double mu = field.certificate().oneSidedLipschitz();
        for (int sample = 0; sample < SAMPLES; sample++) {
            double t = probe.time(TIMES);
            EmpiricalConstants.assertAtMost(probe.oneSidedQuotient(t, probe.point(1), probe.point(1)), mu, "<dF, dx>/|dx|^2",
                    field);
            double[] x = base(probe, sample);
            double[] y = EmpiricalConstants.along(x, probe.leastContractedDirection(t, x), step(x));
            EmpiricalConstants.assertAtMost(probe.oneSidedQuotient(t, x, y), mu, "<dF, dx>/|dx|^2 along the top eigenvector",
                    field);
        }
    }

    @Property(tries = 150)
    void boundHoldsOnTheRegionAndItsBoundary(@ForAll("fields") FamilyField field, @ForAll Random random) {
        EmpiricalConstants probe = new EmpiricalConstants(field, random);
        double m = field.certificate().bound();
        for (int sample = 0; sample < SAMPLES; sample++) {
            double t = probe.time(TIMES);
            EmpiricalConstants.assertAtMost(probe.magnitude(t, probe.point(1)), m, "|F|", field);
            EmpiricalConstants.assertAtMost(probe.magnitude(t, probe.pointOnSphere(1)), m, "|F| on the boundary", field);
        }
    }

    @Property(tries = 150)
    void timeLipschitzConstantBoundsTimeQuotients(@ForAll("fields") FamilyField field, @ForAll Random random) {
        EmpiricalConstants probe = new EmpiricalConstants(field, random);
        double kt = field.certificate().timeLipschitz();
        for (int sample = 0; sample < SAMPLES; sample++) {
            double[] x = probe.point(1);
            double t = probe.time(TIMES);
            EmpiricalConstants.assertAtMost(probe.timeQuotient(t, probe.time(TIMES), x), kt, "|F(t,x) - F(s,x)|/|t - s|",
                    field);
            EmpiricalConstants.assertAtMost(probe.timeQuotient(t, t + 1e-7, x), kt, "|F(t,x) - F(t+1e-7,x)|/1e-7", field);
        }
    }
}
