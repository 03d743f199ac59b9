package io.flowaudit.claim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.apache.commons.math3.util.Decimal64;
import org.junit.jupiter.api.Test;

/** {@link TimeKey}: the times' own equality, their hashes spread over a table's low bits. */
class TimeKeyTest {

    @Test
    void keysAreEqualExactlyWhenTheTimesAre() {
        Decimal64 horizon = new Decimal64(0.75);
        // t_l at L = 64 is t_2l at L = 128: the same double, so the same key
        assertEquals(new TimeKey<>(horizon.multiply(3).divide(64)), new TimeKey<>(horizon.multiply(6).divide(128)));
        assertEquals(new TimeKey<>(horizon.multiply(3).divide(64)).hashCode(),
                new TimeKey<>(horizon.multiply(6).divide(128)).hashCode());
        assertNotEquals(new TimeKey<>(horizon.multiply(3).divide(64)), new TimeKey<>(horizon.multiply(4).divide(64)));
    }

    /**
     * The ladder's 1 025 times l/1024 of T = 1 in double: their own hash codes fill few of a 2048-entry table's
     * buckets (the HashMap's index, after its own spreading, is the low 11 bits), the keys' fill most.
     */
    @Test
    void aDyadicLaddersTimesSpreadOverTheBuckets() {
        Set<Integer> ownBuckets = new HashSet<>();
        Set<Integer> keyBuckets = new HashSet<>();
        for (int l = 0; l <= 1024; l++) {
            Decimal64 time = new Decimal64(1).multiply(l).divide(1024);
            ownBuckets.add(bucket(time.hashCode()));
            keyBuckets.add(bucket(new TimeKey<>(time).hashCode()));
        }
        assertTrue(ownBuckets.size() < 200, "own hashes in " + ownBuckets.size() + " buckets");
        assertTrue(keyBuckets.size() > 600, "keys in " + keyBuckets.size() + " buckets");
    }

    /** HashMap's bucket in a table of 2048: its hash xor its upper half, low 11 bits. */
    private static int bucket(int hash) {
        return (hash ^ (hash >>> 16)) & 2047;
    }
}
