package io.flowaudit.gen;

import io.flowaudit.field.Activation;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/** Arbitraries of raw field material, built from jqwik primitives so that they shrink entry by entry. */
final class Recipes {

    private Recipes() {
    }

    /**
     * {@code count} raw weights in [-1, 1] (two decimals), each shrinking toward 0. The only edge case
     * is all zeros, the simplest matrix of each shape (K I, E_11, ...): combinations of per-entry edge
     * values would crowd out the edge cases that matter (D, K, mu).
     */
    static Arbitrary<double[]> weights(int count) {
        return Arbitraries.doubles().between(-1, 1).list().ofSize(count)
                .edgeCases(edgeCases -> edgeCases.filter(list -> list.stream().allMatch(w -> w == 0)))
                .map(list -> list.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /**
     * Linear recipes of dimension D. Shapes are drawn with weight 5 for {@link LinearShape#GENERAL}
     * and 1 for the others, and shrink toward the first one listed.
     */
    static Arbitrary<AffineRecipe> linear(int dimension, List<LinearShape> shapes, boolean homogeneous) {
        List<Tuple.Tuple2<Integer, LinearShape>> weighted = new ArrayList<>();
        for (LinearShape shape : shapes) {
            weighted.add(Tuple.of(shape == LinearShape.GENERAL ? 5 : 1, shape));
        }
        Arbitrary<double[]> bias = homogeneous ? Arbitraries.just(new double[dimension]) : weights(dimension);
        return Combinators.combine(Arbitraries.frequency(weighted), weights(dimension * dimension), bias)
                .as((shape, raw, b) -> new AffineRecipe(dimension, shape, raw, b));
    }

    /** MLP recipes of dimension D; the number of hidden units shrinks toward {@code minHidden}. */
    static Arbitrary<MlpRecipe> mlp(int dimension, int minHidden, int maxHidden, List<Activation> activations) {
        return Arbitraries.integers().between(minHidden, maxHidden).flatMap(hidden -> Combinators.combine(
                Arbitraries.of(activations), weights(hidden * dimension), weights(hidden),
                weights(dimension * hidden), weights(dimension))
                .as((activation, w1, b1, w2, b2) -> new MlpRecipe(dimension, hidden, activation, w1, b1, w2, b2)));
    }

    /** Either kind of component, linear first (so shrinking prefers a linear one). */
    static Arbitrary<Recipe> component(int dimension, boolean linear, boolean mlp) {
        List<Arbitrary<? extends Recipe>> kinds = new ArrayList<>();
        if (linear) {
            kinds.add(linear(dimension, List.of(LinearShape.values()), false));
        }
        if (mlp) {
            kinds.add(mlp(dimension, 1, 4, Activation.bounded()));
        }
        return Arbitraries.oneOf(kinds);
    }
}
