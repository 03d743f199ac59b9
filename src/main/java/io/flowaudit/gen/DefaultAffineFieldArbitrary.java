package io.flowaudit.gen;

import io.flowaudit.field.family.AffineField;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** The {@link AffineFieldArbitrary} of {@link Fields}. */
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
        return Combinators.combine(Recipes.linear(dimension, shapes, homogeneous), lipschitzTargets())
                .as((recipe, k) -> certified(recipe.build(k)));
    }
}
