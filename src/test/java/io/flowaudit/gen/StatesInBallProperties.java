package io.flowaudit.gen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowaudit.field.Region;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Shrinkable;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/** The states Fields.statesInBall draws: in the ball, of the asked dimension, shrinking to the origin. */
class StatesInBallProperties {

    @Property(tries = 100)
    void statesLieInTheBall(@ForAll @IntRange(min = 1, max = 64) int dimension,
            @ForAll @DoubleRange(min = 0, max = 10) double radius) {
        Fields.statesInBall(dimension, radius).sampleStream().limit(20).forEach(x -> {
            assertEquals(dimension, x.length);
            assertTrue(Region.ball(radius).contains(x), "norm " + Region.ball(radius).normOf(x) + " > " + radius);
        });
    }

    /**
     * A radius whose states' |x| could overflow is refused: until 2026-11-30 inBall(3, 1e300) pulled every state
     * whose squared entries overflowed back by radius / infinity = 0, so most draws were silently the origin.
     */
    @Example
    void refusesARadiusWhoseNormsOverflow() {
        assertThrows(IllegalArgumentException.class, () -> Fields.statesInBall(3, 1e300));
        assertThrows(IllegalArgumentException.class, () -> Fields.statesInBall(1, 1e160));
        double largest = io.flowaudit.field.InitialStates.MAX_BALL_RADIUS;
        Fields.statesInBall(64, largest).sampleStream().limit(50).forEach(x ->
                assertTrue(Region.ball(largest).contains(x) && Double.isFinite(Region.ball(largest).normOf(x))));
    }

    @Example
    void statesShrinkToTheOrigin() {
        Shrinkable<double[]> state = Fields.statesInBall(3, 2).generator(100).next(new java.util.Random(3));
        while (true) {
            var next = state.shrink().findFirst();
            if (next.isEmpty()) {
                break;
            }
            state = next.get();
        }
        assertArrayEquals(new double[3], state.value());
    }
}
