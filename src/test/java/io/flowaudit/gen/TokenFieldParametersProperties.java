package io.flowaudit.gen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowaudit.field.CertifiedField;
import io.flowaudit.field.VectorField;
import io.flowaudit.field.family.FamilyField;
import io.flowaudit.field.transformer.FeedForward;
import io.flowaudit.field.transformer.SelfAttention;
import io.flowaudit.field.transformer.SphereAttention;
import io.flowaudit.field.transformer.TransformerBlock;
import io.flowaudit.field.transformer.TransformerField;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;

/**
 * {@code @ForAll} parameters of every transformer field type get a default arbitrary, which
 * {@link Tokens} and {@link Width} shape.
 */
class TokenFieldParametersProperties {

    @Property(tries = 20)
    void annotationsShapeAttention(@ForAll @Tokens(min = 2, max = 3) @Width(min = 3, max = 3) SelfAttention field) {
        assertTrue(field.tokens() >= 2 && field.tokens() <= 3, "tokens " + field.tokens());
        assertEquals(3, field.width());
        assertEquals("softmax-attention", field.family());
    }

    @Property(tries = 10)
    void eachConcreteTypeHasItsFamily(@ForAll @Tokens(min = 1, max = 2) FeedForward ffn,
            @ForAll @Width(min = 2, max = 2) TransformerBlock block, @ForAll SphereAttention sphere) {
        assertTrue(ffn.tokens() <= 2, "tokens " + ffn.tokens());
        assertEquals(2, block.width());
        assertTrue(sphere.width() >= 2, "the sphere field needs width 2 or more, got " + sphere.width());
    }

    @Property(tries = 10)
    void attentionOfEachKindIsDrawnByItsAnnotation(@ForAll @Attention(Attention.Kind.L2) SelfAttention l2,
            @ForAll @Attention(Attention.Kind.SIGMOID) SelfAttention sigmoid,
            @ForAll @Attention(Attention.Kind.SINKHORN) TransformerField sinkhorn,
            @ForAll @Attention(Attention.Kind.SOFTMAX) SelfAttention softmax) {
        assertEquals("l2-attention", l2.family());
        assertEquals("sigmoid-attention", sigmoid.family());
        assertEquals("sinkhorn-attention", sinkhorn.family());
        assertEquals("softmax-attention", softmax.family());
    }

    @Property(tries = 10)
    void headsAndTheCausalMaskShapeAttentionAndBlocks(@ForAll @Heads(min = 2, max = 3) SelfAttention multiHead,
            @ForAll @Causal @Attention(Attention.Kind.L2) SelfAttention causal,
            @ForAll @Heads(min = 2, max = 2) @Causal TransformerBlock block) {
        assertTrue(multiHead.heads() >= 2 && multiHead.heads() <= 3, "heads " + multiHead.heads());
        assertEquals("multi-head-attention", multiHead.family());
        assertTrue(causal.variant().causal() && causal.family().equals("l2-attention"), causal::toString);
        assertEquals(2, block.attention().heads());
        assertTrue(block.attention().variant().causal(), block::toString);
    }

    @Property(tries = 30)
    void attentionAnnotationsOnAnyTransformerFieldKeepTheFamiliesWithAttention(
            @ForAll @Heads(min = 2, max = 2) TransformerField multiHead, @ForAll @Causal TransformerField causal) {
        assertTrue(!multiHead.family().equals("ffn"), multiHead.family());
        assertTrue(!causal.family().equals("ffn") && !causal.family().equals("sinkhorn-attention"), causal.family());
    }

    /**
     * A parameter of either kind's type draws both kinds unless its annotations are of one kind: at least 5 of each
     * kind among 40 tries (about half each are drawn), and with {@code @Tokens} only transformer fields.
     */
    @Property(tries = 40)
    void aCertifiedFieldIsOfEitherKindUnlessAnnotated(@ForAll CertifiedField any,
            @ForAll @Tokens(min = 2, max = 2) VectorField tokens) {
        // the MLP is a FeedForward on one state: a transformer type, and a classic family
        Statistics.label("kind").collect(any instanceof FamilyField ? "classic" : "transformer");
        Statistics.label("kind").coverage(coverage -> {
            coverage.check("transformer").count(n -> n >= 5);
            coverage.check("classic").count(n -> n >= 5);
        });
        assertTrue(tokens instanceof TransformerField transformer && transformer.tokens() == 2, tokens::toString);
    }

    @Property(tries = 40)
    void anyTransformerFieldIsOneOfTheFamilies(@ForAll TransformerField field) {
        assertTrue(Set.of("softmax-attention", "l2-attention", "sigmoid-attention", "sinkhorn-attention",
                "sphere-attention", "ffn", "transformer-block").contains(field.family()), field.family());
        assertTrue(field.certificate().lipschitz() >= 0, field::toString);
    }
}
