package io.flowaudit.gen;

import io.flowaudit.field.transformer.TransformerField;
import org.apiguardian.api.API;

/**
 * Attention fields of one kind (softmax, L2, sigmoid, Sinkhorn; the sphere field wraps softmax), from
 * {@link Fields#softmaxAttention()} and its siblings. {@link #bias} applies to sigmoid attention only
 * and {@link #iterations} to Sinkhorn only; calling them on another kind is an error.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface AttentionArbitrary<F extends TransformerField> extends TokenFieldArbitrary<F, AttentionArbitrary<F>> {

    /** Which attention this arbitrary draws (the sphere field draws softmax attention). */
    Attention.Kind kind();

    /** Number of heads H (default 1). */
    AttentionArbitrary<F> heads(int min, int max);

    /**
     * Query and key width per head, and value width when there are several heads (one head has
     * {@code V} of shape {@code width x width}); default 1 to 4.
     */
    AttentionArbitrary<F> headWidth(int min, int max);

    /** With or without the causal mask (default without); Sinkhorn attention cannot be causal. */
    AttentionArbitrary<F> causal(boolean causal);

    /** Either mask, shrinking towards none. */
    AttentionArbitrary<F> eitherMask();

    /** Sigmoid attention's bias b in {@code sigmoid(s + b)} (default [-2, 0]). */
    AttentionArbitrary<F> bias(double min, double max);

    /** Sinkhorn rounds (default 1 to 3). */
    AttentionArbitrary<F> iterations(int min, int max);
}
