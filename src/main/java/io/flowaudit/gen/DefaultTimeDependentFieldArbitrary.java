package io.flowaudit.gen;

import io.flowaudit.field.DoubleDraws;
import io.flowaudit.field.family.TimeDependentField;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** The {@link TimeDependentFieldArbitrary} of {@link Fields}. */
final class DefaultTimeDependentFieldArbitrary extends FieldArbitraryBase<TimeDependentField, TimeDependentFieldArbitrary>
        implements TimeDependentFieldArbitrary {

    private final double minFrequency;
    private final double maxFrequency;
    private final boolean linearComponents;
    private final boolean mlpComponents;

    DefaultTimeDependentFieldArbitrary() {
        this(Common.DEFAULT, Fields.MIN_FREQUENCY, Fields.MAX_FREQUENCY, true, true);
    }

    private DefaultTimeDependentFieldArbitrary(Common common, double minFrequency, double maxFrequency,
            boolean linearComponents, boolean mlpComponents) {
        super(common);
        this.minFrequency = minFrequency;
        this.maxFrequency = maxFrequency;
        this.linearComponents = linearComponents;
        this.mlpComponents = mlpComponents;
    }

    @Override
    TimeDependentFieldArbitrary with(Common common) {
        return new DefaultTimeDependentFieldArbitrary(common, minFrequency, maxFrequency, linearComponents, mlpComponents);
    }

    @Override
    public TimeDependentFieldArbitrary frequency(double min, double max) {
        if (!(min >= 0) || !(max >= min) || Double.isInfinite(max)) {
            throw new IllegalArgumentException("frequency range must satisfy 0 <= min <= max < infinity, got [" + min
                    + ", " + max + "]");
        }
        return new DefaultTimeDependentFieldArbitrary(common, min, max, linearComponents, mlpComponents);
    }

    @Override
    public TimeDependentFieldArbitrary linearComponents() {
        return new DefaultTimeDependentFieldArbitrary(common, minFrequency, maxFrequency, true, false);
    }

    @Override
    public TimeDependentFieldArbitrary mlpComponents() {
        return new DefaultTimeDependentFieldArbitrary(common, minFrequency, maxFrequency, false, true);
    }

    @Override
    Arbitrary<TimeDependentField> ofDimension(int dimension) {
        Arbitrary<Recipe> components = Recipe.component(dimension, linearComponents, mlpComponents);
        return Combinators.combine(lipschitzTargets(), DoubleDraws.between(0, 1),
                DoubleDraws.between(minFrequency, maxFrequency), components, components)
                .as((k, phi, omega, steady, oscillating) -> certified(TimeDependentField.of(
                        steady.build((1 - phi) * k), oscillating.build(phi * k), omega)));
    }
}
