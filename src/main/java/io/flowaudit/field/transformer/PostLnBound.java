package io.flowaudit.field.transformer;

/**
 * Certified constants of one post-LN layer map {@code Phi = LN2 ∘ (id + FFN) ∘ LN1 ∘ (id + Attn)} on the
 * region of its inputs whose tokens have norm at most {@code inputRadius} and centred norm {@code |x_i -
 * mean(x_i) 1|} at least {@code inputCentredFloor} (docs/theory.md, "Certified post-LN maps"). Every
 * constant is an upper bound rounded outward, every floor a lower bound rounded inward; a variance floor of
 * 0 means that none was proved, and the LayerNorm's own epsilon is then all that bounds its constant.
 *
 * @param attentionLipschitz       K_A of the attention on the token ball of {@code inputRadius}
 * @param attentionShift           a bound of every token of the attention's output, {@code |Attn(x)_i|}
 * @param attentionNormVariance    a lower bound of every token's variance entering LN1
 * @param attentionNormLipschitz   {@code max|gamma1| / sqrt(attentionNormVariance + eps1)}
 * @param hiddenRadius             every token of {@code h = LN1(..)} is at most this long
 * @param hiddenCentredFloor       and has at least this centred norm
 * @param feedForwardLipschitz     K_F of the FFN (global)
 * @param feedForwardShift         a bound of every token of {@code FFN(h)} on the hidden ball
 * @param feedForwardNormVariance  a lower bound of every token's variance entering LN2
 * @param feedForwardNormLipschitz {@code max|gamma2| / sqrt(feedForwardNormVariance + eps2)}
 * @param outputRadius             every output token is at most this long (with room for rounding)
 * @param outputCentredFloor       and has at least this centred norm
 * @param lipschitz                {@code (1 + K_A) L1 (1 + K_F) L2}, the map's Lipschitz constant on the region;
 *                                 also its one-sided constant (Cauchy-Schwarz), the only one certified
 */
public record PostLnBound(double inputRadius, double inputCentredFloor, double attentionLipschitz,
        double attentionShift, double attentionNormVariance, double attentionNormLipschitz, double hiddenRadius,
        double hiddenCentredFloor, double feedForwardLipschitz, double feedForwardShift,
        double feedForwardNormVariance, double feedForwardNormLipschitz, double outputRadius,
        double outputCentredFloor, double lipschitz) {

    /** {@code <Phi(x) - Phi(y), x - y> <= mu |x - y|^2}: nothing below K is certified for the map. */
    public double oneSidedLipschitz() {
        return lipschitz;
    }
}
