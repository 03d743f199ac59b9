package io.flowaudit.claim;

import java.util.AbstractMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
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
 * <p>The scope's generator cache stays empty. jqwik memoizes every generator it makes, in a 500-entry map
 * keyed by the arbitrary, and the arbitraries a flatMap makes per draw and per shrink candidate (a combination
 * of the same parts around another start) share one hash code: each lookup compared its key with hundreds of
 * entries, reflectively through the captured lambdas, and missed. That was a seventh of the audit's CPU; a
 * generator is a pure function of its arbitrary, so making it afresh draws the same values.
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
                locked(() -> Store.create(MEMOIZED_GENERATORS, Lifespan.PROPERTY, NothingKept::new));
                return action.get();
            });
        } finally {
            locked(() -> {
                StoreRepository.getCurrent().finishScope(scope);
                return null;
            });
        }
    }

    /** The identifier of jqwik's generator cache in a scope's stores. */
    private static final Class<?> MEMOIZED_GENERATORS = net.jqwik.engine.facades.Memoize.class;

    /** A map that keeps nothing: every lookup misses, and what is put is dropped. */
    private static final class NothingKept<K, V> extends AbstractMap<K, V> {

        @Override
        public V put(K key, V value) {
            return null;
        }

        @Override
        public Set<Map.Entry<K, V>> entrySet() {
            return Set.of();
        }
    }

    /**
     * Runs {@code action}, which may reach jqwik's stores (drawing, shrinking, a shrinkable's value), alone:
     * the store repository is one unsynchronized map shared by every scope, and claims run side by side.
     */
    static synchronized <T> T locked(Supplier<T> action) {
        return action.get();
    }
}
