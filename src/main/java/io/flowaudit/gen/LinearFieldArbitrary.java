package io.flowaudit.gen;

import io.flowaudit.field.family.LinearField;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Generates {@link LinearField}s {@code A x + b}: A of the drawn {@link LinearShape} scaled to the
 * drawn K, b with entries in [-1, 1] (or zero, see {@link #homogeneous()}).
 *
 * <p>Shrinks toward smaller D, K toward the lower end of its range, the shape toward
 * {@link LinearShape#IDENTITY_LIKE} and raw entries toward 0: a failure that does not need more
 * reads like {@code A = K I}, {@code b = 0} in the smallest dimension. Edge cases include the smallest
 * and largest D, K = 0 (the zero matrix) when the range allows it, and all-zero raw entries.
 */
public final class LinearFieldArbitrary extends FieldArbitraryBase<LinearField, LinearFieldArbitrary> {

    private final List<LinearShape> shapes;
    private final boolean homogeneous;

    LinearFieldArbitrary() {
        this(Common.DEFAULT, List.of(LinearShape.values()), false);
    }

    private LinearFieldArbitrary(Common common, List<LinearShape> shapes, boolean homogeneous) {
        super(common);
        this.shapes = shapes;
        this.homogeneous = homogeneous;
    }

    @Override
    LinearFieldArbitrary with(Common common) {
        return new LinearFieldArbitrary(common, shapes, homogeneous);
    }

    /** Only these shapes, shrinking toward the first. */
    public LinearFieldArbitrary shapes(LinearShape... shapes) {
        if (shapes.length == 0) {
            throw new IllegalArgumentException("at least one shape is needed");
        }
        return new LinearFieldArbitrary(common, List.of(shapes), homogeneous);
    }

    /**
     * Only non-normal, upper-triangular matrices ({@link LinearShape#NON_NORMAL}), where mu exceeds the
     * spectral abscissa; dimensions below 2 are skipped.
     */
    public LinearFieldArbitrary nonNormal() {
        return shapes(LinearShape.NON_NORMAL);
    }

    /** b = 0: the linear field {@code A x}. */
    public LinearFieldArbitrary homogeneous() {
        return new LinearFieldArbitrary(common, shapes, true);
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
    Arbitrary<LinearField> ofDimension(int dimension) {
        return Combinators.combine(Recipes.linear(dimension, shapes, homogeneous), lipschitzTargets())
                .as((recipe, k) -> certified(recipe.build(k)));
    }
}
