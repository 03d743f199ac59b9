package io.flowaudit.weights.onnx;

import ai.onnx.proto.OnnxMl.NodeProto;
import io.flowaudit.weights.Tensor;
import io.flowaudit.field.Activation;
import io.flowaudit.weights.onnx.BertEncoder.Embeddings;
import io.flowaudit.weights.onnx.BertEncoder.Layer;
import io.flowaudit.weights.onnx.BertEncoder.LayerNorm;
import io.flowaudit.weights.onnx.BertEncoder.Linear;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static io.flowaudit.weights.onnx.Graph.is;
import static io.flowaudit.weights.onnx.Graph.out;

/**
 * The walk behind {@link BertEncoder#recover}: one method per sub-graph (LayerNorm, dense map, attention,
 * GELU), each starting from the value it reads and returning what it found with the value it produces.
 * Constants that fix the function (the GELU's √2, 1 and 1/2, the variance's exponent 2) must be exactly the
 * float32 numbers an exporter writes: any other value is a different function, so they compare exactly.
 */
final class BertRecovery {

    /** The graph interface's names for the two id inputs (they define what the inputs mean). */
    static final String WORD_IDS = "input_ids";
    static final String TOKEN_TYPE_IDS = "token_type_ids";

    private static final double SQRT_2_F32 = (float) Math.sqrt(2);
    private static final double INVERSE_SQRT_2_F32 = (float) (1 / Math.sqrt(2));
    private static final List<Long> LAST_AXIS = List.of(-1L);
    private static final List<Long> HEADS_FIRST = List.of(0L, 2L, 1L, 3L);
    private static final List<Long> KEYS_TRANSPOSED = List.of(0L, 2L, 3L, 1L);
    /** Softmax's axis default before opset 13 is 1, which is not the key axis. */
    private static final long SOFTMAX_LAST_AXIS_DEFAULT_OPSET = 13;

    private final Graph graph;
    private final OnnxModel model;

    BertRecovery(Graph graph) {
        this.graph = graph;
        this.model = graph.model();
    }

    private record Found<T>(T part, String output) {
    }

    // ---- embeddings

    Embeddings embeddings() {
        for (String input : List.of(WORD_IDS, TOKEN_TYPE_IDS)) {
            if (!graph.inputs().contains(input)) {
                throw graph.mismatch("the graph has no input '" + input + "'; its inputs are " + graph.inputs());
            }
        }
        NodeProto words = table(graph.reader(WORD_IDS, "Gather", "the word embedding lookup"), WORD_IDS);
        NodeProto tokenTypes = table(graph.reader(TOKEN_TYPE_IDS, "Gather", "the token type embedding lookup"),
                TOKEN_TYPE_IDS);
        // Follow the sum that starts at the word embeddings up to the LayerNorm, collecting its other terms.
        NodeProto positions = null;
        boolean tokenTypesAdded = false;
        String sum = out(words);
        for (int terms = 1; terms < 3; terms++) {
            NodeProto add = graph.onlyReader(sum, "Add", "the sum of word, position and token type embeddings");
            String term = graph.otherInput(add, sum);
            NodeProto lookup = graph.producer(term).filter(node -> is(node, "Gather")).orElseThrow(() ->
                    graph.mismatch(add.getName().isEmpty() ? "an embedding sum adds a non-lookup" : "at node '"
                            + add.getName() + "' (Add): expected an embedding lookup (Gather) as the other term"));
            if (lookup == tokenTypes) {
                tokenTypesAdded = true;
            } else if (positions == null) {
                positions = positionLookup(lookup);
            } else {
                throw graph.mismatch(lookup, "the token type lookup; the position lookup was already added");
            }
            sum = out(add);
        }
        if (!tokenTypesAdded || positions == null) {
            throw graph.mismatch("the embedding sum does not add word, position and token type lookups");
        }
        Found<LayerNorm> norm = layerNorm(sum);
        return new Embeddings(model.floatTensor(words.getInput(0)), model.floatTensor(positions.getInput(0)),
                model.floatTensor(tokenTypes.getInput(0)), norm.part(), norm.output());
    }

    /** A Gather of rows of a constant table by the ids of a graph input. */
    private NodeProto table(NodeProto gather, String ids) {
        if (!gather.getInput(1).equals(ids) || !model.hasConstant(gather.getInput(0))
                || Graph.integer(gather, "axis", 0) != 0 || model.shape(gather.getInput(0)).length != 2) {
            throw graph.mismatch(gather, "a lookup of rows of a constant [rows, width] table by '" + ids + "'");
        }
        return gather;
    }

    /** The position lookup: rows 0, 1, ... of its table, sliced from a constant table of position ids. */
    private NodeProto positionLookup(NodeProto gather) {
        NodeProto slice = graph.producer(gather.getInput(1)).filter(node -> is(node, "Slice")).orElseThrow(() ->
                graph.mismatch(gather, "position ids sliced (Slice) from a constant table"));
        String expected = "a slice from the start of a constant [1, P] table holding 0, 1, ..., P-1";
        if (slice.getInputCount() < 4 || !model.hasConstant(slice.getInput(0))) {
            throw graph.mismatch(slice, expected);
        }
        long[] ids = graph.integers(slice.getInput(0), "position ids");
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] != i) {
                throw graph.mismatch(slice, expected + "; position id " + i + " is " + ids[i]);
            }
        }
        long[] starts = graph.integers(slice.getInput(1), "slice start");
        long[] axes = graph.integers(slice.getInput(3), "slice axis");
        long[] steps = slice.getInputCount() > 4 ? graph.integers(slice.getInput(4), "slice step") : new long[] {1};
        if (!Arrays.equals(starts, new long[] {0}) || !Arrays.equals(axes, new long[] {1})
                || !Arrays.equals(steps, new long[] {1}) || model.shape(slice.getInput(0)).length != 2) {
            throw graph.mismatch(slice, expected + " along axis 1 with step 1");
        }
        return table(gather, gather.getInput(1));
    }

    // ---- layers

    /** Whether a state is read by three dense maps, as a layer's Q, K and V projections read it. */
    boolean startsLayer(String state) {
        return graph.readers(state).stream().filter(node -> is(node, "MatMul")).count() == 3;
    }

    Layer layer(int index, String x) {
        List<Found<Linear>> projections = new ArrayList<>();
        for (NodeProto node : graph.readers(x)) {
            if (is(node, "MatMul")) {
                projections.add(linear(graph.wellFormed(node), x));
            }
        }
        int width = projections.get(0).part().in();
        Found<Linear> query = null;
        Found<Linear> key = null;
        Found<Linear> value = null;
        NodeProto scores = null;
        NodeProto context = null;
        int heads = 0;
        int headWidth = 0;
        for (Found<Linear> projection : projections) {
            NodeProto reshape = graph.onlyReader(projection.output(), "Reshape", "the split into heads");
            int[] split = headSplit(reshape);
            if (heads != 0 && (split[0] != heads || split[1] != headWidth)) {
                throw graph.mismatch(reshape, heads + " heads of width " + headWidth + " as the other projections");
            }
            heads = split[0];
            headWidth = split[1];
            NodeProto transpose = graph.onlyReader(out(reshape), "Transpose", "heads first");
            List<Long> perm = Graph.ints(transpose, "perm", List.of());
            NodeProto product = graph.onlyReader(out(transpose), "MatMul", "the score or context product");
            boolean weighsValues = graph.producer(product.getInput(0)).filter(node -> is(node, "Softmax")).isPresent();
            String role;
            List<Long> expectedPerm;
            if (product.getInput(1).equals(out(transpose))) {
                role = weighsValues ? "value" : "key";
                expectedPerm = weighsValues ? HEADS_FIRST : KEYS_TRANSPOSED;
            } else {
                role = "query";
                expectedPerm = HEADS_FIRST;
            }
            if (!perm.equals(expectedPerm)) {
                throw graph.mismatch(transpose, "the " + role + " projection's heads transposed with perm " + expectedPerm
                        + "; perm is " + perm);
            }
            if (role.equals("query") ? query != null : role.equals("key") ? key != null : value != null) {
                throw graph.mismatch(product, "one " + role + " projection per layer; '" + projection.part().node()
                        + "' is a second one");
            }
            switch (role) {
                case "query" -> query = projection;
                case "key" -> key = projection;
                default -> {
                    value = projection;
                    context = product;
                }
            }
            if (!role.equals("value")) {
                if (scores != null && scores != product) {
                    throw graph.mismatch(product, "the score product that the queries and keys both enter");
                }
                scores = product;
            }
        }
        if (query == null || key == null || value == null) {
            throw graph.mismatch("layer " + index + " does not have one query, one key and one value projection");
        }
        Found<Double> scale = scoreScale(scores);
        NodeProto softmax = softmaxAfter(scale.output());
        if (context == null || !context.getInput(0).equals(out(softmax))) {
            throw graph.mismatch(softmax, "its output to multiply the values");
        }
        NodeProto merge = graph.onlyReader(out(context), "Transpose", "heads merged back");
        if (!Graph.ints(merge, "perm", List.of()).equals(HEADS_FIRST)) {
            throw graph.mismatch(merge, "perm " + HEADS_FIRST);
        }
        NodeProto merged = graph.onlyReader(out(merge), "Reshape", "heads concatenated");
        requireLastExtent(merged, (long) heads * headWidth);
        Found<Linear> attentionOutput = linear(graph.onlyReader(out(merged), "MatMul", "the output projection"),
                out(merged));
        Found<LayerNorm> attentionNorm = layerNorm(residual(attentionOutput.output(), x));

        String h = attentionNorm.output();
        Found<Linear> ffnIn = linear(graph.reader(h, "MatMul", "the FFN's first map"), h);
        String activated = exactGelu(ffnIn.output());
        Found<Linear> ffnOut = linear(graph.onlyReader(activated, "MatMul", "the FFN's second map"), activated);
        Found<LayerNorm> ffnNorm = layerNorm(residual(ffnOut.output(), h));

        Layer layer = new Layer(index, query.part(), key.part(), value.part(), attentionOutput.part(), heads,
                headWidth, scale.part(), scale.output().equals(out(scores)) ? "none" : scaleSource(scores),
                attentionNorm.part(), ffnIn.part(), Activation.EXACT_GELU, ffnOut.part(), ffnNorm.part(),
                ffnNorm.output());
        checkShapes(layer, width);
        return layer;
    }

    /** x W + b: a MatMul of {@code input} by a constant [in, out] matrix, then an Add of a constant [out] bias. */
    private Found<Linear> linear(NodeProto matmul, String input) {
        if (matmul.getInputCount() != 2 || !matmul.getInput(0).equals(input) || !model.hasConstant(matmul.getInput(1))
                || model.shape(matmul.getInput(1)).length != 2) {
            throw graph.mismatch(matmul, "'" + input + "' times a constant [in, out] matrix");
        }
        NodeProto add = graph.onlyReader(out(matmul), "Add", "the bias of the dense map");
        String bias = graph.otherInput(add, out(matmul));
        if (!model.hasConstant(bias)) {
            throw graph.mismatch(add, "a constant bias added to '" + out(matmul) + "'");
        }
        Tensor weight = model.floatTensor(matmul.getInput(1));
        Tensor biasTensor = model.floatTensor(bias);
        if (!Arrays.equals(biasTensor.shape(), new int[] {weight.shape()[1]})) {
            throw graph.mismatch(add, "a bias of shape [" + weight.shape()[1] + "] for weight '" + weight.name()
                    + "' of shape " + Arrays.toString(weight.shape()) + "; bias '" + bias + "' has shape "
                    + Arrays.toString(biasTensor.shape()));
        }
        return new Found<>(new Linear(weight, biasTensor, matmul.getName()), out(add));
    }

    /** The heads and head width of a Reshape to [batch, tokens, heads, width]. */
    private int[] headSplit(NodeProto reshape) {
        long[] last = lastExtents(reshape, 2);
        if (last[0] <= 0 || last[1] <= 0 || last[0] > Integer.MAX_VALUE || last[1] > Integer.MAX_VALUE) {
            throw graph.mismatch(reshape, "a split into a positive number of heads of positive width; the shape ends"
                    + " with " + Arrays.toString(last));
        }
        return new int[] {(int) last[0], (int) last[1]};
    }

    private void requireLastExtent(NodeProto reshape, long extent) {
        long[] last = lastExtents(reshape, 1);
        if (last[0] != extent) {
            throw graph.mismatch(reshape, "a reshape to width " + extent + "; the shape ends with " + last[0]);
        }
    }

    /**
     * The last {@code count} extents of a Reshape's target shape, read from a constant shape or from the
     * constants a Concat builds it from (PyTorch takes batch and tokens from Shape nodes at run time).
     */
    private long[] lastExtents(NodeProto reshape, int count) {
        String shape = reshape.getInput(1);
        if (model.hasConstant(shape)) {
            long[] extents = graph.integers(shape, "target shape");
            if (extents.length < count) {
                throw graph.mismatch(reshape, "a target shape of at least " + count + " extents");
            }
            return Arrays.copyOfRange(extents, extents.length - count, extents.length);
        }
        NodeProto concat = graph.producer(shape).filter(node -> is(node, "Concat")).orElseThrow(() ->
                graph.mismatch(reshape, "a constant target shape, or one concatenated (Concat) from constants"));
        if (concat.getInputCount() < count) {
            throw graph.mismatch(concat, "at least " + count + " parts");
        }
        long[] last = new long[count];
        for (int i = 0; i < count; i++) {
            String part = concat.getInput(concat.getInputCount() - count + i);
            long[] values = graph.integers(part, "extent of the target shape");
            if (values.length != 1) {
                throw graph.mismatch(concat, "one-element constant extents; '" + part + "' has " + values.length);
            }
            last[i] = values[0];
        }
        return last;
    }

    /** The factor s of softmax(s · Q K^T): a Div by a constant c (s = 1/c) or a Mul by s; 1 when neither. */
    private Found<Double> scoreScale(NodeProto scores) {
        List<NodeProto> readers = graph.readers(out(scores));
        if (readers.size() == 1 && (is(readers.get(0), "Div") || is(readers.get(0), "Mul"))) {
            NodeProto scaling = graph.wellFormed(readers.get(0));
            String constant = graph.otherInput(scaling, out(scores));
            double c = graph.scalar(constant, "score scale");
            if (is(scaling, "Div") && !scaling.getInput(0).equals(out(scores))) {
                throw graph.mismatch(scaling, "the scores divided by a constant");
            }
            return new Found<>(is(scaling, "Div") ? 1 / c : c, out(scaling));
        }
        return new Found<>(1.0, out(scores));
    }

    private String scaleSource(NodeProto scores) {
        NodeProto scaling = graph.readers(out(scores)).get(0);
        String constant = graph.otherInput(scaling, out(scores));
        return scaling.getOpType() + " by constant '" + constant + "' = " + graph.scalar(constant, "score scale")
                + " at node '" + scaling.getName() + "'";
    }

    /** The softmax over keys, after the scaled scores and an optional additive mask. */
    private NodeProto softmaxAfter(String scaled) {
        String logits = scaled;
        List<NodeProto> readers = graph.readers(scaled);
        if (readers.size() == 1 && is(readers.get(0), "Add")) {
            logits = out(graph.wellFormed(readers.get(0)));
        }
        NodeProto softmax = graph.onlyReader(logits, "Softmax", "the attention weights");
        long axis = Graph.integer(softmax, "axis", model.opset() < SOFTMAX_LAST_AXIS_DEFAULT_OPSET ? 1 : -1);
        if (axis != -1 && axis != 3) {
            throw graph.mismatch(softmax, "a softmax over the key axis (-1 or 3); axis is " + axis);
        }
        return softmax;
    }

    /** The residual sum {@code branch + skip}. */
    private String residual(String branch, String skip) {
        NodeProto add = graph.onlyReader(branch, "Add", "the residual sum");
        if (!graph.otherInput(add, branch).equals(skip)) {
            throw graph.mismatch(add, "the residual sum of '" + branch + "' and the layer input '" + skip + "'");
        }
        return out(add);
    }

    /** x · (1 + erf(x / √2)) · 1/2, in the order PyTorch exports it; √2 may also be a Mul by 1/√2. */
    private String exactGelu(String x) {
        String expected = "the exact GELU x·(1 + erf(x/√2))·0.5";
        NodeProto scaled = graph.readers(x).stream()
                .filter(node -> (is(node, "Div") || is(node, "Mul")) && node.getInputCount() == 2
                        && model.hasConstant(graph.otherInput(node, x)))
                .findFirst().map(graph::wellFormed)
                .orElseThrow(() -> graph.mismatch("'" + x + "' is not divided by √2; expected " + expected));
        double factor = graph.scalar(graph.otherInput(scaled, x), "of the GELU");
        if (is(scaled, "Div") ? factor != SQRT_2_F32 : factor != INVERSE_SQRT_2_F32) {
            throw graph.mismatch(scaled, expected + ", but the argument of erf is scaled by " + factor);
        }
        NodeProto erf = graph.onlyReader(out(scaled), "Erf", expected);
        NodeProto plusOne = graph.onlyReader(out(erf), "Add", expected);
        requireConstant(plusOne, out(erf), 1.0, expected);
        NodeProto times = graph.onlyReader(out(plusOne), "Mul", expected);
        if (!graph.otherInput(times, out(plusOne)).equals(x)) {
            throw graph.mismatch(times, expected + ": the product with x itself");
        }
        NodeProto half = graph.onlyReader(out(times), "Mul", expected);
        requireConstant(half, out(times), 0.5, expected);
        if (graph.readers(x).size() != 2) {
            throw graph.mismatch("'" + x + "' is read by " + graph.readers(x).size() + " nodes; expected only the"
                    + " two of " + expected);
        }
        return out(half);
    }

    private void requireConstant(NodeProto node, String input, double expected, String role) {
        double value = graph.scalar(graph.otherInput(node, input), role);
        if (value != expected) {
            throw graph.mismatch(node, role + ", with constant " + expected + "; found " + value);
        }
    }

    /** LayerNorm over the last axis: the fused LayerNormalization op or its opset-14 decomposition. */
    private Found<LayerNorm> layerNorm(String v) {
        Optional<NodeProto> fused = graph.readers(v).stream().filter(node -> is(node, "LayerNormalization")).findFirst();
        if (fused.isPresent()) {
            return fusedLayerNorm(graph.wellFormed(fused.get()), v);
        }
        String expected = "LayerNorm: (v - mean v) / sqrt(mean (v - mean v)^2 + epsilon) * gain + bias over the"
                + " last axis";
        NodeProto mean = graph.reader(v, "ReduceMean", expected);
        requireLastAxisMean(mean);
        NodeProto centered = graph.reader(v, "Sub", expected);
        if (!centered.getInputList().equals(List.of(v, out(mean)))) {
            throw graph.mismatch(centered, expected + ": v minus its mean");
        }
        NodeProto square = graph.reader(out(centered), "Pow", expected);
        requireConstant(square, out(centered), 2.0, expected);
        NodeProto variance = graph.onlyReader(out(square), "ReduceMean", expected);
        requireLastAxisMean(variance);
        NodeProto plusEpsilon = graph.onlyReader(out(variance), "Add", expected);
        String epsilon = graph.otherInput(plusEpsilon, out(variance));
        double epsilonValue = graph.scalar(epsilon, "epsilon");
        NodeProto root = graph.onlyReader(out(plusEpsilon), "Sqrt", expected);
        NodeProto normalized = graph.onlyReader(out(root), "Div", expected);
        if (!normalized.getInputList().equals(List.of(out(centered), out(root)))) {
            throw graph.mismatch(normalized, expected + ": the centred v divided by the root");
        }
        if (graph.readers(out(centered)).size() != 2 || graph.readers(v).size() != 2) {
            throw graph.mismatch(centered, expected + ", its values read by nothing else");
        }
        NodeProto gain = graph.onlyReader(out(normalized), "Mul", expected);
        NodeProto bias = graph.onlyReader(out(gain), "Add", expected);
        return new Found<>(new LayerNorm(model.floatTensor(graph.otherInput(gain, out(normalized))),
                model.floatTensor(graph.otherInput(bias, out(gain))), epsilonValue, mean.getName()), out(bias));
    }

    private Found<LayerNorm> fusedLayerNorm(NodeProto node, String v) {
        if (node.getInputCount() != 3 || !node.getInput(0).equals(v) || Graph.integer(node, "axis", -1) != -1) {
            throw graph.mismatch(node, "LayerNormalization of '" + v + "' over the last axis with gain and bias");
        }
        // ONNX's default epsilon for LayerNormalization.
        double epsilon = Graph.real(node, "epsilon").orElse(1e-5f);
        return new Found<>(new LayerNorm(model.floatTensor(node.getInput(1)), model.floatTensor(node.getInput(2)),
                epsilon, node.getName()), out(node));
    }

    private void requireLastAxisMean(NodeProto mean) {
        List<Long> axes = mean.getInputCount() > 1
                ? Arrays.stream(graph.integers(mean.getInput(1), "axes")).boxed().toList()
                : Graph.ints(mean, "axes", List.of());
        if (!axes.equals(LAST_AXIS) || Graph.integer(mean, "keepdims", 1) != 1) {
            throw graph.mismatch(mean, "a mean over the last axis (axes [-1]) that keeps it; axes are " + axes);
        }
    }

    // ---- shapes

    private void checkShapes(Layer layer, int width) {
        int inner = layer.heads() * layer.headWidth();
        int hidden = layer.ffnIn().out();
        requireShape(layer.query(), width, inner);
        requireShape(layer.key(), width, inner);
        requireShape(layer.value(), width, inner);
        requireShape(layer.attentionOutput(), inner, width);
        requireShape(layer.ffnIn(), width, hidden);
        requireShape(layer.ffnOut(), hidden, width);
        for (LayerNorm norm : List.of(layer.attentionNorm(), layer.ffnNorm())) {
            if (!Arrays.equals(norm.gain().shape(), new int[] {width}) || !Arrays.equals(norm.bias().shape(), new int[] {width})) {
                throw graph.mismatch("layer " + layer.index() + ": LayerNorm at node '" + norm.node() + "' has gain "
                        + Arrays.toString(norm.gain().shape()) + " and bias " + Arrays.toString(norm.bias().shape())
                        + "; expected [" + width + "]");
            }
        }
    }

    private void requireShape(Linear linear, int in, int out) {
        if (linear.in() != in || linear.out() != out) {
            throw graph.mismatch("weight '" + linear.weight().name() + "' at node '" + linear.node() + "' has shape "
                    + Arrays.toString(linear.weight().shape()) + "; expected [" + in + ", " + out + "]");
        }
    }
}
