package io.flowaudit.gen;

import io.flowaudit.field.Activation;
import io.flowaudit.field.transformer.FeedForward;

/**
 * Raw material of an {@link FeedForward#mlp MLP}: W1 is the raw H x D matrix at spectral norm 1, W2 the raw
 * D x H matrix at spectral norm {@code scale / a'}, so K = a' ||W2|| ||W1|| = scale.
 */
record MlpRecipe(int dimension, int hiddenUnits, Activation activation, double[] rawInput, double[] hiddenBias,
        double[] rawOutput, double[] outputBias) implements Recipe {

    @Override
    public FeedForward build(double scale) {
        double[][] w1 = Recipe.unitNorm(rawInput, hiddenUnits, dimension);
        double[][] w2 = Recipe.scaled(Recipe.unitNorm(rawOutput, dimension, hiddenUnits), scale / activation.maxSlope());
        return FeedForward.mlp(w1, hiddenBias, activation, w2, outputBias);
    }
}
