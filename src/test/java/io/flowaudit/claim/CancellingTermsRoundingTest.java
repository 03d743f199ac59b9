package io.flowaudit.claim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.flowaudit.claim.CheckKinds.Numerics;
import io.flowaudit.field.Activation;
import io.flowaudit.field.Domain;
import io.flowaudit.field.transformer.FeedForward;
import io.flowaudit.flow.LayerMap;
import io.flowaudit.num.NumberSystem;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An FFN whose biases cancel, W2 relu(W1 x + b1) + b2 with W1 = W2 = 1 and b2 = -b1: F(x) = x exactly wherever
 * x + b1 > 0, but the computed F rounds by ulp(b1)/2 at x + b1, far more than the state (of size 1) rounds, which is
 * all that the layers' allowance of 10 eps per layer times the state's size (Resolution.ofLayers) held. Layers are now
 * allowed the rounding of h times F's terms where these exceed the state (LayerRounding.layerTerms), carried through
 * the later layers.
 */
class CancellingTermsRoundingTest {

    private static FeedForward cancellingBiases(double bias, double initialRadius) {
        return cancellingBiases(bias, initialRadius, 1);
    }

    private static FeedForward cancellingBiases(double bias, double initialRadius, double horizon) {
        return FeedForward.fromWeights(1, 1, Activation.RELU,
                Map.of("w1", new double[][] {{1}}, "w2", new double[][] {{1}}),
                Map.of("b1", new double[] {bias}, "b2", new double[] {-bias}))
                .certifiedFor(new Domain(initialRadius, horizon));
    }

    /**
     * Theorem 4 is attained here: mu = K = 1, so rho(1) = 2 and exact layers give |x_1 - y_1| = 2 |x_0 - y_0|. From
     * x0 = 0, y0 = -0.001014 with b1 = 1000 (a weights claim's shrunk sample, falsified at try 6 until 2026-11-30) one
     * layer computed |x_1 - y_1| = 0.0020280000000546935, 5.5e-14 above 2 |x_0 - y_0|, which an allowance of
     * 6.7e-15 refuted; F's terms of size 1000 round by up to 5.7e-14.
     */
    @Test
    void anAttainedLayerPerturbationBoundIsNotRefutedByTheRoundingOfCancellingBiases() {
        Instance instance = new Instance(cancellingBiases(1000, 1.5), new double[] {0}, new double[] {-0.001014}, 1,
                1);
        Evidence evidence = new LayerPerturbationCheck(Numerics.doubles(LayerMap.EULER), false).check(instance);
        assertEquals(Evidence.Finding.HOLDS, evidence.finding(), evidence.observed());
    }

    /**
     * Euler on x' = x has order 1, but with b1 = 2^40 each layer's F rounds by up to ulp(2^40)/2 = 1.2e-4, and on the
     * ladder [256, ..., 2048] the errors are that rounding, not Euler's: the least-squares order was -0.047 against
     * a resolution of 7.4e-8 (a weights claim from x0 = -0.001, falsified at try 1 until 2026-11-30). Errors this
     * rounding swamps resolve nothing: the try is vacuous, never a refutation.
     */
    @Test
    void anObservedOrderSwampedByTheRoundingOfCancellingBiasesIsNotRefuted() {
        Instance instance = new Instance(cancellingBiases(0x1p40, 1), new double[] {-0.001}, null, 1, 1);
        Evidence evidence = new ObservedOrderCheck(Numerics.doubles(LayerMap.EULER), new int[] {256, 512, 1024, 2048},
                1, 0.1, 0.15).check(instance);
        assertNotEquals(Evidence.Finding.REFUTED, evidence.finding(), evidence.observed());
    }

    /**
     * The same F(x) = x with b1 = 1024 over a long horizon: each layer's F rounds by up to ulp(1024)/2 = 1.1e-13
     * whatever the state, and K = 1 carries layer l's rounding to the last layer e^(T - t_l) times larger, while the
     * allowance (10 eps per layer times h times F's terms, 2048) counted it once. From x0 = 1e-13, below ulp(1024)/2,
     * the computed F is 0 and the double layers never move: the error is x(T) itself, 2.6e-3 at every depth (T = 24),
     * and the least-squares order -0.00000 was judged against a resolution of 1.1e-10 and refuted order 1, which
     * 40-digit layers give (0.938 on this ladder). At T = 32 from 1e-11 Heun's order read 1.276 (40 digits: 1.989),
     * and from 1e-10 RK4's 1.064 on [128, 1024] (40 digits: 3.914). The carried rounding is now allowed for (here it
     * is measured: the same layers at twice the digits), and these tries are vacuous.
     */
    @Test
    void anObservedOrderWhoseCancellingBiasesRoundingGrowsThroughTheLaterLayersIsNotRefuted() {
        NumberSystem<?> doubles = NumberSystem.parse("double");
        NumberSystem<?> reference = NumberSystem.parse("40");
        Object[][] cases = {
            {LayerMap.EULER, 24.0, 1e-13, new int[] {1024, 2048, 4096, 8192}},
            {LayerMap.HEUN, 32.0, 1e-11, new int[] {1024, 2048, 4096, 8192}},
            {LayerMap.RK4, 32.0, 1e-10, new int[] {128, 256, 512, 1024}},
        };
        for (Object[] c : cases) {
            LayerMap map = (LayerMap) c[0];
            double horizon = (double) c[1];
            double x0 = (double) c[2];
            Instance instance = new Instance(cancellingBiases(1024, x0, horizon), new double[] {x0}, null, horizon,
                    1);
            Evidence evidence = new ObservedOrderCheck(new Numerics(map, doubles, reference), (int[]) c[3], 0, 0.1,
                    0.15).check(instance);
            assertNotEquals(Evidence.Finding.REFUTED, evidence.finding(), map + ": " + evidence.observed());
        }
    }
}
