package io.flowaudit.flow;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowaudit.field.CertifiedField;
import io.flowaudit.field.Domain;
import io.flowaudit.gen.Fields;
import io.flowaudit.num.BinaryElement;
import io.flowaudit.num.BinarySystem;
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

    private static final BinarySystem EXACT = new BinarySystem(30);
    /** The longest step drawn: h = z/K for z up to 2.5 and K from 0.2. */
    private static final double HORIZON = 12.5;
    private static final double ROUNDING = 1e-25;
    /** The bounds are computed in double from the constants (a few roundings of 1e-16 each): far below this share. */
    private static final double BOUND_ROUNDING = 1e-12;

    /** A certified field and two states in the unit ball, where its domain starts. */
    record Case(CertifiedField field, double[] x, double[] y) {

        /** h = z/K. */
        double step(double z) {
            return z / field.certificate().lipschitz();
        }

        /** Whether the layer's stage states from this state lie where the constants hold (else nothing is claimed). */
        boolean stagesInRegion(LayerMap map, double[] state, double step) {
            return map.stagesPass(field, 0, state, step, field.certificate().region()::contains);
        }
    }

    @Provide
    Arbitrary<Case> cases() {
        Domain domain = new Domain(1, HORIZON);
        Arbitrary<CertifiedField> fields = Arbitraries.oneOf(
                Fields.mlp().dimension(1, 3).lipschitz(0.2, 2).certifiedFor(domain),
                Fields.timeDependent().dimension(1, 3).lipschitz(0.2, 2).certifiedFor(domain),
                Fields.affine().dimension(1, 3).lipschitz(0.2, 2).certifiedFor(domain));
        return fields.flatMap(field -> Combinators.combine(Fields.statesInBall(field.dimension(), 1),
                Fields.statesInBall(field.dimension(), 1)).as((x, y) -> new Case(field, x, y)));
    }

    @Property(tries = 60)
    void oneLayerFromTheExactStateMissesByAtMostTheLocalDefect(@ForAll("cases") Case drawn, @ForAll LayerMap map,
            @ForAll @DoubleRange(min = 0.01, max = 2.5) double z) {
        CertifiedField field = drawn.field();
        double step = drawn.step(z);
        Assume.that(drawn.stagesInRegion(map, drawn.x(), step));
        BinaryElement h = EXACT.fromDouble(step);
        BinaryElement[] x0 = EXACT.fromDoubles(drawn.x());
        ReferenceFlow<BinaryElement> exact = ReferenceFlow.compute(field, EXACT, x0, h);
        double defect = distance(map.step(field, EXACT.zero(), x0, h), exact.atHorizon());
        double bound = field.certificate().solutionCurvature() * step * step
                * map.localDefect(EXACT.fromDouble(z)).getReal();
        assertTrue(defect <= bound * (1 + BOUND_ROUNDING) + exact.errorEstimate() + ROUNDING,
                map + " on " + field + ": defect " + defect + " > M2 h^2 d(z) = " + bound);
    }

    @Property(tries = 60)
    void theIncrementIsLipschitzWithTheMapsFactor(@ForAll("cases") Case drawn, @ForAll LayerMap map,
            @ForAll @DoubleRange(min = 0.01, max = 2.5) double z) {
        CertifiedField field = drawn.field();
        double step = drawn.step(z);
        Assume.that(drawn.stagesInRegion(map, drawn.x(), step) && drawn.stagesInRegion(map, drawn.y(), step));
        BinaryElement h = EXACT.fromDouble(step);
        BinaryElement[] xs = EXACT.fromDoubles(drawn.x());
        BinaryElement[] ys = EXACT.fromDoubles(drawn.y());
        BinaryElement[] nextX = map.step(field, EXACT.zero(), xs, h);
        BinaryElement[] nextY = map.step(field, EXACT.zero(), ys, h);
        // h |Phi(x) - Phi(y)| = |(x_1 - y_1) - (x - y)|
        BinaryElement[] increments = nextX.clone();
        for (int i = 0; i < increments.length; i++) {
            increments[i] = nextX[i].subtract(nextY[i]).subtract(xs[i].subtract(ys[i]));
        }
        double incrementGap = distance(increments, EXACT.fromDoubles(new double[increments.length])) / step;
        double bound = field.certificate().lipschitz() * map.incrementLipschitz(EXACT.fromDouble(z)).getReal()
                * distance(xs, ys);
        assertTrue(incrementGap <= bound * (1 + BOUND_ROUNDING) + ROUNDING,
                map + " on " + field + ": |Phi(x) - Phi(y)| = " + incrementGap + " > K g(z) |x - y| = " + bound);
    }

    private static double distance(BinaryElement[] a, BinaryElement[] b) {
        BinaryElement sum = EXACT.zero();
        for (int i = 0; i < a.length; i++) {
            BinaryElement d = a[i].subtract(b[i]);
            sum = sum.add(d.multiply(d));
        }
        return sum.sqrt().getReal();
    }
}
