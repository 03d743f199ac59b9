package io.flowaudit.field.transformer;

import static io.flowaudit.field.transformer.PlainDouble.randomMatrix;
import static io.flowaudit.field.transformer.PlainDouble.randomVector;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowaudit.field.Activation;
import io.flowaudit.flow.LayerMap;
import io.flowaudit.flow.LayerStack;
import io.flowaudit.num.BinarySystem;
import io.flowaudit.num.DoubleSystem;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.apache.commons.math3.util.Decimal64;
import org.junit.jupiter.api.Test;

/**
 * The double fast path at the size of the O(1/L) figure: one block with n = 16 tokens of width d = 32,
 * 4 heads, depth-varying weights, evaluated once and run through Euler ladders. Its speed is benchmark
 * figure 3b ({@code scripts/benchmark 3}).
 */
class BlockFastPathTest {

    private static final int TOKENS = 16;
    private static final int WIDTH = 32;
    private static final int HEADS = 4;
    private static final int HIDDEN = 64;

    private static TransformerBlock block() {
        Random random = new Random(42);
        Map<String, double[][]> matrices = new HashMap<>();
        for (String role : new String[] {"wq", "wk", "wv", "wo"}) {
            matrices.put(role, randomMatrix(WIDTH, WIDTH, random));
            matrices.put(role + ".slope", randomMatrix(WIDTH, WIDTH, random));
        }
        matrices.put("w1", randomMatrix(HIDDEN, WIDTH, random));
        matrices.put("w2", randomMatrix(WIDTH, HIDDEN, random));
        return TransformerBlock.fromWeights(TOKENS, WIDTH, HEADS, true, Activation.GELU, 1e-5, matrices,
                Map.of("b1", randomVector(HIDDEN, random), "ln1.gamma", randomVector(WIDTH, random)));
    }

    @Test
    void fastPathAgreesWithGenericPathAtFullSize() {
        TransformerBlock block = block();
        double[] x = PlainDouble.randomState(TOKENS, WIDTH, 0, 3, new Random(1));
        double[] fast = PlainDouble.evaluate(block, 0.4, x);
        double[] generic = PlainDouble.evaluate(block, DoubleSystem.INSTANCE, 0.4, x);
        double error = PlainDouble.norm(PlainDouble.difference(fast, generic)) / PlainDouble.norm(generic);
        assertTrue(error < 1e-12, "relative difference " + error);
    }

    /** The last Euler iterate through the double fast path ({@link LayerStack} with double numbers). */
    private static double[] fastEuler(TransformerBlock block, double[] x0, double horizon, int layers) {
        return LayerStack.run(block, LayerMap.EULER, DoubleSystem.INSTANCE, DoubleSystem.INSTANCE.fromDoubles(x0),
                new Decimal64(horizon), layers).stateAsDoubles(layers);
    }

    /**
     * The fast path is the Euler iteration of this field: layer by layer through the generic evaluation in
     * {@code Decimal64} (the same double operations, so the same bits) at L = 64, and within 1e-13 of the
     * iteration in 30-digit binary at L = 8. Observed: 3e-16 relative; the tolerance leaves room for the
     * roundings of 8 layers amplified by the layer map, while a different algorithm (another time, another
     * weight, a missing term) moves x_L by the O(1/L) error itself, 1e-2 here.
     */
    @Test
    void eulerLadderIsTheEulerIterationOfTheField() {
        TransformerBlock block = block();
        double[] x0 = PlainDouble.randomState(TOKENS, WIDTH, 0, 1, new Random(2));
        int layers = 64;
        Decimal64[] x = DoubleSystem.INSTANCE.fromDoubles(x0);
        Decimal64 horizon = new Decimal64(1);
        for (int l = 0; l < layers; l++) {
            x = LayerMap.EULER.step(block, horizon.multiply(l).divide(layers), x, horizon.divide(layers));
        }
        double[] generic = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            generic[i] = x[i].getReal();
        }
        assertArrayEquals(generic, fastEuler(block, x0, 1, layers), "fast path against the generic path in double");

        BinarySystem binary = new BinarySystem(30);
        double[] exact = LayerStack.run(block, LayerMap.EULER, binary, binary.fromDoubles(x0), binary.one(), 8)
                .stateAsDoubles(8);
        double error = PlainDouble.norm(PlainDouble.difference(fastEuler(block, x0, 1, 8), exact))
                / PlainDouble.norm(exact);
        assertTrue(error < 1e-13, "relative difference to the 30-digit iteration " + error);
    }

    /**
     * Euler's observed order, {@code log2(|x_L - x_2L| / |x_2L - x_4L|)}, tends to 1 where the regime is
     * asymptotic: with unit tokens the ratios at L = 64..256 and 128..512 are 1.985 and 1.993, the distance to 2 halving
     * with each doubling as the O(h) correction predicts. From a start with a token of norm 0.009 (the
     * previous test's) the ratio is 1.30 at L = 128..512 and reaches 1.95 only at L = 16384: LayerNorm's
     * local Lipschitz constant near a token of tiny variance is about {@code |gamma| / sqrt(var + eps)}, some
     * hundreds with eps = 1e-5, and Euler is asymptotic only once h is well below its inverse.
     */
    @Test
    void eulerLadderConvergesAtFirstOrder() {
        TransformerBlock block = block();
        double[] x0 = PlainDouble.randomState(TOKENS, WIDTH, 1, 1, new Random(2));
        double[] previous = fastEuler(block, x0, 1, 64);
        double[] distances = new double[3];
        for (int k = 0; k < distances.length; k++) {
            double[] next = fastEuler(block, x0, 1, 128 << k);
            distances[k] = PlainDouble.norm(PlainDouble.difference(previous, next));
            previous = next;
        }
        double earlier = distances[0] / distances[1];
        double later = distances[1] / distances[2];
        assertTrue(Math.abs(later - 2) < 0.05, "ratio at L = 128..512: " + later);
        assertTrue(Math.abs(later - 2) < 0.75 * Math.abs(earlier - 2),
                "the ratio approaches 2 as h halves: " + earlier + " then " + later);
    }
}
