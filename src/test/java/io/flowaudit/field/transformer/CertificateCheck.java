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
import io.flowaudit.field.Region;
import java.util.Random;

/**
 * Samples a certificate against its field on the certified region: difference quotients of random
 * pairs and of close pairs along random directions, one-sided quotients, Jacobians by central
 * differences (plus a short hill climb on their norm), |F|, and quotients in t. Reports the worst
 * observed value relative to the certified one.
 */
final class CertificateCheck {

    /** Relative slack for rounding in the observations (quotients, finite differences). */
    private static final double SLACK = 1e-6;

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
            double[] x = PlainDouble.randomState(field.tokens(), width, inner, radius, random);
            double[] fx = evaluate(field, t, x);
            bound = Math.max(bound, over(norm(fx), certificate.bound()));
            double[][] pairs = {
                PlainDouble.randomState(field.tokens(), width, inner, radius, random),
                PlainDouble.nearby(x, width, 1e-2 * radius, inner, radius, random),
                PlainDouble.nearby(x, width, 1e-5 * radius, inner, radius, random)};
            for (double[] y : pairs) {
                double[] dx = difference(x, y);
                double distance = norm(dx);
                if (distance == 0) {
                    continue;
                }
                double[] df = difference(fx, evaluate(field, t, y));
                lipschitz = Math.max(lipschitz, over(norm(df) / distance, k));
                oneSided = Math.max(oneSided, dot(df, dx) / (distance * distance));
            }
            double[][] jacobian = PlainDouble.jacobian(field, t, x);
            double jacobianNorm = PlainDouble.spectralNorm(jacobian);
            if (over(jacobianNorm, k) > lipschitz) {
                lipschitz = over(jacobianNorm, k);
                steepest = x;
            }
            oneSided = Math.max(oneSided, PlainDouble.logarithmicNorm(jacobian));
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
        lipschitz = Math.max(lipschitz, over(climb(field, steepest, inner, outer, horizon, random), k));
        return new Worst(lipschitz, over(oneSided - certificate.oneSidedLipschitz(), k), bound, time);
    }

    /** Observed over certified; an observed 0 is within any certificate, also a certified 0 (zero weights). */
    private static double over(double observed, double certified) {
        return observed == 0 ? 0 : observed / certified;
    }

    /** A short random search from the steepest sample for a larger Jacobian norm. */
    private static double climb(TransformerField field, double[] start, double inner, double outer, double horizon,
            Random random) {
        if (start == null) {
            return 0;
        }
        double t = horizon * random.nextDouble();
        double[] best = start;
        double bestNorm = PlainDouble.spectralNorm(PlainDouble.jacobian(field, t, best));
        for (int step = 0; step < 30; step++) {
            double[] candidate = PlainDouble.nearby(best, field.width(), 0.2 * outer * random.nextDouble(), inner, outer,
                    random);
            double candidateNorm = PlainDouble.spectralNorm(PlainDouble.jacobian(field, t, candidate));
            if (candidateNorm > bestNorm) {
                best = candidate;
                bestNorm = candidateNorm;
            }
        }
        return bestNorm;
    }
}
