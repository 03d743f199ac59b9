package io.flowaudit.num;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Random;
import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.junit.jupiter.api.Test;

/**
 * {@link Scalars#erf(double)} against erf of the double argument exactly, summed at 80 digits: within {@link #ULPS}
 * units in the last place of the true value on a grid over [-6, 6], on GELU's arguments of every scale and at the
 * seams of the approximation's pieces; exactly ±1 beyond (erfc(5.93) is below half an ulp of 1). commons-math3's
 * erf, used before, erred by up to 19 ulps near 0 (measured against mpmath) and fails this bound.
 */
class ErfTest {

    /** Boost's double erf: measured at most 1.85 ulps over 2·10^5 arguments against mpmath at 40 digits. */
    private static final double ULPS = 2;
    private static final MathContext WORKING = new MathContext(80);
    private static final BigDecimal TWO_OVER_ROOT_PI = new BigDecimal(2).divide(
            new BigDecimal(ApfloatMath.sqrt(ApfloatMath.pi(90)).toString(false)), WORKING);

    /**
     * erf(x) = 2/√π Σ (-1)^n x^(2n+1) / (n! (2n+1)), to some 60 digits for |x| <= 6: the terms grow to about
     * e^(x²) < 10^16 before they fall, so 80 digits leave 64 after the cancellation.
     */
    static BigDecimal seriesErf(double x) {
        BigDecimal value = new BigDecimal(x);
        BigDecimal minusSquare = value.multiply(value).negate();
        BigDecimal term = value;
        BigDecimal sum = value;
        BigDecimal negligible = new BigDecimal("1e-75");
        for (int n = 1; n < 20 || term.abs().compareTo(negligible) > 0; n++) {
            term = term.multiply(minusSquare, WORKING).divide(new BigDecimal(n), WORKING);
            sum = sum.add(term.divide(new BigDecimal(2 * n + 1), WORKING), WORKING);
        }
        return sum.multiply(TWO_OVER_ROOT_PI, WORKING);
    }

    private static void assertWithinUlps(double x) {
        BigDecimal exact = seriesErf(x);
        double computed = Scalars.erf(x);
        double ulps = new BigDecimal(computed).subtract(exact).abs().doubleValue() / Math.ulp(exact.doubleValue());
        assertTrue(ulps <= ULPS, () -> "erf(" + x + "): " + computed + ", exact " + exact.round(new MathContext(25))
                + ", " + ulps + " ulps off");
    }

    /** The oracle itself, against apfloat's erf at 40 digits on a few arguments (apfloat's takes 40 ms a call). */
    @Test
    void theSeriesAgreesWithApfloat() {
        for (double x : new double[] {-5.99, -0.019, 1e-7, 0.5144, 3.75}) {
            BigDecimal apfloat = new BigDecimal(ApfloatMath.erf(new Apfloat(new BigDecimal(x), 40)).toString(false));
            assertTrue(seriesErf(x).subtract(apfloat).abs().compareTo(new BigDecimal("1e-38")) <= 0,
                    () -> "erf(" + x + "): series " + seriesErf(x) + ", apfloat " + apfloat);
        }
    }

    @Test
    void aGridOverTheRangeWhereErfIsNotYetOne() {
        for (int i = -600; i <= 600; i++) {
            assertWithinUlps(i * 1e-2);
        }
    }

    /** GELU's arguments z / √2 of a layer's pre-activations, of every scale. */
    @Test
    void randomArguments() {
        Random random = new Random(20261130);
        for (int i = 0; i < 1_000; i++) {
            double x = random.nextGaussian() * Math.pow(10, random.nextInt(6) - 4);
            if (Math.abs(x) <= 6) {
                assertWithinUlps(x);
            }
        }
    }

    /** Boost's pieces meet at 0.5, 0.75, 1.25, 2.25, 3.5 and 5.25; tiny arguments take erf's slope 2/√π. */
    @Test
    void seamsAndTinyArguments() {
        for (double seam : new double[] {0.5, 0.75, 1.25, 2.25, 3.5, 5.25, 5.9, 1e-300, Double.MIN_NORMAL, 1e-8}) {
            for (double x : new double[] {Math.nextDown(seam), seam, Math.nextUp(seam)}) {
                assertWithinUlps(x);
                assertWithinUlps(-x);
            }
        }
    }

    @Test
    void oneBeyondSixAndSpecialValues() {
        for (double x : new double[] {6, 6.5, 27, 40, 1e10, Double.MAX_VALUE, Double.POSITIVE_INFINITY}) {
            assertEquals(1.0, Scalars.erf(x), () -> "erf(" + x + ")");
            assertEquals(-1.0, Scalars.erf(-x), () -> "erf(" + -x + ")");
        }
        assertEquals(Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(Scalars.erf(0.0)));
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(Scalars.erf(-0.0)));
        assertTrue(Double.isNaN(Scalars.erf(Double.NaN)));
    }
}
