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
import org.apache.commons.math3.util.Decimal64;
import org.junit.jupiter.params.ParameterizedTest;
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

    @Test
    void aLayerStackThatBlowsUpIsNamedWithComponentAndTime() {
        VectorField explosive = TestFields.dampedRotation(1e200, 0);
        FieldEvaluationException e = assertThrows(FieldEvaluationException.class,
                () -> LayerStack.run(explosive, LayerMap.EULER, DoubleSystem.INSTANCE,
                        new Decimal64[] {new Decimal64(1), new Decimal64(1)}, new Decimal64(1), 8));
        assertTrue(e.getMessage().contains("component x1") && e.getMessage().contains("t = 0.25"), e.getMessage());
    }
}
