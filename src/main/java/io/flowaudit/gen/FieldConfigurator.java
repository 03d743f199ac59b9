package io.flowaudit.gen;

import net.jqwik.api.configurators.ArbitraryConfiguratorBase;
import org.apiguardian.api.API;

/**
 * Applies {@link Dimension}, {@link Lipschitz} and {@link Contractive} to classic field arbitraries,
 * {@link Tokens} and {@link Width} to transformer ones and {@link Heads} and {@link Causal} to attention and
 * blocks, whether they come from {@link FieldArbitraryProvider} or from a {@code @Provide} method (registered in
 * META-INF/services).
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class FieldConfigurator extends ArbitraryConfiguratorBase {

    public FieldArbitrary<?, ?> configure(FieldArbitrary<?, ?> arbitrary, Dimension dimension) {
        return arbitrary.dimension(dimension.min(), dimension.max());
    }

    public FieldArbitrary<?, ?> configure(FieldArbitrary<?, ?> arbitrary, Lipschitz lipschitz) {
        return arbitrary.lipschitz(lipschitz.min(), lipschitz.max());
    }

    public ContractiveFieldArbitrary configure(ContractiveFieldArbitrary arbitrary, Contractive contractive) {
        return arbitrary.oneSidedLipschitz(contractive.minMu(), contractive.maxMu());
    }

    public TokenFieldArbitrary<?, ?> configure(TokenFieldArbitrary<?, ?> arbitrary, Tokens tokens) {
        return arbitrary.tokens(tokens.min(), tokens.max());
    }

    public TokenFieldArbitrary<?, ?> configure(TokenFieldArbitrary<?, ?> arbitrary, Width width) {
        return arbitrary.width(width.min(), width.max());
    }

    public AttentionArbitrary<?> configure(AttentionArbitrary<?> arbitrary, Heads heads) {
        return arbitrary.heads(heads.min(), heads.max());
    }

    public BlockArbitrary configure(BlockArbitrary arbitrary, Heads heads) {
        return arbitrary.heads(heads.min(), heads.max());
    }

    public AttentionArbitrary<?> configure(AttentionArbitrary<?> arbitrary, Causal causal) {
        return arbitrary.causal(true);
    }

    public BlockArbitrary configure(BlockArbitrary arbitrary, Causal causal) {
        return arbitrary.causal(true);
    }

    /** The provider draws the kind {@link Attention} names; an arbitrary of a {@code @Provide} method must be of it. */
    public AttentionArbitrary<?> configure(AttentionArbitrary<?> arbitrary, Attention attention) {
        if (arbitrary.kind() != attention.value()) {
            throw new IllegalArgumentException("@Attention(" + attention.value() + ") on an arbitrary of "
                    + arbitrary.kind() + " attention: drop the annotation or provide attention of that kind");
        }
        return arbitrary;
    }

    // An annotation of the other kind of field is refused: jqwik skips an annotation no configure method takes, so
    // @Lipschitz(max = 0.001) on a SelfAttention drew attention with K of order 1, and @Dimension a width the user
    // never chose, with nothing said.

    public TokenFieldArbitrary<?, ?> configure(TokenFieldArbitrary<?, ?> arbitrary, Dimension dimension) {
        throw notFor("@Dimension", "transformer field", "use @Tokens and @Width");
    }

    public TokenFieldArbitrary<?, ?> configure(TokenFieldArbitrary<?, ?> arbitrary, Lipschitz lipschitz) {
        throw notFor("@Lipschitz", "transformer field", "its K follows from its weights and is certified, not drawn");
    }

    public FieldArbitrary<?, ?> configure(FieldArbitrary<?, ?> arbitrary, Tokens tokens) {
        throw notFor("@Tokens", "classic field", "use @Dimension");
    }

    public FieldArbitrary<?, ?> configure(FieldArbitrary<?, ?> arbitrary, Width width) {
        throw notFor("@Width", "classic field", "use @Dimension");
    }

    public FeedForwardArbitrary configure(FeedForwardArbitrary arbitrary, Heads heads) {
        throw notFor("@Heads", "feed-forward network", "it has no attention");
    }

    public FeedForwardArbitrary configure(FeedForwardArbitrary arbitrary, Causal causal) {
        throw notFor("@Causal", "feed-forward network", "it has no attention");
    }

    public FieldArbitrary<?, ?> configure(FieldArbitrary<?, ?> arbitrary, Heads heads) {
        throw notFor("@Heads", "classic field", "use @ForAll SelfAttention or TransformerBlock");
    }

    public FieldArbitrary<?, ?> configure(FieldArbitrary<?, ?> arbitrary, Causal causal) {
        throw notFor("@Causal", "classic field", "use @ForAll SelfAttention or TransformerBlock");
    }

    private static IllegalArgumentException notFor(String annotation, String kind, String instead) {
        return new IllegalArgumentException(annotation + " does not apply to a " + kind + ": " + instead);
    }
}
