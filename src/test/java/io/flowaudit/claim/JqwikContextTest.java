package io.flowaudit.claim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.RandomGenerator;
import net.jqwik.api.arbitraries.ListArbitrary;
import org.junit.jupiter.api.Test;

/**
 * A claim's jqwik scope keeps a generator for the same arbitrary object, and only for it; scopes open, draw, shrink
 * and close side by side.
 */
class JqwikContextTest {

    private static ListArbitrary<Integer> lists() {
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
            RandomGenerator<List<Integer>> kept = JqwikContext.readingStores(() -> arbitrary.generator(20, true));
            assertSame(kept, JqwikContext.readingStores(() -> arbitrary.generator(20, true)));
            assertNotSame(kept, JqwikContext.readingStores(() -> arbitrary.generator(21, true)));
            assertNotSame(kept, JqwikContext.readingStores(() -> arbitrary.generator(20, false)));
            RandomGenerator<List<Integer>> equalArbitrarys = JqwikContext.readingStores(() -> lists().generator(20, true));
            assertNotSame(kept, equalArbitrarys);
            assertEquals(draws(equalArbitrarys), JqwikContext.readingStores(() -> draws(kept)));
            return null;
        });
    }

    /** A flatMap, whose draws and shrink candidates reach the scope's generator cache at every step. */
    private static Arbitrary<List<Integer>> nested() {
        return Arbitraries.integers().between(1, 4).flatMap(size -> lists().ofSize(size));
    }

    /** What one claim does with jqwik in its own scope: draw 30 values and walk each one's shrink candidates. */
    private static List<Object> drawAndShrink(int claim) {
        return JqwikContext.run("claim-" + claim, () -> {
            RandomGenerator<List<Integer>> generator = JqwikContext.readingStores(() -> nested().generator(20, true));
            Random random = new Random(claim);
            return IntStream.range(0, 30).mapToObj(i -> JqwikContext.readingStores(() -> {
                var drawn = generator.next(random);
                return List.of(drawn.value(), drawn.shrink().map(candidate -> candidate.value()).limit(40).toList());
            })).map(Object.class::cast).toList();
        });
    }

    @Test
    void scopesOpenedAndClosedSideBySideDrawWhatEachDrawsAlone() throws Exception {
        int claims = 64;
        List<List<Object>> alone = IntStream.range(0, claims).mapToObj(JqwikContextTest::drawAndShrink).toList();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<Object>>> sideBySide = IntStream.range(0, claims)
                    .mapToObj(claim -> pool.submit(() -> drawAndShrink(claim))).toList();
            for (int claim = 0; claim < claims; claim++) {
                assertEquals(alone.get(claim), sideBySide.get(claim).get(), "claim " + claim);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
