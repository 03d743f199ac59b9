package io.flowaudit.gen;

import io.flowaudit.field.family.ContractiveField;
import org.apiguardian.api.API;

/**
 * Generates {@link ContractiveField}s {@code -c x + g(x)} whose certified mu and K are the drawn
 * targets: g (linear or MLP, oriented so that {@code mu_g >= 0}) is scaled to strength s, and c, s
 * solve {@code -c + s mu_1 = mu}, {@code c + s K_1 = K}, where {@code K_1, mu_1} are g's constants at
 * s = 1. K is raised to |mu| when drawn below it, since {@code |mu| <= K} for every field.
 *
 * <p>Shrinks toward smaller D, mu toward the upper end of its range (closest to 0: the mildest
 * contraction), K toward the lower end, a linear g, and raw weights toward 0.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface ContractiveFieldArbitrary extends FieldArbitrary<ContractiveField, ContractiveFieldArbitrary> {

    /** Certified mu in {@code [min, max]}, {@code max < 0} (default [-3, -0.1]). */
    ContractiveFieldArbitrary oneSidedLipschitz(double min, double max);

    /** Only linear g. */
    ContractiveFieldArbitrary linearPerturbation();

    /** Only MLP g. */
    ContractiveFieldArbitrary mlpPerturbation();
}
