package io.flowaudit.gen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.flowaudit.field.DoubleDraws;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.Shrinkable;

/** A flatMap whose inner arbitraries are made once per key draws and shrinks exactly as one that makes them anew. */
class MemoizedTest {

    @Example
    void makesEachKeysArbitraryOnce() {
        Memoized<Integer> memo = new Memoized<>();
        AtomicInteger made = new AtomicInteger();
        Arbitrary<Integer> first = memo.get(3, () -> {
            made.incrementAndGet();
            return Arbitraries.just(3);
        });
        assertSame(first, memo.get(3, () -> Arbitraries.just(-1)));
        memo.get(4, () -> {
            made.incrementAndGet();
            return Arbitraries.just(4);
        });
        assertEquals(2, made.get());
    }

    /** Lists whose length, then elements and a scale, are drawn: a flatMap like the field families'. */
    private static Arbitrary<List<Double>> lists(boolean memoized) {
        Memoized<List<Double>> byLength = new Memoized<>();
        return Arbitraries.integers().between(1, 6).flatMap(length -> memoized
                ? byLength.get(length, () -> ofLength(length)) : ofLength(length));
    }

    private static Arbitrary<List<Double>> ofLength(int length) {
        return DoubleDraws.between(-1, 1, 3).list().ofSize(length).flatMap(values -> DoubleDraws.between(0.5, 2)
                .map(scale -> values.stream().map(v -> v * scale).toList()));
    }

    /** The drawn value and the value of every candidate on the greedy path to the smallest list whose sum is > 0.1. */
    private static List<List<Double>> drawAndShrink(Arbitrary<List<Double>> arbitrary, long seed) {
        Shrinkable<List<Double>> current = arbitrary.generator(200, true).next(new Random(seed));
        List<List<Double>> seen = new ArrayList<>(List.of(current.value()));
        if (!(sum(current.value()) > 0.1)) {
            return seen;
        }
        while (true) {
            Optional<Shrinkable<List<Double>>> smaller = current.shrink().peek(candidate -> seen.add(candidate.value()))
                    .filter(candidate -> sum(candidate.value()) > 0.1).findFirst();
            if (smaller.isEmpty()) {
                return seen;
            }
            current = smaller.get();
        }
    }

    private static double sum(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).sum();
    }

    @Example
    void drawsAndShrinksAsWithoutIt() {
        int shrunk = 0;
        for (long seed = 0; seed < 40; seed++) {
            List<List<Double>> plain = drawAndShrink(lists(false), seed);
            assertEquals(plain, drawAndShrink(lists(true), seed), "seed " + seed);
            shrunk += plain.size() > 1 ? 1 : 0;
        }
        assertEquals(true, shrunk >= 10, "the seeds must exercise shrinking, " + shrunk + " of 40 did");
    }
}
