package io.flowaudit.gen;

import net.jqwik.api.configurators.ArbitraryConfiguratorBase;
import org.apiguardian.api.API;

/**
 * Applies {@link Dimension}, {@link Lipschitz} and {@link Contractive} to classic field arbitraries and
 * {@link Tokens} and {@link Width} to transformer ones, whether they come from
 * {@link FieldArbitraryProvider} or from a {@code @Provide} method (registered in META-INF/services).
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

    private static IllegalArgumentException notFor(String annotation, String kind, String instead) {
        return new IllegalArgumentException(annotation + " does not apply to a " + kind + ": " + instead);
    }
}
