package io.flowaudit.gen;

import io.flowaudit.field.Activation;
import io.flowaudit.field.transformer.TransformerBlock;
import org.apiguardian.api.API;

/**
 * Pre-LN transformer blocks {@code Attn(LN1 X) + FFN(LN2 X)}, from {@link Fields#block()}. By default: 1
 * or 2 heads, hidden width 1 to 8, any activation, no mask, LayerNorm plain or affine, weights constant or
 * affine in depth, LayerNorm epsilon 1e-5, no centred floor.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface BlockArbitrary extends TokenFieldArbitrary<TransformerBlock, BlockArbitrary> {

    /** Number of heads (default 1 to 2). */
    BlockArbitrary heads(int min, int max);

    /** As {@link AttentionArbitrary#headWidth}. */
    BlockArbitrary headWidth(int min, int max);

    /** FFN hidden width (default 1 to 8). */
    BlockArbitrary hidden(int min, int max);

    /** The activations to draw from, shrinking towards the first. */
    BlockArbitrary activation(Activation... choices);

    /** With or without the causal mask (default without). */
    BlockArbitrary causal(boolean causal);

    /** Either mask, shrinking towards none. */
    BlockArbitrary eitherMask();

    /** LayerNorm with learned affine, or without. */
    BlockArbitrary affineLayerNorm(boolean affine);

    /** Weights affine in depth ({@code W0 + t W1}), or constant. */
    BlockArbitrary depthVarying(boolean varying);

    /** LayerNorm epsilon range (default exactly 1e-5). */
    BlockArbitrary epsilon(double min, double max);

    /**
     * Range of the certified domain's centred floor (default exactly 0, none): every initial token has
     * centred norm {@code |x_i - mean(x_i) 1|} at least it, and a floor above the block's token bound
     * times T certifies K with LayerNorm's constant above the variance left instead of {@code 1/sqrt(eps)}'s
     * ({@link TransformerBlock}). Its maximum may not exceed the least initial radius.
     */
    BlockArbitrary centredFloor(double min, double max);
}
