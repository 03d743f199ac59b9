package io.flowaudit.field.family;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowaudit.field.Certificate;
import io.flowaudit.field.Region;
import io.flowaudit.flow.LayerMap;
import io.flowaudit.gen.Fields;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The time-dependent and contractive families, built from the others. */
class CompositeFieldProperties {

    private static final AffineField ZERO = AffineField.of(new double[2][2]);

    /**
     * A pure forcing {@code sin(omega t) b}: {@code |dF/dt| = |omega cos(omega t)| |b|} peaks at t = 0,
     * where the certified K_t = |omega| |b| is attained.
     */
    @Example
    void timeLipschitzConstantIsAttainedByAForcing() {
        AffineField forcing = AffineField.of(new double[2][2], new double[] {3, 4});
        TimeDependentField field = TimeDependentField.of(ZERO, forcing, 2.5);
        Certificate c = field.certificate();
        assertEquals(2.5 * 5, c.timeLipschitz(), 1e-12);
        double quotient = new EmpiricalConstants(field, new Random(1)).timeQuotient(0, 1e-6, new double[2]).getReal();
        assertTrue(c.timeLipschitz() <= quotient * (1 + 1e-6), "K_t " + c.timeLipschitz() + " vs " + quotient);
        assertEquals(Region.wholeSpace(), c.region(), "a bounded field is certified everywhere");
    }

    @Example
    void linearComponentsGiveTheAffineTimeDependentField() {
        AffineField a0 = AffineField.of(new double[][] {{1, 0}, {0, 2}}, new double[] {0, 1});
        AffineField a1 = AffineField.of(new double[][] {{0, 1}, {0, 0}}, new double[] {1, 0});
        TimeDependentField field = TimeDependentField.of(a0, a1, 3);
        double t = 0.7;
        double s = Math.sin(3 * t);
        double[] out = new double[2];
        field.evaluate(t, new double[] {1, 1}, out);
        assertEquals(1 + s * (1 + 1), out[0], 1e-15);
        assertEquals(2 + 1, out[1], 1e-15);
        Certificate c = field.certificateOn(Region.ball(10));
        assertEquals(2 + 1, c.lipschitz(), 1e-12);
        assertEquals(2 + 1, c.oneSidedLipschitz(), 1e-12);
        assertEquals(3 * (1 * 10 + 1), c.timeLipschitz(), 1e-12);
        assertEquals("time-dependent", field.family());
        assertEquals("linear", ((Map<?, ?>) field.parameters().get("G")).get("family"));
    }

    @Example
    void timeDependentComponentsMustBeAutonomousAndOfOneDimension() {
        TimeDependentField inner = TimeDependentField.of(ZERO, AffineField.of(new double[2][2], new double[] {1, 0}), 1);
        assertThrows(IllegalArgumentException.class, () -> TimeDependentField.of(inner, ZERO, 1));
        assertThrows(IllegalArgumentException.class,
                () -> TimeDependentField.of(ZERO, AffineField.of(new double[1][1]), 1));
    }

    @Example
    void dampingMakesARotationContractive() {
        AffineField rotation = AffineField.of(new double[][] {{0, 2}, {-2, 0}});
        ContractiveField field = ContractiveField.of(0.5, rotation);
        Certificate c = field.certificate();
        assertEquals(-0.5, c.oneSidedLipschitz(), 1e-9);
        assertEquals(2.5, c.lipschitz(), 1e-9);
        double[] out = new double[2];
        field.evaluate(0, new double[] {1, 0}, out);
        assertEquals(-0.5, out[0], 1e-15);
        assertEquals(-2, out[1], 1e-15);
    }

    @Example
    void rejectsDampingTooWeakToContract() {
        AffineField expanding = AffineField.of(new double[][] {{1, 0}, {0, 1}});
        assertThrows(IllegalArgumentException.class, () -> ContractiveField.of(1, expanding));
        assertThrows(IllegalArgumentException.class, () -> ContractiveField.of(-1, ZERO));
    }

    /** Theorem 3 along a generated contractive flow: RK4 with many layers stands in for the flow. */
    @Property(tries = 30)
    void contractiveFlowsBringStatesTogetherAtRateMu(@ForAll("contractive") ContractiveField field,
            @ForAll Random random) {
        EmpiricalConstants probe = new EmpiricalConstants(field, random);
        double[] x = probe.point(0.5);
        double[] y = probe.point(0.5);
        double horizon = 1;
        int layers = 2000;
        double h = horizon / layers;
        double[][] workspace = LayerMap.RK4.newWorkspace(field.dimension());
        double initial = distance(x, y);
        for (int l = 0; l < layers; l++) {
            double[] nextX = new double[x.length];
            double[] nextY = new double[y.length];
            LayerMap.RK4.step(field, l * h, x, h, nextX, workspace);
            LayerMap.RK4.step(field, l * h, y, h, nextY, workspace);
            x = nextX;
            y = nextY;
        }
        double mu = field.certificate().oneSidedLipschitz();
        assertTrue(distance(x, y) <= Math.exp(mu * horizon) * initial * (1 + 1e-9) + 1e-12,
                "|x(T) - y(T)| = " + distance(x, y) + " above e^{mu T}|x0 - y0| = " + Math.exp(mu) * initial);
    }

    @Provide
    Arbitrary<ContractiveField> contractive() {
        return Fields.contractive().dimension(1, 4);
    }

    private static double distance(double[] x, double[] y) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            sum += (x[i] - y[i]) * (x[i] - y[i]);
        }
        return Math.sqrt(sum);
    }
}
