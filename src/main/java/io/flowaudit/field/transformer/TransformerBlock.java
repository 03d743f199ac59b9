package io.flowaudit.field.transformer;

import io.flowaudit.field.Activation;
import io.flowaudit.field.Certificate;
import io.flowaudit.field.Domain;
import io.flowaudit.field.Outward;
import io.flowaudit.field.Region;
import java.util.Arrays;
import java.util.Map;
import org.apache.commons.math3.RealFieldElement;

/**
 * A pre-LN transformer block as one vector field, in the parallel form (GPT-J, PaLM):
 * <pre>
 *   F(t, X) = Attn_t(LN1(X)) + FFN_t(LN2(X)),
 * </pre>
 * with {@link SelfAttention} and {@link FeedForward} weights that may vary with depth ({@code W(t) = W0
 * + t·W1}) and each {@link LayerNorm} with or without learned affine. Its Euler layer is {@code X + h
 * Attn(LN1 X) + h FFN(LN2 X)}; the sequential pre-LN layer {@code Y = X + h Attn(LN1 X)}, {@code Y + h
 * FFN(LN2 Y)} differs from it by {@code O(h^2)} per layer (FFN∘LN2 is Lipschitz), so both tend to the same
 * flow and the parallel form is the field whose Euler map is a layer.
 *
 * <p><b>Certificate, on all of {@code R^D}.</b> LayerNorm bounds every token whatever the input:
 * {@code |LN1(x)| < rho1 = max|gamma1| sqrt(d) + |beta1|} (likewise rho2), and is globally Lipschitz with
 * {@code max|gamma| / sqrt(eps)}. The attention is therefore only ever evaluated on the token ball of
 * radius rho1 and the FFN on that of radius rho2, so by composition
 * <ul>
 * <li>{@code K = K_attn(rho1) Lip(LN1) + K_ffn Lip(LN2)}, {@code mu = K};</li>
 * <li>{@code |F_i| <= growth_attn(rho1) + growth_ffn(rho2)} per token for every X: the token growth has
 * rate 0, and M is {@code sqrt(n)} times that;</li>
 * <li>{@code K_t = K_t,attn(rho1) + K_t,ffn(rho2)} (LayerNorm does not depend on t).</li>
 * </ul>
 * Containment is then free: tokens move at most {@code growth·T} (see {@link TokenGrowth}).
 *
 * <p><b>Certificate above a centred floor.</b> When the domain's starts have tokens of centred norm
 * {@code |x_i - mean(x_i) 1| >= c0} ({@link Domain#centredFloor}), every token of the flow and of the
 * layers' iterates and stage states keeps centred norm at least {@code m = c0 - growth·T} (less rounding's
 * room; {@link TransformerField#regionFor}), so each LayerNorm sees variance at least {@code v = m^2/d},
 * where it is Lipschitz with {@code max|gamma| / sqrt(v + eps)} ({@link LayerNorm#lipschitzAbove}, the
 * chordal bound: between any two points of the set, convex or not). K uses that constant instead of
 * {@code 1/sqrt(eps)}'s, on the token ball less the tokens below m; M and {@code K_t} do not change.
 * Theorems 1, 3, 4 and 5 use K, mu and M only between points of the region (a layer state and a flow
 * state, two solutions at one time), never along a segment, so the non-convex region serves them. When
 * nothing positive is left of the floor the certificate is the one on all of {@code R^D}.
 */
public final class TransformerBlock extends TransformerField {

    private final LayerNorm attentionNorm;
    private final SelfAttention attention;
    private final LayerNorm feedForwardNorm;
    private final FeedForward feedForward;

    public TransformerBlock(LayerNorm attentionNorm, SelfAttention attention, LayerNorm feedForwardNorm,
            FeedForward feedForward, Domain domain) {
        super(attention.tokens(), attention.width(), domain);
        if (feedForward.tokens() != tokens() || feedForward.width() != width() || attentionNorm.width() != width()
                || feedForwardNorm.width() != width()) {
            throw new IllegalArgumentException("block parts disagree on the shape: attention " + tokens() + " x "
                    + width() + ", FFN " + feedForward.tokens() + " x " + feedForward.width() + ", LayerNorm widths "
                    + attentionNorm.width() + " and " + feedForwardNorm.width());
        }
        this.attentionNorm = attentionNorm;
        this.attention = attention;
        this.feedForwardNorm = feedForwardNorm;
        this.feedForward = feedForward;
    }

    /**
     * A block from plain arrays, for {@link Domain#UNIT}: the attention's {@code wq, wk, wv, wo}
     * (as in {@link SelfAttention#fromWeights}), the FFN's {@code w1, w2} and vectors {@code b1, b2} (as
     * in {@link FeedForward#fromWeights}), and LayerNorm vectors {@code ln1.gamma, ln1.beta, ln2.gamma,
     * ln2.beta}, each defaulting to no affine (gamma 1, beta 0). Any weight may come with a
     * {@code .slope}; LayerNorm vectors may not.
     */
    public static TransformerBlock fromWeights(int tokens, int width, int heads, boolean causal,
            Activation activation, double layerNormEpsilon, Map<String, double[][]> matrices,
            Map<String, double[]> vectors) {
        WeightReader reader = new WeightReader("transformer-block", matrices, vectors);
        SelfAttention attention = SelfAttention.read(reader, AttentionVariant.softmax().withCausalMask(causal), tokens,
                width, heads);
        FeedForward feedForward = FeedForward.read(reader, tokens, width, activation);
        LayerNorm attentionNorm = readLayerNorm(reader, "ln1", width, layerNormEpsilon);
        LayerNorm feedForwardNorm = readLayerNorm(reader, "ln2", width, layerNormEpsilon);
        reader.requireAllRead();
        return new TransformerBlock(attentionNorm, attention, feedForwardNorm, feedForward, Domain.UNIT);
    }

    static LayerNorm readLayerNorm(WeightReader reader, String prefix, int width, double epsilon) {
        double[] ones = new double[width];
        Arrays.fill(ones, 1);
        return LayerNorm.affine(reader.constantVectorOr(prefix + ".gamma", ones),
                reader.constantVectorOr(prefix + ".beta", new double[width]), epsilon);
    }

    @Override
    public TransformerBlock certifiedFor(Domain domain) {
        return new TransformerBlock(attentionNorm, attention, feedForwardNorm, feedForward, domain);
    }

    @Override
    public TransformerBlock withTokens(int tokens) {
        return new TransformerBlock(attentionNorm, attention.withTokens(tokens), feedForwardNorm,
                feedForward.withTokens(tokens), domain());
    }

    public SelfAttention attention() {
        return attention;
    }

    public FeedForward feedForward() {
        return feedForward;
    }

    @Override
    public String family() {
        return "transformer-block";
    }

    @Override
    public boolean isAutonomous() {
        return attention.isAutonomous() && feedForward.isAutonomous();
    }

    @Override
    public boolean hasCausalMask() {
        return attention.hasCausalMask();
    }

    @Override
    public <T extends RealFieldElement<T>> T[] evaluate(T t, T[] x) {
        T[] mixed = attention.evaluate(t, attentionNorm.apply(x));
        T[] transformed = feedForward.evaluate(t, feedForwardNorm.apply(x));
        for (int k = 0; k < mixed.length; k++) {
            mixed[k] = mixed[k].add(transformed[k]);
        }
        return mixed;
    }

    @Override
    public void evaluate(double t, double[] x, double[] out) {
        attention.evaluate(t, attentionNorm.apply(x), out);
        double[] transformed = new double[out.length];
        feedForward.evaluate(t, feedForwardNorm.apply(x), transformed);
        for (int k = 0; k < out.length; k++) {
            out[k] += transformed[k];
        }
    }

    /** The composed constants of the class comment; the radius is not needed, they hold on all of R^D. */
    @Override
    protected HorizonBounds boundsFor(double horizon) {
        SelfAttention.HorizonBounds attentionBounds = attention.boundsFor(horizon);
        FeedForward.HorizonBounds feedForwardBounds = feedForward.boundsFor(horizon);
        double attentionRadius = attentionNorm.outputRadius();
        double feedForwardRadius = feedForwardNorm.outputRadius();
        double tokenBound = Outward.sum(attentionBounds.growth().tokenBound(attentionRadius),
                feedForwardBounds.growth().tokenBound(feedForwardRadius));
        return new HorizonBounds() {
            @Override
            public TokenGrowth growth() {
                return new TokenGrowth(tokenBound, 0);
            }

            @Override
            public Certificate certificateOn(double radius) {
                return certificateOn(radius, 0);
            }

            /** On all of R^D, or above a positive centred floor (class comment). */
            @Override
            public Certificate certificateOn(double radius, double centredFloor) {
                double varianceFloor = Outward.down(Outward.down(centredFloor * centredFloor) / width());
                boolean floored = varianceFloor > 0;
                double lipschitz = Outward.sum(
                        Outward.product(attentionBounds.lipschitz(attentionRadius), floored
                                ? attentionNorm.lipschitzAbove(varianceFloor) : attentionNorm.lipschitz()),
                        Outward.product(feedForwardBounds.lipschitz(), floored
                                ? feedForwardNorm.lipschitzAbove(varianceFloor) : feedForwardNorm.lipschitz()));
                double timeLipschitz = Outward.sum(attentionBounds.timeLipschitz(attentionRadius),
                        feedForwardBounds.timeLipschitz(feedForwardRadius));
                return certified(lipschitz, lipschitz, tokenBound, timeLipschitz, floored
                        ? Region.tokenBallAboveCentredFloor(radius, centredFloor, width()) : Region.wholeSpace());
            }
        };
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> parameters = shapeParameters();
        Map<String, Object> attentionParameters = attention.parameters();
        Map<String, Object> feedForwardParameters = feedForward.parameters();
        for (String shared : new String[] {"tokens", "width", "initial-token-radius", "horizon"}) {
            attentionParameters.remove(shared);
            feedForwardParameters.remove(shared);
        }
        parameters.putAll(attentionParameters);
        parameters.putAll(feedForwardParameters);
        attentionNorm.putParameters(parameters, "ln1");
        feedForwardNorm.putParameters(parameters, "ln2");
        putDomainParameters(parameters);
        return parameters;
    }
}
