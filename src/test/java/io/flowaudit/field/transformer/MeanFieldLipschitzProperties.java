package io.flowaudit.field.transformer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowaudit.field.Certificate;
import io.flowaudit.field.Domain;
import io.flowaudit.gen.Fields;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The mean-field Lipschitz constant of attention ({@link SelfAttention#meanFieldLipschitz}, docs/theory.md
 * "Wasserstein stability"): softmax (dot-product and L2), Sinkhorn and sigmoid, sampled as a Jacobian and
 * difference-quotient bound on the region by {@link CertificateCheck} with the field's other constants, at token
 * counts where it is below the n-dependent K.
 */
class MeanFieldLipschitzProperties {

    private static final int SAMPLES = 12;

    @Property(tries = 12)
    void boundsTheJacobianOfAttention(@ForAll("attention") SelfAttention drawn,
            @ForAll @IntRange(min = 1, max = 24) int tokens) {
        SelfAttention field = drawn.withTokens(tokens);
        double meanField = field.meanFieldLipschitz();
        assertTrue(meanField <= field.certificate().lipschitz(), "mean-field L " + meanField + " above K "
                + field.certificate().lipschitz() + " for " + field);
        assertWithin(field, meanField);
    }

    @Provide
    Arbitrary<SelfAttention> attention() {
        return Arbitraries.oneOf(Fields.softmaxAttention().tokens(1, 4).width(1, 3).heads(1, 2).headWidth(1, 2)
                .weights(-1, 1).eitherMask(), Fields.l2Attention().tokens(1, 3).width(1, 3).heads(1, 2).eitherMask(),
                Fields.sinkhornAttention().tokens(1, 4).width(1, 3).iterations(1, 3),
                Fields.sigmoidAttention().tokens(1, 4).width(1, 3).bias(-2, 0).eitherMask());
    }

    /** Without a mask the constant stops depending on n once n exceeds the column-sum bound e^w. */
    @Test
    void withoutMaskTheConstantIsTheSameForEveryLargeTokenCount() {
        SelfAttention field = smallWeights(AttentionVariant.softmax());
        assertEquals(field.withTokens(100).meanFieldLipschitz(),
                field.withTokens(100_000).meanFieldLipschitz());
        assertTrue(field.withTokens(100).meanFieldLipschitz()
                < field.withTokens(100).certificate().lipschitz() / 5, "no gain over the n-dependent K at n = 100");
    }

    /** Under the causal mask the first token's column sums to about log n: the constant grows, slowly. */
    @Test
    void underTheCausalMaskTheConstantGrowsLikeTheRootOfLogN() {
        SelfAttention field = smallWeights(AttentionVariant.softmax().withCausalMask(true));
        double small = field.withTokens(100).meanFieldLipschitz();
        double large = field.withTokens(100_000).meanFieldLipschitz();
        assertTrue(large > small && large < 2 * small, small + " at n = 100, " + large + " at n = 100000");
    }

    /**
     * Sinkhorn at 12 tokens, where the column-sum argument (not the per-token lemma's sqrt(n)) gives the constant:
     * it is below K, the same at n = 10^5, and bounds the sampled Jacobians of 12 tokens; L/10 does not.
     */
    @Test
    void sinkhornsColumnSumConstantBoundsTheJacobianAndStopsGrowingWithN() {
        for (int iterations = 1; iterations <= 3; iterations++) {
            SelfAttention field = smallWeights(AttentionVariant.sinkhorn(iterations)).withTokens(12);
            double meanField = field.meanFieldLipschitz();
            assertTrue(meanField < field.certificate().lipschitz() / 2, meanField + " against K "
                    + field.certificate().lipschitz());
            assertEquals(meanField, field.withTokens(100_000).meanFieldLipschitz(), 1e-12 * meanField);
            assertWithin(field, meanField);
            assertTrue(sampledOver(field, meanField / 10).lipschitz() > 1, "L/10 not exceeded at m = " + iterations);
        }
    }

    /**
     * Unnormalized sigmoid at 3 tokens: the constant, with the sigmoid's range on the ball in place of its global
     * bounds 1 and 1/4, is 16 % below K (5.55 against 6.59) and bounds the sampled Jacobians (they reach 0.76 of it
     * over 400 seeds, and exceed a tenth of it at least fourfold). The radius grows like e^{n ||U|| T}: from 6 tokens
     * on the range is nearly the global one and the constant meets K (202.03 both, 10^-13 apart), so a test there
     * would rest on rounding.
     */
    @Test
    void sigmoidsConstantBoundsTheJacobianBelowK() {
        SelfAttention field = smallWeights(AttentionVariant.sigmoid(-1)).withTokens(3);
        double meanField = field.meanFieldLipschitz();
        assertTrue(meanField < 0.9 * field.certificate().lipschitz(), meanField + " against K "
                + field.certificate().lipschitz());
        assertWithin(field, meanField);
        assertTrue(sampledOver(field, meanField / 10).lipschitz() > 1, "L/10 not exceeded");
    }

    private static void assertWithin(SelfAttention field, double lipschitz) {
        sampledOver(field, lipschitz).assertWithinCertificate(field.family() + " " + field.parameters());
    }

    private static CertificateCheck.Worst sampledOver(SelfAttention field, double lipschitz) {
        Certificate certificate = field.certificate();
        return CertificateCheck.sample(field, new Certificate(lipschitz, lipschitz, certificate.bound(),
                certificate.timeLipschitz(), certificate.region()), CertificateCheck.SAMPLE_SEED, SAMPLES);
    }

    private static SelfAttention smallWeights(AttentionVariant variant) {
        return SelfAttention.fromWeights(variant, 3, 2, 1, Map.of(
                "wq", new double[][] {{0.5, 0.2}, {0, 0.5}},
                "wk", new double[][] {{0.5, 0}, {0.1, 0.5}},
                "wv", new double[][] {{1, 0.2}, {-0.4, 1}})).certifiedFor(new Domain(0.5, 0.5));
    }
}
