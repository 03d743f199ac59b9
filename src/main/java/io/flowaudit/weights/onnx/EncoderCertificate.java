package io.flowaudit.weights.onnx;

import io.flowaudit.field.Outward;
import io.flowaudit.field.transformer.PostLnBound;
import io.flowaudit.field.transformer.PostLnLayer;
import io.flowaudit.weights.onnx.BertEncoder.Layer;
import io.flowaudit.weights.onnx.BertEncoder.Linear;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Certified per-layer constants of an encoder's post-LN layers on n tokens, on a region that provably holds
 * every state the stack reaches from ANY sequence of n word ids, with each input token moved by at most
 * {@code perturbationRadius} (docs/theory.md, "Certified post-LN maps"). Nothing is sampled: the embeddings'
 * pre-LN variance is minimised exactly over every word and position, and each later region is the ball the
 * previous LayerNorm's output lies in, whatever its input.
 *
 * @param tokens             n, the sequence length the constants hold for (attention's depend on it)
 * @param perturbationRadius how far each token of the embedding output may be moved and stay covered
 * @param embeddingVariance  a lower bound of the variance of every token entering the embedding LayerNorm
 * @param inputRadius        every token of the (perturbed) embedding output is at most this long
 * @param inputCentredFloor  and has at least this centred norm
 * @param layers             layer k's constants on its input region, k = 0, 1, ...
 * @param sources            for each layer, every tensor and node its constants came from, by role
 */
public record EncoderCertificate(int tokens, double perturbationRadius, double embeddingVariance, double inputRadius,
        double inputCentredFloor, List<PostLnBound> layers, List<Map<String, String>> sources) {

    public EncoderCertificate {
        layers = List.copyOf(layers);
        sources = List.copyOf(sources);
    }

    /** The certificate from an encoder's prepared layers and variance floors ({@link PreparedEncoder#certificate}). */
    static EncoderCertificate of(PreparedEncoder prepared, int tokens, double perturbationRadius) {
        if (!(perturbationRadius >= 0) || !Double.isFinite(perturbationRadius)) {
            throw new IllegalArgumentException("the perturbation radius must be finite and non-negative, got "
                    + perturbationRadius);
        }
        BertEncoder encoder = prepared.encoder();
        BertEncoder.Embeddings embeddings = encoder.embeddings();
        io.flowaudit.field.transformer.LayerNorm norm = fieldNorm(embeddings.norm());
        double variance = prepared.embeddingVarianceFloor(tokens);
        // computed embedding outputs lie within a few ulps of the exact ones: the slack that holds computed states
        double room = Outward.sum(perturbationRadius, Outward.product(Outward.COMPUTED_STATES_SLACK, norm.outputRadius()));
        double radius = Outward.sum(norm.outputRadius(), room);
        double centred = Math.max(0, Outward.down(norm.centredFloor(variance) - room));
        List<PostLnBound> bounds = new ArrayList<>();
        List<Map<String, String>> sources = new ArrayList<>();
        double layerRadius = radius;
        double layerCentred = centred;
        List<PostLnLayer> maps = prepared.layers(tokens);
        for (int k = 0; k < maps.size(); k++) {
            PostLnBound bound = maps.get(k).bound(layerRadius, layerCentred);
            bounds.add(bound);
            sources.add(sources(encoder.layers().get(k)));
            layerRadius = bound.outputRadius();
            layerCentred = bound.outputCentredFloor();
        }
        return new EncoderCertificate(tokens, perturbationRadius, variance, radius, centred, bounds, sources);
    }

    /** The product of the first {@code layerCount} layers' constants: the bound of |delta_k| / |delta_0|. */
    public double cumulativeLipschitz(int layerCount) {
        double product = 1;
        for (int k = 0; k < layerCount; k++) {
            product = Outward.product(product, layers.get(k).lipschitz());
        }
        return product;
    }

    /** The radius every token of layer k's input lies within (k = 0 is the perturbed embedding output). */
    public double inputRadius(int layer) {
        return layer == 0 ? inputRadius : layers.get(layer - 1).outputRadius();
    }

    /** The embedding LayerNorm as the field package bounds it. */
    private static io.flowaudit.field.transformer.LayerNorm fieldNorm(BertEncoder.LayerNorm norm) {
        return io.flowaudit.field.transformer.LayerNorm.affine(norm.gain().values(), norm.bias().values(),
                norm.epsilon());
    }

    /**
     * The least variance of {@code word + token type 0 + position} over every word and every position below
     * {@code tokens}, from below: with {@code x} the exact sum and {@code c} its centred vector computed in double,
     * each component of c is within {@code (d + 6) u max|x|} of the exact one (three roundings of the sum, the
     * mean's d, the difference's), so {@code sqrt(var) >= sqrt(S/d)(1 - (d + 2) u) - (d + 6) u max|x|} with S the
     * computed sum of squares (its own relative error at most (d + 2) u); one more unit in each term covers the
     * rounding of this expression itself.
     */
    static double embeddingVarianceFloor(BertEncoder.Embeddings embeddings, int tokens) {
        if (tokens < 1 || tokens > embeddings.maxTokens()) {
            throw new IllegalArgumentException("a sequence needs 1 to " + embeddings.maxTokens() + " tokens, got "
                    + tokens);
        }
        int d = embeddings.norm().gain().size();
        double[] words = embeddings.words().values();
        double[] types = embeddings.tokenTypes().values();
        double[] positions = embeddings.positions().values();
        double least = Double.POSITIVE_INFINITY;
        double[] x = new double[d];
        for (int word = 0; word < embeddings.vocabulary(); word++) {
            for (int position = 0; position < tokens; position++) {
                double sum = 0;
                double largest = 0;
                for (int k = 0; k < d; k++) {
                    x[k] = words[word * d + k] + types[k] + positions[position * d + k];
                    sum += x[k];
                    largest = Math.max(largest, Math.abs(x[k]));
                }
                double mean = sum / d;
                double squares = 0;
                for (int k = 0; k < d; k++) {
                    squares += (x[k] - mean) * (x[k] - mean);
                }
                double deviation = Math.sqrt(squares / d) * (1 - (d + 3) * Outward.UNIT_ROUNDOFF)
                        - (d + 7) * Outward.UNIT_ROUNDOFF * largest;
                least = Math.min(least, deviation);
            }
        }
        if (!(least > 0)) {
            return 0;
        }
        return Outward.down(Outward.down(least) * Outward.down(least));
    }

    /** Every tensor and node layer k's constants came from, by the role the constants give it. */
    private static Map<String, String> sources(Layer layer) {
        Map<String, String> sources = new LinkedHashMap<>();
        linear(sources, "Q (K_A, score)", layer.query());
        linear(sources, "K (K_A, score)", layer.key());
        linear(sources, "V (K_A, value path U_h)", layer.value());
        linear(sources, "W_O (K_A, value path U_h)", layer.attentionOutput());
        sources.put("score scale s (K_A)", layer.scoreScale() + " from " + layer.scoreScaleSource());
        sources.put("heads (K_A)", layer.heads() + " x " + layer.headWidth());
        norm(sources, "LN1 (L1, hidden ball)", layer.attentionNorm());
        linear(sources, "W1 (K_F)", layer.ffnIn());
        sources.put("activation (K_F)", layer.activation().toString());
        linear(sources, "W2 (K_F)", layer.ffnOut());
        norm(sources, "LN2 (L2, output ball)", layer.ffnNorm());
        return sources;
    }

    private static void linear(Map<String, String> sources, String role, Linear linear) {
        sources.put(role, linear.weight().name() + " (node " + linear.node() + "), bias " + linear.bias().name());
    }

    private static void norm(Map<String, String> sources, String role, BertEncoder.LayerNorm norm) {
        sources.put(role, "gain " + norm.gain().name() + ", bias " + norm.bias().name() + ", epsilon " + norm.epsilon()
                + " (node " + norm.node() + ")");
    }
}
