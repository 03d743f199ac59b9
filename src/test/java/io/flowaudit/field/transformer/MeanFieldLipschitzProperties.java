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
 * The token-count-free Lipschitz constant of softmax attention ({@link SelfAttention#meanFieldLipschitz},
 * docs/theory.md "Wasserstein stability"), sampled as a Jacobian and difference-quotient bound on the region
 * by {@link CertificateCheck} with the field's other constants, at token counts where it is below the
 * n-dependent K.
 */
class MeanFieldLipschitzProperties {

    private static final int SAMPLES = 12;

    @Property(tries = 12)
    void boundsTheJacobianOfSoftmaxAttention(@ForAll("softmax") SelfAttention drawn,
            @ForAll @IntRange(min = 1, max = 24) int tokens) {
        SelfAttention field = drawn.withTokens(tokens);
        Certificate certificate = field.certificate();
        double meanField = field.meanFieldLipschitz().orElseThrow();
        assertTrue(meanField <= certificate.lipschitz(), "mean-field L " + meanField + " above K "
                + certificate.lipschitz() + " for " + field);
        Certificate withMeanField = new Certificate(meanField, meanField, certificate.bound(),
                certificate.timeLipschitz(), certificate.region());
        CertificateCheck.sample(field, withMeanField, field.hashCode(), SAMPLES)
                .assertWithinCertificate(field.family() + " " + field.parameters());
    }

    @Provide
    Arbitrary<SelfAttention> softmax() {
        return Arbitraries.oneOf(Fields.softmaxAttention().tokens(1, 4).width(1, 3).heads(1, 2).headWidth(1, 2)
                .weights(-1, 1).eitherMask(), Fields.l2Attention().tokens(1, 3).width(1, 3).heads(1, 2).eitherMask());
    }

    /** Without a mask the constant stops depending on n once n exceeds the column-sum bound e^w. */
    @Test
    void withoutMaskTheConstantIsTheSameForEveryLargeTokenCount() {
        SelfAttention field = smallWeights(AttentionVariant.softmax());
        assertEquals(field.withTokens(100).meanFieldLipschitz().orElseThrow(),
                field.withTokens(100_000).meanFieldLipschitz().orElseThrow());
        assertTrue(field.withTokens(100).meanFieldLipschitz().orElseThrow()
                < field.withTokens(100).certificate().lipschitz() / 5, "no gain over the n-dependent K at n = 100");
    }

    /** Under the causal mask the first token's column sums to about log n: the constant grows, slowly. */
    @Test
    void underTheCausalMaskTheConstantGrowsLikeTheRootOfLogN() {
        SelfAttention field = smallWeights(AttentionVariant.softmax().withCausalMask(true));
        double small = field.withTokens(100).meanFieldLipschitz().orElseThrow();
        double large = field.withTokens(100_000).meanFieldLipschitz().orElseThrow();
        assertTrue(large > small && large < 2 * small, small + " at n = 100, " + large + " at n = 100000");
    }

    @Test
    void sinkhornAndSigmoidHaveNone() {
        assertTrue(smallWeights(AttentionVariant.sinkhorn(2)).meanFieldLipschitz().isEmpty());
        assertTrue(smallWeights(AttentionVariant.sigmoid(0)).meanFieldLipschitz().isEmpty());
    }

    private static SelfAttention smallWeights(AttentionVariant variant) {
        return SelfAttention.fromWeights(variant, 3, 2, 1, Map.of(
                "wq", new double[][] {{0.5, 0.2}, {0, 0.5}},
                "wk", new double[][] {{0.5, 0}, {0.1, 0.5}},
                "wv", new double[][] {{1, 0.2}, {-0.4, 1}})).certifiedFor(new Domain(0.5, 0.5));
    }
}
