package io.flowaudit.weights.onnx;

import ai.onnx.proto.OnnxMl.NodeProto;
import io.flowaudit.weights.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The post-LN BERT encoder a model's graph computes, recovered by following its dataflow from the
 * embeddings' LayerNorm to the graph output, never from tensor names: in PyTorch exports the weight
 * matrices are anonymous ({@code onnx::MatMul_885}) and only the node names hint at a role. Each layer is
 *
 * <pre>
 *   h   = LN1(x + (softmax(s · (x Wq + bq)(x Wk + bk)^T + mask) (x Wv + bv)) Wo + bo)    per head
 *   out = LN2(h + GELU(h W1 + b1) W2 + b2)
 * </pre>
 *
 * with weights stored [in, out] as the graph multiplies them. A role is told apart by where its output
 * goes: K's projection is transposed into the second operand of the score product, Q's is its first, V's
 * multiplies the softmax. Head count and width come from the Reshape shapes, s and each LayerNorm's
 * epsilon from the constants the graph uses, and the activation must be the exact erf GELU. A graph that
 * does not have this shape is refused, naming the node where it stopped matching.
 */
public record BertEncoder(String modelFile, String sha256, Embeddings embeddings, List<Layer> layers) {

    static final String ARCHITECTURE = "a post-LN BERT encoder (embeddings, LayerNorm, then layers of"
            + " LN(x + Attention(x)) and LN(h + FFN(h)))";

    public BertEncoder {
        layers = List.copyOf(layers);
    }

    /** Recovers the encoder from a model's graph, or refuses with a message naming where it differs. */
    public static BertEncoder recover(OnnxModel model) {
        Graph graph = model.graph(ARCHITECTURE);
        graph.refuseQuantized();
        BertRecovery recovery = new BertRecovery(graph);
        Embeddings embeddings = recovery.embeddings();
        List<Layer> layers = new ArrayList<>();
        String state = embeddings.normalized();
        Set<String> states = new HashSet<>();
        while (recovery.startsLayer(state)) {
            if (!states.add(state)) {
                // ONNX graphs are acyclic; a file that is not would otherwise keep this walk going.
                throw graph.mismatch("the layer input '" + state + "' is reached again: the graph has a cycle");
            }
            Layer layer = recovery.layer(layers.size(), state);
            layers.add(layer);
            state = layer.output();
        }
        if (layers.isEmpty()) {
            throw graph.mismatch("the embeddings' LayerNorm output '" + state + "' feeds no attention layer"
                    + " (three projections and a residual sum)");
        }
        if (!graph.outputs().contains(state)) {
            throw graph.mismatch("the last layer's output '" + state + "' is not a graph output; the graph goes on"
                    + " with " + graph.readers(state).stream().map(NodeProto::getOpType).toList()
                    + " that is not a further layer");
        }
        return new BertEncoder(model.fileName(), model.sha256(), embeddings, layers);
    }

    /** Width of the token states. */
    public int width() {
        return embeddings.norm().gain().size();
    }

    /** A dense map y = x W + b with W stored [in, out], and the node that multiplies by it. */
    public record Linear(Tensor weight, Tensor bias, String node) {

        public int in() {
            return weight.shape()[0];
        }

        public int out() {
            return weight.shape()[1];
        }
    }

    /** LN(v) = gain ⊙ (v − mean v) / sqrt(var v + epsilon) + bias, epsilon as the graph stores it. */
    public record LayerNorm(Tensor gain, Tensor bias, double epsilon, String node) {

        /** LN of one token in double, with the population variance as the graph computes it. */
        public double[] apply(double[] token) {
            double[] gains = gain.values();
            double[] biases = bias.values();
            if (token.length != gains.length) {
                throw new IllegalArgumentException("a token of width " + token.length + " for a LayerNorm of width "
                        + gains.length);
            }
            double mean = Arrays.stream(token).sum() / token.length;
            double variance = Arrays.stream(token).map(v -> (v - mean) * (v - mean)).sum() / token.length;
            double scale = 1 / Math.sqrt(variance + epsilon);
            double[] normalized = new double[token.length];
            for (int i = 0; i < token.length; i++) {
                normalized[i] = gains[i] * (token[i] - mean) * scale + biases[i];
            }
            return normalized;
        }
    }

    /** The activations flowaudit recognises in a graph. */
    public enum Activation {
        /** x · (1 + erf(x / √2)) / 2, computed with erf, not its tanh approximation. */
        EXACT_GELU
    }

    /**
     * Token embeddings: word + position + token type, then LayerNorm. Positions are 0, 1, ... (the graph
     * slices them from a position-id table that was checked to be exactly that).
     */
    public record Embeddings(Tensor words, Tensor positions, Tensor tokenTypes, LayerNorm norm, String normalized) {
    }

    /** One post-LN layer, traced to the tensors and nodes it came from. */
    public record Layer(int index, Linear query, Linear key, Linear value, Linear attentionOutput, int heads,
                        int headWidth, double scoreScale, String scoreScaleSource, LayerNorm attentionNorm,
                        Linear ffnIn, Activation activation, Linear ffnOut, LayerNorm ffnNorm, String output) {

        @Override
        public String toString() {
            return "layer " + index + ": " + heads + " heads x " + headWidth + ", score scale " + scoreScale
                    + " (" + scoreScaleSource + "), FFN " + ffnIn.in() + " -> " + ffnIn.out() + " " + activation
                    + ", LayerNorm epsilons " + attentionNorm.epsilon() + ", " + ffnNorm.epsilon();
        }
    }
}
