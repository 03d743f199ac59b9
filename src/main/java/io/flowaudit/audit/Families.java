package io.flowaudit.audit;

import io.flowaudit.claim.Claim.FieldSource;
import io.flowaudit.field.Activation;
import io.flowaudit.field.transformer.TransformerField;
import io.flowaudit.gen.AffineFieldArbitrary;
import io.flowaudit.gen.AttentionArbitrary;
import io.flowaudit.gen.BlockArbitrary;
import io.flowaudit.gen.ContractiveFieldArbitrary;
import io.flowaudit.gen.FieldArbitrary;
import io.flowaudit.gen.Fields;
import io.flowaudit.gen.LinearShape;
import io.flowaudit.gen.MlpFieldArbitrary;
import io.flowaudit.gen.TimeDependentFieldArbitrary;
import io.flowaudit.gen.TokenFieldArbitrary;
import io.flowaudit.input.Setting;
import io.flowaudit.input.YamlNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The field families claim files can name, in one table ({@link #ALL}): {@code linear}, {@code mlp},
 * {@code time-dependent} and {@code contractive}, then the transformer families (attention of each kind, the
 * FFN, the pre-LN block), each a {@link NamedFamily} whose settings map onto {@link Fields}' fluent API.
 * {@link #read} finds the family a claim file's {@code field:} names and has it read its settings.
 */
final class Families {

    // The settings, each read through its constant; a family whose range differs from its kin's declares the
    // constant with another fallback (Setting.withFallback). The classic families' settings first.
    /** The state dimension D. */
    private static final Setting<int[]> DIMENSION = Setting.sizeRange("dimension", Fields.MIN_DIMENSION,
            Fields.MAX_DIMENSION);
    /** The certified Lipschitz constant K. */
    private static final Setting<double[]> LIPSCHITZ = Setting.range("lipschitz", Fields.MIN_LIPSCHITZ,
            Fields.MAX_LIPSCHITZ);
    /** The structure of A (non-normal: mu above the spectral abscissa), or any. */
    private static final Setting<String> SHAPE = Setting.oneOf("shape", linearShapes());
    /** b with entries in [-1, 1], or b = 0. */
    private static final Setting<String> BIAS = Setting.oneOf("bias", List.of("random", "zero"));
    private static final Setting<int[]> HIDDEN_UNITS = Setting.sizeRange("hidden-units", Fields.MIN_HIDDEN_UNITS,
            Fields.MAX_HIDDEN_UNITS);
    private static final Setting<String> MLP_ACTIVATION = Setting.oneOf("activation", List.of("any", "tanh",
            "sigmoid"));
    /** omega in sin(omega t). */
    private static final Setting<double[]> FREQUENCY = Setting.range("frequency", Fields.MIN_FREQUENCY,
            Fields.MAX_FREQUENCY);
    /** What a composite family (time-dependent, contractive) is built from: G and H, or g. */
    private static final List<String> COMPONENT_KINDS = List.of("any", "linear", "mlp");
    private static final Setting<String> COMPONENTS = Setting.oneOf("components", COMPONENT_KINDS);
    private static final Setting<String> PERTURBATION = Setting.oneOf("perturbation", COMPONENT_KINDS);
    /** The certified mu (negative). */
    private static final Setting<double[]> ONE_SIDED_LIPSCHITZ = Setting.range("one-sided-lipschitz",
            Fields.MIN_CONTRACTION, Fields.MAX_CONTRACTION);

    // The token families' settings.
    /** The number of tokens n. */
    private static final Setting<int[]> TOKENS = Setting.sizeRange("tokens", Fields.MIN_TOKENS, Fields.MAX_TOKENS);
    /** The token width d. */
    private static final Setting<int[]> WIDTH = Setting.sizeRange("width", Fields.MIN_WIDTH, Fields.MAX_WIDTH);
    /** Weight entries before division by sqrt(fan-in). */
    private static final Setting<double[]> WEIGHTS = Setting.range("weights", Fields.MIN_WEIGHT, Fields.MAX_WEIGHT);
    private static final Setting<int[]> HEADS = Setting.sizeRange("heads", 1, 1);
    /** The query/key/value width per head when heads > 1. */
    private static final Setting<int[]> HEAD_WIDTH = Setting.sizeRange("head-width", Fields.MIN_HEAD_WIDTH,
            Fields.MAX_HEAD_WIDTH);
    /** A causal mask (token i sees j <= i), none, or either. */
    private static final Setting<String> MASK = Setting.oneOf("mask", List.of("none", "causal", "any"));
    /** b in sigmoid(score + b). */
    private static final Setting<double[]> SIGMOID_BIAS = Setting.range("bias", Fields.MIN_SIGMOID_BIAS,
            Fields.MAX_SIGMOID_BIAS);
    /** Rounds of column then row normalization. */
    private static final Setting<int[]> ITERATIONS = Setting.sizeRange("iterations", Fields.MIN_SINKHORN_ITERATIONS,
            Fields.MAX_SINKHORN_ITERATIONS);
    /** The FFN's hidden width. */
    private static final Setting<int[]> HIDDEN = Setting.sizeRange("hidden", Fields.MIN_FFN_HIDDEN,
            Fields.MAX_FFN_HIDDEN);
    private static final Setting<String> ACTIVATION = Setting.oneOf("activation", List.of("tanh", "gelu", "silu",
            "relu", "any")).withFallback("any");
    /** LayerNorm without or with a learned affine map. */
    private static final Setting<String> LAYER_NORM = Setting.oneOf("layer-norm", List.of("plain", "affine", "any"))
            .withFallback("any");
    /** Weights constant or affine in depth. */
    private static final Setting<String> DEPTH = Setting.oneOf("depth", List.of("constant", "varying", "any"))
            .withFallback("any");
    private static final Setting<double[]> EPSILON = Setting.range("epsilon", Fields.LAYER_NORM_EPSILON,
            Fields.LAYER_NORM_EPSILON);
    /** Every token of x_0 has centred norm |x_i - mean(x_i)| at least a floor drawn in this range. */
    private static final Setting<double[]> CENTRED_FLOOR = Setting.range("centred-floor", 0, 0);

    /** Every family a claim file can name (declared after the settings it reads). */
    static final Families ALL = new Families(List.of(
            linear(),
            mlp(),
            timeDependent(),
            contractive(),
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
            block()));

    private final List<NamedFamily> families;

    /** A registry of these families, whose names must differ. */
    Families(List<NamedFamily> families) {
        Set<String> names = new HashSet<>();
        for (NamedFamily family : families) {
            if (!names.add(family.name())) {
                throw new IllegalArgumentException("a field family named '" + family.name()
                        + "' is already registered");
            }
        }
        this.families = List.copyOf(families);
    }

    List<String> names() {
        return families.stream().map(NamedFamily::name).toList();
    }

    Optional<NamedFamily> find(String name) {
        return families.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /** The fields a claim file's {@code field:} node names by {@code family:}, with their settings read and checked. */
    FieldSource read(YamlNode node) {
        YamlNode name = node.require("family", "a family name, one of " + names() + ", or system: a system file");
        return find(name.text()).orElseThrow(() -> name.error("unknown family '" + name.text()
                + "', expected one of " + names())).read(node);
    }

    /**
     * A family of {@link Fields}: {@code settings} and the start settings, its arbitrary {@code shaped}
     * and then given the dimension and Lipschitz ranges.
     */
    private static NamedFamily classic(String name, String description, List<Setting<?>> settings,
            Function<Setting.Values, FieldArbitrary<?, ?>> shaped) {
        List<Setting<?>> all = new ArrayList<>(List.of(DIMENSION, LIPSCHITZ));
        all.addAll(settings);
        all.addAll(List.of(NamedFamily.INITIAL_RADIUS, NamedFamily.HORIZON));
        return NamedFamily.of(name, description, all, values -> {
            int[] dimension = values.get(DIMENSION);
            double[] lipschitz = values.get(LIPSCHITZ);
            // a claim file's settings are complete: what contradicts another setting is bad input before any claim runs
            return shaped.apply(values).dimension(dimension[0], dimension[1]).lipschitz(lipschitz[0], lipschitz[1])
                    .validated();
        }).labelled(Map.of(NamedFamily.INITIAL_RADIUS.key(), "|x0|", NamedFamily.HORIZON.key(), "horizon T"));
    }

    private static String label(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** {@code any}, then every {@link LinearShape} by its label. */
    private static List<String> linearShapes() {
        List<String> shapes = new ArrayList<>(List.of("any"));
        for (LinearShape shape : LinearShape.values()) {
            shapes.add(label(shape));
        }
        return shapes;
    }

    private static NamedFamily linear() {
        return classic("linear", "affine fields A x + b", List.of(SHAPE, BIAS), values -> {
            AffineFieldArbitrary arbitrary = Fields.affine();
            String shape = values.get(SHAPE);
            for (LinearShape candidate : LinearShape.values()) {
                if (label(candidate).equals(shape)) {
                    arbitrary = arbitrary.shapes(candidate);
                }
            }
            return values.get(BIAS).equals("zero") ? arbitrary.homogeneous() : arbitrary;
        });
    }

    private static NamedFamily mlp() {
        return classic("mlp", "perceptrons W2 act(W1 x + b1) + b2 (a transformer's FFN)",
                List.of(HIDDEN_UNITS, MLP_ACTIVATION), values -> {
                    int[] hidden = values.get(HIDDEN_UNITS);
                    MlpFieldArbitrary arbitrary = Fields.mlp().hiddenUnits(hidden[0], hidden[1]);
                    String activation = values.get(MLP_ACTIVATION);
                    return activation.equals("any") ? arbitrary : arbitrary.activation(Activation.parse(activation));
                });
    }

    private static NamedFamily timeDependent() {
        return classic("time-dependent", "G(x) + sin(omega t) H(x): weights varying across depth",
                List.of(FREQUENCY, COMPONENTS), values -> {
                    double[] frequency = values.get(FREQUENCY);
                    return withComponentKind(values.get(COMPONENTS),
                            Fields.timeDependent().frequency(frequency[0], frequency[1]),
                            TimeDependentFieldArbitrary::linearComponents, TimeDependentFieldArbitrary::mlpComponents);
                });
    }

    private static NamedFamily contractive() {
        return classic("contractive", "-c x + g(x) with certified mu < 0", List.of(ONE_SIDED_LIPSCHITZ, PERTURBATION),
                values -> {
                    double[] mu = values.get(ONE_SIDED_LIPSCHITZ);
                    return withComponentKind(values.get(PERTURBATION),
                            Fields.contractive().oneSidedLipschitz(mu[0], mu[1]),
                            ContractiveFieldArbitrary::linearPerturbation, ContractiveFieldArbitrary::mlpPerturbation);
                });
    }

    /** {@code arbitrary} with linear or MLP components only, as {@code kind} (a {@link #COMPONENT_KINDS}) says. */
    private static <A> A withComponentKind(String kind, A arbitrary, UnaryOperator<A> linear, UnaryOperator<A> mlp) {
        switch (kind) {
            case "linear":
                return linear.apply(arbitrary);
            case "mlp":
                return mlp.apply(arbitrary);
            default:
                return arbitrary;
        }
    }

    /**
     * Tokens, width from {@code minWidth} (on one component LayerNorm is constant and the sphere is two
     * points), weights, and where starts are drawn: every token of x_0 has norm at most a radius drawn in the
     * initial-radius range.
     */
    private static List<Setting<?>> commonSettings(int minWidth) {
        return new ArrayList<>(List.of(TOKENS, WIDTH.withFallback(new int[] {minWidth, Fields.MAX_WIDTH}), WEIGHTS,
                NamedFamily.INITIAL_RADIUS.withFallback(new double[] {Fields.TOKEN_INITIAL_RADIUS,
                    Fields.TOKEN_INITIAL_RADIUS}),
                NamedFamily.HORIZON.withFallback(new double[] {Fields.TOKEN_HORIZON, Fields.TOKEN_HORIZON})));
    }

    private static <A extends TokenFieldArbitrary<?, A>> A withCommon(A arbitrary, Setting.Values values) {
        int[] tokens = values.get(TOKENS);
        int[] width = values.get(WIDTH);
        double[] weights = values.get(WEIGHTS);
        return arbitrary.tokens(tokens[0], tokens[1]).width(width[0], width[1]).weights(weights[0], weights[1]);
    }

    /** Shape settings of attention, and the mask unless {@code mask} is null (Sinkhorn has no causal form). */
    private static List<Setting<?>> attentionSettings(int minWidth, int minHeads, int maxHeads, String mask) {
        List<Setting<?>> settings = commonSettings(minWidth);
        settings.add(HEADS.withFallback(new int[] {minHeads, maxHeads}));
        settings.add(HEAD_WIDTH);
        if (mask != null) {
            settings.add(MASK.withFallback(mask));
        }
        return settings;
    }

    /** {@code arbitrary} under the claim file's mask: causal, none, or either ({@code any}). */
    private static <A> A withMask(A arbitrary, Setting.Values values, BiFunction<A, Boolean, A> causal,
            UnaryOperator<A> eitherMask) {
        String mask = values.get(MASK);
        return mask.equals("any") ? eitherMask.apply(arbitrary) : causal.apply(arbitrary, mask.equals("causal"));
    }

    private static <F extends TransformerField> AttentionArbitrary<F> withAttention(
            AttentionArbitrary<F> arbitrary, Setting.Values values) {
        int[] heads = values.get(HEADS);
        int[] headWidth = values.get(HEAD_WIDTH);
        AttentionArbitrary<F> shaped = withCommon(arbitrary, values).heads(heads[0], heads[1])
                .headWidth(headWidth[0], headWidth[1]);
        return values.declares(MASK) ? withMask(shaped, values, AttentionArbitrary::causal,
                AttentionArbitrary::eitherMask) : shaped;
    }

    private static NamedFamily attention(String name, String description,
            Supplier<? extends AttentionArbitrary<?>> start, int minWidth, int minHeads, int maxHeads, String mask) {
        return NamedFamily.of(name, description, attentionSettings(minWidth, minHeads, maxHeads, mask),
                values -> withAttention(start.get(), values));
    }

    private static NamedFamily sigmoidAttention() {
        List<Setting<?>> settings = attentionSettings(1, 1, 1, "none");
        settings.add(SIGMOID_BIAS);
        return NamedFamily.of("sigmoid-attention", "unnormalized sigmoid attention", settings, values -> {
            double[] bias = values.get(SIGMOID_BIAS);
            return withAttention(Fields.sigmoidAttention(), values).bias(bias[0], bias[1]);
        });
    }

    private static NamedFamily sinkhornAttention() {
        List<Setting<?>> settings = attentionSettings(1, 1, 1, null);
        settings.add(ITERATIONS);
        return NamedFamily.of("sinkhorn-attention", "Sinkhorn-normalized attention", settings, values -> {
            int[] iterations = values.get(ITERATIONS);
            return withAttention(Fields.sinkhornAttention(), values).iterations(iterations[0], iterations[1]);
        });
    }

    private static NamedFamily feedForward() {
        List<Setting<?>> settings = commonSettings(1);
        settings.addAll(List.of(HIDDEN, ACTIVATION));
        return NamedFamily.of("ffn", "position-wise feed-forward network W2 act(W1 x + b1) + b2", settings,
                values -> {
                    int[] hidden = values.get(HIDDEN);
                    return withCommon(Fields.ffn(), values).hidden(hidden[0], hidden[1])
                            .activation(activations(values.get(ACTIVATION)));
                });
    }

    private static NamedFamily block() {
        List<Setting<?>> settings = commonSettings(2);
        settings.addAll(List.of(HEADS.withFallback(new int[] {Fields.MIN_BLOCK_HEADS, Fields.MAX_BLOCK_HEADS}),
                HEAD_WIDTH, HIDDEN, ACTIVATION, MASK.withFallback("none"), LAYER_NORM, DEPTH, EPSILON, CENTRED_FLOOR));
        return NamedFamily.of("transformer-block", "pre-LN block Attn(LN1 X) + FFN(LN2 X)", settings,
                values -> {
                    int[] heads = values.get(HEADS);
                    int[] headWidth = values.get(HEAD_WIDTH);
                    int[] hidden = values.get(HIDDEN);
                    double[] epsilon = values.get(EPSILON);
                    double[] centredFloor = values.get(CENTRED_FLOOR);
                    double[] initialRadius = values.get(NamedFamily.INITIAL_RADIUS);
                    if (centredFloor[0] < 0 || centredFloor[1] > initialRadius[0]) {
                        throw new IllegalArgumentException("centred-floor must lie in [0, " + initialRadius[0]
                                + "], the least initial-radius: a token is at least as long as its centred part");
                    }
                    if (centredFloor[1] > 0 && values.get(WIDTH)[0] < 2) {
                        throw new IllegalArgumentException("a centred-floor needs tokens of width 2 or more: a token"
                                + " of one component equals its mean");
                    }
                    // the block's domain carries the floor its starts are drawn above, within the claim's radius
                    BlockArbitrary arbitrary = withCommon(Fields.block(), values)
                            .heads(heads[0], heads[1]).headWidth(headWidth[0], headWidth[1])
                            .hidden(hidden[0], hidden[1]).activation(activations(values.get(ACTIVATION)))
                            .epsilon(epsilon[0], epsilon[1]).initialRadius(initialRadius[0], initialRadius[1])
                            .centredFloor(centredFloor[0], centredFloor[1]);
                    arbitrary = withMask(arbitrary, values, BlockArbitrary::causal, BlockArbitrary::eitherMask);
                    // for "any", the block arbitrary's defaults already draw both kinds of LayerNorm and depth
                    String layerNorm = values.get(LAYER_NORM);
                    if (!layerNorm.equals("any")) {
                        arbitrary = arbitrary.affineLayerNorm(layerNorm.equals("affine"));
                    }
                    String depth = values.get(DEPTH);
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
