package io.flowaudit.field.transformer;

import static io.flowaudit.field.transformer.PlainDouble.randomMatrix;
import static io.flowaudit.field.transformer.PlainDouble.randomVector;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowaudit.field.Activation;
import io.flowaudit.flow.LayerMap;
import io.flowaudit.flow.LayerStack;
import io.flowaudit.num.DoubleSystem;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
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

    @Test
    void eulerLadderUpToDepth1024IsFast() {
        TransformerBlock block = block();
        double[] state = PlainDouble.randomState(TOKENS, WIDTH, 0, 1, new Random(2));
        Decimal64[] start = DoubleSystem.INSTANCE.fromDoubles(state);
        // this thread's CPU time, not the wall clock: on a machine shared by several builds the wall clock
        // measures the load (18 s was seen at a load of 25)
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long begin = threads.getCurrentThreadCpuTime();
        int layers = 0;
        for (int depth = 16; depth <= 1024; depth *= 2) {
            LayerStack.run(block, LayerMap.EULER, DoubleSystem.INSTANCE, start, new Decimal64(1), depth);
            layers += depth;
        }
        double seconds = (threads.getCurrentThreadCpuTime() - begin) / 1e9;
        System.out.printf("block n=%d d=%d heads=%d: Euler ladder 16..1024 (%d layers) in %.3f s of CPU%n", TOKENS,
                WIDTH, HEADS, layers, seconds);
        // about 0.2 s of CPU; the bound leaves room for a cold JIT and a slower machine
        assertTrue(seconds < 10, "Euler ladder took " + seconds + " s of CPU");
    }
}
