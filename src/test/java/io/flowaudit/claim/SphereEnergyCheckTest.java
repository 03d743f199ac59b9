package io.flowaudit.claim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.flowaudit.field.transformer.SphereAttention;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The sphere-energy check on the three regimes of docs/theory.md, "Energy on the sphere": the flow keeps E (holds),
 * small normalised Euler steps keep it (holds), a step of 5 overshoots and lowers it (refuted). The field only
 * supplies the width; its weights play no part (the check's dynamics have V = A = I).
 */
class SphereEnergyCheckTest {

    private static Instance instance(int width, double horizon, int depth) {
        double[][] identity = new double[width][width];
        for (int k = 0; k < width; k++) {
            identity[k][k] = 1;
        }
        SphereAttention field = SphereAttention.fromWeights(1, width, 1, Map.of("wq", identity, "wk", identity,
                "wv", identity));
        double[] start = new double[width];
        start[0] = 1;
        return new Instance(field, start, new double[width], horizon, depth);
    }

    @Test
    void theEnergyNeverFallsAlongTheFlow() {
        Evidence flow = new SphereEnergyCheck(12, 2, false).check(instance(3, 5, 0));
        assertEquals(Evidence.Finding.HOLDS, flow.finding(), flow.observed());
    }

    @Test
    void smallEulerStepsKeepTheEnergyAndAStepOfFiveLowersIt() {
        Evidence small = new SphereEnergyCheck(6, 1, true).check(instance(3, 1, 50));
        assertEquals(Evidence.Finding.HOLDS, small.finding(), small.observed());
        Evidence coarse = new SphereEnergyCheck(6, 1, true).check(instance(3, 10, 2));
        assertEquals(Evidence.Finding.REFUTED, coarse.finding(), coarse.observed());
    }

    @Test
    void widthOneIsRefusedWithTheReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SphereEnergyCheck(4, 1, false).check(instance(1, 1, 0)));
        assertEquals("sphere energy needs tokens of width >= 2 (the sphere in R^1 is two points)", e.getMessage());
    }
}
