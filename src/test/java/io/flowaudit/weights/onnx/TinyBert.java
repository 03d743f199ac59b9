package io.flowaudit.weights.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.flowaudit.weights.onnx.OnnxTestFiles.integer;
import static io.flowaudit.weights.onnx.OnnxTestFiles.ints;
import static io.flowaudit.weights.onnx.OnnxTestFiles.rawFloats;
import static io.flowaudit.weights.onnx.OnnxTestFiles.tensorAttribute;

/**
 * A two-layer post-LN BERT encoder of width 4 (2 heads of 2, FFN 8) laid out node for node as PyTorch
 * 1.13 exports BERT at opset 14: anonymous weight initializers, biases added first, head shapes built by
 * Concat from Shape nodes and constants, LayerNorm and GELU decomposed. Node names carry the exporter's
 * scopes so that tests can edit a node; the recovery under test never reads them. {@link #roles} records
 * which anonymous initializer plays which role.
 */
final class TinyBert {

    static final int WIDTH = 4;
    static final int HEADS = 2;
    static final int HEAD_WIDTH = 2;
    static final int HIDDEN = 8;
    static final int VOCABULARY = 5;
    static final int POSITIONS = 6;
    static final int LAYERS = 2;
    static final String OUTPUT = "last_hidden_state";

    /** Role ("layer1.query") to the initializer that holds its weight. */
    final Map<String, String> roles = new LinkedHashMap<>();
    /** LayerNorm ("layer0.attention") to the float32 epsilon written for it; each one differs. */
    final Map<String, Float> epsilons = new LinkedHashMap<>();

    private final GraphProto.Builder graph = GraphProto.newBuilder().setName("tiny-bert");
    private final Random random = new Random(15);
    private int anonymous = 880;

    static TinyBert build() {
        TinyBert bert = new TinyBert();
        bert.encoder();
        return bert;
    }

    ModelProto model() {
        return OnnxTestFiles.model(graph.build());
    }

    private void encoder() {
        for (String input : List.of("input_ids", "attention_mask", "token_type_ids")) {
            graph.addInput(ValueInfoProto.newBuilder().setName(input).setType(TypeProto.newBuilder()
                    .setTensorType(TypeProto.Tensor.newBuilder().setElemType(DataType.INT64.getNumber()))));
        }
        graph.addOutput(ValueInfoProto.newBuilder().setName(OUTPUT));
        String mask = node("Mul", "/Mul", node("Sub", "/Sub", constant("/Constant_3", 1f),
                node("Cast", "/Cast", List.of(integer("to", DataType.FLOAT.getNumber())), "attention_mask")),
                constant("/Constant_4", -3.4028235e38f));

        String words = node("Gather", "/embeddings/word_embeddings/Gather",
                weights("embeddings.word_embeddings.weight", VOCABULARY, WIDTH), "input_ids");
        String types = node("Gather", "/embeddings/token_type_embeddings/Gather",
                weights("embeddings.token_type_embeddings.weight", 2, WIDTH), "token_type_ids");
        long[] positionIds = new long[POSITIONS];
        Arrays.setAll(positionIds, i -> i);
        graph.addInitializer(OnnxTestFiles.int64s("embeddings.position_ids", new long[] {1, POSITIONS}, positionIds));
        String tokens = node("Unsqueeze", "/embeddings/Unsqueeze", node("Gather", "/embeddings/Gather",
                List.of(integer("axis", 0)), node("Shape", "/embeddings/Shape", "input_ids"),
                scalarInteger("/embeddings/Constant", 1)), integers("/embeddings/Constant_2", 0));
        String positionSlice = node("Slice", "/embeddings/Slice", "embeddings.position_ids",
                integers("/embeddings/Constant_1", 0), tokens, integers("/embeddings/Constant_3", 1),
                integers("/embeddings/Constant_4", 1));
        String positions = node("Gather", "/embeddings/position_embeddings/Gather",
                weights("embeddings.position_embeddings.weight", POSITIONS, WIDTH), positionSlice);
        String sum = node("Add", "/embeddings/Add_1", node("Add", "/embeddings/Add", words, types), positions);
        String x = layerNorm("/embeddings/LayerNorm", "embeddings", sum, 1e-12f);
        for (int layer = 0; layer < LAYERS; layer++) {
            x = layer(layer, x);
        }
        renameOutput(x, OUTPUT);
    }

    private String layer(int index, String x) {
        String scope = "/encoder/layer." + index + "/";
        String self = scope + "attention/self/";
        String query = linear(self + "query", "layer" + index + ".query", x, WIDTH, WIDTH);
        String key = linear(self + "key", "layer" + index + ".key", x, WIDTH, WIDTH);
        String keys = node("Transpose", self + "Transpose_2", List.of(ints("perm", 0, 2, 3, 1)),
                node("Reshape", self + "Reshape", key, headShape(self + "key_shape", key)));
        String value = linear(self + "value", "layer" + index + ".value", x, WIDTH, WIDTH);
        String values = node("Transpose", self + "Transpose", List.of(ints("perm", 0, 2, 1, 3)),
                node("Reshape", self + "Reshape_1", value, headShape(self + "value_shape", value)));
        String queries = node("Transpose", self + "Transpose_1", List.of(ints("perm", 0, 2, 1, 3)),
                node("Reshape", self + "Reshape_2", query, headShape(self + "query_shape", query)));
        String scores = node("MatMul", self + "MatMul", queries, keys);
        String scaled = node("Div", self + "Div", scores, constant(self + "Constant_12", (float) Math.sqrt(HEAD_WIDTH)));
        String weights = node("Softmax", self + "Softmax", List.of(integer("axis", -1)),
                node("Add", self + "Add", scaled, "/Mul_output_0"));
        String context = node("Transpose", self + "Transpose_3", List.of(ints("perm", 0, 2, 1, 3)),
                node("MatMul", self + "MatMul_1", weights, values));
        String merged = node("Reshape", self + "Reshape_3", context, mergedShape(self + "merged_shape", context));
        String attention = linear(scope + "attention/output/dense", "layer" + index + ".attention-output", merged,
                WIDTH, WIDTH);
        String h = layerNorm(scope + "attention/output/LayerNorm", "layer" + index + ".attention",
                node("Add", scope + "attention/output/Add", attention, x), 1e-6f * (2 * index + 1));
        String act = scope + "intermediate/intermediate_act_fn/";
        String inner = linear(scope + "intermediate/dense", "layer" + index + ".ffn-in", h, WIDTH, HIDDEN);
        String erf = node("Erf", act + "Erf", node("Div", act + "Div", inner, constant(act + "Constant", (float) Math.sqrt(2))));
        String gelu = node("Mul", act + "Mul_1", node("Mul", act + "Mul", inner,
                node("Add", act + "Add", erf, constant(act + "Constant_1", 1f))), constant(act + "Constant_2", 0.5f));
        String outer = linear(scope + "output/dense", "layer" + index + ".ffn-out", gelu, HIDDEN, WIDTH);
        return layerNorm(scope + "output/LayerNorm", "layer" + index + ".ffn",
                node("Add", scope + "output/Add", outer, h), 1e-6f * (2 * index + 2));
    }

    /** x W + b, the bias added first as PyTorch writes it; W is an anonymous initializer. */
    private String linear(String scope, String role, String x, int in, int out) {
        String weight = "onnx::MatMul_" + anonymous++;
        roles.put(role, weight);
        weights(weight, in, out);
        String bias = weights(scope.substring(1).replace('/', '.') + ".bias", out);
        return node("Add", scope + "/Add", bias, node("MatMul", scope + "/MatMul", x, weight));
    }

    private String layerNorm(String scope, String role, String v, float epsilon) {
        epsilons.put(role, epsilon);
        String mean = node("ReduceMean", scope + "/ReduceMean", List.of(ints("axes", -1)), v);
        String centered = node("Sub", scope + "/Sub", v, mean);
        String variance = node("ReduceMean", scope + "/ReduceMean_1", List.of(ints("axes", -1)),
                node("Pow", scope + "/Pow", centered, constant(scope + "/Constant", 2f)));
        String root = node("Sqrt", scope + "/Sqrt", node("Add", scope + "/Add", variance,
                constant(scope + "/Constant_1", epsilon)));
        String name = scope.substring(1).replace('/', '.');
        String scaled = node("Mul", scope + "/Mul", node("Div", scope + "/Div", centered, root),
                weights(name + ".weight", WIDTH));
        return node("Add", scope + "/Add_1", scaled, weights(name + ".bias", WIDTH));
    }

    /** [batch, tokens, HEADS, HEAD_WIDTH], batch and tokens taken from the value's shape at run time. */
    private String headShape(String scope, String value) {
        return node("Concat", scope + "/Concat", List.of(integer("axis", 0)), runtimeExtent(scope + "/0", value, 0),
                runtimeExtent(scope + "/1", value, 1), integers(scope + "/heads", HEADS),
                integers(scope + "/width", HEAD_WIDTH));
    }

    private String mergedShape(String scope, String value) {
        return node("Concat", scope + "/Concat", List.of(integer("axis", 0)), runtimeExtent(scope + "/0", value, 0),
                runtimeExtent(scope + "/1", value, 1), integers(scope + "/width", (long) HEADS * HEAD_WIDTH));
    }

    private String runtimeExtent(String scope, String value, long axis) {
        return node("Unsqueeze", scope + "/Unsqueeze", node("Gather", scope + "/Gather", List.of(integer("axis", 0)),
                node("Shape", scope + "/Shape", value), scalarInteger(scope + "/axis", axis)),
                integers(scope + "/unsqueeze_axes", 0));
    }

    private String weights(String name, long... dims) {
        float[] values = new float[(int) Arrays.stream(dims).reduce(1, (a, b) -> a * b)];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (0.5 * random.nextGaussian());
        }
        graph.addInitializer(rawFloats(name, dims, values));
        return name;
    }

    private String constant(String name, float value) {
        return node("Constant", name, List.of(tensorAttribute("value", rawFloats("", new long[0], value))));
    }

    private String integers(String name, long... values) {
        return node("Constant", name, List.of(tensorAttribute("value",
                OnnxTestFiles.int64s("", new long[] {values.length}, values))));
    }

    private String scalarInteger(String name, long value) {
        return node("Constant", name, List.of(tensorAttribute("value", OnnxTestFiles.int64s("", new long[0], value))));
    }

    private String node(String op, String name, String... inputs) {
        return node(op, name, List.of(), inputs);
    }

    private String node(String op, String name, List<AttributeProto> attributes, String... inputs) {
        String output = name + "_output_0";
        graph.addNode(NodeProto.newBuilder().setOpType(op).setName(name).addAllInput(Arrays.asList(inputs))
                .addOutput(output).addAllAttribute(attributes));
        return output;
    }

    private void renameOutput(String from, String to) {
        for (NodeProto.Builder node : graph.getNodeBuilderList()) {
            for (int i = 0; i < node.getOutputCount(); i++) {
                if (node.getOutput(i).equals(from)) {
                    node.setOutput(i, to);
                }
            }
        }
    }
}
