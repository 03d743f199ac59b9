package io.flowaudit.gen;

import io.flowaudit.field.family.TimeDependentField;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Generates {@link TimeDependentField}s {@code G(x) + sin(omega t) H(x)} with G and H linear or
 * MLP components (independently), K split between them: {@code K_G = (1 - phi) K},
 * {@code K_H = phi K}, phi in [0, 1].
 *
 * <p>Shrinks toward smaller D, linear components, phi toward 0 (H keeps only its bias: a forcing
 * {@code sin(omega t) b1}), omega and K toward the lower ends of their ranges, raw weights toward 0.
 */
public final class TimeDependentFieldArbitrary
        extends FieldArbitraryBase<TimeDependentField, TimeDependentFieldArbitrary> {

    private final double minFrequency;
    private final double maxFrequency;
    private final boolean linearComponents;
    private final boolean mlpComponents;

    TimeDependentFieldArbitrary() {
        this(Common.DEFAULT, 0.5, 4, true, true);
    }

    private TimeDependentFieldArbitrary(Common common, double minFrequency, double maxFrequency,
            boolean linearComponents, boolean mlpComponents) {
        super(common);
        this.minFrequency = minFrequency;
        this.maxFrequency = maxFrequency;
        this.linearComponents = linearComponents;
        this.mlpComponents = mlpComponents;
    }

    @Override
    TimeDependentFieldArbitrary with(Common common) {
        return new TimeDependentFieldArbitrary(common, minFrequency, maxFrequency, linearComponents, mlpComponents);
    }

    /** omega in {@code [min, max]} (default [0.5, 4]). */
    public TimeDependentFieldArbitrary frequency(double min, double max) {
        if (!(min >= 0) || !(max >= min) || Double.isInfinite(max)) {
            throw new IllegalArgumentException("frequency range must satisfy 0 <= min <= max < infinity, got [" + min
                    + ", " + max + "]");
        }
        return new TimeDependentFieldArbitrary(common, min, max, linearComponents, mlpComponents);
    }

    /** Only linear G and H: {@code A(t) x + b(t)} with {@code A(t) = A0 + sin(omega t) A1}. */
    public TimeDependentFieldArbitrary linearComponents() {
        return new TimeDependentFieldArbitrary(common, minFrequency, maxFrequency, true, false);
    }

    /** Only MLP G and H: an MLP whose output weights oscillate in t. */
    public TimeDependentFieldArbitrary mlpComponents() {
        return new TimeDependentFieldArbitrary(common, minFrequency, maxFrequency, false, true);
    }

    @Override
    Arbitrary<TimeDependentField> ofDimension(int dimension) {
        Arbitrary<Recipe> components = Recipes.component(dimension, linearComponents, mlpComponents);
        return Combinators.combine(components, components, lipschitzTargets(), Arbitraries.doubles().between(0, 1),
                Arbitraries.doubles().between(minFrequency, maxFrequency))
                .as((steady, oscillating, k, phi, omega) -> certified(TimeDependentField.of(
                        steady.build((1 - phi) * k), oscillating.build(phi * k), omega)));
    }
}
