package io.flowaudit.meanfield;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * {@link Clustering#lowestHeight} and {@link Clustering#highestHeight} are loops in place of the stream reductions
 * the clustering and convex-hull checks used ({@code IntStream.mapToDouble(dot).min()} and {@code .max()}): the same
 * heights reduced in the same order, so the same double, bit for bit, including a signed zero and ties.
 */
class ClusteringHeightsTest {

    @Test
    void heightsAreTheStreamReductionsBitForBit() {
        Random random = new Random(20261130);
        for (int draw = 0; draw < 2000; draw++) {
            int tokens = 1 + random.nextInt(8);
            int width = 1 + random.nextInt(4);
            double[] state = new double[tokens * width];
            for (int c = 0; c < state.length; c++) {
                // a few exact zeros and repeated values among the draws: ties and signed zeros reach min and max
                state[c] = draw % 7 == 0 ? (random.nextBoolean() ? 0.0 : -0.0) : random.nextGaussian();
            }
            if (draw % 5 == 0 && tokens > 1) {
                System.arraycopy(state, 0, state, width, width);
            }
            double[] direction = Clustering.randomUnit(random, width);
            assertEquals(Double.doubleToRawLongBits(streamed(state, tokens, width, direction, true)),
                    Double.doubleToRawLongBits(Clustering.lowestHeight(state, tokens, width, direction)), "min, draw " + draw);
            assertEquals(Double.doubleToRawLongBits(streamed(state, tokens, width, direction, false)),
                    Double.doubleToRawLongBits(Clustering.highestHeight(state, tokens, width, direction)), "max, draw " + draw);
        }
    }

    /** The reductions the checks made before: a stream of the heights, min or max. */
    private static double streamed(double[] state, int tokens, int width, double[] direction, boolean lowest) {
        var heights = IntStream.range(0, tokens).mapToDouble(i -> AttentionParticles.dot(direction, 0, state, i * width, width));
        return (lowest ? heights.min() : heights.max()).getAsDouble();
    }
}
