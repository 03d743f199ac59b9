package io.flowaudit.gen;

import io.flowaudit.field.family.TimeDependentField;
import org.apiguardian.api.API;

/**
 * Generates {@link TimeDependentField}s {@code G(x) + sin(omega t) H(x)} with G and H linear or
 * MLP components (independently), K split between them: {@code K_G = (1 - phi) K},
 * {@code K_H = phi K}, phi in [0, 1].
 *
 * <p>Shrinks toward smaller D, linear components, phi toward 0 (H keeps only its bias: a forcing
 * {@code sin(omega t) b1}), omega and K toward the lower ends of their ranges, raw weights toward 0.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface TimeDependentFieldArbitrary extends FieldArbitrary<TimeDependentField, TimeDependentFieldArbitrary> {

    /** omega in {@code [min, max]} (default [0.5, 4]). */
    TimeDependentFieldArbitrary frequency(double min, double max);

    /** Only linear G and H: {@code A(t) x + b(t)} with {@code A(t) = A0 + sin(omega t) A1}. */
    TimeDependentFieldArbitrary linearComponents();

    /** Only MLP G and H: an MLP whose output weights oscillate in t. */
    TimeDependentFieldArbitrary mlpComponents();
}
