package io.flowaudit.gen;

import io.flowaudit.field.Domain;
import io.flowaudit.field.transformer.Activation;
import io.flowaudit.field.transformer.AttentionVariant;
import io.flowaudit.field.transformer.FeedForward;
import io.flowaudit.field.transformer.SelfAttention;
import io.flowaudit.field.transformer.SphereAttention;
import io.flowaudit.field.transformer.TransformerBlock;
import io.flowaudit.field.transformer.TransformerField;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.arbitraries.ArbitraryDecorator;
import net.jqwik.api.arbitraries.DoubleArbitrary;

/**
 * Generators of transformer fields, in the style of jqwik's {@code Arbitraries}: each method returns an
 * immutable, fluently configurable arbitrary, e.g.
 * <pre>
 *   TransformerFields.softmaxAttention().tokens(1, 4).width(1, 4).heads(1, 2).causal(true)
 * </pre>
 *
 * <p><b>What is generated.</b> Shapes are drawn from integer ranges; every weight entry is drawn from
 * the {@code weights} range (default {@code [-1, 1]}, three decimals) and divided by the square root of
 * its matrix's number of columns (fan-in), so norms stay of order one as widths grow. Biases and
 * LayerNorm shifts are drawn from the same range undivided; LayerNorm scales are 1 plus such a draw.
 * One head has {@code V} of shape {@code width x width} and {@code W_O = I}; several heads have head
 * width {@code k}, {@code V} stacked to {@code heads·k x width}, and an output projection. Each instance
 * is certified for a {@link Domain} drawn from the initial radius and horizon ranges (default
 * 1 and 1).
 *
 * <p><b>Shrinking.</b> Towards fewer tokens, narrower tokens, fewer heads, narrower heads and hidden
 * layers (each range's minimum), weights towards 0 (a slope of 0 is a constant weight), no mask,
 * plain LayerNorm, the first listed activation, and the range minimum of the domain.
 */
public final class TransformerFields {

    private TransformerFields() {
    }

    /** Softmax dot-product attention; one head unless {@link AttentionArbitrary#heads} says otherwise. */
    public static AttentionArbitrary<SelfAttention> softmaxAttention() {
        return new AttentionArbitrary<>(AttentionKind.SOFTMAX, Function.identity());
    }

    /** Softmax of negative squared distances. */
    public static AttentionArbitrary<SelfAttention> l2Attention() {
        return new AttentionArbitrary<>(AttentionKind.L2, Function.identity());
    }

    /** Unnormalized sigmoid attention, bias from {@link AttentionArbitrary#bias} (default [-2, 0]). */
    public static AttentionArbitrary<SelfAttention> sigmoidAttention() {
        return new AttentionArbitrary<>(AttentionKind.SIGMOID, Function.identity());
    }

    /** Sinkhorn attention, rounds from {@link AttentionArbitrary#iterations} (default 1 to 3). */
    public static AttentionArbitrary<SelfAttention> sinkhornAttention() {
        return new AttentionArbitrary<>(AttentionKind.SINKHORN, Function.identity());
    }

    /**
     * Softmax attention projected onto the sphere, width 2 to 4 by default (on one component the sphere
     * is two points and the field vanishes); its states start on or outside the unit sphere
     * ({@link TransformerField#initialStates}).
     */
    public static AttentionArbitrary<SphereAttention> sphereAttention() {
        return new AttentionArbitrary<>(AttentionKind.SOFTMAX, SphereAttention::new).width(2, 4);
    }

    /** Position-wise FFN; hidden width 1 to 8 and any activation unless configured. */
    public static FeedForwardArbitrary ffn() {
        return new FeedForwardArbitrary(Common.DEFAULT, new IntRange(1, 8), Activation.values());
    }

    /**
     * Pre-LN block {@code Attn(LN1 X) + FFN(LN2 X)} with softmax attention, width 2 to 4 by default (on
     * one component LayerNorm is constant); see {@link BlockArbitrary}.
     */
    public static BlockArbitrary block() {
        return new BlockArbitrary(Common.DEFAULT, BlockSettings.DEFAULT).width(2, 4);
    }

    /** The families this class generates, for a catalogue to register. */
    public static List<FieldFamily> families() {
        return TransformerCatalogue.families();
    }

    /** An inclusive integer range; arbitraries shrink towards its minimum. */
    record IntRange(int min, int max) {

        IntRange {
            if (min < 1 || min > max) {
                throw new IllegalArgumentException("need 1 <= min <= max, got [" + min + ", " + max + "]");
            }
        }

        Arbitrary<Integer> arbitrary() {
            return Arbitraries.integers().between(min, max);
        }
    }

    /** An inclusive double range; arbitraries shrink towards its value nearest 0. */
    record DoubleRange(double min, double max) {

        DoubleRange {
            if (!(min <= max) || !Double.isFinite(min) || !Double.isFinite(max)) {
                throw new IllegalArgumentException("need finite min <= max, got [" + min + ", " + max + "]");
            }
        }

        /** Values with {@code decimals} decimals, or as many as the end points need. */
        DoubleArbitrary arbitrary(int decimals) {
            int scale = Math.max(decimals, Math.max(decimalsOf(min), decimalsOf(max)));
            return Arbitraries.doubles().between(min, max).ofScale(scale);
        }

        private static int decimalsOf(double value) {
            return Math.max(0, BigDecimal.valueOf(value).stripTrailingZeros().scale());
        }
    }

    /** Settings every generator has. */
    record Common(IntRange tokens, IntRange width, DoubleRange weights, DoubleRange initialRadius,
            DoubleRange horizon) {

        static final Common DEFAULT = new Common(new IntRange(1, 4), new IntRange(1, 4), new DoubleRange(-1, 1),
                new DoubleRange(1, 1), new DoubleRange(1, 1));

        Arbitrary<Domain> domains() {
            return Combinators.combine(initialRadius.arbitrary(6), horizon.arbitrary(6)).as(Domain::new);
        }

        /** A matrix with entries from the weights range divided by sqrt(columns). */
        Arbitrary<double[][]> matrices(int rows, int columns) {
            double scale = 1 / Math.sqrt(columns);
            return weights.arbitrary(3).array(double[].class).ofSize(rows * columns).map(flat -> {
                double[][] matrix = new double[rows][columns];
                for (int r = 0; r < rows; r++) {
                    for (int c = 0; c < columns; c++) {
                        matrix[r][c] = flat[r * columns + c] * scale;
                    }
                }
                return matrix;
            });
        }

        /** A vector with entries from the weights range, plus {@code offset}. */
        Arbitrary<double[]> vectors(int length, double offset) {
            return weights.arbitrary(3).array(double[].class).ofSize(length).map(v -> {
                double[] shifted = v.clone();
                for (int k = 0; k < shifted.length; k++) {
                    shifted[k] += offset;
                }
                return shifted;
            });
        }
    }

    /** Weights keyed by role, drawn jointly. */
    static <T> Arbitrary<Map<String, T>> byRole(Map<String, Arbitrary<T>> roles) {
        List<String> names = new ArrayList<>(roles.keySet());
        List<Arbitrary<T>> arbitraries = new ArrayList<>(roles.values());
        if (names.isEmpty()) {
            return Arbitraries.just(Map.of());
        }
        return Combinators.combine(arbitraries).as(values -> {
            Map<String, T> map = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) {
                map.put(names.get(i), values.get(i));
            }
            return map;
        });
    }

    /** The settings all generators share, with fluent setters returning a reconfigured copy. */
    public abstract static class FieldArbitrary<F extends TransformerField, A extends FieldArbitrary<F, A>>
            extends ArbitraryDecorator<F> {

        final Common common;

        FieldArbitrary(Common common) {
            this.common = common;
        }

        abstract A with(Common common);

        /** Number of tokens n. */
        public A tokens(int min, int max) {
            return with(new Common(new IntRange(min, max), common.width(), common.weights(), common.initialRadius(),
                    common.horizon()));
        }

        /** Token width d. */
        public A width(int min, int max) {
            return with(new Common(common.tokens(), new IntRange(min, max), common.weights(), common.initialRadius(),
                    common.horizon()));
        }

        /** Range of weight entries before the fan-in scaling (see the class comment). */
        public A weights(double min, double max) {
            return with(new Common(common.tokens(), common.width(), new DoubleRange(min, max),
                    common.initialRadius(), common.horizon()));
        }

        /** Range of the certified domain's initial token radius. */
        public A initialRadius(double min, double max) {
            return with(new Common(common.tokens(), common.width(), common.weights(), new DoubleRange(min, max),
                    common.horizon()));
        }

        /** Range of the certified domain's horizon T. */
        public A horizon(double min, double max) {
            return with(new Common(common.tokens(), common.width(), common.weights(), common.initialRadius(),
                    new DoubleRange(min, max)));
        }
    }

    enum AttentionKind { SOFTMAX, L2, SIGMOID, SINKHORN }

    /** Settings of attention beyond the common ones. */
    record AttentionSettings(IntRange heads, IntRange headWidth, List<Boolean> masks, DoubleRange bias,
            IntRange iterations) {

        static final AttentionSettings DEFAULT = new AttentionSettings(new IntRange(1, 1), new IntRange(1, 4),
                List.of(false), new DoubleRange(-2, 0), new IntRange(1, 3));
    }

    /**
     * Attention fields of one kind (softmax, L2, sigmoid, Sinkhorn; the sphere field wraps softmax).
     * {@link #bias} applies to sigmoid attention only and {@link #iterations} to Sinkhorn only; calling
     * them on another kind is an error.
     */
    public static final class AttentionArbitrary<F extends TransformerField>
            extends FieldArbitrary<F, AttentionArbitrary<F>> {

        private final AttentionKind kind;
        private final Function<SelfAttention, F> wrap;
        private final AttentionSettings settings;

        AttentionArbitrary(AttentionKind kind, Function<SelfAttention, F> wrap) {
            this(Common.DEFAULT, kind, wrap, AttentionSettings.DEFAULT);
        }

        private AttentionArbitrary(Common common, AttentionKind kind, Function<SelfAttention, F> wrap,
                AttentionSettings settings) {
            super(common);
            this.kind = kind;
            this.wrap = wrap;
            this.settings = settings;
        }

        @Override
        AttentionArbitrary<F> with(Common common) {
            return new AttentionArbitrary<>(common, kind, wrap, settings);
        }

        private AttentionArbitrary<F> with(AttentionSettings settings) {
            return new AttentionArbitrary<>(common, kind, wrap, settings);
        }

        /** Number of heads H (default 1). */
        public AttentionArbitrary<F> heads(int min, int max) {
            return with(new AttentionSettings(new IntRange(min, max), settings.headWidth(), settings.masks(),
                    settings.bias(), settings.iterations()));
        }

        /**
         * Query and key width per head, and value width when there are several heads (one head has
         * {@code V} of shape {@code width x width}); default 1 to 4.
         */
        public AttentionArbitrary<F> headWidth(int min, int max) {
            return with(new AttentionSettings(settings.heads(), new IntRange(min, max), settings.masks(),
                    settings.bias(), settings.iterations()));
        }

        /** With or without the causal mask (default without); Sinkhorn attention cannot be causal. */
        public AttentionArbitrary<F> causal(boolean causal) {
            return masks(List.of(causal));
        }

        /** Either mask, shrinking towards none. */
        public AttentionArbitrary<F> eitherMask() {
            return masks(List.of(false, true));
        }

        private AttentionArbitrary<F> masks(List<Boolean> masks) {
            if (kind == AttentionKind.SINKHORN && masks.contains(true)) {
                throw new IllegalStateException("Sinkhorn attention cannot be causal: its column normalization"
                        + " mixes every token into every row");
            }
            return with(new AttentionSettings(settings.heads(), settings.headWidth(), masks, settings.bias(),
                    settings.iterations()));
        }

        /** Sigmoid attention's bias b in {@code sigmoid(s + b)} (default [-2, 0]). */
        public AttentionArbitrary<F> bias(double min, double max) {
            requireKind(AttentionKind.SIGMOID, "bias");
            return with(new AttentionSettings(settings.heads(), settings.headWidth(), settings.masks(),
                    new DoubleRange(min, max), settings.iterations()));
        }

        /** Sinkhorn rounds (default 1 to 3). */
        public AttentionArbitrary<F> iterations(int min, int max) {
            requireKind(AttentionKind.SINKHORN, "iterations");
            return with(new AttentionSettings(settings.heads(), settings.headWidth(), settings.masks(),
                    settings.bias(), new IntRange(min, max)));
        }

        private void requireKind(AttentionKind required, String setting) {
            if (kind != required) {
                throw new IllegalStateException(setting + " applies to " + required.name().toLowerCase()
                        + " attention, not to " + kind.name().toLowerCase() + " attention");
            }
        }

        private Arbitrary<AttentionVariant> variants() {
            Arbitrary<AttentionVariant> unmasked;
            switch (kind) {
                case L2:
                    unmasked = Arbitraries.just(AttentionVariant.l2());
                    break;
                case SIGMOID:
                    unmasked = settings.bias().arbitrary(3).map(AttentionVariant::sigmoid);
                    break;
                case SINKHORN:
                    unmasked = settings.iterations().arbitrary().map(AttentionVariant::sinkhorn);
                    break;
                default:
                    unmasked = Arbitraries.just(AttentionVariant.softmax());
                    break;
            }
            return Combinators.combine(unmasked, Arbitraries.of(settings.masks())).as(AttentionVariant::withCausalMask);
        }

        @Override
        protected Arbitrary<F> arbitrary() {
            return Combinators.combine(common.tokens().arbitrary(), common.width().arbitrary(),
                    settings.heads().arbitrary(), settings.headWidth().arbitrary()).flatAs((n, d, heads, headWidth) ->
                            Combinators.combine(variants(), attentionWeights(common, d, heads, headWidth),
                                    common.domains()).as((variant, weights, domain) -> wrap.apply(SelfAttention
                                            .fromWeights(variant, n, d, heads, weights).certifiedFor(domain))));
        }
    }

    /** {@code wq, wk, wv} and, for several heads, {@code wo}; see the class comment for the shapes. */
    static Map<String, Arbitrary<double[][]>> attentionRoles(Common common, int width, int heads, int headWidth) {
        int valueRows = heads == 1 ? width : heads * headWidth;
        int keyRows = heads == 1 ? headWidth : heads * headWidth;
        Map<String, Arbitrary<double[][]>> roles = new LinkedHashMap<>();
        roles.put("wq", common.matrices(keyRows, width));
        roles.put("wk", common.matrices(keyRows, width));
        roles.put("wv", common.matrices(valueRows, width));
        if (heads > 1) {
            roles.put("wo", common.matrices(width, valueRows));
        }
        return roles;
    }

    private static Arbitrary<Map<String, double[][]>> attentionWeights(Common common, int width, int heads,
            int headWidth) {
        return byRole(attentionRoles(common, width, heads, headWidth));
    }

    /** Feed-forward networks. */
    public static final class FeedForwardArbitrary extends FieldArbitrary<FeedForward, FeedForwardArbitrary> {

        private final IntRange hidden;
        private final List<Activation> activations;

        FeedForwardArbitrary(Common common, IntRange hidden, Activation... activations) {
            super(common);
            if (activations.length == 0) {
                throw new IllegalArgumentException("need at least one activation");
            }
            this.hidden = hidden;
            this.activations = List.of(activations);
        }

        @Override
        FeedForwardArbitrary with(Common common) {
            return new FeedForwardArbitrary(common, hidden, activations.toArray(new Activation[0]));
        }

        /** Hidden width (default 1 to 8). */
        public FeedForwardArbitrary hidden(int min, int max) {
            return new FeedForwardArbitrary(common, new IntRange(min, max), activations.toArray(new Activation[0]));
        }

        /** The activations to draw from, shrinking towards the first (default all four). */
        public FeedForwardArbitrary activation(Activation... choices) {
            return new FeedForwardArbitrary(common, hidden, choices);
        }

        @Override
        protected Arbitrary<FeedForward> arbitrary() {
            return Combinators.combine(common.tokens().arbitrary(), common.width().arbitrary(), hidden.arbitrary())
                    .flatAs((n, d, m) -> Combinators.combine(byRole(feedForwardRoles(common, d, m, false)),
                            byRole(feedForwardBiases(common, d, m, false)), Arbitraries.of(activations),
                            common.domains()).as((matrices, vectors, activation, domain) ->
                                    FeedForward.fromWeights(n, d, activation, matrices, vectors).certifiedFor(domain)));
        }
    }

    static Map<String, Arbitrary<double[][]>> feedForwardRoles(Common common, int width, int hidden,
            boolean depthVarying) {
        Map<String, Arbitrary<double[][]>> roles = new LinkedHashMap<>();
        roles.put("w1", common.matrices(hidden, width));
        roles.put("w2", common.matrices(width, hidden));
        return depthVarying ? withSlopes(roles) : roles;
    }

    static Map<String, Arbitrary<double[]>> feedForwardBiases(Common common, int width, int hidden,
            boolean depthVarying) {
        Map<String, Arbitrary<double[]>> roles = new LinkedHashMap<>();
        roles.put("b1", common.vectors(hidden, 0));
        roles.put("b2", common.vectors(width, 0));
        return depthVarying ? withSlopes(roles) : roles;
    }

    /** Each role and a {@code .slope} drawn alike: {@code W(t) = W0 + t W1}. */
    private static <T> Map<String, Arbitrary<T>> withSlopes(Map<String, Arbitrary<T>> roles) {
        Map<String, Arbitrary<T>> varying = new LinkedHashMap<>(roles);
        roles.forEach((role, arbitrary) -> varying.put(role + ".slope", arbitrary));
        return varying;
    }

    /** Settings of a block beyond the common ones. */
    record BlockSettings(IntRange heads, IntRange headWidth, IntRange hidden, List<Activation> activations,
            List<Boolean> masks, List<Boolean> affineNorms, List<Boolean> depthVarying, DoubleRange epsilon) {

        static final BlockSettings DEFAULT = new BlockSettings(new IntRange(1, 2), new IntRange(1, 4),
                new IntRange(1, 8), List.of(Activation.values()), List.of(false), List.of(false, true),
                List.of(false, true), new DoubleRange(1e-5, 1e-5));
    }

    /**
     * Pre-LN transformer blocks. By default: 1 or 2 heads, hidden width 1 to 8, any activation, no mask,
     * LayerNorm plain or affine, weights constant or affine in depth, LayerNorm epsilon 1e-5.
     */
    public static final class BlockArbitrary extends FieldArbitrary<TransformerBlock, BlockArbitrary> {

        private final BlockSettings settings;

        BlockArbitrary(Common common, BlockSettings settings) {
            super(common);
            this.settings = settings;
        }

        @Override
        BlockArbitrary with(Common common) {
            return new BlockArbitrary(common, settings);
        }

        private BlockArbitrary with(BlockSettings settings) {
            return new BlockArbitrary(common, settings);
        }

        /** Number of heads (default 1 to 2). */
        public BlockArbitrary heads(int min, int max) {
            return with(new BlockSettings(new IntRange(min, max), settings.headWidth(), settings.hidden(),
                    settings.activations(), settings.masks(), settings.affineNorms(), settings.depthVarying(),
                    settings.epsilon()));
        }

        /** As {@link AttentionArbitrary#headWidth}. */
        public BlockArbitrary headWidth(int min, int max) {
            return with(new BlockSettings(settings.heads(), new IntRange(min, max), settings.hidden(),
                    settings.activations(), settings.masks(), settings.affineNorms(), settings.depthVarying(),
                    settings.epsilon()));
        }

        /** FFN hidden width (default 1 to 8). */
        public BlockArbitrary hidden(int min, int max) {
            return with(new BlockSettings(settings.heads(), settings.headWidth(), new IntRange(min, max),
                    settings.activations(), settings.masks(), settings.affineNorms(), settings.depthVarying(),
                    settings.epsilon()));
        }

        /** The activations to draw from, shrinking towards the first. */
        public BlockArbitrary activation(Activation... choices) {
            if (choices.length == 0) {
                throw new IllegalArgumentException("need at least one activation");
            }
            return with(new BlockSettings(settings.heads(), settings.headWidth(), settings.hidden(), List.of(choices),
                    settings.masks(), settings.affineNorms(), settings.depthVarying(), settings.epsilon()));
        }

        /** With or without the causal mask (default without). */
        public BlockArbitrary causal(boolean causal) {
            return masks(List.of(causal));
        }

        /** Either mask, shrinking towards none. */
        public BlockArbitrary eitherMask() {
            return masks(List.of(false, true));
        }

        private BlockArbitrary masks(List<Boolean> masks) {
            return with(new BlockSettings(settings.heads(), settings.headWidth(), settings.hidden(),
                    settings.activations(), masks, settings.affineNorms(), settings.depthVarying(),
                    settings.epsilon()));
        }

        /** LayerNorm with learned affine, or without. */
        public BlockArbitrary affineLayerNorm(boolean affine) {
            return with(new BlockSettings(settings.heads(), settings.headWidth(), settings.hidden(),
                    settings.activations(), settings.masks(), List.of(affine), settings.depthVarying(),
                    settings.epsilon()));
        }

        /** Weights affine in depth ({@code W0 + t W1}), or constant. */
        public BlockArbitrary depthVarying(boolean varying) {
            return with(new BlockSettings(settings.heads(), settings.headWidth(), settings.hidden(),
                    settings.activations(), settings.masks(), settings.affineNorms(), List.of(varying),
                    settings.epsilon()));
        }

        /** LayerNorm epsilon range (default exactly 1e-5). */
        public BlockArbitrary epsilon(double min, double max) {
            return with(new BlockSettings(settings.heads(), settings.headWidth(), settings.hidden(),
                    settings.activations(), settings.masks(), settings.affineNorms(), settings.depthVarying(),
                    new DoubleRange(min, max)));
        }

        @Override
        protected Arbitrary<TransformerBlock> arbitrary() {
            Arbitrary<Boolean> varying = Arbitraries.of(settings.depthVarying());
            Arbitrary<Boolean> affine = Arbitraries.of(settings.affineNorms());
            return Combinators.combine(common.tokens().arbitrary(), common.width().arbitrary(),
                    settings.heads().arbitrary(), settings.headWidth().arbitrary(), settings.hidden().arbitrary(),
                    varying, affine).flatAs((n, d, heads, headWidth, m, depthVarying, affineNorm) -> {
                        Map<String, Arbitrary<double[][]>> matrices = new LinkedHashMap<>(
                                attentionRoles(common, d, heads, headWidth));
                        if (depthVarying) {
                            matrices = withSlopes(matrices);
                        }
                        matrices.putAll(feedForwardRoles(common, d, m, depthVarying));
                        Map<String, Arbitrary<double[]>> vectors = new LinkedHashMap<>(
                                feedForwardBiases(common, d, m, depthVarying));
                        if (affineNorm) {
                            vectors.put("ln1.gamma", common.vectors(d, 1));
                            vectors.put("ln1.beta", common.vectors(d, 0));
                            vectors.put("ln2.gamma", common.vectors(d, 1));
                            vectors.put("ln2.beta", common.vectors(d, 0));
                        }
                        return Combinators.combine(byRole(matrices), byRole(vectors),
                                Arbitraries.of(settings.activations()), Arbitraries.of(settings.masks()),
                                settings.epsilon().arbitrary(12), common.domains())
                                .as((w, v, activation, causal, epsilon, domain) -> TransformerBlock.fromWeights(n, d,
                                        heads, causal, activation, epsilon, w, v).certifiedFor(domain));
                    });
        }
    }
}
