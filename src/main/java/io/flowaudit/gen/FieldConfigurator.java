package io.flowaudit.gen;

import net.jqwik.api.configurators.ArbitraryConfiguratorBase;

/**
 * Applies {@link Dimension}, {@link Lipschitz} and {@link Contractive} to field arbitraries, whether
 * they come from {@link FieldArbitraryProvider} or from a {@code @Provide} method (registered in
 * META-INF/services).
 */
public final class FieldConfigurator extends ArbitraryConfiguratorBase {

    public FieldArbitrary<?> configure(FieldArbitrary<?> arbitrary, Dimension dimension) {
        return arbitrary.dimension(dimension.min(), dimension.max());
    }

    public FieldArbitrary<?> configure(FieldArbitrary<?> arbitrary, Lipschitz lipschitz) {
        return arbitrary.lipschitz(lipschitz.min(), lipschitz.max());
    }

    public ContractiveFieldArbitrary configure(ContractiveFieldArbitrary arbitrary, Contractive contractive) {
        return arbitrary.oneSidedLipschitz(contractive.minMu(), contractive.maxMu());
    }
}
