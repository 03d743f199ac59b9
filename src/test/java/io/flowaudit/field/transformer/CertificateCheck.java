package io.flowaudit.field.transformer;

import static io.flowaudit.field.transformer.PlainDouble.difference;
import static io.flowaudit.field.transformer.PlainDouble.dot;
import static io.flowaudit.field.transformer.PlainDouble.evaluate;
import static io.flowaudit.field.transformer.PlainDouble.norm;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowaudit.field.Certificate;
import io.flowaudit.field.Domain;
import io.flowaudit.field.InitialStates;
import io.flowaudit.field.Region;
import java.util.Random;
import java.util.function.UnaryOperator;

/**
 * Samples a certificate against its field on the certified region: difference quotients of random
 * pairs and of close pairs along random directions, one-sided quotients, Jacobians by central
 * differences (plus a short hill climb on their norm), |F|, and quotients in t. Reports the worst
 * observed value relative to the certified one. Where the region has a centred floor every sampled token
 * below it is lifted onto it ({@link InitialStates#aboveCentredFloor}), so many samples and pairs sit at
 * the floor, where LayerNorm is steepest.
 */
final class CertificateCheck {

    /** Relative slack for rounding in the observations (quotients, finite differences). */
    private static final double SLACK = 1e-6;

    /**
     * Units of 2^-52 by which one evaluation of F in double may round each component, relative to |x| + M: a few
     * units of the sizes of x and F (docs/theory.md, "Ground truth and vacuous instances"), with room for the
     * families' sums of a few dozen terms. Beside a small K that rounding is no longer small against K times the
     * distance: an FFN with K = 5e-7 and |F| = 0.008 read 1.5e-6 of K above K from a central difference over 2e-6.
     */
    private static final double ROUNDING_UNITS = 64;

    /**
     * A seed for the sampled states: fixed, so every build checks the same states (not a field's identity hash,
     * which differs per run).
     */
    static final long SAMPLE_SEED = 20261129;

    /**
     * Worst observed over certified: {@code lipschitz} for quotients and Jacobian norms over K,
     * {@code oneSidedExcess} for {@code (observed - mu) / K}, {@code bound} for |F| over M and
     * {@code time} for t-quotients over {@code K_t} (0 for autonomous fields).
     */
    record Worst(double lipschitz, double oneSidedExcess, double bound, double time) {

        void assertWithinCertificate(String field) {
            assertTrue(lipschitz <= 1 + SLACK, field + ": difference quotient / K = " + lipschitz);
            assertTrue(oneSidedExcess <= SLACK, field + ": (one-sided quotient - mu) / K = " + oneSidedExcess);
            assertTrue(bound <= 1 + SLACK, field + ": |F| / M = " + bound);
            assertTrue(time <= 1 + SLACK, field + ": t-quotient / K_t = " + time);
        }
    }

    private CertificateCheck() {
    }

    static Worst sample(TransformerField field, Certificate certificate, long seed, int samples) {
        Random random = new Random(seed);
        int width = field.width();
        double horizon = field.domain().horizon();
        double inner = field.innerTokenRadius();
        boolean global = certificate.region().kind() == Region.Kind.WHOLE_SPACE;
        double outer = global ? 3 * field.regionFor(new Domain(field.domain().initialRadius(), horizon)).radius()
                : certificate.region().radius();
        UnaryOperator<double[]> inRegion = inRegion(certificate.region(), width, outer);
        // lifting onto the floor can bring a close pair within rounding of each other (both tokens land on the
        // same floor point); such a quotient measures F's rounding (about 2^-52 M over the distance), not K
        double unresolved = certificate.region().centredFloor() > 0 ? 0x1p-26 * outer : 0;
        double k = certificate.lipschitz();
        double lipschitz = 0;
        double oneSided = Double.NEGATIVE_INFINITY;
        double bound = 0;
        double time = 0;
        double[] steepest = null;
        for (int s = 0; s < samples; s++) {
            // a global certificate must also hold far out
            double radius = global && s % 4 == 3 ? 30 * outer : outer;
            double t = horizon * random.nextDouble();
            double[] x = inRegion.apply(PlainDouble.randomState(field.tokens(), width, inner, radius, random));
            double[] fx = evaluate(field, t, x);
            bound = Math.max(bound, over(norm(fx), certificate.bound()));
            double[][] pairs = {
                inRegion.apply(PlainDouble.randomState(field.tokens(), width, inner, radius, random)),
                inRegion.apply(PlainDouble.nearby(x, width, 1e-2 * radius, inner, radius, random)),
                inRegion.apply(PlainDouble.nearby(x, width, 1e-5 * radius, inner, radius, random))};
            for (double[] y : pairs) {
                double[] dx = difference(x, y);
                double distance = norm(dx);
                if (distance <= unresolved) {
                    continue;
                }
                double[] df = difference(fx, evaluate(field, t, y));
                double dfRounding = rounding(x, certificate) + rounding(y, certificate);
                lipschitz = Math.max(lipschitz, over(Math.max(0, norm(df) - dfRounding) / distance, k));
                oneSided = Math.max(oneSided, (dot(df, dx) - dfRounding * distance) / (distance * distance));
            }
            double[][] jacobian = PlainDouble.jacobian(field, t, x);
            double jacobianNorm = resolvedNorm(jacobian, x, certificate);
            if (over(jacobianNorm, k) > lipschitz) {
                lipschitz = over(jacobianNorm, k);
                steepest = x;
            }
            oneSided = Math.max(oneSided, PlainDouble.logarithmicNorm(jacobian) - jacobianRounding(x, certificate));
            double other = horizon * random.nextDouble();
            double[] fOther = evaluate(field, other, x);
            if (field.isAutonomous()) {
                assertArrayEquals(fx, fOther, "an autonomous field must not depend on t");
            } else if (other != t) {
                time = Math.max(time, over(norm(difference(fx, fOther)) / Math.abs(other - t), certificate.timeLipschitz()));
            }
        }
        if (field.isAutonomous()) {
            assertEquals(0, certificate.timeLipschitz(), "K_t of an autonomous field");
        }
        lipschitz = Math.max(lipschitz, over(climb(field, certificate, steepest, inner, outer, horizon, inRegion,
                random), k));
        return new Worst(lipschitz, over(oneSided - certificate.oneSidedLipschitz(), k), bound, time);
    }

    /** A bound of the rounding of F(t, x) in double, over all its components ({@link #ROUNDING_UNITS}). */
    private static double rounding(double[] x, Certificate certificate) {
        return ROUNDING_UNITS * 0x1p-52 * Math.sqrt(x.length) * (norm(x) + certificate.bound());
    }

    /**
     * What the evaluations' rounding can add to the spectral or logarithmic norm of a central-difference Jacobian at
     * x: each column is off by at most two roundings over twice the step, and either norm of the error matrix is at
     * most its Frobenius norm.
     */
    private static double jacobianRounding(double[] x, Certificate certificate) {
        return Math.sqrt(x.length) * 2 * rounding(x, certificate) / (2 * PlainDouble.jacobianStep(x));
    }

    /** The spectral norm of F's central-difference Jacobian at x, less what rounding can add to it. */
    private static double resolvedNorm(double[][] jacobian, double[] x, Certificate certificate) {
        return Math.max(0, PlainDouble.spectralNorm(jacobian) - jacobianRounding(x, certificate));
    }

    /** Observed over certified; an observed 0 is within any certificate, also a certified 0 (zero weights). */
    private static double over(double observed, double certified) {
        return observed == 0 ? 0 : observed / certified;
    }

    /** States as sampled, or lifted above the region's centred floor when it has one. */
    private static UnaryOperator<double[]> inRegion(Region region, int width, double outer) {
        double floor = region.centredFloor();
        return floor == 0 ? UnaryOperator.identity() : x -> InitialStates.aboveCentredFloor(x, width, floor, outer);
    }

    /** A short random search from the steepest sample for a larger Jacobian norm. */
    private static double climb(TransformerField field, Certificate certificate, double[] start, double inner,
            double outer, double horizon, UnaryOperator<double[]> inRegion, Random random) {
        if (start == null) {
            return 0;
        }
        double t = horizon * random.nextDouble();
        double[] best = start;
        double bestNorm = resolvedNorm(PlainDouble.jacobian(field, t, best), best, certificate);
        for (int step = 0; step < 30; step++) {
            double[] candidate = inRegion.apply(PlainDouble.nearby(best, field.width(), 0.2 * outer * random.nextDouble(),
                    inner, outer, random));
            double candidateNorm = resolvedNorm(PlainDouble.jacobian(field, t, candidate), candidate, certificate);
            if (candidateNorm > bestNorm) {
                best = candidate;
                bestNorm = candidateNorm;
            }
        }
        return bestNorm;
    }
}
