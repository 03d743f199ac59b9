package io.flowaudit.claim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.flowaudit.claim.CheckKinds.Numerics;
import io.flowaudit.field.Region;
import io.flowaudit.flow.LayerMap;
import io.flowaudit.flow.ReferenceFlow;
import io.flowaudit.flow.Trajectory;
import io.flowaudit.num.ApfloatSystem;
import io.flowaudit.num.NumberSystem;
import org.apache.commons.math3.RealFieldElement;
import org.junit.jupiter.api.Test;

/**
 * A run evaluates the reference once per layer time and shares it between the rungs of a ladder: a rung's
 * uniform error must not depend on which rungs ran before it on the same run. And its uniform error, from one square
 * root a depth where roots are correctly rounded, is the largest of every layer's distance.
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

    /**
     * Tolerance 0: in double and binary references the root of the largest square is the largest root (both rounded
     * correctly, so nondecreasing), and in apfloat every layer's distance is rooted, so the error is the largest of
     * the layers' distances, each computed on its own, to the bit.
     */
    @Test
    void theUniformErrorIsTheLargestLayerDistance() {
        NumberSystem<?> digits30 = NumberSystem.parse("30");
        for (Numerics numerics : new Numerics[] {Numerics.doubles(LayerMap.EULER),
                new Numerics(LayerMap.EULER, NumberSystem.parse("double"), digits30),
                new Numerics(LayerMap.RK4, digits30, digits30),
                new Numerics(LayerMap.RK4, digits30, new ApfloatSystem(40))}) {
            double layerByLayer = largestLayerDistance(numerics.layers(), numerics.reference(), numerics.layerMap(), 32);
            double uniform = ConvergenceRun.of(instance, numerics).uniformError(numerics.layerMap(), 32,
                    instance.field().certificate().region()).error();
            assertEquals(layerByLayer, uniform, 0, numerics.layerMap() + " layers in " + numerics.layers().digits()
                    + " digits, reference in " + numerics.reference().name());
        }
    }

    private <T extends RealFieldElement<T>, R extends RealFieldElement<R>> double largestLayerDistance(
            NumberSystem<T> numbers, NumberSystem<R> referenceNumbers, LayerMap map, int depth) {
        ReferenceFlow<R> reference = ReferenceFlow.compute(instance.field(), referenceNumbers,
                instance.initialIn(referenceNumbers), instance.horizonIn(referenceNumbers));
        Trajectory<T> layers = new ConvergenceRun<>(instance.field(), numbers, referenceNumbers, instance).layers(map,
                depth);
        double largest = 0;
        for (int l = 0; l <= depth; l++) {
            R[] converted = referenceNumbers.array(instance.field().dimension());
            for (int i = 0; i < converted.length; i++) {
                converted[i] = referenceNumbers.from(layers.state(l)[i]);
            }
            R time = instance.horizonIn(referenceNumbers).multiply(l).divide(depth);
            largest = Math.max(largest, ConvergenceRun.distance(converted, reference.at(time)));
        }
        return largest;
    }
}
