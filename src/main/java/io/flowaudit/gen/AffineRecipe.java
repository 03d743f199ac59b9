package io.flowaudit.gen;

import io.flowaudit.field.family.AffineField;

/** Raw material of a {@link AffineField}: {@code A = scale * shape(R) / ||shape(R)||}, b = raw bias. */
record AffineRecipe(int dimension, LinearShape shape, double[] raw, double[] bias) implements Recipe {

    @Override
    public AffineField build(double scale) {
        double[][] unit = Recipe.unitNorm(shape.matrix(dimension, raw), dimension, dimension);
        return AffineField.of(Recipe.scaled(unit, scale), bias);
    }
}
