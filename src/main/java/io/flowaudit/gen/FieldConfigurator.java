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
}
