package io.flowaudit.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Iterator;
import java.util.Random;
import java.util.function.Predicate;
import java.util.stream.LongStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.Shrinkable;

/**
 * Perturbations of a checkpoint input: drawn exactly as the claim's own (so no try of a claim changes), shrinking by
 * size and by the tokens they move, within the claim's sizes, in a few steps where coordinate-wise shrinking of the
 * same vectors takes hundreds. Here 5 tokens of width 4 and sizes [0.01, 0.1]; jqwik examples, as its generators
 * run on its threads.
 */
class ScaledPerturbationsTest {

    private static final int WIDTH = 4;
    private static final int TOKENS = 5;
    private static final double SMALLEST = 0.01;
    private static final double LARGEST = 0.1;

    /** As a claim draws a perturbation: components in [-1, 1], normalised, times a size. */
    private static Arbitrary<double[]> drawn() {
        return Arbitraries.doubles().between(-1, 1).ofScale(3).array(double[].class).ofSize(WIDTH * TOKENS)
                .flatMap(u -> Arbitraries.doubles().between(SMALLEST, LARGEST).ofScale(6).map(size -> {
                    double norm = norm(u);
                    double[] delta = new double[u.length];
                    for (int i = 0; i < u.length; i++) {
                        delta[i] = norm == 0 ? (i == 0 ? size : 0) : u[i] / norm * size;
                    }
                    return delta;
                }));
    }

    private static Arbitrary<double[]> scaled() {
        return new ScaledPerturbations(drawn(), WIDTH, SMALLEST);
    }

    @Example
    void drawsTheSameValuesAsTheClaimFromTheSameSeed() {
        for (boolean edgeCases : new boolean[] {false, true}) {
            for (long seed = 1; seed <= 30; seed++) {
                assertArrayEquals(drawn().generator(1000, edgeCases).next(new Random(seed)).value(),
                        scaled().generator(1000, edgeCases).next(new Random(seed)).value(), "seed " + seed);
            }
        }
    }

    @Example
    void everyCandidateIsWithinTheSizesAndSmaller() {
        for (long seed = 1; seed <= 30; seed++) {
            Shrinkable<double[]> drawnValue = scaled().generator(1000, true).next(new Random(seed));
            double size = norm(drawnValue.value());
            drawnValue.shrink().forEach(candidate -> {
                double candidateSize = norm(candidate.value());
                assertTrue(candidateSize >= SMALLEST && candidateSize <= size * (1 + 1e-15),
                        "size " + candidateSize + " from " + size);
                assertTrue(candidate.distance().compareTo(drawnValue.distance()) < 0);
            });
        }
    }

    /** A failure whatever the perturbation ends at one coordinate of the smallest size, in a few steps. */
    @Example
    void anyPerturbationShrinksToOneCoordinateOfTheSmallestSize() {
        Shrunk shrunk = shrink(scaled().generator(1000, false).next(new Random(7)), delta -> true);
        assertEquals(1, nonZero(shrunk.value));
        assertEquals(SMALLEST, norm(shrunk.value), SMALLEST * 1e-9);
        assertTrue(shrunk.steps <= 3, shrunk.steps + " steps");
    }

    /**
     * A failure that needs two tokens moved (each by a twentieth of the size or more) and a size above 0.03 ends with
     * two or three tokens (halving five) and a size in (0.03, 0.05] (halfway to 0.01 from there is 0.03 or less).
     */
    @Example
    void shrinkingStopsWhereTheFailureNeedsMore() {
        Predicate<double[]> twoTokensMoved = delta -> movedTokens(delta) >= 2 && norm(delta) > 0.03;
        // the first of the seeds whose draw fails and moves every token
        Shrinkable<double[]> start = LongStream.rangeClosed(1, 50)
                .mapToObj(seed -> scaled().generator(1000, false).next(new Random(seed)))
                .filter(drawn -> twoTokensMoved.test(drawn.value()) && movedTokens(drawn.value()) == TOKENS)
                .findFirst().orElseThrow();
        Shrunk shrunk = shrink(start, twoTokensMoved);
        assertTrue(movedTokens(shrunk.value) <= 3, movedTokens(shrunk.value) + " tokens");
        assertTrue(norm(shrunk.value) > 0.03 && norm(shrunk.value) <= 0.05, "size " + norm(shrunk.value));
        assertTrue(shrunk.steps <= 30, shrunk.steps + " steps");
    }

    private static int movedTokens(double[] delta) {
        int moved = 0;
        for (int token = 0; token < TOKENS; token++) {
            moved += norm(Arrays.copyOfRange(delta, token * WIDTH, (token + 1) * WIDTH)) >= 0.05 * norm(delta) ? 1 : 0;
        }
        return moved;
    }

    private record Shrunk(double[] value, int steps) {
    }

    /** Greedy shrinking as the property runner does it: the first candidate that still fails, until none does. */
    private static Shrunk shrink(Shrinkable<double[]> failing, Predicate<double[]> fails) {
        Shrinkable<double[]> current = failing;
        int steps = 0;
        boolean improved = true;
        while (improved) {
            improved = false;
            Iterator<Shrinkable<double[]>> candidates = current.shrink().iterator();
            while (candidates.hasNext()) {
                Shrinkable<double[]> candidate = candidates.next();
                if (fails.test(candidate.value())) {
                    current = candidate;
                    steps++;
                    improved = true;
                    break;
                }
            }
        }
        return new Shrunk(current.value(), steps);
    }

    private static double norm(double[] v) {
        double sum = 0;
        for (double x : v) {
            sum += x * x;
        }
        return Math.sqrt(sum);
    }

    private static int nonZero(double[] v) {
        int count = 0;
        for (double x : v) {
            count += x != 0 ? 1 : 0;
        }
        return count;
    }
}
