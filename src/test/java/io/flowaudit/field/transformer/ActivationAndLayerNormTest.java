package io.flowaudit.field.transformer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowaudit.field.Activation;
import io.flowaudit.field.Region;
import io.flowaudit.num.ApfloatElement;
import io.flowaudit.num.ApfloatSystem;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The per-token building blocks: slope ranges of activations, LayerNorm's output radius and Lipschitz constant. */
class ActivationAndLayerNormTest {

    /** Every difference quotient on a fine grid lies in the slope range, and the range is nearly attained. */
    @Test
    void differenceQuotientsStayInTheSlopeRange() {
        for (Activation activation : Activation.values()) {
            double lowest = Double.POSITIVE_INFINITY;
            double highest = Double.NEGATIVE_INFINITY;
            for (double a = -8; a <= 8; a += 1e-3) {
                double b = a + 1e-3;
                double quotient = (activation.apply(b) - activation.apply(a)) / (b - a);
                lowest = Math.min(lowest, quotient);
                highest = Math.max(highest, quotient);
            }
            Random random = new Random(1);
            for (int trial = 0; trial < 10_000; trial++) {
                double a = 6 * random.nextGaussian();
                double b = 6 * random.nextGaussian();
                double quotient = (activation.apply(b) - activation.apply(a)) / (b - a);
                lowest = Math.min(lowest, quotient);
                highest = Math.max(highest, quotient);
            }
            assertTrue(lowest >= activation.minSlope() && highest <= activation.maxSlope(),
                    activation + " quotients in [" + lowest + ", " + highest + "]");
            assertTrue(lowest - activation.minSlope() < 1e-3 && activation.maxSlope() - highest < 1e-3,
                    activation + " range [" + activation.minSlope() + ", " + activation.maxSlope()
                            + "] should be nearly attained, saw [" + lowest + ", " + highest + "]");
            assertEquals(Activation.feedForward().contains(activation) ? 0 : 0.5, activation.apply(0.0));
        }
    }

    @Test
    void activationsHaveTheirTextbookValues() {
        assertEquals(0.8411919906082768, Activation.GELU.apply(1.0), 1e-15); // tanh-form GELU(1)
        assertEquals(0.8413447460685429, Activation.EXACT_GELU.apply(1.0), 1e-15); // Phi(1), the normal CDF
        assertEquals(-0.15865525393145707, Activation.EXACT_GELU.apply(-1.0), 1e-15); // -Phi(-1)
        assertEquals(0.7310585786300049, Activation.SILU.apply(1.0), 1e-15); // 1 / (1 + e^-1)
        assertEquals(0, Activation.RELU.apply(-2.5));
        assertEquals(2.5, Activation.RELU.apply(2.5));
        ApfloatSystem apfloat = new ApfloatSystem(30);
        for (Activation activation : Activation.values()) {
            ApfloatElement value = activation.apply(apfloat.fromDouble(-1.3));
            assertEquals(activation.apply(-1.3), value.getReal(), 1e-15, activation + " in apfloat");
        }
    }

    @Test
    void layerNormOutputsAreCenteredAndInsideTheirRadius() {
        Random random = new Random(2);
        double[] gamma = {1.5, -0.5, 0.8, 1.1};
        double[] beta = {0.2, 0, -0.3, 0.1};
        LayerNorm affine = LayerNorm.affine(gamma, beta, 1e-3);
        LayerNorm plain = LayerNorm.plain(4, 1e-3);
        for (int trial = 0; trial < 200; trial++) {
            double scale = Math.pow(10, 4 * random.nextDouble() - 3);
            double[] x = PlainDouble.randomState(3, 4, 0, scale, random);
            double[] z = plain.apply(x);
            for (int i = 0; i < 3; i++) {
                double mean = 0;
                double squares = 0;
                for (int k = 0; k < 4; k++) {
                    mean += z[4 * i + k] / 4;
                    squares += z[4 * i + k] * z[4 * i + k];
                }
                assertEquals(0, mean, 1e-12);
                assertTrue(Math.sqrt(squares) < plain.outputRadius());
                assertTrue(Region.tokenNorm(affine.apply(x), i, 4) < affine.outputRadius());
            }
        }
        // a large token is normalized to norm sqrt(d), up to epsilon
        assertEquals(2, Region.tokenNorm(plain.apply(new double[] {300, -100, 0, -200}), 0, 4), 1e-6);
    }

    @Test
    void layerNormLipschitzBoundHoldsWhereItIsSteepest() {
        LayerNorm norm = LayerNorm.affine(new double[] {2, -1, 0.5}, new double[] {0, 1, 0}, 1e-2);
        Random random = new Random(3);
        double worst = 0;
        for (int trial = 0; trial < 2000; trial++) {
            // LN is steepest for tokens of small variance: sample near the diagonal
            double[] x = PlainDouble.randomState(1, 3, 0, 0.3 * random.nextDouble(), random);
            double[] y = PlainDouble.nearby(x, 3, 1e-4, 0, 1, random);
            worst = Math.max(worst, PlainDouble.norm(PlainDouble.difference(norm.apply(x), norm.apply(y)))
                    / PlainDouble.norm(PlainDouble.difference(x, y)));
        }
        assertTrue(worst <= norm.lipschitz(), "quotient " + worst + " above " + norm.lipschitz());
        assertTrue(worst > 0.5 * norm.lipschitz(), "the bound max|gamma|/sqrt(eps) is nearly attained: " + worst);
    }
}
