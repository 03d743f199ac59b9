package io.flowaudit.field.transformer;

/**
 * Certified norms of one attention head over {@code t in [0, T]}: the suprema of {@code ||Q_h(t)||},
 * {@code ||K_h(t)||}, {@code ||Q_h(t)^T K_h(t)|| / sqrt(d_k)} (the bilinear form of the dot-product
 * score), {@code ||U_h(t)||} with {@code U_h = W_O^h V_h} (the head's value path into the output) and of
 * the t-derivatives of the same four matrices; with a stored score scale s in place of {@code 1/sqrt(d_k)},
 * and {@code keyFromQueryBias >= s ||K_h|| |b_q,h|}, the score's sensitivity to a key through the query bias
 * (0 without biases; see {@link SelfAttention}).
 */
record HeadNorms(int keyWidth, double query, double key, double queryKey, double value, double queryRate,
        double keyRate, double queryKeyRate, double valueRate, double keyFromQueryBias) {
}
