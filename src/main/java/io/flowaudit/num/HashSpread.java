package io.flowaudit.num;

/**
 * Hash codes spread over every bit, for keys whose own hash codes differ only in a few bits (a hash table indexes by
 * the low bits, and a bucket of more than eight keys becomes a tree). Only where an entry lands changes, never which
 * keys are equal.
 */
public final class HashSpread {

    private HashSpread() {
    }

    /** MurmurHash3's 32-bit finalizer: every input bit moves about half of the output bits. */
    public static int spread(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        return h ^ (h >>> 16);
    }
}
