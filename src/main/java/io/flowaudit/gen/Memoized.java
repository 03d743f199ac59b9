package io.flowaudit.gen;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import net.jqwik.api.Arbitrary;

/**
 * The inner arbitraries of one flatMap, each made once per key. jqwik's flatMap asks its function again for every
 * shrink candidate (and every value of one) and builds the generator of what it returns, edge cases and all, each
 * time: more CPU than most checks. Given the same arbitrary object again, a claim's jqwik scope hands back the
 * generator it built ({@code claim.JqwikContext}). The key must hold everything the inner arbitrary depends on, so
 * the one made first is the one a new call would make.
 */
final class Memoized<T> {

    private final Map<Object, Arbitrary<T>> made = new ConcurrentHashMap<>();

    Arbitrary<T> get(Object key, Supplier<Arbitrary<T>> make) {
        return made.computeIfAbsent(key, ignored -> make.get());
    }
}
