package io.flowaudit.field.transformer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowaudit.field.Domain;
import io.flowaudit.field.Region;
import io.flowaudit.flow.LayerMap;
import io.flowaudit.flow.ReferenceFlow;
import io.flowaudit.num.ApfloatElement;
import io.flowaudit.num.ApfloatSystem;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SphereAttentionTest {

    /** Three tokens in R^3 with two heads, weights large enough that the tokens move visibly. */
    private static final SphereAttention FIELD = SphereAttention.fromWeights(3, 3, 2, Map.of(
            "wq", new double[][] {{1.2, 0.3, -0.5}, {0.2, -0.9, 0.4}},
            "wk", new double[][] {{0.8, -0.6, 0.1}, {0.5, 0.7, 1.1}},
            "wv", new double[][] {{0.9, -0.4, 0.3}, {-0.2, 1.0, 0.6}},
            "wo", new double[][] {{1.0, 0.4}, {-0.3, 0.8}, {0.5, -0.7}}));

    private static double[] unitTokens(long seed) {
        return PlainDouble.randomState(3, 3, 1, 1, new Random(seed));
    }

    @Test
    void referenceFlowKeepsEveryTokenOnTheUnitSphere() {
        ApfloatSystem apfloat = new ApfloatSystem(30);
        double[] start = unitTokens(1);
        ApfloatElement horizon = apfloat.fromInt(2);
        ReferenceFlow<ApfloatElement> flow = ReferenceFlow.compute(FIELD, apfloat, apfloat.fromDoubles(start), horizon);
        assertTrue(flow.errorEstimate() < 1e-18, "reference error estimate " + flow.errorEstimate());
        double moved = 0;
        for (int step = 0; step <= 8; step++) {
            ApfloatElement[] x = flow.at(horizon.multiply(step).divide(8));
            for (int i = 0; i < 3; i++) {
                ApfloatElement squaredNorm = x[3 * i].multiply(x[3 * i]).add(x[3 * i + 1].multiply(x[3 * i + 1]))
                        .add(x[3 * i + 2].multiply(x[3 * i + 2]));
                // |x_i|^2 = 1 in exact arithmetic; the start was rounded to double, hence 1e-15
                assertEquals(1, squaredNorm.getReal(), 1e-15, "token " + i + " at step " + step);
                moved = Math.max(moved, Math.abs(x[3 * i].getReal() - start[3 * i]));
            }
        }
        assertTrue(moved > 0.05, "the tokens should move on the sphere, moved " + moved);
    }

    /** An Euler layer adds exactly {@code h^2 |F_i|^2} to {@code |x_i|^2}: quartering per halving of h. */
    @Test
    void eulerDriftOffTheSphereIsOrderHSquaredPerLayer() {
        double[] x = unitTokens(2);
        double[] f = PlainDouble.evaluate(FIELD, 0, x);
        double previousDrift = Double.NaN;
        for (double h = 0.1; h > 1e-3; h /= 2) {
            double[] next = new double[x.length];
            LayerMap.EULER.step(FIELD, 0, x, h, next, LayerMap.EULER.newWorkspace(x.length));
            double drift = 0;
            for (int i = 0; i < 3; i++) {
                double squaredNorm = Math.pow(Region.tokenNorm(next, i, 3), 2);
                double expected = h * h * Math.pow(Region.tokenNorm(f, i, 3), 2);
                assertEquals(1 + expected, squaredNorm, 1e-14, "token " + i + " at h = " + h);
                drift = Math.max(drift, squaredNorm - 1);
            }
            assertTrue(drift > 0, "a moving token drifts outward");
            if (!Double.isNaN(previousDrift)) {
                assertEquals(4, previousDrift / drift, 1e-6, "drift ratio when h halves");
            }
            previousDrift = drift;
        }
    }

    /** Euler and Heun layers never shorten a token (class comment of SphereAttention). */
    @Test
    void eulerAndHeunNeverShortenTokens() {
        for (LayerMap map : new LayerMap[] {LayerMap.EULER, LayerMap.HEUN}) {
            double[] x = unitTokens(3);
            double[][] workspace = map.newWorkspace(x.length);
            for (int layer = 0; layer < 20; layer++) {
                double[] next = new double[x.length];
                map.step(FIELD, layer * 0.25, x, 0.25, next, workspace);
                for (int i = 0; i < 3; i++) {
                    assertTrue(Region.tokenNorm(next, i, 3) >= Region.tokenNorm(x, i, 3) * (1 - 1e-15),
                            map + " shortened token " + i + " in layer " + layer);
                }
                x = next;
            }
        }
    }

    @Test
    void certificateNeedsTheShellAroundTheUnitSphere() {
        assertEquals(1, FIELD.innerTokenRadius());
        assertThrows(IllegalArgumentException.class, () -> FIELD.certificateOn(0.9, 1));
        assertThrows(IllegalArgumentException.class, () -> FIELD.certificateFor(new Domain(0.5, 1)));
        assertTrue(FIELD.certificateFor(new Domain(1, 1)).lipschitz() > FIELD.attention().certificateFor(new Domain(1, 1)).lipschitz(),
                "the projection adds to the attention's Lipschitz constant");
    }
}
