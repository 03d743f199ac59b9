package io.flowaudit.claim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowaudit.field.Certificate;
import io.flowaudit.field.CertifiedField;
import io.flowaudit.field.Domain;
import io.flowaudit.field.InitialStates;
import io.flowaudit.field.Region;
import io.flowaudit.flow.LayerMap;
import io.flowaudit.num.NumberSystem;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import org.apache.commons.math3.RealFieldElement;
import org.apache.commons.math3.util.MathArrays;
import org.junit.jupiter.api.Test;

/** Every check on fields whose behaviour is known in closed form, true claims and false ones. */
class ChecksOnKnownFieldTest {

    /** F(x) = A x + sin(t) e1 with A = [[a, b], [-b, a]]: K = sqrt(a^2 + b^2), mu = a, K_t = 1. */
    static CertifiedField dampedRotation(double a, double b, double radius) {
        double lipschitz = Math.hypot(a, b);
        Certificate certificate = new Certificate(Certificate.roundUp(lipschitz), a,
                Certificate.roundUp(lipschitz * radius + 1), 1, Region.ball(radius));
        return new CertifiedField() {
            @Override
            public int dimension() {
                return 2;
            }

            @Override
            public <T extends RealFieldElement<T>> T[] evaluate(T t, T[] x) {
                T[] out = MathArrays.buildArray(t.getField(), 2);
                out[0] = x[0].multiply(a).add(x[1].multiply(b)).add(t.sin());
                out[1] = x[1].multiply(a).subtract(x[0].multiply(b));
                return out;
            }

            @Override
            public Certificate certificate() {
                return certificate;
            }

            @Override
            public CertifiedField certifiedFor(Domain domain) {
                throw new UnsupportedOperationException("the closed-form certificate holds on one ball only");
            }

            @Override
            public Arbitrary<double[]> initialStates(double radius) {
                return InitialStates.inBall(2, radius);
            }

            @Override
            public String family() {
                return "damped-rotation";
            }

            @Override
            public Map<String, Object> parameters() {
                return Map.of("a", a, "b", b);
            }
        };
    }

    private static CheckSettings settings(LayerMap map, String precision, int[] ladder) {
        CheckSettings d = CheckSettings.defaults();
        return new CheckSettings(map, NumberSystem.parse(precision), NumberSystem.parse(precision), ladder, 1, 0, d.orderTolerance(),
                d.pairwiseTolerance(), d.maxRelativeGap(), 0, false, false, d.fieldEpsilon());
    }

    private final Instance instance = new Instance(dampedRotation(-0.5, 1.5, 100), new double[] {1, 0.5},
            new double[] {0.1, -0.2}, 2, 16);

    @Test
    void uniformBoundHolds() {
        Evidence evidence = new UniformBoundCheck(settings(LayerMap.EULER, "double", new int[] {16, 32, 64}))
                .check(instance);
        assertHolds(evidence);
    }

    @Test
    void observedOrdersAreOneTwoFour() {
        assertHolds(new ObservedOrderCheck(settings(LayerMap.EULER, "double", new int[] {64, 128, 256, 512}))
                .check(instance));
        assertHolds(new ObservedOrderCheck(settings(LayerMap.HEUN, "double", new int[] {32, 64, 128, 256}))
                .check(instance));
        Evidence rk4 = new ObservedOrderCheck(settings(LayerMap.RK4, "30", new int[] {8, 16, 32, 64})).check(instance);
        assertHolds(rk4);
    }

    @Test
    void eulerIsNotOrderTwo() {
        CheckSettings d = settings(LayerMap.EULER, "double", new int[] {64, 128, 256, 512});
        CheckSettings claimsTwo = new CheckSettings(d.layerMap(), d.precision(), d.referencePrecision(), d.ladder(), 1, 2, d.orderTolerance(),
                d.pairwiseTolerance(), d.maxRelativeGap(), 0, false, false, d.fieldEpsilon());
        assertEquals(Evidence.Finding.REFUTED, new ObservedOrderCheck(claimsTwo).check(instance).finding());
    }

    @Test
    void leadingTermMatches() {
        Evidence evidence = new LeadingTermCheck(settings(LayerMap.EULER, "double", new int[] {128, 256, 512, 1024}))
                .check(instance);
        assertHolds(evidence);
    }

    @Test
    void perturbationBoundsHold() {
        CheckSettings s = settings(LayerMap.EULER, "double", new int[] {16});
        Evidence flow = new FlowPerturbationCheck(s).check(instance);
        assertHolds(flow);
        Evidence layers = new LayerPerturbationCheck(s).check(instance);
        assertHolds(layers);
        Evidence field = new FieldPerturbationCheck(s).check(instance);
        assertHolds(field);
    }

    /** |x0| = 1.12: a certificate on the unit ball does not hold the solutions, and no bound may pass on it. */
    @Test
    void perturbationChecksRefuseSolutionsOutsideTheCertifiedRegion() {
        CheckSettings s = settings(LayerMap.EULER, "double", new int[] {16});
        Instance outside = new Instance(dampedRotation(-0.5, 1.5, 1), instance.initial(), instance.perturbation(),
                instance.horizon(), instance.depth());
        for (TheoremCheck check : new TheoremCheck[] {new FlowPerturbationCheck(s), new LayerPerturbationCheck(s),
                new FieldPerturbationCheck(s)}) {
            Evidence evidence = check.check(outside);
            assertEquals(Evidence.Finding.REFUTED, evidence.finding(), check.theorem());
            assertTrue(evidence.observed().contains("left the region"), evidence.observed());
        }
    }

    /** Support, never a vacuous instance: a test that counted vacuous evidence could pass having checked nothing. */
    static void assertHolds(Evidence evidence) {
        assertEquals(Evidence.Finding.HOLDS, evidence.finding(), evidence.observed() + " vs " + evidence.bound());
    }
}
