package io.flowaudit.claim;

import io.flowaudit.num.HashSpread;

/**
 * A layer time as a hash key: equal exactly when the times are equal (the time's own {@code equals}), hashed by its
 * own hash code spread over every bit. The double reference's times ({@code Decimal64}, hashed as a double's two
 * halves xor-ed) of a dyadic horizon such as T = 1 differ only in a few high bits, which a hash table's low index
 * bits do not see: the ladder's 1 025 times fell into a few dozen buckets, each a tree (a tenth of a leading-term
 * try went to building and searching them). Only where an entry lands changes, never which entries are equal.
 */
record TimeKey<T>(T time) {

    @Override
    public int hashCode() {
        return HashSpread.spread(time.hashCode());
    }
}
