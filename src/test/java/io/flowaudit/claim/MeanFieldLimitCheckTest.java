package io.flowaudit.claim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The mean-field limit's rate interval (docs/theory.md, "The mean-field limit, measured") on synthetic squared
 * distances of a known rate: each draw a sum of six squared Gaussians (the d + d^2 moments of d = 2) over n^{2 rate},
 * the law of the check's distances at large n. Seeded, so every assertion is reproducible.
 */
class MeanFieldLimitCheckTest {

    private static final int[] COUNTS = {4, 8, 16, 32};

    private static double[][] draws(double rate, int repetitions, Random random) {
        double[][] squared = new double[COUNTS.length][repetitions];
        for (int rung = 0; rung < COUNTS.length; rung++) {
            for (int k = 0; k < repetitions; k++) {
                double sum = 0;
                for (int c = 0; c < 6; c++) {
                    double g = random.nextGaussian();
                    sum += g * g;
                }
                squared[rung][k] = sum / Math.pow(COUNTS[rung], 2 * rate);
            }
        }
        return squared;
    }

    /** Draws that differ only by the factor n^{-1}: every batch fits rate 1/2 exactly, the interval has width 0. */
    @Test
    void anExactRateGivesThatRateWithZeroWidth() {
        double[][] squared = new double[COUNTS.length][12];
        for (int rung = 0; rung < COUNTS.length; rung++) {
            for (int k = 0; k < 12; k++) {
                squared[rung][k] = (1 + k) / (double) COUNTS[rung];
            }
        }
        MeanFieldLimitCheck.RateInterval interval = new MeanFieldLimitCheck(COUNTS, 12, 0.5, 0.99).rateInterval(squared);
        assertEquals(0.5, interval.mean(), 1e-12);
        assertEquals(0, interval.halfWidth(), 1e-12);
    }

    /**
     * Coverage: over 400 synthetic datasets of rate 1/2 the 90 % interval holds 1/2 in 360 ± 3 binomial standard
     * deviations (6) of them; a wrong construction (a z quantile with batch size ignored, or the standard deviation
     * of the rates unscaled by sqrt(B)) misses this by far.
     */
    @Test
    void theIntervalCoversTheTrueRateAtItsConfidence() {
        Random random = new Random(17);
        MeanFieldLimitCheck check = new MeanFieldLimitCheck(COUNTS, 48, 0.5, 0.9);
        int covered = 0;
        for (int dataset = 0; dataset < 400; dataset++) {
            MeanFieldLimitCheck.RateInterval interval = check.rateInterval(draws(0.5, 48, random));
            if (Math.abs(interval.mean() - 0.5) <= interval.halfWidth()) {
                covered++;
            }
        }
        assertTrue(Math.abs(covered - 360) <= 18, covered + " of 400 covered");
    }

    /** The default design (192 draws, 99.99 %) keeps 1/2 inside and puts 0.6 outside, at rate 1/2 exactly. */
    @Test
    void theDefaultDesignTellsOneHalfFromZeroPointSix() {
        Random random = new Random(5);
        for (int dataset = 0; dataset < 20; dataset++) {
            MeanFieldLimitCheck.RateInterval interval = new MeanFieldLimitCheck(COUNTS, 192, 0.5, 0.9999)
                    .rateInterval(draws(0.5, 192, random));
            assertTrue(Math.abs(interval.mean() - 0.5) <= interval.halfWidth(), interval.toString());
            assertTrue(Math.abs(interval.mean() - 0.6) > interval.halfWidth(), interval.toString());
        }
    }
}
