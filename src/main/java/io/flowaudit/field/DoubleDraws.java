package io.flowaudit.field;

import java.math.BigDecimal;
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
    /** The decimals jqwik draws at its default scale. */
    private static final int JQWIK_DEFAULT_DECIMALS = 2;
    /** Ranges beyond this many (drawn radii) get arbitraries of their own: the map stays small. */
    private static final int MOST_SHARED = 1000;

    private record Range(double min, double max, int scale) {
    }

    private static final Map<Range, DoubleArbitrary> SHARED = new ConcurrentHashMap<>();

    private DoubleDraws() {
    }

    /**
     * {@code Arbitraries.doubles().between(min, max)}, with as many decimals as the end points need where that is
     * more than jqwik's two: jqwik refuses an end it cannot represent at its scale, so a claim file's
     * {@code horizon: [0.1234, 1]} was an error verdict.
     */
    public static DoubleArbitrary between(double min, double max) {
        int needed = Math.max(decimalsOf(min), decimalsOf(max));
        return shared(new Range(min, max, needed > JQWIK_DEFAULT_DECIMALS ? needed : DEFAULT_SCALE));
    }

    /**
     * {@code Arbitraries.doubles().between(min, max).ofScale(scale)}, the scale raised to as many decimals as the end
     * points need (a {@code perturbation: [1e-7, 0.5]} at scale 6 was an error verdict).
     */
    public static DoubleArbitrary between(double min, double max, int scale) {
        return shared(new Range(min, max, Math.max(scale, Math.max(decimalsOf(min), decimalsOf(max)))));
    }

    /** The decimals of the shortest decimal that reads back as {@code value}. */
    private static int decimalsOf(double value) {
        return Math.max(0, BigDecimal.valueOf(value).stripTrailingZeros().scale());
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
