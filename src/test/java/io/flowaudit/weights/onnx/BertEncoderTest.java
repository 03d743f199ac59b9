package io.flowaudit.weights.onnx;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import io.flowaudit.input.BadInputException;
import io.flowaudit.weights.onnx.BertEncoder.Layer;
import io.flowaudit.weights.onnx.BertEncoder.Linear;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.flowaudit.weights.onnx.OnnxTestFiles.editConstant;
import static io.flowaudit.weights.onnx.OnnxTestFiles.editNode;
import static io.flowaudit.weights.onnx.OnnxTestFiles.integer;
import static io.flowaudit.weights.onnx.OnnxTestFiles.ints;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Structure recovery on a small post-LN BERT laid out as PyTorch exports it, and on graphs that differ. */
class BertEncoderTest {

    private static final String FILE = "tiny-bert.onnx";
    private static final String MISMATCH = FILE + ": the graph does not match " + BertEncoder.ARCHITECTURE + ": ";

    private final TinyBert bert = TinyBert.build();

    private static BertEncoder recover(ModelProto model) {
        return BertEncoder.recover(OnnxModel.parse(FILE, model.toByteArray()));
    }

    private static String refusal(ModelProto model) {
        BadInputException e = assertThrows(BadInputException.class, () -> recover(model));
        assertTrue(e.getMessage().startsWith(MISMATCH), e.getMessage());
        return e.getMessage().substring(MISMATCH.length());
    }

    @Test
    void recoversEveryRoleFromTheDataflow() {
        OnnxModel model = OnnxModel.parse(FILE, bert.model().toByteArray());
        BertEncoder encoder = BertEncoder.recover(model);
        assertEquals(TinyBert.LAYERS, encoder.layers().size());
        assertEquals(TinyBert.WIDTH, encoder.width());
        assertEquals((float) 1e-12, encoder.embeddings().norm().epsilon());
        assertEquals("embeddings.word_embeddings.weight", encoder.embeddings().words().name());
        assertEquals("embeddings.position_embeddings.weight", encoder.embeddings().positions().name());
        assertEquals("embeddings.token_type_embeddings.weight", encoder.embeddings().tokenTypes().name());
        for (Layer layer : encoder.layers()) {
            String role = "layer" + layer.index() + ".";
            assertEquals(TinyBert.HEADS, layer.heads());
            assertEquals(TinyBert.HEAD_WIDTH, layer.headWidth());
            // The graph divides by the float32 nearest sqrt(2); the scale is that number's reciprocal.
            assertEquals(1 / (double) (float) Math.sqrt(TinyBert.HEAD_WIDTH), layer.scoreScale());
            assertEquals((double) bert.epsilons.get(role + "attention"), layer.attentionNorm().epsilon());
            assertEquals((double) bert.epsilons.get(role + "ffn"), layer.ffnNorm().epsilon());
            assertWeight(model, bert.roles.get(role + "query"), layer.query());
            assertWeight(model, bert.roles.get(role + "key"), layer.key());
            assertWeight(model, bert.roles.get(role + "value"), layer.value());
            assertWeight(model, bert.roles.get(role + "attention-output"), layer.attentionOutput());
            assertWeight(model, bert.roles.get(role + "ffn-in"), layer.ffnIn());
            assertWeight(model, bert.roles.get(role + "ffn-out"), layer.ffnOut());
            assertEquals(TinyBert.HIDDEN, layer.ffnIn().out());
        }
        assertEquals(TinyBert.OUTPUT, encoder.layers().get(TinyBert.LAYERS - 1).output());
    }

    private static void assertWeight(OnnxModel model, String initializer, Linear linear) {
        assertEquals(initializer, linear.weight().name());
        assertArrayEquals(model.floatTensor(initializer).values(), linear.weight().values());
    }

    /** Node names are the exporter's hints, not evidence: swapping the query's and key's names changes nothing. */
    @Test
    void misleadingNodeNamesDoNotMoveRoles() {
        String query = "/encoder/layer.0/attention/self/query/MatMul";
        String key = "/encoder/layer.0/attention/self/key/MatMul";
        ModelProto swapped = editNode(editNode(editNode(bert.model(), query, node -> node.setName("swap")), key,
                node -> node.setName(query)), "swap", node -> node.setName(key));
        Layer layer = recover(swapped).layers().get(0);
        assertEquals(bert.roles.get("layer0.query"), layer.query().weight().name());
        assertEquals(bert.roles.get("layer0.key"), layer.key().weight().name());
        assertEquals(key, layer.query().node());
    }

    @Test
    void tanhOrOtherScaledGeluIsRefused() {
        String divisor = "/encoder/layer.1/intermediate/intermediate_act_fn/Constant";
        assertEquals("at node '/encoder/layer.1/intermediate/intermediate_act_fn/Div' (Div): expected the exact GELU"
                + " x·(1 + erf(x/√2))·0.5, but the argument of erf is scaled by 1.5",
                refusal(editConstant(bert.model(), divisor, 1.5f)));
        // One float32 step away from sqrt(2) is another function.
        assertTrue(refusal(editConstant(bert.model(), divisor, Math.nextUp((float) Math.sqrt(2))))
                .contains("the argument of erf is scaled by 1.4142136"));
        assertTrue(refusal(editConstant(bert.model(), "/encoder/layer.0/intermediate/intermediate_act_fn/Constant_2",
                0.25f)).contains("with constant 0.5; found 0.25"));
        assertTrue(refusal(editNode(bert.model(), "/encoder/layer.0/intermediate/intermediate_act_fn/Erf",
                node -> node.setOpType("Tanh"))).contains("expected only a Erf"));
    }

    @Test
    void layerNormThatIsNotOneIsRefused() {
        assertTrue(refusal(editConstant(bert.model(), "/encoder/layer.0/output/LayerNorm/Constant", 3f))
                .contains("with constant 2.0; found 3.0"));
        String meanNode = "/encoder/layer.1/attention/output/LayerNorm/ReduceMean_1";
        assertEquals("at node '" + meanNode + "' (ReduceMean): expected a mean over the last axis (axes [-1]) that"
                + " keeps it; axes are [1]", refusal(editNode(bert.model(), meanNode,
                node -> node.setAttribute(0, ints("axes", 1)))));
    }

    @Test
    void softmaxOverTheWrongAxisIsRefused() {
        String softmax = "/encoder/layer.0/attention/self/Softmax";
        assertEquals("at node '" + softmax + "' (Softmax): expected a softmax over the key axis (-1 or 3); axis is 2",
                refusal(editNode(bert.model(), softmax, node -> node.setAttribute(0, integer("axis", 2)))));
    }

    @Test
    void keysNotTransposedAreRefused() {
        String transpose = "/encoder/layer.0/attention/self/Transpose_2";
        String message = refusal(editNode(bert.model(), transpose, node -> node.setAttribute(0, ints("perm", 0, 2, 1, 3))));
        assertEquals("at node '" + transpose + "' (Transpose): expected the key projection's heads transposed with perm"
                + " [0, 2, 3, 1]; perm is [0, 2, 1, 3]", message);
    }

    @Test
    void headsThatDisagreeAreRefused() {
        String heads = "/encoder/layer.1/attention/self/value_shape/heads";
        ModelProto fourHeads = editNode(bert.model(), heads, node -> node.setAttribute(0,
                OnnxTestFiles.tensorAttribute("value", OnnxTestFiles.int64s("", new long[] {1}, 4))));
        String message = refusal(fourHeads);
        assertTrue(message.contains("heads of width") && message.contains("/encoder/layer.1/attention/self/Reshape"),
                message);
    }

    /** A pre-LN block (x + Attn(LN x)) has its residual around the LayerNorm, not through it. */
    @Test
    void aResidualThatSkipsTheWrongValueIsRefused() {
        String residual = "/encoder/layer.1/attention/output/Add";
        String elsewhere = "/encoder/layer.0/attention/output/LayerNorm/Add_1_output_0";
        String message = refusal(editNode(bert.model(), residual, node -> node.setInput(1, elsewhere)));
        assertTrue(message.startsWith("at node '" + residual + "' (Add): expected the residual sum of"), message);
    }

    @Test
    void positionIdsThatAreNotARangeAreRefused() {
        ModelProto model = bert.model();
        ModelProto shuffled = model.toBuilder().setGraph(model.getGraph().toBuilder().setInitializer(
                indexOf(model, "embeddings.position_ids"),
                OnnxTestFiles.int64s("embeddings.position_ids", new long[] {1, 6}, 0, 1, 2, 4, 3, 5))).build();
        assertTrue(refusal(shuffled).endsWith("holding 0, 1, ..., P-1; position id 3 is 4"));
    }

    @Test
    void anEncoderWhoseLastStateIsNotAnOutputIsRefused() {
        ModelProto model = bert.model();
        ModelProto noOutput = model.toBuilder().setGraph(model.getGraph().toBuilder().clearOutput()).build();
        assertEquals("the last layer's output '" + TinyBert.OUTPUT + "' is not a graph output; the graph goes on with"
                + " [] that is not a further layer", refusal(noOutput));
    }

    @Test
    void aQuantizedGraphIsRefusedAsAWhole() {
        assertEquals("it is quantized (1 MatMulInteger nodes); flowaudit recovers float graphs, and reads quantized"
                + " weights with OnnxModel.dequantized", refusal(editNode(bert.model(),
                "/encoder/layer.1/output/dense/MatMul", node -> node.setOpType("MatMulInteger"))));
    }

    @Test
    void aGraphWithoutTokenTypesIsRefused() {
        ModelProto model = bert.model();
        ModelProto noTypes = model.toBuilder().setGraph(model.getGraph().toBuilder().removeInput(2)).build();
        assertTrue(refusal(noTypes).startsWith("the graph has no input 'token_type_ids'"));
    }

    @Test
    void oneLayerIsEnoughAndTheFusedLayerNormIsRead() {
        // Cut after layer 0, and replace its last LayerNorm by ONNX's fused op (opset 17) with its own epsilon.
        ModelProto model = bert.model();
        String scope = "/encoder/layer.0/output/LayerNorm";
        var graph = model.getGraph().toBuilder().clearNode().clearOutput()
                .addOutput(model.getGraph().getOutput(0).toBuilder().setName("h0"));
        for (NodeProto node : model.getGraph().getNodeList()) {
            if (node.getName().startsWith("/encoder/layer.1/")) {
                continue;
            }
            if (node.getName().startsWith(scope + "/")) {
                if (node.getName().equals(scope + "/ReduceMean")) {
                    graph.addNode(NodeProto.newBuilder().setOpType("LayerNormalization").setName(scope)
                            .addInput("/encoder/layer.0/output/Add_output_0")
                            .addInput("encoder.layer.0.output.LayerNorm.weight")
                            .addInput("encoder.layer.0.output.LayerNorm.bias").addOutput("h0")
                            .addAttribute(ai.onnx.proto.OnnxMl.AttributeProto.newBuilder().setName("epsilon")
                                    .setType(ai.onnx.proto.OnnxMl.AttributeProto.AttributeType.FLOAT).setF(3e-7f)));
                }
                continue;
            }
            graph.addNode(node);
        }
        BertEncoder encoder = recover(model.toBuilder().setGraph(graph).build());
        assertEquals(1, encoder.layers().size());
        assertEquals((float) 3e-7, encoder.layers().get(0).ffnNorm().epsilon());
        assertEquals("h0", encoder.layers().get(0).output());
    }

    private static int indexOf(ModelProto model, String initializer) {
        List<String> names = model.getGraph().getInitializerList().stream().map(t -> t.getName()).toList();
        return names.indexOf(initializer);
    }

}
