package io.flowaudit.gen;

import io.flowaudit.field.Activation;
import io.flowaudit.field.transformer.FeedForward;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * The {@link MlpFieldArbitrary} of {@link Fields}: its settings, the raw material it draws ({@link MlpRecipe})
 * and the rule that scales it to the drawn K.
 */
final class DefaultMlpFieldArbitrary extends FieldArbitraryBase<FeedForward.Mlp, MlpFieldArbitrary>
        implements MlpFieldArbitrary {

    private final int minHidden;
    private final int maxHidden;
    private final List<Activation> activations;

    DefaultMlpFieldArbitrary() {
        this(Common.DEFAULT, Fields.MIN_HIDDEN_UNITS, Fields.MAX_HIDDEN_UNITS, Activation.bounded());
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
    Arbitrary<FeedForward.Mlp> ofDimension(int dimension) {
        return Combinators.combine(lipschitzTargets(), recipes(dimension, minHidden, maxHidden, activations))
                .as((k, recipe) -> certified(recipe.build(k)));
    }

    /** MLP recipes of dimension D; the number of hidden units shrinks toward {@code minHidden}. */
    static Arbitrary<MlpRecipe> recipes(int dimension, int minHidden, int maxHidden, List<Activation> activations) {
        Memoized<MlpRecipe> byHidden = new Memoized<>();
        return Arbitraries.integers().between(minHidden, maxHidden).flatMap(hidden -> byHidden.get(hidden, () ->
                Combinators.combine(
                Arbitraries.of(activations), Recipe.weights(hidden * dimension), Recipe.weights(hidden),
                Recipe.weights(dimension * hidden), Recipe.weights(dimension))
                .as((activation, w1, b1, w2, b2) -> new MlpRecipe(dimension, hidden, activation, w1, b1, w2, b2))));
    }

    /**
     * Raw material of an {@link FeedForward#mlp MLP}: W1 is the raw H x D matrix at spectral norm 1, W2 the raw
     * D x H matrix at spectral norm {@code scale / a'}, so K = a' ||W2|| ||W1|| = scale.
     */
    record MlpRecipe(int dimension, int hiddenUnits, Activation activation, double[] rawInput, double[] hiddenBias,
            double[] rawOutput, double[] outputBias) implements Recipe {

        @Override
        public FeedForward.Mlp build(double scale) {
            double[][] w1 = Recipe.unitNorm(rawInput, hiddenUnits, dimension);
            double[][] w2 = Recipe.scaled(Recipe.unitNorm(rawOutput, dimension, hiddenUnits),
                    scale / activation.maxSlope());
            return FeedForward.mlp(w1, hiddenBias, activation, w2, outputBias);
        }
    }
}
