package io.flowaudit.gen;

import io.flowaudit.field.Activation;
import io.flowaudit.field.transformer.FeedForward;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** The {@link MlpFieldArbitrary} of {@link Fields}. */
final class DefaultMlpFieldArbitrary extends FieldArbitraryBase<FeedForward, MlpFieldArbitrary>
        implements MlpFieldArbitrary {

    private final int minHidden;
    private final int maxHidden;
    private final List<Activation> activations;

    DefaultMlpFieldArbitrary() {
        this(Common.DEFAULT, Defaults.MIN_HIDDEN_UNITS, Defaults.MAX_HIDDEN_UNITS, Activation.bounded());
    }

    private DefaultMlpFieldArbitrary(Common common, int minHidden, int maxHidden, List<Activation> activations) {
        super(common);
        this.minHidden = minHidden;
        this.maxHidden = maxHidden;
        this.activations = activations;
    }

    @Override
    MlpFieldArbitrary with(Common common) {
        return new DefaultMlpFieldArbitrary(common, minHidden, maxHidden, activations);
    }

    @Override
    public MlpFieldArbitrary hiddenUnits(int min, int max) {
        if (min < 1 || max < min) {
            throw new IllegalArgumentException("hidden units must satisfy 1 <= min <= max, got [" + min + ", " + max
                    + "]");
        }
        return new DefaultMlpFieldArbitrary(common, min, max, activations);
    }

    @Override
    public MlpFieldArbitrary activation(Activation... activations) {
        return new DefaultMlpFieldArbitrary(common, minHidden, maxHidden,
                Activation.requireAmong(Activation.bounded(), "an MLP", activations));
    }

    @Override
    Arbitrary<FeedForward> ofDimension(int dimension) {
        return Combinators.combine(Recipes.mlp(dimension, minHidden, maxHidden, activations), lipschitzTargets())
                .as((recipe, k) -> certified(recipe.build(k)));
    }
}
