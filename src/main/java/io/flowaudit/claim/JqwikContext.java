package io.flowaudit.claim;

import java.util.AbstractMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.Lifespan;
import net.jqwik.api.lifecycle.Store;
import net.jqwik.engine.execution.lifecycle.CurrentTestDescriptor;
import net.jqwik.engine.execution.lifecycle.StoreRepository;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.EngineDescriptor;

/**
 * jqwik's combinators (flatMap, lists, edge cases) memoize generators in a store scoped to the test
 * descriptor jqwik is running; outside a jqwik property — the command line, or a JUnit Jupiter dynamic
 * test per claim file — there is none, and generation fails. This gives each claim a scope of its own,
 * exactly as jqwik's engine does around a property, and frees its stores afterwards. It uses three classes
 * of jqwik's engine (1.9.x): the version is pinned in the pom.
 *
 * <p>The scope's generator cache is keyed by the arbitrary object itself, not by its equality as jqwik's own is. jqwik
 * memoizes every generator it makes, in a 500-entry map keyed by the arbitrary, and the arbitraries a flatMap makes
 * per draw and per shrink candidate (a combination of the same parts around another start) share one hash code:
 * each lookup compared its key with hundreds of entries, reflectively through the captured lambdas, and missed. That
 * was a seventh of the audit's CPU. By identity a lookup costs a hash; it finds the generators of shared arbitraries
 * ({@code DoubleDraws}) and of the flatMaps' inner ones that {@code gen.Memoized} makes once per key. A generator is a
 * pure function of its arbitrary (jqwik asks {@code isGeneratorMemoizable} before it memoizes), so a kept one draws
 * what a new one would.
 */
final class JqwikContext {

    private JqwikContext() {
    }

    /** Scopes of claims running side by side differ even when their ids do. */
    private static final AtomicLong SCOPES = new AtomicLong();

    static <T> T run(String claimId, Supplier<T> action) {
        EngineDescriptor scope = new EngineDescriptor(UniqueId.forEngine("flowaudit").append("claim", claimId)
                .append("scope", Long.toString(SCOPES.incrementAndGet())), "flowaudit claim " + claimId);
        try {
            return CurrentTestDescriptor.runWithDescriptor(scope, () -> {
                alone(() -> Store.create(MEMOIZED_GENERATORS, Lifespan.PROPERTY, SameArbitraryOnly::new));
                return action.get();
            });
        } finally {
            alone(() -> StoreRepository.getCurrent().finishScope(scope));
        }
    }

    /** The identifier of jqwik's generator cache in a scope's stores. */
    private static final Class<?> MEMOIZED_GENERATORS = net.jqwik.engine.facades.Memoize.class;

    /**
     * jqwik's generator cache, keyed by the arbitrary itself (identity) with the generator size and the edge-case
     * flag, the most recent {@link #KEPT} kept. jqwik keys it by the arbitrary's equality (slow, and a miss for the
     * flatMaps' arbitraries); the same object is asked again when an arbitrary is shared ({@code DoubleDraws}) or a
     * part of one that is.
     */
    private static final class SameArbitraryOnly<V>
            extends AbstractMap<Tuple.Tuple3<Arbitrary<?>, Integer, Boolean>, V> {

        private static final int KEPT = 500;

        private record Key(Arbitrary<?> arbitrary, int generatorSize, boolean edgeCases) {

            @Override
            public boolean equals(Object other) {
                return other instanceof Key key && key.arbitrary == arbitrary && key.generatorSize == generatorSize
                        && key.edgeCases == edgeCases;
            }

            @Override
            public int hashCode() {
                return (System.identityHashCode(arbitrary) * 31 + generatorSize) * 2 + (edgeCases ? 1 : 0);
            }
        }

        private final Map<Key, V> kept = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, V> eldest) {
                return size() > KEPT;
            }
        };

        private static Key key(Object tuple) {
            Tuple.Tuple3<?, ?, ?> parts = (Tuple.Tuple3<?, ?, ?>) tuple;
            return new Key((Arbitrary<?>) parts.get1(), (Integer) parts.get2(), (Boolean) parts.get3());
        }

        @Override
        public V get(Object tuple) {
            return kept.get(key(tuple));
        }

        @Override
        public V put(Tuple.Tuple3<Arbitrary<?>, Integer, Boolean> tuple, V generator) {
            return kept.put(key(tuple), generator);
        }

        @Override
        public Set<Map.Entry<Tuple.Tuple3<Arbitrary<?>, Integer, Boolean>, V>> entrySet() {
            throw new UnsupportedOperationException("jqwik only gets and puts generators");
        }
    }

    /**
     * jqwik's store repository is one unsynchronized map shared by every scope, and claims run side by side. Only
     * opening and closing a scope change it (a claim's generator cache is created with its scope, so drawing finds
     * it and never creates a store): those run alone, and everything else that may reach the stores reads them
     * side by side with other claims.
     */
    private static final ReadWriteLock STORES = new ReentrantReadWriteLock();

    /** Runs {@code action}, which may read jqwik's stores (drawing, shrinking, a shrinkable's value). */
    static <T> T readingStores(Supplier<T> action) {
        STORES.readLock().lock();
        try {
            return action.get();
        } finally {
            STORES.readLock().unlock();
        }
    }

    private static void alone(Runnable change) {
        STORES.writeLock().lock();
        try {
            change.run();
        } finally {
            STORES.writeLock().unlock();
        }
    }
}
