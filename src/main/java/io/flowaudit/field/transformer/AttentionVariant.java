package io.flowaudit.field.transformer;

/**
 * Which attention: the score function, the normalization of scores into weights, and whether a causal
 * mask restricts token i to keys {@code j <= i}. Every variant shares one mechanism (scores, then
 * weights, then the weighted sum of values) and differs only in these three choices.
 */
public record AttentionVariant(Score score, Normalization normalization, boolean causal) {

    public AttentionVariant {
        if (causal && normalization instanceof Normalization.Sinkhorn) {
            // column sums run over later tokens, so masking the scores would not make the weights causal
            throw new IllegalArgumentException("Sinkhorn attention cannot be causal: its column normalization"
                    + " mixes every token into every row");
        }
    }

    /** Softmax of dot-product scores: the standard attention. */
    public static AttentionVariant softmax() {
        return new AttentionVariant(Score.DOT_PRODUCT, Normalization.softmax(), false);
    }

    /** Softmax of negative squared distances. */
    public static AttentionVariant l2() {
        return new AttentionVariant(Score.NEGATIVE_SQUARED_DISTANCE, Normalization.softmax(), false);
    }

    /** Unnormalized {@code sigmoid(score + bias)} of dot-product scores. */
    public static AttentionVariant sigmoid(double bias) {
        return new AttentionVariant(Score.DOT_PRODUCT, Normalization.sigmoid(bias), false);
    }

    /** Sinkhorn normalization of {@code exp(score)}, dot-product scores. */
    public static AttentionVariant sinkhorn(int iterations) {
        return new AttentionVariant(Score.DOT_PRODUCT, Normalization.sinkhorn(iterations), false);
    }

    /** The same variant with or without the causal mask. */
    public AttentionVariant withCausalMask(boolean masked) {
        return new AttentionVariant(score, normalization, masked);
    }

    /** Whether every row of weights sums to 1, so that a head's output is a convex combination of values. */
    public boolean rowStochastic() {
        return normalization.rowStochastic();
    }

    /** The family name of a field with this variant and number of heads. */
    public String family(int heads) {
        if (!(normalization instanceof Normalization.Softmax)) {
            return normalization.name() + "-attention";
        }
        if (score == Score.NEGATIVE_SQUARED_DISTANCE) {
            return "l2-attention";
        }
        if (causal) {
            return "causal-attention";
        }
        return heads > 1 ? "multi-head-attention" : "softmax-attention";
    }
}
