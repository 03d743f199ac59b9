package io.flowaudit.audit;

import io.flowaudit.claim.Claim.FieldSource;
import io.flowaudit.field.Activation;
import io.flowaudit.field.Domain;
import io.flowaudit.field.transformer.AttentionVariant;
import io.flowaudit.field.transformer.FeedForward;
import io.flowaudit.field.transformer.SelfAttention;
import io.flowaudit.field.transformer.TransformerBlock;
import io.flowaudit.field.transformer.TransformerField;
import io.flowaudit.gen.Fields;
import io.flowaudit.input.BadInputException;
import io.flowaudit.input.InputLimits;
import io.flowaudit.input.InputPaths;
import io.flowaudit.input.Setting;
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
 * are drawn inside it. Each layer kind reads its own settings ({@link #SETTINGS}) and refuses the others', so a
 * setting it would ignore (an FFN's heads) is an error at its line. The file's SHA-256 and the tensor behind each
 * role are part of the claim's description, so a report names exactly which weights it audited.
 */
final class WeightsSource {

    /** What every weights claim gives: the file, the layer kind, its tensors and tokens. */
    private static final List<String> REQUIRED = List.of("weights", "layer", "tensors", "tokens");
    private static final Setting<Integer> HEADS = Setting.integerBetween("heads", 1, 1, InputLimits.MAX_WEIGHTS_EXTENT);
    private static final Setting<Boolean> CAUSAL = Setting.flag("causal", false);
    private static final Setting<Activation> ACTIVATION = Setting.choice("activation",
            List.of("gelu", "tanh", "silu", "relu"), Activation::parse);
    private static final Setting<Double> LAYER_NORM_EPSILON = Setting.positive("layer-norm-epsilon",
            Fields.LAYER_NORM_EPSILON);
    private static final Setting<Double> INITIAL_RADIUS = Setting.positive("initial-radius", 1);
    private static final Setting<Double> HORIZON = Setting.positive("horizon", 1);

    /** The settings each layer kind reads (the ball of starts and the horizon for all). */
    private static final Map<String, List<Setting<?>>> SETTINGS = Map.of(
            "attention", List.of(HEADS, CAUSAL, INITIAL_RADIUS, HORIZON),
            "ffn", List.of(ACTIVATION, INITIAL_RADIUS, HORIZON),
            "block", List.of(HEADS, CAUSAL, ACTIVATION, LAYER_NORM_EPSILON, INITIAL_RADIUS, HORIZON));

    private WeightsSource() {
    }

    static FieldSource read(YamlNode node, Path claimFile) {
        String layer = node.require("layer", "attention, ffn or block").requireOneOf("attention", "ffn", "block");
        List<Setting<?>> settings = SETTINGS.get(layer);
        List<String> keys = settings.stream().map(Setting::key).toList();
        for (YamlNode.Entry entry : node.entries()) {
            if (!REQUIRED.contains(entry.key()) && !keys.contains(entry.key())) {
                throw entry.keyNode().error("'" + entry.key() + "' is not a key of a weights claim's " + layer
                        + " layer; its keys are " + String.join(", ", REQUIRED) + " and its settings "
                        + String.join(", ", keys));
            }
        }
        Setting.Values layerSettings = Setting.Values.read(node, settings);
        layerSettings.node(INITIAL_RADIUS)
                .ifPresent(given -> NamedFamily.requireWithinBallLimit(given, layerSettings.get(INITIAL_RADIUS)));
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
        TransformerField field;
        try {
            field = build(node, layer, tokens, layerSettings, matrices, vectors)
                    .certifiedFor(new Domain(layerSettings.get(INITIAL_RADIUS), layerSettings.get(HORIZON)));
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

    private static TransformerField build(YamlNode node, String layer, int tokens, Setting.Values values,
            Map<String, double[][]> matrices, Map<String, double[]> vectors) {
        String widthRole = layer.equals("ffn") ? "w1" : "wq";
        if (!matrices.containsKey(widthRole)) {
            throw node.require("tensors", "").error("the " + layer + " layer needs a matrix for role '" + widthRole
                    + "'");
        }
        int width = matrices.get(widthRole)[0].length;
        if ((long) tokens * width > InputLimits.MAX_WEIGHTS_STATE) {
            throw node.require("tokens", "").error(tokens + " tokens of width " + width + " (the columns of '"
                    + widthRole + "') make a state of " + (long) tokens * width + " numbers; a weights claim's state"
                    + " holds at most " + InputLimits.MAX_WEIGHTS_STATE);
        }
        switch (layer) {
            case "attention":
                return SelfAttention.fromWeights(AttentionVariant.softmax().withCausalMask(values.get(CAUSAL)), tokens,
                        width, values.get(HEADS), matrices);
            case "ffn":
                return FeedForward.fromWeights(tokens, width, values.get(ACTIVATION), matrices, vectors);
            default:
                return TransformerBlock.fromWeights(tokens, width, values.get(HEADS), values.get(CAUSAL),
                        values.get(ACTIVATION), values.get(LAYER_NORM_EPSILON), matrices, vectors);
        }
    }
}
