package io.flowaudit.flow;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowaudit.field.CertifiedField;
import io.flowaudit.field.Certificate;
import io.flowaudit.field.Domain;
import io.flowaudit.gen.Fields;
import io.flowaudit.gen.States;
import io.flowaudit.num.ApfloatElement;
import io.flowaudit.num.ApfloatSystem;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;

/**
 * The two lemmas behind Theorem 1 for every layer map (docs/theory.md, "Theorem 1 for Heun and RK4"), on certified
 * fields at steps up to hK = 2.5, where the higher powers of z in d(z) and g(z) matter: one layer from the exact state
 * misses the solution by at most {@code M2 h^2 d(hK)}, and the increment Phi is {@code K g(hK)}-Lipschitz. Everything
 * runs at 30 digits, so the only tolerance is the reference's own error estimate and 10^-25 of rounding.
 */
class LayerMapConstantsProperties {

    private static final ApfloatSystem APFLOAT = new ApfloatSystem(30);
    /** The longest step drawn: h = z/K for z up to 2.5 and K from 0.2. */
    private static final double HORIZON = 12.5;
    private static final double ROUNDING = 1e-25;

    /** A certified field and two states in the unit ball, where its domain starts. */
    record Case(CertifiedField field, double[] x, double[] y) {
    }

    @Provide
    Arbitrary<Case> cases() {
        Domain domain = new Domain(1, HORIZON);
        Arbitrary<CertifiedField> fields = Arbitraries.oneOf(
                Fields.mlp().dimension(1, 3).lipschitz(0.2, 2).certifiedFor(domain),
                Fields.timeDependent().dimension(1, 3).lipschitz(0.2, 2).certifiedFor(domain),
                Fields.affine().dimension(1, 3).lipschitz(0.2, 2).certifiedFor(domain));
        return fields.flatMap(field -> Combinators.combine(States.inBall(field.dimension(), 1),
                States.inBall(field.dimension(), 1)).as((x, y) -> new Case(field, x, y)));
    }

    @Property(tries = 60)
    void oneLayerFromTheExactStateMissesByAtMostTheLocalDefect(@ForAll("cases") Case drawn, @ForAll LayerMap map,
            @ForAll @DoubleRange(min = 0.01, max = 2.5) double z) {
        CertifiedField field = drawn.field();
        Certificate certificate = field.certificate();
        double step = z / certificate.lipschitz();
        double[] start = drawn.x();
        Assume.that(map.stagesPass(field, 0, start, step, certificate.region()::contains));
        ApfloatElement h = APFLOAT.fromDouble(step);
        ApfloatElement[] x0 = APFLOAT.fromDoubles(start);
        ReferenceFlow<ApfloatElement> exact = ReferenceFlow.compute(field, APFLOAT, x0, h);
        double defect = distance(map.step(field, APFLOAT.zero(), x0, h), exact.atHorizon());
        double bound = certificate.solutionCurvature() * step * step * map.localDefect(APFLOAT.fromDouble(z)).getReal();
        assertTrue(defect <= bound * (1 + 1e-12) + exact.errorEstimate() + ROUNDING,
                map + " on " + field + ": defect " + defect + " > M2 h^2 d(z) = " + bound);
    }

    @Property(tries = 60)
    void theIncrementIsLipschitzWithTheMapsFactor(@ForAll("cases") Case drawn, @ForAll LayerMap map,
            @ForAll @DoubleRange(min = 0.01, max = 2.5) double z) {
        CertifiedField field = drawn.field();
        Certificate certificate = field.certificate();
        double step = z / certificate.lipschitz();
        double[] x = drawn.x();
        double[] y = drawn.y();
        Assume.that(map.stagesPass(field, 0, x, step, certificate.region()::contains)
                && map.stagesPass(field, 0, y, step, certificate.region()::contains));
        ApfloatElement h = APFLOAT.fromDouble(step);
        ApfloatElement[] xs = APFLOAT.fromDoubles(x);
        ApfloatElement[] ys = APFLOAT.fromDoubles(y);
        ApfloatElement[] nextX = map.step(field, APFLOAT.zero(), xs, h);
        ApfloatElement[] nextY = map.step(field, APFLOAT.zero(), ys, h);
        // h |Phi(x) - Phi(y)| = |(x_1 - y_1) - (x - y)|
        ApfloatElement[] increments = nextX.clone();
        for (int i = 0; i < increments.length; i++) {
            increments[i] = nextX[i].subtract(nextY[i]).subtract(xs[i].subtract(ys[i]));
        }
        double incrementGap = distance(increments, APFLOAT.fromDoubles(new double[increments.length])) / step;
        double bound = certificate.lipschitz() * map.incrementLipschitz(APFLOAT.fromDouble(z)).getReal()
                * distance(xs, ys);
        assertTrue(incrementGap <= bound * (1 + 1e-12) + ROUNDING,
                map + " on " + field + ": |Phi(x) - Phi(y)| = " + incrementGap + " > K g(z) |x - y| = " + bound);
    }

    private static double distance(ApfloatElement[] a, ApfloatElement[] b) {
        ApfloatElement sum = APFLOAT.zero();
        for (int i = 0; i < a.length; i++) {
            ApfloatElement d = a[i].subtract(b[i]);
            sum = sum.add(d.multiply(d));
        }
        return sum.sqrt().getReal();
    }
}
