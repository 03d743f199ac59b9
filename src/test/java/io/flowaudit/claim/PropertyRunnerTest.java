package io.flowaudit.claim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The runner's seeds: every try replays on its own (the runs themselves are in AuditDeterminismTest). */
class PropertyRunnerTest {

    /** Try i depends on the claim's seed and i alone: neighbouring tries and seeds get unrelated streams. */
    @Test
    void trySeedsAreDistinct() {
        Set<Long> seen = new HashSet<>();
        for (long seed = 0; seed < 10; seed++) {
            for (int i = 1; i <= 1000; i++) {
                seen.add(PropertyRunner.trySeed(seed, i));
            }
        }
        assertEquals(10_000, seen.size());
    }
}
