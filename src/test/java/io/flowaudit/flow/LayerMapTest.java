package io.flowaudit.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowaudit.field.FieldEvaluationException;
import io.flowaudit.field.VectorField;
import io.flowaudit.num.ApfloatElement;
import io.flowaudit.num.ApfloatSystem;
import io.flowaudit.num.DoubleSystem;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.math3.RealFieldElement;
import org.apache.commons.math3.util.Decimal64;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class LayerMapTest {

    private static final ApfloatSystem APFLOAT = new ApfloatSystem(40);
    private static final double A = -0.25;
    private static final double B = 2;
    private static final VectorField ROTATION = TestFields.dampedRotation(A, B);
    /**
     * The closed form by time: every method visits the same layer times (and the 64-layer times recur among the
     * 128-layer ones), so each exp, cos and sin at 40 digits is computed once for all methods, not once per method.
     */
    private static final Map<ApfloatElement, ApfloatElement[]> EXACT_AT = new ConcurrentHashMap<>();

    private static ApfloatElement[] exact(ApfloatElement time) {
        return EXACT_AT.computeIfAbsent(time, LayerMapTest::closedForm);
    }

    /** x(T) = e^{aT} R(-bT) x0 for x0 = (1, 0). */
    private static ApfloatElement[] closedForm(ApfloatElement horizon) {
        ApfloatElement decay = horizon.multiply(A).exp();
        ApfloatElement angle = horizon.multiply(B);
        return new ApfloatElement[] {decay.multiply(angle.cos()), decay.multiply(angle.sin()).negate()};
    }

    private static double uniformError(LayerMap map, int layers) {
        ApfloatElement horizon = APFLOAT.fromInt(2);
        Trajectory<ApfloatElement> trajectory = LayerStack.run(ROTATION, map, APFLOAT,
                new ApfloatElement[] {APFLOAT.one(), APFLOAT.zero()}, horizon, layers);
        double max = 0;
        for (int l = 0; l <= layers; l++) {
            ApfloatElement[] state = trajectory.state(l);
            ApfloatElement[] truth = exact(trajectory.time(l));
            max = Math.max(max, state[0].subtract(truth[0]).hypot(state[1].subtract(truth[1])).getReal());
        }
        return max;
    }

    @ParameterizedTest
    @EnumSource(LayerMap.class)
    void observedOrderMatchesTheMethod(LayerMap map) {
        double coarse = uniformError(map, 64);
        double fine = uniformError(map, 128);
        double order = Math.log(coarse / fine) / Math.log(2);
        assertEquals(map.order(), order, 0.1, map + ": errors " + coarse + ", " + fine);
    }

    @ParameterizedTest
    @EnumSource(LayerMap.class)
    void doubleFastPathAgreesWithGenericPath(LayerMap map) {
        Decimal64[] initial = {new Decimal64(1), new Decimal64(0.5)};
        Trajectory<Decimal64> fast = LayerStack.run(ROTATION, map, DoubleSystem.INSTANCE, initial, new Decimal64(2), 16);
        Decimal64 h = new Decimal64(2.0 / 16);
        Decimal64[] x = initial;
        for (int l = 0; l < 16; l++) {
            x = map.step(ROTATION, new Decimal64(2.0 * l / 16), x, h);
        }
        for (int i = 0; i < 2; i++) {
            assertEquals(x[i].getReal(), fast.last()[i].getReal(), 1e-14);
        }
    }

    /**
     * The quadrature part of each map's local defect bound M2 h^2 d(0) is attained (docs/theory.md, "Theorem 1 for Heun
     * and RK4"): on x' = y(t) with y 1-Lipschitz (K = 0, M2 = 1), one layer of step 1 from x(0) = 0 is the map's
     * quadrature of y, and these y follow the sign of its Peano kernel. Exactly, at 40 digits: x(1) = 1/2 for y = t,
     * 1/4 for y = |t - 1/2|, and 1/36 for y = 1/2 - |t - 1/6| + |t - 1/2| - |t - 5/6|.
     */
    @ParameterizedTest
    @CsvSource({"EULER, 1/2", "HEUN, 1/4", "RK4, 1/36"})
    void theQuadraturePartOfTheLocalDefectIsAttained(LayerMap map, String exactSolution) {
        VectorField kernelSigned = new TestFields.ScalarField() {
            @Override
            public <T extends RealFieldElement<T>> T rate(T t, T x) {
                return switch (map) {
                    case EULER -> t;
                    case HEUN -> t.subtract(0.5).abs();
                    case RK4 -> t.subtract(t.getField().getOne().divide(6)).abs().negate().add(0.5)
                            .add(t.subtract(0.5).abs()).subtract(t.subtract(t.getField().getOne().multiply(5).divide(6)).abs());
                };
            }
        };
        String[] fraction = exactSolution.split("/");
        ApfloatElement exact = APFLOAT.fromInt(Integer.parseInt(fraction[0])).divide(Integer.parseInt(fraction[1]));
        ApfloatElement layer = map.step(kernelSigned, APFLOAT.zero(), new ApfloatElement[] {APFLOAT.zero()},
                APFLOAT.one())[0];
        ApfloatElement bound = map.localDefect(APFLOAT.zero());
        assertEquals(0, layer.subtract(exact).abs().subtract(bound).getReal(), 1e-35, map + ": layer " + layer);
    }

    /** 1 + z g(z), the factor by which a layer can stretch a distance, is e^z's Taylor polynomial of the map's order. */
    @ParameterizedTest
    @EnumSource(LayerMap.class)
    void theIncrementsFactorIsTheTaylorPolynomialOfExp(LayerMap map) {
        for (String text : new String[] {"0.1", "1", "2.5", "7"}) {
            ApfloatElement z = APFLOAT.fromDecimal(text);
            ApfloatElement taylor = APFLOAT.zero();
            ApfloatElement term = APFLOAT.one();
            for (int k = 0; k <= map.order(); k++) {
                taylor = taylor.add(term);
                term = term.multiply(z).divide(k + 1);
            }
            ApfloatElement stretch = z.multiply(map.incrementLipschitz(z)).add(1);
            assertEquals(0, stretch.subtract(taylor).getReal(), 1e-35, map + " at z = " + text);
        }
    }

    @Test
    void aLayerStackThatBlowsUpIsNamedWithComponentAndTime() {
        VectorField explosive = TestFields.dampedRotation(1e200, 0);
        FieldEvaluationException e = assertThrows(FieldEvaluationException.class,
                () -> LayerStack.run(explosive, LayerMap.EULER, DoubleSystem.INSTANCE,
                        new Decimal64[] {new Decimal64(1), new Decimal64(1)}, new Decimal64(1), 8));
        assertTrue(e.getMessage().contains("component x1") && e.getMessage().contains("t = 0.25"), e.getMessage());
    }
}
