package io.flowaudit.field;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.arbitraries.DoubleArbitrary;

/**
 * jqwik's double arbitraries, one per range and scale. {@code Arbitraries.doubles()} costs microseconds (it turns
 * ±Double.MAX_VALUE into BigDecimals through their decimal strings), and the generators ask for their ranges at every
 * draw and, through jqwik's flatMaps, at every shrink candidate again: a few percent of the audit's CPU. What an
 * arbitrary draws depends only on its range and scale, so a shared one draws what a new one would. Wrap what these
 * return (list, array, map, flatMap), never configure it (between, ofScale, ...): jqwik copies an arbitrary
 * shallowly before configuring the copy, which would change the shared one.
 */
public final class DoubleDraws {

    /** jqwik's default scale: {@code between} without {@code ofScale}. */
    private static final int DEFAULT_SCALE = -1;
    /** Ranges beyond this many (drawn radii) get arbitraries of their own: the map stays small. */
    private static final int MOST_SHARED = 1000;

    private record Range(double min, double max, int scale) {
    }

    private static final Map<Range, DoubleArbitrary> SHARED = new ConcurrentHashMap<>();

    private DoubleDraws() {
    }

    /** {@code Arbitraries.doubles().between(min, max)}. */
    public static DoubleArbitrary between(double min, double max) {
        return shared(new Range(min, max, DEFAULT_SCALE));
    }

    /** {@code Arbitraries.doubles().between(min, max).ofScale(scale)}. */
    public static DoubleArbitrary between(double min, double max, int scale) {
        return shared(new Range(min, max, scale));
    }

    private static DoubleArbitrary shared(Range range) {
        DoubleArbitrary known = SHARED.get(range);
        if (known != null) {
            return known;
        }
        DoubleArbitrary made = Arbitraries.doubles().between(range.min(), range.max());
        if (range.scale() != DEFAULT_SCALE) {
            made = made.ofScale(range.scale());
        }
        if (SHARED.size() < MOST_SHARED) {
            SHARED.putIfAbsent(range, made);
        }
        return made;
    }
}
