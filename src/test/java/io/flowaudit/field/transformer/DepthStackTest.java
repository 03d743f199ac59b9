package io.flowaudit.field.transformer;

import static io.flowaudit.field.transformer.PlainDouble.randomMatrix;
import static io.flowaudit.field.transformer.PlainDouble.randomVector;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowaudit.field.Activation;
import io.flowaudit.field.DepthLayer;
import io.flowaudit.flow.DepthStack;
import io.flowaudit.flow.FieldStep;
import io.flowaudit.flow.LayerMap;
import io.flowaudit.flow.LayerStack;
import io.flowaudit.flow.Trajectory;
import io.flowaudit.num.DoubleSystem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.commons.math3.util.Decimal64;
import org.junit.jupiter.api.Test;

/**
 * Stacks with weights per layer: pre-LN blocks as steps of their fields and post-LN layers as maps. One field
 * sampled at every depth is exactly the stack {@link LayerStack} runs; blocks that differ per layer are the steps
 * of the field that is piecewise constant in depth.
 */
class DepthStackTest {

    private static final int TOKENS = 3;
    private static final int WIDTH = 4;

    private static TransformerBlock block(long seed, boolean depthVarying) {
        Random random = new Random(seed);
        Map<String, double[][]> matrices = new HashMap<>();
        for (String role : new String[] {"wq", "wk", "wv", "wo"}) {
            matrices.put(role, randomMatrix(WIDTH, WIDTH, random));
            if (depthVarying) {
                matrices.put(role + ".slope", randomMatrix(WIDTH, WIDTH, random));
            }
        }
        matrices.put("w1", randomMatrix(8, WIDTH, random));
        matrices.put("w2", randomMatrix(WIDTH, 8, random));
        return TransformerBlock.fromWeights(TOKENS, WIDTH, 2, false, Activation.GELU, 1e-5, matrices,
                Map.of("b1", randomVector(8, random), "ln2.beta", randomVector(WIDTH, random)));
    }

    /** A depth-varying block sampled at t_k = k h: the same states as LayerStack, bit for bit, for every method. */
    @Test
    void oneFieldAtEveryDepthIsTheLayerStack() {
        TransformerBlock block = block(1, true);
        double[] x = PlainDouble.randomState(TOKENS, WIDTH, 0, 2, new Random(2));
        int depth = 8;
        for (LayerMap map : LayerMap.values()) {
            List<DepthLayer> layers = new ArrayList<>();
            for (int k = 0; k < depth; k++) {
                layers.add(new FieldStep(block, map, 1.0 * k / depth, 1.0 / depth));
            }
            List<double[]> states = new DepthStack(layers).states(x);
            Trajectory<Decimal64> expected = LayerStack.run(block, map, DoubleSystem.INSTANCE,
                    DoubleSystem.INSTANCE.fromDoubles(x), new Decimal64(1), depth);
            for (int k = 0; k <= depth; k++) {
                assertArrayEquals(expected.stateAsDoubles(k), states.get(k), map + " layer " + k);
            }
        }
    }

    /**
     * Different blocks per layer (pre-LN) and different post-LN layers: each state is the layer's map of the one
     * before, in double and through the generic path (Decimal64, the same operations, equal bit for bit).
     */
    @Test
    void layersWithTheirOwnWeights() {
        Random random = new Random(3);
        List<DepthLayer> layers = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            layers.add(new FieldStep(block(10 + k, false), LayerMap.EULER, 0, 1.0 / 3));
        }
        for (int k = 0; k < 2; k++) {
            Map<String, double[][]> matrices = new HashMap<>();
            for (String role : new String[] {"wq", "wk", "wv", "wo"}) {
                matrices.put(role, randomMatrix(WIDTH, WIDTH, random));
            }
            matrices.put("w1", randomMatrix(8, WIDTH, random));
            matrices.put("w2", randomMatrix(WIDTH, 8, random));
            layers.add(PostLnLayer.fromWeights(TOKENS, WIDTH, 2, 0.7, Activation.EXACT_GELU, 1e-12, 1e-12, matrices,
                    Map.of("bq", randomVector(WIDTH, random), "b1", randomVector(8, random))));
        }
        DepthStack stack = new DepthStack(layers);
        double[] x = PlainDouble.randomState(TOKENS, WIDTH, 0, 2, new Random(4));
        List<double[]> states = stack.states(x);
        List<Decimal64[]> generic = stack.states(DoubleSystem.INSTANCE.fromDoubles(x));
        assertEquals(6, states.size());
        for (int k = 0; k < layers.size(); k++) {
            assertArrayEquals(layers.get(k).apply(states.get(k)), states.get(k + 1), "layer " + k);
            for (int i = 0; i < x.length; i++) {
                assertEquals(states.get(k + 1)[i], generic.get(k + 1)[i].getReal(), 0, "layer " + k + ", component " + i);
            }
        }
        assertTrue(PlainDouble.norm(PlainDouble.difference(states.get(3), states.get(2))) > 0, "the layers move");
    }

    @Test
    void refusesMismatchedShapesAndReportsBlowUp() {
        DepthLayer three = new FieldStep(block(1, false), LayerMap.EULER, 0, 0.5);
        DepthLayer four = new FieldStep(block(1, false).withTokens(4), LayerMap.EULER, 0, 0.5);
        assertThrows(IllegalArgumentException.class, () -> new DepthStack(List.of(three, four)));
        assertThrows(IllegalArgumentException.class, () -> new DepthStack(List.of()));
        assertThrows(IllegalArgumentException.class, () -> new DepthStack(List.of(three)).states(new double[5]));
        double[] undefined = new double[TOKENS * WIDTH];
        undefined[5] = Double.NaN;
        ArithmeticException blowUp = assertThrows(ArithmeticException.class,
                () -> new DepthStack(List.of(three)).states(undefined));
        assertTrue(blowUp.getMessage().startsWith("layer 1 produced"), blowUp.getMessage());
    }
}
