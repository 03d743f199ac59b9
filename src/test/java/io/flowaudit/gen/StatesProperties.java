package io.flowaudit.gen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowaudit.field.Region;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Shrinkable;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

class StatesProperties {

    @Property(tries = 100)
    void statesLieInTheBall(@ForAll @IntRange(min = 1, max = 64) int dimension,
            @ForAll @DoubleRange(min = 0, max = 10) double radius) {
        States.inBall(dimension, radius).sampleStream().limit(20).forEach(x -> {
            assertEquals(dimension, x.length);
            assertTrue(Region.ball(radius).contains(x), "norm " + Region.ball(radius).normOf(x) + " > " + radius);
        });
    }

    @Example
    void statesShrinkToTheOrigin() {
        Shrinkable<double[]> state = States.inBall(3, 2).generator(100).next(new java.util.Random(3));
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
