package io.flowaudit.weights.onnx;

import io.flowaudit.weights.DType;
import io.flowaudit.weights.Tensor;
import io.flowaudit.weights.onnx.BertEncoder.LayerNorm;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The theory document's expansion for post-LN layers ("Post-LN layers and the flow reading"): with gain 1,
 * bias 0 and ε = 0, N(x + h v) = x + h P_x v + O(h²) on the sphere S = {mean 0, |x|² = d}, P_x the tangent
 * projection. Checked by the error's ratio under halving h, which is 4 for a second-order remainder and 2 for
 * a first-order one.
 */
class PostLnExpansionTest {

    private static final int WIDTH = 16;
    private static final double[] STEPS = {1e-2, 5e-3, 2.5e-3};

    private final LayerNorm normalize = new LayerNorm(Tensor.vector("gain", DType.F64, filled(1)),
            Tensor.vector("bias", DType.F64, filled(0)), 0, "N");
    private final Random random = new Random(15);

    private static double[] filled(double value) {
        double[] vector = new double[WIDTH];
        Arrays.fill(vector, value);
        return vector;
    }

    private double[] gaussian() {
        double[] vector = new double[WIDTH];
        Arrays.setAll(vector, i -> random.nextGaussian());
        return vector;
    }

    /** P_x v = v₀ − (⟨x, v₀⟩ / d) x, with v₀ the mean-free part of v. */
    private static double[] tangent(double[] x, double[] v) {
        double mean = Arrays.stream(v).average().orElseThrow();
        double[] centred = Arrays.stream(v).map(value -> value - mean).toArray();
        double along = 0;
        for (int i = 0; i < WIDTH; i++) {
            along += x[i] * centred[i];
        }
        double[] projected = new double[WIDTH];
        for (int i = 0; i < WIDTH; i++) {
            projected[i] = centred[i] - along / WIDTH * x[i];
        }
        return projected;
    }

    private static double distance(double[] a, double[] b, double[] c, double h) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            double difference = a[i] - b[i] - h * c[i];
            sum += difference * difference;
        }
        return Math.sqrt(sum);
    }

    private static double[] step(double[] x, double[] v, double h) {
        double[] moved = x.clone();
        for (int i = 0; i < moved.length; i++) {
            moved[i] += h * v[i];
        }
        return moved;
    }

    /**
     * Ratios of successive errors lie in [3.8, 4.2]: the remainder is c·h² (1 + O(h |v| / √d)), and with
     * h ≤ 10⁻², |v| ≈ 4 and d = 16 the relative O(h) part is about 10⁻², so the ratio is 4 to within 0.1
     * twice over; rounding (10⁻¹⁶ against errors above 10⁻⁶) does not show. The unprojected step
     * x + h v has ratio 2 and fails the same test, so it discriminates.
     */
    @Test
    void aPostLnStepIsAProjectedEulerStepToSecondOrder() {
        for (int trial = 0; trial < 20; trial++) {
            double[] x = normalize.apply(gaussian());
            double[] v = gaussian();
            double[] projected = tangent(x, v);
            for (int k = 0; k + 1 < STEPS.length; k++) {
                double error = distance(normalize.apply(step(x, v, STEPS[k])), x, projected, STEPS[k]);
                double halved = distance(normalize.apply(step(x, v, STEPS[k + 1])), x, projected, STEPS[k + 1]);
                assertTrue(error / halved >= 3.8 && error / halved <= 4.2, "trial " + trial + ": ratio " + error / halved);
                double unprojected = distance(normalize.apply(step(x, v, STEPS[k])), x, v, STEPS[k]);
                double unprojectedHalved = distance(normalize.apply(step(x, v, STEPS[k + 1])), x, v, STEPS[k + 1]);
                assertTrue(unprojected / unprojectedHalved < 2.2, "the unprojected step is first order only");
            }
        }
    }
}
