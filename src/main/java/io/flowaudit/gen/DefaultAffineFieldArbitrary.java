package io.flowaudit.gen;

import io.flowaudit.field.family.AffineField;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * The {@link AffineFieldArbitrary} of {@link Fields}: its settings, the raw material it draws
 * ({@link AffineRecipe}) and the rule that scales it to the drawn K.
 */
final class DefaultAffineFieldArbitrary extends FieldArbitraryBase<AffineField, AffineFieldArbitrary>
        implements AffineFieldArbitrary {

    private final List<LinearShape> shapes;
    private final boolean homogeneous;

    DefaultAffineFieldArbitrary() {
        this(Common.DEFAULT, List.of(LinearShape.values()), false);
    }

    private DefaultAffineFieldArbitrary(Common common, List<LinearShape> shapes, boolean homogeneous) {
        super(common);
        this.shapes = shapes;
        this.homogeneous = homogeneous;
    }

    @Override
    AffineFieldArbitrary with(Common common) {
        return new DefaultAffineFieldArbitrary(common, shapes, homogeneous);
    }

    @Override
    public AffineFieldArbitrary shapes(LinearShape... shapes) {
        if (shapes.length == 0) {
            throw new IllegalArgumentException("at least one shape is needed");
        }
        return new DefaultAffineFieldArbitrary(common, List.of(shapes), homogeneous);
    }

    @Override
    public AffineFieldArbitrary nonNormal() {
        return shapes(LinearShape.NON_NORMAL);
    }

    @Override
    public AffineFieldArbitrary homogeneous() {
        return new DefaultAffineFieldArbitrary(common, shapes, true);
    }

    @Override
    Arbitrary<Integer> dimensions() {
        if (!shapes.equals(List.of(LinearShape.NON_NORMAL))) {
            return super.dimensions();
        }
        if (common.maxDimension() < 2) {
            throw new IllegalArgumentException("non-normal matrices need dimension >= 2, but the maximum is "
                    + common.maxDimension());
        }
        return Arbitraries.integers().between(Math.max(2, common.minDimension()), common.maxDimension());
    }

    @Override
    Arbitrary<AffineField> ofDimension(int dimension) {
        return Combinators.combine(lipschitzTargets(), recipes(dimension, shapes, homogeneous))
                .as((k, recipe) -> certified(recipe.build(k)));
    }

    /**
     * Affine recipes of dimension D. Shapes are drawn with weight 5 for {@link LinearShape#GENERAL}
     * and 1 for the others, and shrink toward the first one listed.
     */
    static Arbitrary<AffineRecipe> recipes(int dimension, List<LinearShape> shapes, boolean homogeneous) {
        List<Tuple.Tuple2<Integer, LinearShape>> weighted = new ArrayList<>();
        for (LinearShape shape : shapes) {
            weighted.add(Tuple.of(shape == LinearShape.GENERAL ? 5 : 1, shape));
        }
        Arbitrary<double[]> bias = homogeneous ? Arbitraries.just(new double[dimension]) : Recipe.weights(dimension);
        return Combinators.combine(Arbitraries.frequency(weighted), Recipe.weights(dimension * dimension), bias)
                .as((shape, raw, b) -> new AffineRecipe(dimension, shape, raw, b));
    }

    /** Raw material of an {@link AffineField}: {@code A = scale * shape(R) / ||shape(R)||}, b = raw bias. */
    record AffineRecipe(int dimension, LinearShape shape, double[] raw, double[] bias) implements Recipe {

        @Override
        public AffineField build(double scale) {
            double[][] unit = Recipe.unitNorm(shape.matrix(dimension, raw), dimension, dimension);
            return AffineField.of(Recipe.scaled(unit, scale), bias);
        }
    }
}
