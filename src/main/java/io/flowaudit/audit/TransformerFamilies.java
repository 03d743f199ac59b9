package io.flowaudit.audit;

import io.flowaudit.audit.FieldFamily.Setting;
import io.flowaudit.field.Activation;
import io.flowaudit.field.transformer.TransformerField;
import io.flowaudit.gen.AttentionArbitrary;
import io.flowaudit.gen.BlockArbitrary;
import io.flowaudit.gen.Fields;
import io.flowaudit.gen.TokenFieldArbitrary;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/** The transformer families with their settings, each mapped onto {@link Fields}' fluent API. */
final class TransformerFamilies {

    private static final List<String> MASKS = List.of("none", "causal", "any");
    private static final Setting HEAD_WIDTH = Setting.intRange("head-width", 1, 4,
            "query/key/value width per head when heads > 1");
    private static final List<String> ACTIVATIONS = List.of("tanh", "gelu", "silu", "relu", "any");
    private static final List<String> LAYER_NORMS = List.of("plain", "affine", "any");
    private static final List<String> DEPTHS = List.of("constant", "varying", "any");

    private TransformerFamilies() {
    }

    static List<FieldFamily> families() {
        return List.of(
                attention("softmax-attention", "single-head softmax self-attention",
                        Fields::softmaxAttention, 1, 1, 1, "none"),
                attention("multi-head-attention", "multi-head softmax self-attention with an output projection",
                        Fields::softmaxAttention, 1, 2, 3, "none"),
                attention("causal-attention", "softmax self-attention under a causal mask (token i sees j <= i)",
                        Fields::softmaxAttention, 1, 1, 2, "causal"),
                attention("l2-attention", "softmax of negative squared query-key distances",
                        Fields::l2Attention, 1, 1, 1, "none"),
                sigmoidAttention(),
                sinkhornAttention(),
                attention("sphere-attention", "softmax attention projected onto the unit sphere (LayerNorm dynamics)",
                        Fields::sphereAttention, 2, 1, 1, "none"),
                feedForward(),
                block());
    }

    /**
     * Tokens, width from {@code minWidth} (on one component LayerNorm is constant and the sphere is two
     * points), weights, and where starts are drawn.
     */
    private static List<Setting> commonSettings(int minWidth) {
        List<Setting> settings = new ArrayList<>();
        settings.add(Setting.intRange("tokens", Fields.MIN_TOKENS, Fields.MAX_TOKENS, "number of tokens n"));
        settings.add(Setting.intRange("width", minWidth, Fields.MAX_WIDTH, "token width d"));
        settings.add(Setting.doubleRange("weights", Fields.MIN_WEIGHT, Fields.MAX_WEIGHT,
                "weight entries before division by sqrt(fan-in)"));
        settings.add(Setting.doubleRange(FieldFamily.INITIAL_RADIUS, 1, 1,
                "every token of x_0 has norm at most a radius drawn in this range"));
        settings.add(Setting.doubleRange(FieldFamily.HORIZON, 1, 1, "T is drawn in this range"));
        return settings;
    }

    private static <A extends TokenFieldArbitrary<?, A>> A withCommon(A arbitrary, FieldFamily.Values values) {
        int[] tokens = values.intRange("tokens");
        int[] width = values.intRange("width");
        double[] weights = values.doubleRange("weights");
        return arbitrary.tokens(tokens[0], tokens[1]).width(width[0], width[1]).weights(weights[0], weights[1]);
    }

    /** Shape settings of attention, and the mask unless {@code mask} is null (Sinkhorn has no causal form). */
    private static List<Setting> attentionSettings(int minWidth, int minHeads, int maxHeads, String mask) {
        List<Setting> settings = commonSettings(minWidth);
        settings.add(Setting.intRange("heads", minHeads, maxHeads, "number of heads"));
        settings.add(HEAD_WIDTH);
        if (mask != null) {
            settings.add(mask(mask));
        }
        return settings;
    }

    private static Setting mask(String fallback) {
        return Setting.choice("mask", fallback, MASKS, "causal mask: none, causal or either");
    }

    /** {@code arbitrary} under the claim file's mask: causal, none, or either ({@code any}). */
    private static <A> A withMask(A arbitrary, FieldFamily.Values values, BiFunction<A, Boolean, A> causal,
            UnaryOperator<A> eitherMask) {
        String mask = values.choice("mask");
        return mask.equals("any") ? eitherMask.apply(arbitrary) : causal.apply(arbitrary, mask.equals("causal"));
    }

    private static <F extends TransformerField> AttentionArbitrary<F> withAttention(
            AttentionArbitrary<F> arbitrary, FieldFamily.Values values) {
        int[] heads = values.intRange("heads");
        int[] headWidth = values.intRange(HEAD_WIDTH.name());
        AttentionArbitrary<F> shaped = withCommon(arbitrary, values).heads(heads[0], heads[1])
                .headWidth(headWidth[0], headWidth[1]);
        return values.declares("mask") ? withMask(shaped, values, AttentionArbitrary::causal,
                AttentionArbitrary::eitherMask) : shaped;
    }

    private static FieldFamily attention(String name, String description,
            Supplier<? extends AttentionArbitrary<?>> start, int minWidth, int minHeads, int maxHeads, String mask) {
        return FieldFamily.of(name, description, attentionSettings(minWidth, minHeads, maxHeads, mask),
                values -> withAttention(start.get(), values));
    }

    private static FieldFamily sigmoidAttention() {
        List<Setting> settings = attentionSettings(1, 1, 1, "none");
        settings.add(Setting.doubleRange("bias", -2, 0, "b in sigmoid(score + b)"));
        return FieldFamily.of("sigmoid-attention", "unnormalized sigmoid attention", settings, values -> {
            double[] bias = values.doubleRange("bias");
            return withAttention(Fields.sigmoidAttention(), values).bias(bias[0], bias[1]);
        });
    }

    private static FieldFamily sinkhornAttention() {
        List<Setting> settings = attentionSettings(1, 1, 1, null);
        settings.add(Setting.intRange("iterations", 1, 3, "rounds of column then row normalization"));
        return FieldFamily.of("sinkhorn-attention", "Sinkhorn-normalized attention", settings, values -> {
            int[] iterations = values.intRange("iterations");
            return withAttention(Fields.sinkhornAttention(), values).iterations(iterations[0],
                    iterations[1]);
        });
    }

    private static FieldFamily feedForward() {
        List<Setting> settings = commonSettings(1);
        settings.add(Setting.intRange("hidden", Fields.MIN_FFN_HIDDEN, Fields.MAX_FFN_HIDDEN, "hidden width"));
        settings.add(Setting.choice("activation", "any", ACTIVATIONS, "activation"));
        return FieldFamily.of("ffn", "position-wise feed-forward network W2 act(W1 x + b1) + b2", settings,
                values -> {
                    int[] hidden = values.intRange("hidden");
                    return withCommon(Fields.ffn(), values).hidden(hidden[0], hidden[1])
                            .activation(activations(values.choice("activation")));
                });
    }

    private static FieldFamily block() {
        List<Setting> settings = commonSettings(2);
        settings.add(Setting.intRange("heads", 1, 2, "number of heads"));
        settings.add(HEAD_WIDTH);
        settings.add(Setting.intRange("hidden", Fields.MIN_FFN_HIDDEN, Fields.MAX_FFN_HIDDEN,
                "FFN hidden width"));
        settings.add(Setting.choice("activation", "any", ACTIVATIONS, "FFN activation"));
        settings.add(mask("none"));
        settings.add(Setting.choice("layer-norm", "any", LAYER_NORMS, "LayerNorm without or with learned affine"));
        settings.add(Setting.choice("depth", "any", DEPTHS, "weights constant or affine in depth"));
        settings.add(Setting.doubleRange("epsilon", 1e-5, 1e-5, "LayerNorm epsilon"));
        return FieldFamily.of("transformer-block", "pre-LN block Attn(LN1 X) + FFN(LN2 X)", settings,
                values -> {
                    int[] heads = values.intRange("heads");
                    int[] headWidth = values.intRange(HEAD_WIDTH.name());
                    int[] hidden = values.intRange("hidden");
                    double[] epsilon = values.doubleRange("epsilon");
                    BlockArbitrary arbitrary = withCommon(Fields.block(), values)
                            .heads(heads[0], heads[1]).headWidth(headWidth[0], headWidth[1])
                            .hidden(hidden[0], hidden[1]).activation(activations(values.choice("activation")))
                            .epsilon(epsilon[0], epsilon[1]);
                    arbitrary = withMask(arbitrary, values, BlockArbitrary::causal, BlockArbitrary::eitherMask);
                    // for "any", the block arbitrary's defaults already draw both kinds of LayerNorm and depth
                    String layerNorm = values.choice("layer-norm");
                    if (!layerNorm.equals("any")) {
                        arbitrary = arbitrary.affineLayerNorm(layerNorm.equals("affine"));
                    }
                    String depth = values.choice("depth");
                    if (!depth.equals("any")) {
                        arbitrary = arbitrary.depthVarying(depth.equals("varying"));
                    }
                    return arbitrary;
                });
    }

    private static Activation[] activations(String choice) {
        return choice.equals("any") ? Activation.zeroAtOrigin().toArray(new Activation[0])
                : new Activation[] {Activation.parse(choice.toLowerCase(Locale.ROOT))};
    }
}
