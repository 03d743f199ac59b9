package io.flowaudit.field.transformer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowaudit.flow.LayerMap;
import io.flowaudit.flow.LayerStack;
import io.flowaudit.num.DoubleSystem;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.apache.commons.math3.util.Decimal64;
import org.junit.jupiter.api.Test;

/**
 * The double fast path at the size of the O(1/L) figure: one block with n = 16 tokens of width d = 32,
 * 4 heads, depth-varying weights, run through a ladder of Euler depths up to L = 1024.
 */
class BlockFastPathTest {

    private static final int TOKENS = 16;
    private static final int WIDTH = 32;
    private static final int HEADS = 4;
    private static final int HIDDEN = 64;

    private static double[][] matrix(int rows, int columns, Random random) {
        double[][] m = new double[rows][columns];
        for (double[] row : m) {
            for (int c = 0; c < columns; c++) {
                row[c] = random.nextGaussian() / Math.sqrt(columns);
            }
        }
        return m;
    }

    private static TransformerBlock block() {
        Random random = new Random(42);
        Map<String, double[][]> matrices = new HashMap<>();
        for (String role : new String[] {"wq", "wk", "wv", "wo"}) {
            matrices.put(role, matrix(WIDTH, WIDTH, random));
            matrices.put(role + ".slope", matrix(WIDTH, WIDTH, random));
        }
        matrices.put("w1", matrix(HIDDEN, WIDTH, random));
        matrices.put("w2", matrix(WIDTH, HIDDEN, random));
        return TransformerBlock.fromWeights(TOKENS, WIDTH, HEADS, true, Activation.GELU, 1e-5, matrices,
                Map.of("b1", matrix(1, HIDDEN, random)[0], "ln1.gamma", matrix(1, WIDTH, random)[0]));
    }

    @Test
    void fastPathAgreesWithGenericPathAtFullSize() {
        TransformerBlock block = block();
        double[] x = FieldProbe.randomState(TOKENS, WIDTH, 0, 3, new Random(1));
        double[] fast = FieldProbe.evaluate(block, 0.4, x);
        double[] generic = FieldProbe.evaluate(block, DoubleSystem.INSTANCE, 0.4, x);
        double error = FieldProbe.norm(FieldProbe.difference(fast, generic)) / FieldProbe.norm(generic);
        assertTrue(error < 1e-12, "relative difference " + error);
    }

    @Test
    void eulerLadderUpToDepth1024IsFast() {
        TransformerBlock block = block();
        Decimal64[] start = DoubleSystem.INSTANCE.fromDoubles(FieldProbe.randomState(TOKENS, WIDTH, 0, 1, new Random(2)));
        long begin = System.nanoTime();
        int layers = 0;
        for (int depth = 16; depth <= 1024; depth *= 2) {
            LayerStack.run(block, LayerMap.EULER, DoubleSystem.INSTANCE, start, new Decimal64(1), depth);
            layers += depth;
        }
        double seconds = (System.nanoTime() - begin) / 1e9;
        System.out.printf("block n=%d d=%d heads=%d: Euler ladder 16..1024 (%d layers) in %.3f s%n", TOKENS, WIDTH,
                HEADS, layers, seconds);
        // about 0.2 s on one shared core; the bound leaves room for a loaded machine
        assertTrue(seconds < 10, "Euler ladder took " + seconds + " s");
    }
}
