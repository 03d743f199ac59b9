package io.flowaudit.gen;

import io.flowaudit.field.family.LinearField;

/** Raw material of a {@link LinearField}: {@code A = scale * shape(R) / ||shape(R)||}, b = raw bias. */
record LinearRecipe(int dimension, LinearShape shape, double[] raw, double[] bias) implements Recipe {

    @Override
    public LinearField build(double scale) {
        double[][] unit = Recipe.unitNorm(shape.matrix(dimension, raw), dimension, dimension);
        return LinearField.of(Recipe.scaled(unit, scale), bias);
    }
}
