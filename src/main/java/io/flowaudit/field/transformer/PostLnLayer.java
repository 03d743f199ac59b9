package io.flowaudit.field.transformer;

import io.flowaudit.field.Activation;
import io.flowaudit.field.DepthLayer;
import io.flowaudit.field.Outward;
import java.util.Map;
import org.apache.commons.math3.RealFieldElement;

/**
 * A post-LN layer as BERT computes it, on n tokens of width d:
 * <pre>
 *   h      = LN1(x + Attn(x))
 *   Phi(x) = LN2(h + FFN(h))
 * </pre>
 * with {@link SelfAttention} carrying projection biases and the checkpoint's score scale, a
 * {@link FeedForward} with biases (BERT's is the {@link Activation#EXACT_GELU exact GELU}) and each
 * {@link LayerNorm} with its own gain, bias and epsilon. It is a {@link DepthLayer}, a map, and not a
 * field: the normalisation sits on the residual path, so {@code Phi = id + h F} holds for no small h
 * unless the zero-branch defect {@link #withoutBranches} is small (docs/theory.md, "Post-LN layers and the
 * flow reading"). Its weights are fixed; depth variation is one layer per depth in a
 * depth stack (the flow package's {@code DepthStack}).
 */
public final class PostLnLayer implements DepthLayer {

    private final SelfAttention attention;
    private final LayerNorm attentionNorm;
    private final FeedForward feedForward;
    private final LayerNorm feedForwardNorm;
    /**
     * The FFN's certified norms (two trace-power norms of 384 x 1536 matrices, seconds each), computed at the first
     * {@link #bound} and shared by every {@link #withTokens} copy: they do not depend on the token count.
     */
    private final FeedForwardNorms feedForwardNorms;

    private PostLnLayer(SelfAttention attention, LayerNorm attentionNorm, FeedForward feedForward,
            LayerNorm feedForwardNorm, FeedForwardNorms feedForwardNorms) {
        if (!attention.isAutonomous() || !feedForward.isAutonomous()) {
            throw new IllegalArgumentException("a post-LN layer has fixed weights (no .slope); a stack varies them"
                    + " by giving each depth its own layer");
        }
        this.attention = attention;
        this.attentionNorm = attentionNorm;
        this.feedForward = feedForward;
        this.feedForwardNorm = feedForwardNorm;
        this.feedForwardNorms = feedForwardNorms;
    }

    /** {@link FeedForward#checkpointBounds} of one FFN, computed once. */
    private static final class FeedForwardNorms {

        private final FeedForward feedForward;
        private FeedForward.HorizonBounds bounds;

        FeedForwardNorms(FeedForward feedForward) {
            this.feedForward = feedForward;
        }

        synchronized FeedForward.HorizonBounds get() {
            if (bounds == null) {
                bounds = feedForward.checkpointBounds();
            }
            return bounds;
        }
    }

    /**
     * A layer from plain arrays, matrices stored [out x in] as {@link SelfAttention#fromWeights} and
     * {@link FeedForward#fromWeights} read them: {@code wq, wk, wv, wo, w1, w2}; vectors {@code bq, bk, bv,
     * bo, b1, b2} (zero when absent) and {@code ln1.gamma, ln1.beta, ln2.gamma, ln2.beta} (gain 1 and bias 0
     * when absent). LN1 follows the attention, LN2 the FFN, each with its own epsilon.
     *
     * @throws IllegalArgumentException naming the role and the expected shape
     */
    public static PostLnLayer fromWeights(int tokens, int width, int heads, double scoreScale, Activation activation,
            double attentionNormEpsilon, double feedForwardNormEpsilon, Map<String, double[][]> matrices,
            Map<String, double[]> vectors) {
        WeightReader reader = new WeightReader("post-LN layer", matrices, vectors);
        SelfAttention attention = SelfAttention.readWithBiases(reader, tokens, width, heads, scoreScale);
        FeedForward feedForward = FeedForward.read(reader, tokens, width, activation);
        LayerNorm attentionNorm = TransformerBlock.readLayerNorm(reader, "ln1", width, attentionNormEpsilon);
        LayerNorm feedForwardNorm = TransformerBlock.readLayerNorm(reader, "ln2", width, feedForwardNormEpsilon);
        reader.requireAllRead();
        return new PostLnLayer(attention, attentionNorm, feedForward, feedForwardNorm, new FeedForwardNorms(feedForward));
    }

    /** The same weights on another number of tokens. */
    public PostLnLayer withTokens(int tokens) {
        return new PostLnLayer(attention.withTokens(tokens), attentionNorm, feedForward.withTokens(tokens),
                feedForwardNorm, feedForwardNorms);
    }

    public int tokens() {
        return attention.tokens();
    }

    public int width() {
        return attention.width();
    }

    @Override
    public int dimension() {
        return attention.dimension();
    }

    @Override
    public <T extends RealFieldElement<T>> T[] apply(T[] x) {
        T depth = x[0].getField().getZero();
        T[] h = attentionNorm.apply(residual(x, attention.evaluate(depth, x)));
        return feedForwardNorm.apply(residual(h, feedForward.evaluate(depth, h)));
    }

    /** {@code x + branch}, into {@code branch}. */
    private static <T extends RealFieldElement<T>> T[] residual(T[] x, T[] branch) {
        for (int k = 0; k < x.length; k++) {
            branch[k] = x[k].add(branch[k]);
        }
        return branch;
    }

    @Override
    public double[] apply(double[] x) {
        double[] branch = new double[x.length];
        attention.evaluate(0, x, branch);
        double[] h = attentionNorm.apply(residual(x, branch));
        feedForward.evaluate(0, h, branch);
        return feedForwardNorm.apply(residual(h, branch));
    }

    private static double[] residual(double[] x, double[] branch) {
        for (int k = 0; k < x.length; k++) {
            branch[k] += x[k];
        }
        return branch;
    }

    /**
     * Certified constants of this map on the inputs whose tokens have norm at most {@code inputRadius} and
     * centred norm at least {@code inputCentredFloor} (0 when unknown); see {@link PostLnBound} and
     * docs/theory.md, "Certified post-LN maps". The output region it returns is the next layer's input region.
     */
    public PostLnBound bound(double inputRadius, double inputCentredFloor) {
        SelfAttention.HorizonBounds attentionBounds = attention.boundsFor(0);
        double attentionLipschitz = attentionBounds.lipschitz(inputRadius);
        double attentionShift = attentionBounds.growth().tokenBound(inputRadius);
        double attentionVariance = varianceFloor(inputCentredFloor, attentionShift);
        double hiddenRadius = Outward.holdingComputedStates(attentionNorm.outputRadius());
        double hiddenCentredFloor = attentionNorm.centredFloor(attentionVariance);
        FeedForward.HorizonBounds feedForwardBounds = feedForwardNorms.get();
        double feedForwardLipschitz = feedForwardBounds.lipschitz();
        double feedForwardShift = feedForwardBounds.growth().tokenBound(hiddenRadius);
        double feedForwardVariance = varianceFloor(hiddenCentredFloor, feedForwardShift);
        double attentionNormLipschitz = attentionNorm.lipschitzAbove(attentionVariance);
        double feedForwardNormLipschitz = feedForwardNorm.lipschitzAbove(feedForwardVariance);
        return new PostLnBound(inputRadius, inputCentredFloor, attentionLipschitz, attentionShift, attentionVariance,
                attentionNormLipschitz, hiddenRadius, hiddenCentredFloor, feedForwardLipschitz, feedForwardShift,
                feedForwardVariance, feedForwardNormLipschitz,
                Outward.holdingComputedStates(feedForwardNorm.outputRadius()),
                feedForwardNorm.centredFloor(feedForwardVariance),
                Outward.product(Outward.sum(1, attentionLipschitz), attentionNormLipschitz,
                        Outward.sum(1, feedForwardLipschitz), feedForwardNormLipschitz));
    }

    /**
     * A lower bound of the variance {@code |Pi(x + b)|^2 / d} of a residual sum whose centred input norm is at
     * least m and whose branch b has norm at most a: {@code |Pi(x + b)| >= m - a} (Pi is a projection).
     */
    private double varianceFloor(double centredFloor, double branchBound) {
        double spread = Outward.down(centredFloor - branchBound);
        return spread > 0 ? Math.max(0, Outward.down(Outward.down(spread * spread) / width())) : 0;
    }

    /**
     * {@code LN2(LN1(x))}, the layer with both branches removed; {@code |LN2(LN1(x)) - x|} is the zero-branch
     * defect of docs/theory.md, which no rescaling of the branches removes.
     */
    double[] withoutBranches(double[] x) {
        return feedForwardNorm.apply(attentionNorm.apply(x));
    }
}
