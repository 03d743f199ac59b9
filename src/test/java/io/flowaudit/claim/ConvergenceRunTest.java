package io.flowaudit.claim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowaudit.claim.CheckKinds.Numerics;
import io.flowaudit.field.Certificate;
import io.flowaudit.field.Region;
import io.flowaudit.flow.TestFields;
import io.flowaudit.flow.LayerMap;
import io.flowaudit.flow.ReferenceFlow;
import io.flowaudit.flow.Trajectory;
import io.flowaudit.num.ApfloatSystem;
import io.flowaudit.num.NumberSystem;
import java.util.Map;
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

    /**
     * The layers' rounding is counted at the run's largest state: x' = 3 x cos t from x0 = 1 rises to e^3 = 20.1 at
     * t = pi/2 and is back at 1 at T = 2 pi, so x0 and x(T) alone count a rounding 20 times too small (as until
     * 2026-11-30). A 30-digit reference keeps its own error far below the layers' rounding.
     */
    @Test
    void theLayersRoundingIsCountedAtTheLargestState() {
        TestFields.ScalarField hump = new TestFields.ScalarField() {
            @Override
            public <T extends RealFieldElement<T>> T rate(T t, T x) {
                return x.multiply(t.cos()).multiply(3);
            }
        };
        Certificate certificate = new Certificate(3, 3, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY,
                Region.wholeSpace());
        Instance instance = new Instance(TestFields.certified(hump, certificate, "hump", Map.of()), new double[] {1},
                null, 2 * Math.PI, 0);
        Numerics numerics = new Numerics(LayerMap.EULER, NumberSystem.parse("double"), NumberSystem.parse("30"));
        Resolution resolution = ConvergenceRun.of(instance, numerics).uniformError(LayerMap.EULER, 64,
                Region.wholeSpace()).resolution();
        double atTheHump = Resolution.ofLayers(64, numerics.layers().epsilon(), 20).value();
        assertTrue(resolution.value() >= atTheHump, resolution + " against " + atTheHump);
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
