package io.flowaudit.num;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.apache.commons.math3.special.Erf;
import org.junit.jupiter.api.Test;

/**
 * {@link Scalars#erf(double)} is commons-math3's {@link Erf#erf} to the bit (tolerance 0: it promises the same
 * operations in the same order, so the checkpoint claims' numbers do not move), on both of its paths (the series
 * below x² = 1.5, the continued fraction above), at their seam, at the cut-off |x| = 40, and on special values.
 */
class ErfTest {

    private static void assertSameBits(double x) {
        assertEquals(Double.doubleToRawLongBits(Erf.erf(x)), Double.doubleToRawLongBits(Scalars.erf(x)),
                () -> "erf(" + x + "): commons-math3 " + Erf.erf(x) + ", Scalars " + Scalars.erf(x));
    }

    @Test
    void aGridOverTheRangeWhereErfIsNotYetOne() {
        for (int i = -60_000; i <= 60_000; i++) {
            assertSameBits(i * 1e-4);
        }
    }

    /** GELU's arguments z / √2 of a layer's pre-activations, of every scale, and doubles of any exponent. */
    @Test
    void randomArguments() {
        Random random = new Random(20261129);
        for (int i = 0; i < 60_000; i++) {
            assertSameBits(random.nextGaussian() * Math.pow(10, random.nextInt(5) - 2));
            assertSameBits(Double.longBitsToDouble(random.nextLong()));
        }
    }

    @Test
    void seamsCutOffAndSpecialValues() {
        double seam = Math.sqrt(1.5);
        for (double x : new double[] {seam, Math.nextDown(seam), Math.nextUp(seam), 40, Math.nextUp(40.0), 39.999,
                0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL, 1e-300, 5.9,
                Double.MAX_VALUE, -Double.MAX_VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN}) {
            assertSameBits(x);
            assertSameBits(-x);
        }
    }
}
