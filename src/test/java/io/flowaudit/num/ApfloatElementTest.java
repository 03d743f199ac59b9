package io.flowaudit.num;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Random;
import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.junit.jupiter.api.Test;

/** An apfloat number's double is the nearest one: no neighbour of it lies closer to the exact value. */
class ApfloatElementTest {

    private static final ApfloatSystem SYSTEM = new ApfloatSystem(40);

    private static void assertNearest(ApfloatElement x) {
        double real = x.getReal();
        BigDecimal exact = new BigDecimal(x.value().toString(false));
        BigDecimal error = new BigDecimal(real).subtract(exact).abs();
        for (double neighbour : new double[] {Math.nextDown(real), Math.nextUp(real)}) {
            assertTrue(error.compareTo(new BigDecimal(neighbour).subtract(exact).abs()) <= 0,
                    () -> x.value() + " became " + real + ", but " + neighbour + " is nearer");
        }
    }

    /** apfloat's own doubleValue() gave -0.0214366246032862, 2.4 units in the last place from the exact value. */
    @Test
    void whereApfloatsOwnConversionWasOff() {
        ApfloatElement erf = new ApfloatElement(SYSTEM, ApfloatMath.erf(new Apfloat(new BigDecimal(-0.019), 40)));
        assertEquals(-0.021436624603286207, erf.getReal());
        assertNearest(erf);
    }

    @Test
    void quotientsOfEveryScale() {
        Random random = new Random(20261130);
        for (int i = 0; i < 2_000; i++) {
            ApfloatElement numerator = SYSTEM.fromDecimal(Long.toString(random.nextLong()));
            ApfloatElement denominator = SYSTEM.fromDecimal(random.nextInt(Integer.MAX_VALUE) + 1 + "e"
                    + (random.nextInt(80) - 40));
            assertNearest(numerator.divide(denominator));
        }
    }

    @Test
    void zeroAndNumbersBeyondTheDoublesRange() {
        assertEquals(0.0, SYSTEM.getZero().getReal());
        assertEquals(Double.POSITIVE_INFINITY, SYSTEM.fromDecimal("1e400").getReal());
        assertEquals(0.0, SYSTEM.fromDecimal("1e-400").getReal());
        assertEquals(Double.MIN_VALUE, SYSTEM.fromDecimal("4.9e-324").getReal());
    }
}
