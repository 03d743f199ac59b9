package io.flowaudit.claim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.RandomGenerator;
import org.junit.jupiter.api.Test;

/** A claim's jqwik scope keeps a generator for the same arbitrary object, and only for it. */
class JqwikContextTest {

    private static Arbitrary<List<Integer>> lists() {
        return Arbitraries.integers().between(-5, 5).list().ofMaxSize(4);
    }

    private static List<List<Integer>> draws(RandomGenerator<List<Integer>> generator) {
        Random random = new Random(11);
        return IntStream.range(0, 50).mapToObj(i -> generator.next(random).value()).toList();
    }

    @Test
    void theSameArbitraryGetsItsGeneratorBackAndAnEqualOneItsOwn() {
        JqwikContext.run("scope-test", () -> {
            Arbitrary<List<Integer>> arbitrary = lists();
            RandomGenerator<List<Integer>> kept = JqwikContext.locked(() -> arbitrary.generator(20, true));
            assertSame(kept, JqwikContext.locked(() -> arbitrary.generator(20, true)));
            assertNotSame(kept, JqwikContext.locked(() -> arbitrary.generator(21, true)));
            assertNotSame(kept, JqwikContext.locked(() -> arbitrary.generator(20, false)));
            RandomGenerator<List<Integer>> equalArbitrarys = JqwikContext.locked(() -> lists().generator(20, true));
            assertNotSame(kept, equalArbitrarys);
            assertEquals(draws(equalArbitrarys), JqwikContext.locked(() -> draws(kept)));
            return null;
        });
    }
}
