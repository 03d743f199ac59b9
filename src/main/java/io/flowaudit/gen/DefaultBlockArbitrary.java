package io.flowaudit.gen;

import io.flowaudit.field.Activation;
import io.flowaudit.field.Domain;
import io.flowaudit.field.transformer.TransformerBlock;
import io.flowaudit.gen.TokenSettings.DoubleRange;
import io.flowaudit.gen.TokenSettings.IntRange;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Pre-LN transformer blocks. By default: 1 or 2 heads, hidden width 1 to 8, any activation, no mask,
 * LayerNorm plain or affine, weights constant or affine in depth, LayerNorm epsilon 1e-5, no centred floor.
 */
final class DefaultBlockArbitrary extends TokenFieldArbitraryBase<TransformerBlock, BlockArbitrary>
        implements BlockArbitrary {

    /** Settings of a block beyond the common ones. */
    record Settings(IntRange heads, IntRange headWidth, IntRange hidden, List<Activation> activations,
            List<Boolean> masks, List<Boolean> affineNorms, List<Boolean> depthVarying, DoubleRange epsilon,
            DoubleRange centredFloor) {

        static final Settings DEFAULT = new Settings(
                new IntRange(Fields.MIN_BLOCK_HEADS, Fields.MAX_BLOCK_HEADS),
                new IntRange(Fields.MIN_HEAD_WIDTH, Fields.MAX_HEAD_WIDTH),
                new IntRange(Fields.MIN_FFN_HIDDEN, Fields.MAX_FFN_HIDDEN), Activation.zeroAtOrigin(), List.of(false),
                List.of(false, true), List.of(false, true),
                new DoubleRange(Fields.LAYER_NORM_EPSILON, Fields.LAYER_NORM_EPSILON), new DoubleRange(0, 0));
    }

    private final Settings settings;

    DefaultBlockArbitrary(TokenSettings common, Settings settings) {
        super(common);
        this.settings = settings;
    }

    @Override
    BlockArbitrary with(TokenSettings common) {
        return new DefaultBlockArbitrary(common, settings);
    }

    private BlockArbitrary with(Settings settings) {
        return new DefaultBlockArbitrary(common, settings);
    }

    @Override
    public BlockArbitrary heads(int min, int max) {
        return with(new Settings(new IntRange(min, max), settings.headWidth(), settings.hidden(),
                settings.activations(), settings.masks(), settings.affineNorms(), settings.depthVarying(),
                settings.epsilon(), settings.centredFloor()));
    }

    @Override
    public BlockArbitrary headWidth(int min, int max) {
        return with(new Settings(settings.heads(), new IntRange(min, max), settings.hidden(),
                settings.activations(), settings.masks(), settings.affineNorms(), settings.depthVarying(),
                settings.epsilon(), settings.centredFloor()));
    }

    @Override
    public BlockArbitrary hidden(int min, int max) {
        return with(new Settings(settings.heads(), settings.headWidth(), new IntRange(min, max),
                settings.activations(), settings.masks(), settings.affineNorms(), settings.depthVarying(),
                settings.epsilon(), settings.centredFloor()));
    }

    @Override
    public BlockArbitrary activation(Activation... choices) {
        return with(new Settings(settings.heads(), settings.headWidth(), settings.hidden(),
                Activation.requireAmong(Activation.zeroAtOrigin(), "a block's FFN", choices),
                settings.masks(), settings.affineNorms(), settings.depthVarying(), settings.epsilon(),
                settings.centredFloor()));
    }

    @Override
    public BlockArbitrary causal(boolean causal) {
        return masks(List.of(causal));
    }

    @Override
    public BlockArbitrary eitherMask() {
        return masks(List.of(false, true));
    }

    private BlockArbitrary masks(List<Boolean> masks) {
        return with(new Settings(settings.heads(), settings.headWidth(), settings.hidden(),
                settings.activations(), masks, settings.affineNorms(), settings.depthVarying(),
                settings.epsilon(), settings.centredFloor()));
    }

    @Override
    public BlockArbitrary affineLayerNorm(boolean affine) {
        return with(new Settings(settings.heads(), settings.headWidth(), settings.hidden(),
                settings.activations(), settings.masks(), List.of(affine), settings.depthVarying(),
                settings.epsilon(), settings.centredFloor()));
    }

    @Override
    public BlockArbitrary depthVarying(boolean varying) {
        return with(new Settings(settings.heads(), settings.headWidth(), settings.hidden(),
                settings.activations(), settings.masks(), settings.affineNorms(), List.of(varying),
                settings.epsilon(), settings.centredFloor()));
    }

    @Override
    public BlockArbitrary epsilon(double min, double max) {
        if (!(min > 0) || !(min <= max) || Double.isInfinite(max)) {
            throw new IllegalArgumentException("LayerNorm's epsilon needs 0 < min <= max < infinity, got [" + min + ", "
                    + max + "]");
        }
        return with(new Settings(settings.heads(), settings.headWidth(), settings.hidden(),
                settings.activations(), settings.masks(), settings.affineNorms(), settings.depthVarying(),
                new DoubleRange(min, max), settings.centredFloor()));
    }

    @Override
    public BlockArbitrary centredFloor(double min, double max) {
        if (!(min >= 0)) {
            throw new IllegalArgumentException("a centred floor is a norm, at least 0, got " + min);
        }
        return with(new Settings(settings.heads(), settings.headWidth(), settings.hidden(),
                settings.activations(), settings.masks(), settings.affineNorms(), settings.depthVarying(),
                settings.epsilon(), new DoubleRange(min, max)));
    }

    /**
     * The domains of {@link TokenSettings#domains}, each with a centred floor drawn from its range (not drawn
     * when there is none, so that blocks without one are drawn as they always were).
     */
    private Arbitrary<Domain> domains() {
        DoubleRange floor = settings.centredFloor();
        if (floor.max() == 0) {
            return common.domains();
        }
        if (floor.max() > common.initialRadius().min() || common.width().min() < 2) {
            throw new IllegalArgumentException("a centred floor up to " + floor.max() + " needs tokens of width 2 or"
                    + " more and an initial radius of at least that, got widths from " + common.width().min()
                    + " and radii from " + common.initialRadius().min());
        }
        return Combinators.combine(common.domains(), floor.arbitrary(6))
                .as((domain, c0) -> new Domain(domain.initialRadius(), domain.horizon(), c0));
    }

    @Override
    protected Arbitrary<TransformerBlock> arbitrary() {
        Arbitrary<Boolean> varying = Arbitraries.of(settings.depthVarying());
        Arbitrary<Boolean> affine = Arbitraries.of(settings.affineNorms());
        Memoized<TransformerBlock> byShape = new Memoized<>();
        return Combinators.combine(common.tokens().arbitrary(), common.width().arbitrary(),
                settings.heads().arbitrary(), settings.headWidth().arbitrary(), settings.hidden().arbitrary(),
                varying, affine).flatAs((n, d, heads, headWidth, m, depthVarying, affineNorm) -> byShape.get(
                        List.of(n, d, heads, headWidth, m, depthVarying, affineNorm), () -> {
                    Map<String, Arbitrary<double[][]>> matrices = new LinkedHashMap<>(
                            WeightRoles.attentionRoles(common, d, heads, headWidth, true));
                    if (depthVarying) {
                        matrices = WeightRoles.withSlopes(matrices);
                    }
                    matrices.putAll(WeightRoles.feedForwardRoles(common, d, m, depthVarying, true));
                    Map<String, Arbitrary<double[]>> vectors = new LinkedHashMap<>(
                            WeightRoles.feedForwardBiases(common, d, m, depthVarying));
                    if (affineNorm) {
                        vectors.put("ln1.gamma", common.vectors(d, 1));
                        vectors.put("ln1.beta", common.vectors(d, 0));
                        vectors.put("ln2.gamma", common.vectors(d, 1));
                        vectors.put("ln2.beta", common.vectors(d, 0));
                    }
                    return Combinators.combine(WeightRoles.byRole(matrices), WeightRoles.byRole(vectors),
                            Arbitraries.of(settings.activations()), Arbitraries.of(settings.masks()),
                            settings.epsilon().arbitrary(12), domains())
                            .as((w, v, activation, causal, epsilon, domain) -> TransformerBlock.fromWeights(n, d,
                                    heads, causal, activation, epsilon, w, v).certifiedFor(domain));
                }));
    }
}
