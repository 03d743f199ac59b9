package io.flowaudit.weights.onnx;

import ai.onnx.proto.OnnxMl.NodeProto;
import io.flowaudit.field.Activation;
import io.flowaudit.weights.Tensor;

import io.flowaudit.field.transformer.PostLnLayer;
import io.flowaudit.flow.DepthStack;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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

    /**
     * The encoder's layers on {@code tokens} tokens, each a {@link PostLnLayer} with this layer's weights, in
     * double: a stack whose weights differ per layer. Fed {@link Embeddings#initialState}, its output is the
     * graph's {@code last_hidden_state} for a sequence with every attention-mask entry 1.
     */
    public DepthStack stack(int tokens) {
        return new DepthStack(List.copyOf(layers.stream().map(layer -> layer.onTokens(tokens)).toList()));
    }

    /** A dense map y = x W + b with W stored [in, out], and the node that multiplies by it. */
    public record Linear(Tensor weight, Tensor bias, String node) {

        public int in() {
            return weight.shape()[0];
        }

        public int out() {
            return weight.shape()[1];
        }

        /** The weight as the fields read it, [out x in] (the graph multiplies x W with W stored [in, out]). */
        double[][] outByIn() {
            int in = in();
            int out = out(); // once: the shape is a fresh copy at every call
            double[][] transposed = new double[out][in];
            double[] values = weight.values();
            for (int i = 0; i < in; i++) {
                for (int o = 0; o < out; o++) {
                    transposed[o][i] = values[i * out + o];
                }
            }
            return transposed;
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

    /**
     * Token embeddings: word + position + token type, then LayerNorm. Positions are 0, 1, ... (the graph
     * slices them from a position-id table that was checked to be exactly that).
     */
    public record Embeddings(Tensor words, Tensor positions, Tensor tokenTypes, LayerNorm norm, String normalized) {

        /** The number of word ids, the rows of the word table. */
        public int vocabulary() {
            return words.shape()[0];
        }

        /** The longest sequence the position table covers. */
        int maxTokens() {
            return positions.shape()[0];
        }

        /**
         * The initial token states of a sequence of word ids, flat (token i is {@code [i·d, (i+1)·d)}): word row
         * + position row i + token-type row 0 (one segment, as sentence-transformers encodes a text), summed in
         * double from the stored floats, then the embedding LayerNorm.
         *
         * @throws IllegalArgumentException for an empty or too long sequence or an id outside the vocabulary
         */
        public double[] initialState(int[] tokenIds) {
            if (tokenIds.length == 0 || tokenIds.length > maxTokens()) {
                throw new IllegalArgumentException("a sequence needs 1 to " + maxTokens() + " tokens, got "
                        + tokenIds.length);
            }
            int width = norm.gain().size();
            // row by row: the word table is 90 MB, and a copy of it per input was most of a short input's cost
            double[] type = tokenTypes.row(0);
            double[] state = new double[tokenIds.length * width];
            for (int i = 0; i < tokenIds.length; i++) {
                int id = tokenIds[i];
                if (id < 0 || id >= vocabulary()) {
                    throw new IllegalArgumentException("token " + i + " has id " + id + ", outside the vocabulary"
                            + " 0.." + (vocabulary() - 1));
                }
                double[] word = words.row(id);
                double[] position = positions.row(i);
                double[] token = new double[width];
                for (int k = 0; k < width; k++) {
                    token[k] = word[k] + type[k] + position[k];
                }
                System.arraycopy(norm.apply(token), 0, state, i * width, width);
            }
            return state;
        }

        /**
         * Sequences of {@code minTokens} to {@code maxTokens} word ids drawn uniformly from the vocabulary;
         * they shrink towards fewer tokens and smaller ids.
         */
        public Arbitrary<int[]> tokenIds(int minTokens, int maxTokens) {
            if (minTokens < 1 || maxTokens < minTokens || maxTokens > maxTokens()) {
                throw new IllegalArgumentException("token counts must satisfy 1 <= min <= max <= " + maxTokens()
                        + ", got " + minTokens + " and " + maxTokens);
            }
            return Arbitraries.integers().between(0, vocabulary() - 1).array(int[].class).ofMinSize(minTokens)
                    .ofMaxSize(maxTokens);
        }
    }

    /** One post-LN layer, traced to the tensors and nodes it came from. */
    public record Layer(int index, Linear query, Linear key, Linear value, Linear attentionOutput, int heads,
                        int headWidth, double scoreScale, String scoreScaleSource, LayerNorm attentionNorm,
                        Linear ffnIn, Activation activation, Linear ffnOut, LayerNorm ffnNorm, String output) {

        /** This layer as a map of {@code tokens} token states, every weight and constant from the graph. */
        public PostLnLayer onTokens(int tokens) {
            return onTokens(tokens, activation);
        }

        /** The same with another activation: tests show that the tanh form of GELU is not this model. */
        PostLnLayer onTokens(int tokens, Activation feedForwardActivation) {
            return PostLnLayer.fromWeights(tokens, query.in(), heads, scoreScale, feedForwardActivation,
                    attentionNorm.epsilon(), ffnNorm.epsilon(), matrices(), vectors());
        }

        /**
         * The weight matrices by the roles {@link PostLnLayer#fromWeights} reads ({@code wq wk wv wo w1 w2}), each
         * [out x in] and a fresh copy.
         */
        public Map<String, double[][]> matrices() {
            return Map.of("wq", query.outByIn(), "wk", key.outByIn(), "wv", value.outByIn(), "wo",
                    attentionOutput.outByIn(), "w1", ffnIn.outByIn(), "w2", ffnOut.outByIn());
        }

        /** The biases and LayerNorm gains and biases by the roles {@link PostLnLayer#fromWeights} reads, fresh copies. */
        public Map<String, double[]> vectors() {
            Map<String, double[]> vectors = new HashMap<>();
            vectors.put("bq", query.bias().values());
            vectors.put("bk", key.bias().values());
            vectors.put("bv", value.bias().values());
            vectors.put("bo", attentionOutput.bias().values());
            vectors.put("b1", ffnIn.bias().values());
            vectors.put("b2", ffnOut.bias().values());
            vectors.put("ln1.gamma", attentionNorm.gain().values());
            vectors.put("ln1.beta", attentionNorm.bias().values());
            vectors.put("ln2.gamma", ffnNorm.gain().values());
            vectors.put("ln2.beta", ffnNorm.bias().values());
            return vectors;
        }

        @Override
        public String toString() {
            return "layer " + index + ": " + heads + " heads x " + headWidth + ", score scale " + scoreScale
                    + " (" + scoreScaleSource + "), FFN " + ffnIn.in() + " -> " + ffnIn.out() + " " + activation
                    + ", LayerNorm epsilons " + attentionNorm.epsilon() + ", " + ffnNorm.epsilon();
        }
    }
}
