package io.flowaudit.gen;

import io.flowaudit.field.Activation;
import io.flowaudit.field.InitialStates;
import io.flowaudit.field.transformer.SelfAttention;
import io.flowaudit.field.transformer.SphereAttention;
import io.flowaudit.gen.TokenSettings.IntRange;
import java.util.function.Function;
import net.jqwik.api.Arbitrary;
import org.apiguardian.api.API;

/**
 * The entry point for certified random fields, classic and transformer, in jqwik's style: each method
 * returns a fluent, immutable arbitrary. Every generated field carries a
 * {@link io.flowaudit.field.Certificate} whose constants are true upper bounds on its region (by default
 * the region that contains every trajectory and layer iterate from {@code |x0| <= 1} over
 * {@code [0, 1]}; see {@link FieldArbitrary#certifiedFor} and {@link TokenFieldArbitrary#initialRadius}).
 *
 * <pre>{@code
 * @Property
 * void eulerConverges(@ForAll("fields") FamilyField f) { ... }
 *
 * @Provide
 * Arbitrary<AffineField> fields() {
 *     return Fields.affine().dimension(1, 8).lipschitz(0.1, 4).nonNormal();
 * }
 * }</pre>
 *
 * Or with annotations: {@code @ForAll @Dimension(min = 2, max = 16) @Lipschitz(min = 0.1, max = 4)
 * CertifiedField f}, {@code @ForAll @Contractive(maxMu = -0.1) CertifiedField f}.
 *
 * <p><b>Transformer fields</b>, e.g.
 * {@code Fields.softmaxAttention().tokens(1, 4).width(1, 4).heads(1, 2).causal(true)}.
 * Shapes are drawn from integer ranges; every weight entry is drawn from
 * the {@code weights} range (default {@code [-1, 1]}, three decimals) and divided by the square root of
 * its matrix's number of columns (fan-in), so norms stay of order one as widths grow. Biases and
 * LayerNorm shifts are drawn from the same range undivided; LayerNorm scales are 1 plus such a draw.
 * One head has {@code V} of shape {@code width x width} and {@code W_O = I}; several heads have head
 * width {@code k}, {@code V} stacked to {@code heads·k x width}, and an output projection. Each instance
 * is certified for a {@link io.flowaudit.field.Domain} drawn from the initial radius and horizon
 * ranges (default 1 and 1). They shrink towards fewer tokens, narrower tokens, fewer heads, narrower
 * heads and hidden layers (each range's minimum), weights towards 0 (a slope of 0 is a constant
 * weight), no mask, plain LayerNorm, the first listed activation, and the range minimum of the domain.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class Fields {

    // The ranges the arbitraries draw from when a setting is not configured, written once: the annotations'
    // defaults and the claim-file families of the audit show and use these same numbers.

    /** State dimension D of the classic families. */
    public static final int MIN_DIMENSION = 1;
    public static final int MAX_DIMENSION = 8;
    /** Certified Lipschitz constant K of the classic families. */
    public static final double MIN_LIPSCHITZ = 0;
    public static final double MAX_LIPSCHITZ = 4;
    /** Hidden units H of an MLP. */
    public static final int MIN_HIDDEN_UNITS = 1;
    public static final int MAX_HIDDEN_UNITS = 6;
    /** Depth frequency omega of a time-dependent field. */
    public static final double MIN_FREQUENCY = 0.5;
    public static final double MAX_FREQUENCY = 4;
    /** Certified one-sided Lipschitz constant mu of a contractive field (negative). */
    public static final double MIN_CONTRACTION = -3;
    public static final double MAX_CONTRACTION = -0.1;

    /** Tokens n of the transformer families. */
    public static final int MIN_TOKENS = 1;
    public static final int MAX_TOKENS = 4;
    /** Token width d of the transformer families. */
    public static final int MIN_WIDTH = 1;
    public static final int MAX_WIDTH = 4;
    /** Weight entries before division by sqrt(fan-in). */
    public static final double MIN_WEIGHT = -1;
    public static final double MAX_WEIGHT = 1;
    /** Hidden width of a transformer's FFN. */
    public static final int MIN_FFN_HIDDEN = 1;
    public static final int MAX_FFN_HIDDEN = 8;
    /** Every token of x_0 has norm at most this radius; T is this horizon (both ranges of one value). */
    public static final double TOKEN_INITIAL_RADIUS = 1;
    public static final double TOKEN_HORIZON = 1;
    /** Query/key/value width per head when there are several heads. */
    public static final int MIN_HEAD_WIDTH = 1;
    public static final int MAX_HEAD_WIDTH = 4;
    /** Bias b of sigmoid attention, {@code sigmoid(score + b)}. */
    public static final double MIN_SIGMOID_BIAS = -2;
    public static final double MAX_SIGMOID_BIAS = 0;
    /** Rounds of Sinkhorn normalisation (columns, then rows). */
    public static final int MIN_SINKHORN_ITERATIONS = 1;
    public static final int MAX_SINKHORN_ITERATIONS = 3;
    /** Heads of attention or a block under {@link Heads} without a range. */
    public static final int MIN_HEADS = 1;
    public static final int MAX_HEADS = 3;
    /** Heads of a pre-LN block. */
    public static final int MIN_BLOCK_HEADS = 1;
    public static final int MAX_BLOCK_HEADS = 2;
    /** LayerNorm's epsilon in a pre-LN block (BERT's). */
    public static final double LAYER_NORM_EPSILON = 1e-5;

    private Fields() {
    }

    /** Affine fields {@code A x + b}; see {@link AffineFieldArbitrary}. */
    public static AffineFieldArbitrary affine() {
        return new DefaultAffineFieldArbitrary();
    }

    /** Perceptrons {@code W2 act(W1 x + b1) + b2}; see {@link MlpFieldArbitrary}. */
    public static MlpFieldArbitrary mlp() {
        return new DefaultMlpFieldArbitrary();
    }

    /** {@code G(x) + sin(omega t) H(x)}; see {@link TimeDependentFieldArbitrary}. */
    public static TimeDependentFieldArbitrary timeDependent() {
        return new DefaultTimeDependentFieldArbitrary();
    }

    /** {@code -c x + g(x)} with negative certified mu; see {@link ContractiveFieldArbitrary}. */
    public static ContractiveFieldArbitrary contractive() {
        return new DefaultContractiveFieldArbitrary();
    }

    /** Softmax dot-product attention; one head unless {@link AttentionArbitrary#heads} says otherwise. */
    public static AttentionArbitrary<SelfAttention> softmaxAttention() {
        return new DefaultAttentionArbitrary<>(Attention.Kind.SOFTMAX, Function.identity());
    }

    /** Softmax of negative squared distances. */
    public static AttentionArbitrary<SelfAttention> l2Attention() {
        return new DefaultAttentionArbitrary<>(Attention.Kind.L2, Function.identity());
    }

    /** Unnormalized sigmoid attention, bias from {@link AttentionArbitrary#bias} (default [-2, 0]). */
    public static AttentionArbitrary<SelfAttention> sigmoidAttention() {
        return new DefaultAttentionArbitrary<>(Attention.Kind.SIGMOID, Function.identity());
    }

    /** Sinkhorn attention, rounds from {@link AttentionArbitrary#iterations} (default 1 to 3). */
    public static AttentionArbitrary<SelfAttention> sinkhornAttention() {
        return new DefaultAttentionArbitrary<>(Attention.Kind.SINKHORN, Function.identity());
    }

    /**
     * Softmax attention projected onto the sphere, width 2 to 4 by default (on one component the sphere
     * is two points and the field vanishes); its states start on or outside the unit sphere
     * ({@link io.flowaudit.field.transformer.TransformerField#initialStates}).
     */
    public static AttentionArbitrary<SphereAttention> sphereAttention() {
        return new DefaultAttentionArbitrary<>(Attention.Kind.SOFTMAX, SphereAttention::new)
                .width(2, 4);
    }

    /** Position-wise FFN; hidden width 1 to 8 and any activation unless configured. */
    public static FeedForwardArbitrary ffn() {
        return new DefaultFeedForwardArbitrary(TokenSettings.DEFAULT, new IntRange(MIN_FFN_HIDDEN, MAX_FFN_HIDDEN),
                Activation.zeroAtOrigin().toArray(new Activation[0]));
    }

    /**
     * Pre-LN block {@code Attn(LN1 X) + FFN(LN2 X)} with softmax attention, width 2 to 4 by default (on
     * one component LayerNorm is constant); see {@link BlockArbitrary}.
     */
    public static BlockArbitrary block() {
        return new DefaultBlockArbitrary(TokenSettings.DEFAULT, DefaultBlockArbitrary.Settings.DEFAULT).width(2, 4);
    }

    /** Members of all four classic families, shrinking toward the affine family (claim files call it {@code linear}). */
    public static AnyFieldArbitrary any() {
        return new DefaultAnyFieldArbitrary();
    }

    /**
     * States {@code x} with {@code |x| <= radius} in {@code R^dimension}, for a property that draws its own starts
     * (a field draws those of its claims itself: {@link io.flowaudit.field.CertifiedField#initialStates}); see
     * {@link InitialStates#inBall}.
     */
    public static Arbitrary<double[]> statesInBall(int dimension, double radius) {
        return InitialStates.inBall(dimension, radius);
    }
}
