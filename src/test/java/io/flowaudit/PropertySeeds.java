package io.flowaudit;

import io.flowaudit.claim.Scheduler;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropagationMode;
import net.jqwik.api.lifecycle.PropertyAttributes;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * Gives every jqwik property of the test suite its seed, so that the gate is deterministic: registered
 * for the whole run in {@code META-INF/services/net.jqwik.api.lifecycle.LifecycleHook}.
 *
 * <ul>
 * <li>By default a property's seed is derived from the project seed ({@code -Dflowaudit.seed}, default
 * {@link Scheduler#DEFAULT_SEED}, the catalogue's seed too) and the property's name: the same commit draws
 * the same samples in every build. jqwik never replays a stored failure
 * ({@code junit-platform.properties}), so no earlier failure changes what a later build runs.</li>
 * <li>{@code -Dflowaudit.explore=true} (the {@code explore} Maven profile) draws a fresh seed per
 * property instead.</li>
 * <li>{@code -Dflowaudit.explore.tries-multiplier=M} multiplies every property's tries.</li>
 * <li>{@code -Dflowaudit.property-seed=S} runs every selected property with seed S: with {@code -Dtest}
 * and the same multiplier it replays one property's printed seed.</li>
 * </ul>
 *
 * A seed written in {@code @Property(seed = ...)} is kept. Each property prints one line with its seed
 * and tries, and a failing one prints the command that replays it. Properties without {@code @ForAll}
 * parameters (examples) draw nothing and are left alone.
 */
public final class PropertySeeds implements AroundPropertyHook {

    /** jqwik's tries for a property that does not state them ({@code jqwik.tries.default} is not set). */
    private static final int JQWIK_DEFAULT_TRIES = 1000;

    private static final boolean EXPLORE = Boolean.getBoolean("flowaudit.explore");
    private static final int TRIES_MULTIPLIER = Integer.getInteger("flowaudit.explore.tries-multiplier", 1);
    private static final long PROJECT_SEED = Long.getLong("flowaudit.seed", Scheduler.DEFAULT_SEED);
    private static final Long REPLAY_SEED = Long.getLong("flowaudit.property-seed");
    private static final SecureRandom FRESH_SEEDS = new SecureRandom();

    @Override
    public PropagationMode propagateTo() {
        return PropagationMode.ALL_DESCENDANTS;
    }

    @Override
    public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
        Method method = context.targetMethod();
        if (Arrays.stream(method.getParameters()).noneMatch(p -> p.isAnnotationPresent(ForAll.class))) {
            return property.execute();
        }
        String name = context.containerClass().getName() + "#" + method.getName();
        PropertyAttributes attributes = context.attributes();
        int tries = attributes.tries().orElse(JQWIK_DEFAULT_TRIES) * TRIES_MULTIPLIER;
        attributes.setTries(tries);
        String seed = attributes.seed().orElseGet(() -> Long.toString(seedFor(name, method)));
        attributes.setSeed(seed);
        System.out.println("jqwik seed " + seed + " tries " + tries + (EXPLORE ? " (explore) " : " ") + name);
        PropertyExecutionResult result = property.execute();
        if (result.status() == PropertyExecutionResult.Status.FAILED) {
            System.out.println("replay: mvn -B test -Dtest='" + context.containerClass().getSimpleName() + "#"
                    + method.getName() + "' -Dflowaudit.property-seed=" + seed
                    + " -Dflowaudit.explore.tries-multiplier=" + TRIES_MULTIPLIER);
        }
        return result;
    }

    private static long seedFor(String name, Method method) {
        if (REPLAY_SEED != null) {
            return REPLAY_SEED;
        }
        if (EXPLORE) {
            return FRESH_SEEDS.nextLong();
        }
        String signature = name + Arrays.stream(method.getParameters()).map(Parameter::getParameterizedType)
                .map(Object::toString).collect(Collectors.joining(",", "(", ")"));
        return mix(PROJECT_SEED * 0x9E3779B97F4A7C15L + fnv1a(signature));
    }

    /** 64-bit FNV-1a of the UTF-8 bytes: a hash that is the same on every JVM, unlike identity hashes. */
    private static long fnv1a(String text) {
        long hash = 0xCBF29CE484222325L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            hash = (hash ^ (b & 0xFF)) * 0x100000001B3L;
        }
        return hash;
    }

    /** SplitMix64's finalizer: spreads nearby inputs over the whole range of seeds. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
