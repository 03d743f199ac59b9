package io.flowaudit.gen;

import io.flowaudit.field.transformer.AttentionVariant;
import io.flowaudit.field.transformer.SelfAttention;
import io.flowaudit.field.transformer.TransformerField;
import io.flowaudit.gen.TokenSettings.DoubleRange;
import io.flowaudit.gen.TokenSettings.IntRange;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Attention fields of one kind (softmax, L2, sigmoid, Sinkhorn; the sphere field wraps softmax).
 * {@link #bias} applies to sigmoid attention only and {@link #iterations} to Sinkhorn only; calling
 * them on another kind is an error.
 */
final class DefaultAttentionArbitrary<F extends TransformerField>
        extends TokenFieldArbitraryBase<F, AttentionArbitrary<F>> implements AttentionArbitrary<F> {

    /** Settings of attention beyond the common ones. */
    record Settings(IntRange heads, IntRange headWidth, List<Boolean> masks, DoubleRange bias,
            IntRange iterations) {

        static final Settings DEFAULT = new Settings(new IntRange(1, 1),
                new IntRange(Fields.MIN_HEAD_WIDTH, Fields.MAX_HEAD_WIDTH), List.of(false),
                new DoubleRange(Fields.MIN_SIGMOID_BIAS, Fields.MAX_SIGMOID_BIAS),
                new IntRange(Fields.MIN_SINKHORN_ITERATIONS, Fields.MAX_SINKHORN_ITERATIONS));
    }

    private final Attention.Kind kind;
    private final Function<SelfAttention, F> wrap;
    private final Settings settings;

    DefaultAttentionArbitrary(Attention.Kind kind, Function<SelfAttention, F> wrap) {
        this(TokenSettings.DEFAULT, kind, wrap, Settings.DEFAULT);
    }

    private DefaultAttentionArbitrary(TokenSettings common, Attention.Kind kind, Function<SelfAttention, F> wrap,
            Settings settings) {
        super(common);
        this.kind = kind;
        this.wrap = wrap;
        this.settings = settings;
    }

    @Override
    AttentionArbitrary<F> with(TokenSettings common) {
        return new DefaultAttentionArbitrary<>(common, kind, wrap, settings);
    }

    private AttentionArbitrary<F> with(Settings settings) {
        return new DefaultAttentionArbitrary<>(common, kind, wrap, settings);
    }

    @Override
    public AttentionArbitrary<F> heads(int min, int max) {
        return with(new Settings(new IntRange(min, max), settings.headWidth(), settings.masks(),
                settings.bias(), settings.iterations()));
    }

    @Override
    public AttentionArbitrary<F> headWidth(int min, int max) {
        return with(new Settings(settings.heads(), new IntRange(min, max), settings.masks(),
                settings.bias(), settings.iterations()));
    }

    @Override
    public AttentionArbitrary<F> causal(boolean causal) {
        return masks(List.of(causal));
    }

    @Override
    public Attention.Kind kind() {
        return kind;
    }

    @Override
    public AttentionArbitrary<F> eitherMask() {
        return masks(List.of(false, true));
    }

    private AttentionArbitrary<F> masks(List<Boolean> masks) {
        if (kind == Attention.Kind.SINKHORN && masks.contains(true)) {
            throw new IllegalStateException("Sinkhorn attention cannot be causal: its column normalization"
                    + " mixes every token into every row");
        }
        return with(new Settings(settings.heads(), settings.headWidth(), masks, settings.bias(),
                settings.iterations()));
    }

    @Override
    public AttentionArbitrary<F> bias(double min, double max) {
        requireKind(Attention.Kind.SIGMOID, "bias");
        return with(new Settings(settings.heads(), settings.headWidth(), settings.masks(),
                new DoubleRange(min, max), settings.iterations()));
    }

    @Override
    public AttentionArbitrary<F> iterations(int min, int max) {
        requireKind(Attention.Kind.SINKHORN, "iterations");
        return with(new Settings(settings.heads(), settings.headWidth(), settings.masks(),
                settings.bias(), new IntRange(min, max)));
    }

    private void requireKind(Attention.Kind required, String setting) {
        if (kind != required) {
            throw new IllegalStateException(setting + " applies to " + required.name().toLowerCase(Locale.ROOT)
                    + " attention, not to " + kind.name().toLowerCase(Locale.ROOT) + " attention");
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
        Memoized<F> byShape = new Memoized<>();
        return Combinators.combine(common.tokens().arbitrary(), common.width().arbitrary(),
                settings.heads().arbitrary(), settings.headWidth().arbitrary()).flatAs((n, d, heads, headWidth) ->
                        byShape.get(List.of(n, d, heads, headWidth), () -> Combinators.combine(variants(),
                                WeightRoles.attentionWeights(common, d, heads, headWidth), common.domains())
                                .as((variant, weights, domain) -> wrap.apply(SelfAttention
                                        .fromWeights(variant, n, d, heads, weights).certifiedFor(domain)))));
    }
}
