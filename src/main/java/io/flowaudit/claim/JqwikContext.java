package io.flowaudit.claim;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import net.jqwik.engine.execution.lifecycle.CurrentTestDescriptor;
import net.jqwik.engine.execution.lifecycle.StoreRepository;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.EngineDescriptor;

/**
 * jqwik's combinators (flatMap, lists, edge cases) memoize generators in a store scoped to the test
 * descriptor jqwik is running; outside a jqwik property — the command line, or a JUnit Jupiter dynamic
 * test per claim file — there is none, and generation fails. This gives each claim a scope of its own,
 * exactly as jqwik's engine does around a property, and frees its stores afterwards. It uses two classes
 * of jqwik's engine (1.9.x): the version is pinned in the pom.
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
            return CurrentTestDescriptor.runWithDescriptor(scope, action);
        } finally {
            locked(() -> {
                StoreRepository.getCurrent().finishScope(scope);
                return null;
            });
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
