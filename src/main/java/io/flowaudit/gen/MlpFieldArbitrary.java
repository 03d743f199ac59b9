package io.flowaudit.gen;

import io.flowaudit.field.family.Activation;
import io.flowaudit.field.family.MlpField;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Generates {@link MlpField}s {@code W2 act(W1 x + b1) + b2}: W1 at spectral norm 1, W2 at
 * {@code K / a'} so that the certified K is the drawn one, biases with entries in [-1, 1].
 *
 * <p>Shrinks toward smaller D, fewer hidden units, the first activation listed, K toward the lower
 * end of its range and raw weights toward 0, ending at {@code W1 = E_11}, {@code W2 = (K/a') E_11},
 * zero biases: {@code F(x) = (K/a') act(x_1) e_1}.
 */
public final class MlpFieldArbitrary extends FieldArbitraryBase<MlpField, MlpFieldArbitrary> {

    private final int minHidden;
    private final int maxHidden;
    private final List<Activation> activations;

    MlpFieldArbitrary() {
        this(Common.DEFAULT, 1, 6, List.of(Activation.values()));
    }

    private MlpFieldArbitrary(Common common, int minHidden, int maxHidden, List<Activation> activations) {
        super(common);
        this.minHidden = minHidden;
        this.maxHidden = maxHidden;
        this.activations = activations;
    }

    @Override
    MlpFieldArbitrary with(Common common) {
        return new MlpFieldArbitrary(common, minHidden, maxHidden, activations);
    }

    /** H, the number of hidden units, in {@code [min, max]} (default [1, 6]); shrinks toward {@code min}. */
    public MlpFieldArbitrary hiddenUnits(int min, int max) {
        if (min < 1 || max < min) {
            throw new IllegalArgumentException("hidden units must satisfy 1 <= min <= max, got [" + min + ", " + max
                    + "]");
        }
        return new MlpFieldArbitrary(common, min, max, activations);
    }

    /** Only these activations (default: tanh and sigmoid), shrinking toward the first. */
    public MlpFieldArbitrary activation(Activation... activations) {
        if (activations.length == 0) {
            throw new IllegalArgumentException("at least one activation is needed");
        }
        return new MlpFieldArbitrary(common, minHidden, maxHidden, List.of(activations));
    }

    @Override
    Arbitrary<MlpField> ofDimension(int dimension) {
        return Combinators.combine(Recipes.mlp(dimension, minHidden, maxHidden, activations), lipschitzTargets())
                .as((recipe, k) -> certified(recipe.build(k)));
    }
}
