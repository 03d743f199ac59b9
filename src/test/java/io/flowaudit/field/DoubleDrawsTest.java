package io.flowaudit.field;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.RandomGenerator;
import net.jqwik.api.Shrinkable;

/** A shared {@link DoubleDraws} arbitrary draws and shrinks exactly as a new one of the same range and scale. */
class DoubleDrawsTest {

    private static void assertSameDraws(Arbitrary<Double> expected, Arbitrary<Double> actual) {
        RandomGenerator<Double> expectedGenerator = expected.generator(1000, true);
        RandomGenerator<Double> actualGenerator = actual.generator(1000, true);
        for (long seed = 0; seed < 500; seed++) {
            Shrinkable<Double> want = expectedGenerator.next(new Random(seed));
            Shrinkable<Double> got = actualGenerator.next(new Random(seed));
            assertEquals(want.value(), got.value(), "seed " + seed);
            // the first shrink candidates too: shrinking replays the same draws
            assertEquals(want.shrink().limit(5).map(Shrinkable::value).toList(),
                    got.shrink().limit(5).map(Shrinkable::value).toList(), "shrinking, seed " + seed);
        }
    }

    @Example
    void aSharedArbitraryDrawsWhatANewOneDraws() {
        assertSame(DoubleDraws.between(-1, 1, 3), DoubleDraws.between(-1, 1, 3));
        assertSameDraws(Arbitraries.doubles().between(-1, 1).ofScale(3), DoubleDraws.between(-1, 1, 3));
        assertSameDraws(Arbitraries.doubles().between(0.25, 4), DoubleDraws.between(0.25, 4));
    }

    /** Wrapping (list, map) leaves the shared arbitrary as it was, and other ranges get their own. */
    @Example
    void wrappingOrAnotherRangeLeavesASharedArbitraryUnchanged() {
        DoubleDraws.between(-2, 2, 1).list().ofSize(3).map(list -> list.get(0)).generator(10).next(new Random(1));
        DoubleDraws.between(-3, 5, 1);
        assertSameDraws(Arbitraries.doubles().between(-2, 2).ofScale(1), DoubleDraws.between(-2, 2, 1));
    }
}
