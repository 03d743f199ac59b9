package io.flowaudit.model;

import io.flowaudit.field.Region;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCases;
import net.jqwik.api.ExhaustiveGenerator;
import net.jqwik.api.RandomGenerator;
import net.jqwik.api.Shrinkable;
import net.jqwik.api.ShrinkingDistance;
import org.apache.commons.math3.util.MathArrays;

/**
 * Perturbations of a checkpoint input, drawn exactly as a claim draws any perturbation (the same values from the
 * same seed), that shrink as a size times a direction over tokens instead of coordinate by coordinate. A state of 16
 * tokens of width 384 has 6144 coordinates, and a check on it takes a good fraction of a second: shrinking them one
 * at a time spent the whole shrinking budget on a counterexample found at the first try. A perturbation of size s
 * shrinks instead, in this order, to
 * <ol>
 *   <li>its largest coordinate alone, then its largest token alone, then the first or the second half of the tokens
 *       it moves — each kept at size s, so within the claim's sizes;</li>
 *   <li>size the claim's smallest (rounded up onto it), then halfway there.</li>
 * </ol>
 * Each candidate moves fewer coordinates or is smaller, so shrinking ends after a few dozen checks at most.
 */
final class ScaledPerturbations implements Arbitrary<double[]> {

    /** Sizes within this relative distance of the smallest are the smallest (it is reached by rounding). */
    private static final double AT_SMALLEST = 1e-9;

    private final Arbitrary<double[]> drawn;
    private final int width;
    private final double smallest;

    /**
     * @param drawn    the claim's perturbations
     * @param width    the coordinates per token
     * @param smallest the least size the claim draws
     */
    ScaledPerturbations(Arbitrary<double[]> drawn, int width, double smallest) {
        this.drawn = drawn;
        this.width = width;
        this.smallest = smallest;
    }

    @Override
    public RandomGenerator<double[]> generator(int genSize) {
        return drawn.generator(genSize).mapShrinkable(this::shrinkingAsScaled);
    }

    @Override
    public RandomGenerator<double[]> generator(int genSize, boolean withEmbeddedEdgeCases) {
        return drawn.generator(genSize, withEmbeddedEdgeCases).mapShrinkable(this::shrinkingAsScaled);
    }

    @Override
    public RandomGenerator<double[]> generatorWithEmbeddedEdgeCases(int genSize) {
        return drawn.generatorWithEmbeddedEdgeCases(genSize).mapShrinkable(this::shrinkingAsScaled);
    }

    @Override
    public EdgeCases<double[]> edgeCases(int maxEdgeCases) {
        List<Supplier<Shrinkable<double[]>>> edgeCases = new ArrayList<>();
        for (Supplier<Shrinkable<double[]>> edgeCase : drawn.edgeCases(maxEdgeCases).suppliers()) {
            edgeCases.add(() -> shrinkingAsScaled(edgeCase.get()));
        }
        return EdgeCases.fromSuppliers(edgeCases);
    }

    @Override
    public Optional<ExhaustiveGenerator<double[]>> exhaustive(long maxNumberOfSamples) {
        return Optional.empty();
    }

    private Shrinkable<double[]> shrinkingAsScaled(Shrinkable<double[]> drawnValue) {
        return new Scaled(drawnValue.value());
    }

    /** One perturbation and the smaller ones it shrinks to (class comment). */
    private final class Scaled implements Shrinkable<double[]> {

        private final double[] value;
        private final double size;

        Scaled(double[] value) {
            this.value = value;
            this.size = Region.euclideanNorm(value);
        }

        @Override
        public double[] value() {
            return value;
        }

        @Override
        public Stream<Shrinkable<double[]>> shrink() {
            Stream<double[]> fewer = Stream.of(largestCoordinate(), largestToken(), halfOfTokens(true),
                    halfOfTokens(false)).flatMap(Optional::stream).map(direction -> withSize(direction, size));
            Stream<double[]> smaller = size > smallest * (1 + AT_SMALLEST)
                    ? Stream.of(withSize(value, smallest), withSize(value, (size + smallest) / 2)) : Stream.empty();
            return Stream.concat(fewer, smaller).map(Scaled::new);
        }

        /** Coordinates moved first, then how far the size is above the smallest, in units of 10^-9 of it. */
        @Override
        public ShrinkingDistance distance() {
            return ShrinkingDistance.of(nonZero(value),
                    Math.max(0, Math.round((size / smallest - 1) / AT_SMALLEST)));
        }

        private Optional<double[]> largestCoordinate() {
            if (nonZero(value) < 2) {
                return Optional.empty();
            }
            int largest = 0;
            for (int i = 1; i < value.length; i++) {
                if (Math.abs(value[i]) > Math.abs(value[largest])) {
                    largest = i;
                }
            }
            double[] single = new double[value.length];
            single[largest] = value[largest];
            return Optional.of(single);
        }

        private Optional<double[]> largestToken() {
            List<Integer> moved = movedTokens();
            if (moved.size() < 2) {
                return Optional.empty();
            }
            int largest = moved.get(0);
            for (int token : moved) {
                if (tokenNorm(token) > tokenNorm(largest)) {
                    largest = token;
                }
            }
            return Optional.of(onTokens(List.of(largest)));
        }

        private Optional<double[]> halfOfTokens(boolean first) {
            List<Integer> moved = movedTokens();
            if (moved.size() < 4) {
                return Optional.empty(); // with 2 or 3 the largest token alone was tried
            }
            int half = moved.size() / 2;
            return Optional.of(onTokens(first ? moved.subList(0, half) : moved.subList(half, moved.size())));
        }

        private List<Integer> movedTokens() {
            List<Integer> moved = new ArrayList<>();
            for (int token = 0; token < value.length / width; token++) {
                if (tokenNorm(token) > 0) {
                    moved.add(token);
                }
            }
            return moved;
        }

        private double tokenNorm(int token) {
            double sum = 0;
            for (int c = token * width; c < (token + 1) * width; c++) {
                sum += value[c] * value[c];
            }
            return Math.sqrt(sum);
        }

        private double[] onTokens(List<Integer> tokens) {
            double[] kept = new double[value.length];
            for (int token : tokens) {
                System.arraycopy(value, token * width, kept, token * width, width);
            }
            return kept;
        }
    }

    /** {@code direction} scaled to norm {@code target}, rounded up onto it: never below the claim's smallest size. */
    private static double[] withSize(double[] direction, double target) {
        double factor = target / Region.euclideanNorm(direction);
        double[] scaled = MathArrays.scale(factor, direction);
        while (Region.euclideanNorm(scaled) < target) {
            factor = Math.nextUp(factor);
            scaled = MathArrays.scale(factor, direction);
        }
        return scaled;
    }

    private static int nonZero(double[] v) {
        int count = 0;
        for (double x : v) {
            if (x != 0) {
                count++;
            }
        }
        return count;
    }
}
