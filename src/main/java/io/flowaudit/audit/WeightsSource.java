package io.flowaudit.audit;

import io.flowaudit.claim.Claim.FieldSource;
import io.flowaudit.field.Activation;
import io.flowaudit.field.Domain;
import io.flowaudit.field.transformer.FeedForward;
import io.flowaudit.field.transformer.SelfAttention;
import io.flowaudit.field.transformer.TransformerBlock;
import io.flowaudit.field.transformer.TransformerField;
import io.flowaudit.input.BadInputException;
import io.flowaudit.input.InputLimits;
import io.flowaudit.input.InputPaths;
import io.flowaudit.input.YamlNode;
import io.flowaudit.weights.SafetensorsFile;
import io.flowaudit.weights.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;

/**
 * A real layer's weights from a safetensors file: {@code field: {weights: FILE, layer: attention|ffn|block,
 * tensors: {role: tensor name, ...}, ...}}. Roles are those of the transformer factories ({@code wq wk
 * wv wo} for attention, {@code w1 b1 w2 b2} for the FFN, plus {@code ln1.gamma ln1.beta ln2.gamma
 * ln2.beta} for a block); the width is read from the first projection's columns. The field is
 * certified on the token ball of {@code initial-radius} over {@code [0, horizon]}, and initial states
 * are drawn inside it. The file's SHA-256 and the tensor behind each role are part of the claim's
 * description, so a report names exactly which weights it audited.
 */
final class WeightsSource {

    static final List<String> KEYS = List.of("weights", "layer", "tensors", "tokens", "heads", "causal", "activation",
            "layer-norm-epsilon", "initial-radius", "horizon");

    private WeightsSource() {
    }

    static FieldSource read(YamlNode node, Path claimFile) {
        node.requireKeysAmong(KEYS);
        YamlNode path = node.require("weights", "the path of a safetensors file, relative to the claim file");
        Path file = InputPaths.resolveConfined(path, claimFile, "weights file");
        SafetensorsFile weights;
        try {
            weights = SafetensorsFile.read(file);
        } catch (BadInputException e) {
            // the safetensors message names the file; the claim's line says which claim read it
            throw path.error(e.getMessage());
        } catch (IOException e) {
            throw path.error("cannot read the weights file " + file + " (" + e.getClass().getSimpleName() + ")");
        }
        String layer = node.require("layer", "attention, ffn or block").requireOneOf("attention", "ffn", "block");
        YamlNode tensorsNode = node.require("tensors", "a mapping from roles (wq, wk, ...) to tensor names");
        Map<String, double[][]> matrices = new LinkedHashMap<>();
        Map<String, double[]> vectors = new LinkedHashMap<>();
        Map<String, String> tensorMap = new LinkedHashMap<>();
        for (YamlNode.Entry entry : tensorsNode.entries()) {
            Tensor tensor;
            try {
                tensor = weights.tensor(entry.value().text());
            } catch (BadInputException e) {
                throw entry.value().error(e.getMessage());
            }
            if (tensor.rank() >= 1 && Arrays.stream(tensor.shape()).anyMatch(size -> size == 0)) {
                throw entry.value().error("tensor '" + entry.value().text() + "' has shape "
                        + Arrays.toString(tensor.shape()) + "; roles take tensors with no empty dimension");
            }
            if (Arrays.stream(tensor.shape()).anyMatch(size -> size > InputLimits.MAX_WEIGHTS_EXTENT)) {
                throw entry.value().error("tensor '" + entry.value().text() + "' has shape "
                        + Arrays.toString(tensor.shape()) + "; roles take tensors of at most "
                        + InputLimits.MAX_WEIGHTS_EXTENT + " rows and columns");
            }
            double[] values = tensor.values();
            for (int i = 0; i < values.length; i++) {
                if (!Double.isFinite(values[i])) {
                    throw entry.value().error(file + ": tensor '" + entry.value().text() + "' holds " + values[i]
                            + " at element " + i + " (row-major); weights must be finite");
                }
            }
            tensorMap.put(entry.key(), tensor.name() + " " + tensor.dtype().name() + " "
                    + Arrays.stream(tensor.shape()).mapToObj(Integer::toString).collect(Collectors.joining("×")));
            if (tensor.rank() == 2) {
                matrices.put(entry.key(), tensor.toMatrix());
            } else if (tensor.rank() == 1) {
                vectors.put(entry.key(), tensor.toVector());
            } else {
                throw entry.value().error("tensor '" + entry.value().text() + "' has rank " + tensor.rank()
                        + "; roles take matrices or vectors");
            }
        }
        YamlNode tokensNode = node.require("tokens", "the number of tokens n");
        int tokens = tokensNode.requireInt();
        if (tokens < 1 || tokens > InputLimits.MAX_TOKENS) {
            throw tokensNode.error("tokens must be between 1 and " + InputLimits.MAX_TOKENS + ", got " + tokens);
        }
        double radius = positive(node, "initial-radius", 1);
        double horizon = positive(node, "horizon", 1);
        TransformerField field;
        try {
            field = build(node, layer, tokens, matrices, vectors).certifiedFor(new Domain(radius, horizon));
        } catch (IllegalArgumentException e) {
            throw tensorsNode.error(e.getMessage());
        }
        double[] radii = {field.domain().initialRadius(), field.domain().initialRadius()};
        double[] horizons = {field.domain().horizon(), field.domain().horizon()};
        return FieldSource.drawn(Arbitraries.just(field), radii, horizons,
                describe(field, file, layer, weights.sha256(), tensorMap));
    }

    private static Map<String, String> describe(TransformerField field, Path file, String layer, String sha256,
            Map<String, String> tensorMap) {
        Map<String, String> space = new LinkedHashMap<>();
        space.put("field", "the " + layer + " layer " + field.family() + " from " + file.getFileName() + " ("
                + field.tokens() + " tokens of width " + field.width() + ")");
        space.put("initial token radius", Double.toString(field.domain().initialRadius()));
        space.put("horizon T", Double.toString(field.domain().horizon()));
        space.put("weights file SHA-256", sha256);
        tensorMap.forEach((role, tensor) -> space.put("tensor for " + role, tensor));
        return space;
    }

    private static TransformerField build(YamlNode node, String layer, int tokens, Map<String, double[][]> matrices,
            Map<String, double[]> vectors) {
        String widthRole = layer.equals("ffn") ? "w1" : "wq";
        if (!matrices.containsKey(widthRole)) {
            throw node.require("tensors", "").error("the " + layer + " layer needs a matrix for role '" + widthRole + "'");
        }
        int width = matrices.get(widthRole)[0].length;
        if ((long) tokens * width > InputLimits.MAX_WEIGHTS_STATE) {
            throw node.require("tokens", "").error(tokens + " tokens of width " + width + " (the columns of '"
                    + widthRole + "') make a state of " + (long) tokens * width + " numbers; a weights claim's state"
                    + " holds at most " + InputLimits.MAX_WEIGHTS_STATE);
        }
        int heads = node.optional("heads").map(YamlNode::requireInt).orElse(1);
        boolean causal = node.optional("causal").map(YamlNode::requireBoolean).orElse(false);
        Activation activation = Activation.parse(node.optional("activation")
                .map(value -> value.requireOneOf("tanh", "gelu", "silu", "relu")).orElse("gelu"));
        switch (layer) {
            case "attention":
                return causal
                        ? SelfAttention.fromWeights(io.flowaudit.field.transformer.AttentionVariant.softmax()
                                .withCausalMask(true), tokens, width, heads, matrices)
                        : SelfAttention.fromWeights(tokens, width, heads, matrices);
            case "ffn":
                return FeedForward.fromWeights(tokens, width, activation, matrices, vectors);
            default:
                double epsilon = positive(node, "layer-norm-epsilon", 1e-5);
                return TransformerBlock.fromWeights(tokens, width, heads, causal, activation, epsilon, matrices,
                        vectors);
        }
    }

    private static double positive(YamlNode node, String key, double fallback) {
        return node.optional(key).map(value -> {
            double v = value.requireDecimal().doubleValue();
            if (!(v > 0)) {
                throw value.error(key + " must be positive, got " + value.text());
            }
            return v;
        }).orElse(fallback);
    }
}
