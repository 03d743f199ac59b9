package io.flowaudit.claim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.flowaudit.field.Region;
import io.flowaudit.flow.LayerMap;
import io.flowaudit.num.NumberSystem;
import org.junit.jupiter.api.Test;

/**
 * A run evaluates the reference once per layer time and shares it between the rungs of a ladder: a rung's
 * uniform error must not depend on which rungs ran before it on the same run.
 */
class ConvergenceRunTest {

    /** T = 0.3: the layer times l T / L are not dyadic, so in apfloat t_l at L and t_2l at 2L may differ in the last digit. */
    private final Instance instance = new Instance(ChecksOnKnownFieldTest.dampedRotation(-0.5, 1.5, 100),
            new double[] {1, 0.5}, null, 0.3, 0);

    /**
     * Tolerance 0: dense output is a pure function of the time's exact value, so a state shared between rungs is
     * the state a fresh run computes, and the maximum over the same doubles is the same double.
     */
    @Test
    void aRungsErrorDoesNotDependOnTheRungsBeforeIt() {
        NumberSystem<?> digits30 = NumberSystem.parse("30");
        for (Numerics numerics : new Numerics[] {Numerics.doubles(LayerMap.EULER),
                new Numerics(LayerMap.EULER, NumberSystem.parse("double"), digits30),
                new Numerics(LayerMap.RK4, digits30, digits30)}) {
            Region region = instance.field().certificate().region();
            ConvergenceRun<?, ?> ladder = ConvergenceRun.of(instance, numerics);
            ladder.uniformError(numerics.layerMap(), 8, region);
            ladder.uniformError(numerics.layerMap(), 16, region);
            double shared = ladder.uniformError(numerics.layerMap(), 32, region).error();
            double fresh = ConvergenceRun.of(instance, numerics).uniformError(numerics.layerMap(), 32, region).error();
            assertEquals(fresh, shared, 0, numerics.layerMap() + " layers in " + numerics.layers().digits()
                    + " digits, reference in " + numerics.reference().digits());
        }
    }
}
