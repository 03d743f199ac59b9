package io.flowaudit.field.transformer;

import static io.flowaudit.field.transformer.PlainDouble.randomMatrix;
import static io.flowaudit.field.transformer.PlainDouble.randomVector;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowaudit.field.Activation;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Factories from plain arrays: shapes checked with clear messages, and parameters that rebuild the field. */
class WeightsFromArraysTest {

    private static Map<String, double[][]> twoHeads(Random random) {
        Map<String, double[][]> weights = new HashMap<>();
        weights.put("wq", randomMatrix(6, 4, random));
        weights.put("wk", randomMatrix(6, 4, random));
        weights.put("wv", randomMatrix(4, 4, random));
        weights.put("wo", randomMatrix(4, 4, random));
        return weights;
    }

    /** One head's {@code wq, wk} (2 x width) and {@code wv} (valueRows x width). */
    private static Map<String, double[][]> singleHead(int width, int valueRows, Random random) {
        return Map.of("wq", randomMatrix(2, width, random), "wk", randomMatrix(2, width, random),
                "wv", randomMatrix(valueRows, width, random));
    }

    private static String messageOf(Runnable build) {
        return assertThrows(IllegalArgumentException.class, build::run).getMessage();
    }

    @Test
    void misshapenWeightsAreNamedWithTheExpectedShape() {
        Map<String, double[][]> weights = twoHeads(new Random(1));
        weights.put("wk", randomMatrix(6, 3, new Random(2)));
        String message = messageOf(() -> SelfAttention.fromWeights(3, 4, 2, weights));
        assertTrue(message.contains("'wk' must be 6 x 4") && message.contains("got 6 x 3"), message);
    }

    @Test
    void missingUnknownAndRaggedWeightsAreRejected() {
        Map<String, double[][]> missing = twoHeads(new Random(1));
        missing.remove("wo");
        assertTrue(messageOf(() -> SelfAttention.fromWeights(3, 4, 2, missing)).contains("missing weight 'wo'"));

        Map<String, double[][]> unknown = twoHeads(new Random(1));
        unknown.put("wz", randomMatrix(4, 4, new Random(3)));
        assertTrue(messageOf(() -> SelfAttention.fromWeights(3, 4, 2, unknown))
                .contains("unknown weight role(s) [wz]"));

        Map<String, double[][]> ragged = twoHeads(new Random(1));
        double[][] raggedQueries = randomMatrix(6, 4, new Random(9));
        raggedQueries[1] = new double[] {1, 2, 3};
        ragged.put("wq", raggedQueries);
        assertTrue(messageOf(() -> SelfAttention.fromWeights(3, 4, 2, ragged)).contains("rows of differing lengths"));

        Map<String, double[][]> odd = twoHeads(new Random(1));
        odd.put("wq", randomMatrix(5, 4, new Random(4)));
        assertTrue(messageOf(() -> SelfAttention.fromWeights(3, 4, 2, odd)).contains("multiples of the 2 heads"));

        Map<String, double[][]> infinite = twoHeads(new Random(1));
        infinite.get("wv")[1][2] = Double.POSITIVE_INFINITY;
        assertTrue(messageOf(() -> SelfAttention.fromWeights(3, 4, 2, infinite)).contains("[1][2] is Infinity"));

        Map<String, double[][]> slope = twoHeads(new Random(1));
        slope.put("wv.slope", randomMatrix(4, 3, new Random(5)));
        assertTrue(messageOf(() -> SelfAttention.fromWeights(3, 4, 2, slope)).contains("'wv.slope' must be 4 x 4"));
    }

    @Test
    void feedForwardAndBlockCheckVectorsToo() {
        Random random = new Random(6);
        Map<String, double[][]> matrices = Map.of("w1", randomMatrix(5, 3, random), "w2", randomMatrix(3, 5, random));
        assertTrue(messageOf(() -> FeedForward.fromWeights(2, 3, Activation.GELU, matrices,
                Map.of("b1", randomVector(4, random)))).contains("'b1' must have length 5, got 4"));
        // sigmoid(0) = 1/2, so |act(z)| <= L |z| fails and the token growth bound would not hold
        assertTrue(messageOf(() -> FeedForward.fromWeights(2, 3, Activation.SIGMOID, matrices, Map.of()))
                .contains("the FFN's token growth bound needs an activation among [tanh, gelu, silu, relu, exact_gelu], got sigmoid"));
        Map<String, double[][]> block = new HashMap<>(matrices);
        block.putAll(singleHead(3, 3, random));
        assertTrue(messageOf(() -> TransformerBlock.fromWeights(2, 3, 1, false, Activation.TANH, 1e-5, block,
                Map.of("ln1.gamma.slope", randomVector(3, random))))
                .contains("unknown weight role(s) [ln1.gamma.slope]"));
    }

    /** {@code parameters()} hold every weight: rebuilding from them gives the same field. */
    @Test
    void parametersRebuildTheField() {
        Random random = new Random(7);
        Map<String, double[][]> matrices = new HashMap<>(twoHeads(random));
        matrices.put("wq.slope", randomMatrix(6, 4, random));
        matrices.put("w1", randomMatrix(7, 4, random));
        matrices.put("w2", randomMatrix(4, 7, random));
        matrices.put("w2.slope", randomMatrix(4, 7, random));
        Map<String, double[]> vectors = Map.of("b1", randomVector(7, random), "b2", randomVector(4, random), "b2.slope",
                randomVector(4, random), "ln1.gamma", randomVector(4, random), "ln2.beta", randomVector(4, random));
        TransformerBlock block = TransformerBlock.fromWeights(3, 4, 2, true, Activation.SILU, 1e-3, matrices, vectors);
        Map<String, Object> parameters = block.parameters();

        Map<String, double[][]> rebuiltMatrices = new HashMap<>();
        Map<String, double[]> rebuiltVectors = new HashMap<>();
        for (Map.Entry<String, Object> entry : parameters.entrySet()) {
            if (entry.getValue() instanceof List<?> list && list.get(0) instanceof List<?>) {
                rebuiltMatrices.put(entry.getKey(), list.stream().map(row -> ((List<?>) row).stream()
                        .mapToDouble(v -> (Double) v).toArray()).toArray(double[][]::new));
            } else if (entry.getValue() instanceof List<?> list) {
                rebuiltVectors.put(entry.getKey(), list.stream().mapToDouble(v -> (Double) v).toArray());
            }
        }
        TransformerBlock rebuilt = TransformerBlock.fromWeights((Integer) parameters.get("tokens"),
                (Integer) parameters.get("width"), (Integer) parameters.get("heads"),
                (Boolean) parameters.get("causal"),
                Activation.parse((String) parameters.get("activation")), (Double) parameters.get("ln1.epsilon"),
                rebuiltMatrices, rebuiltVectors);
        double[] x = PlainDouble.randomState(3, 4, 0, 2, random);
        assertArrayEquals(PlainDouble.evaluate(block, 0.7, x), PlainDouble.evaluate(rebuilt, 0.7, x));
        assertEquals(block.certificate(), rebuilt.certificate());
        assertEquals("transformer-block", block.family());
        assertTrue(block.toString().startsWith("transformer-block {tokens=3, width=4, heads=2"), block.toString());
    }

    @Test
    void singleHeadNeedsNoOutputProjection() {
        Random random = new Random(8);
        SelfAttention single = SelfAttention.fromWeights(2, 3, 1, singleHead(3, 3, random));
        assertEquals("softmax-attention", single.family());
        assertEquals("causal-attention",
                SelfAttention.fromWeights(AttentionVariant.softmax().withCausalMask(true), 2, 3, 1,
                        singleHead(3, 3, random)).family());
        // with a value width other than d there is no identity to fall back to
        assertTrue(messageOf(() -> SelfAttention.fromWeights(2, 3, 1, singleHead(3, 2, random)))
                .contains("missing weight 'wo'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AttentionVariant.sinkhorn(2).withCausalMask(true))
                .getMessage().contains("cannot be causal"));
    }
}
