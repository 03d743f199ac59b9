package io.flowaudit.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.flowaudit.num.BinaryElement;
import io.flowaudit.num.BinarySystem;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A step's polynomial read through {@link StepPoints} gives the numbers Horner's rule gives at every reading, evaluated
 * once for a point read again under another object of the same value.
 */
class StepPointsTest {

    private static final BinarySystem NUMBERS = new BinarySystem(38);

    @Test
    void valuesAndSlopesAreHornersEvaluatedOncePerPoint() {
        Random random = new Random(5);
        BinaryElement[][] coefficients = new BinaryElement[3][12];
        for (BinaryElement[] row : coefficients) {
            for (int k = 0; k < row.length; k++) {
                row[k] = NUMBERS.fromDouble(random.nextGaussian()).divide(NUMBERS.fromDouble(3 + k));
            }
        }
        StepPoints<BinaryElement> points = new StepPoints<>(coefficients);
        BinaryElement h = NUMBERS.fromDouble(0.37);
        BinaryElement sameH = NUMBERS.fromDouble(0.37);
        assertNotSame(h, sameH);
        BinaryElement[] state = points.state(h);
        BinaryElement[] slope = points.slope(h);
        assertSame(state, points.state(sameH));
        assertSame(slope, points.slope(sameH));
        assertEquals(Arrays.asList(TaylorSolution.polynomial(coefficients, h)), Arrays.asList(state));
        for (int i = 0; i < coefficients.length; i++) {
            // the derivative by Horner's rule as the integrator wrote it before the points were kept
            BinaryElement expected = coefficients[i][11].multiply(11);
            for (int k = 10; k >= 1; k--) {
                expected = expected.multiply(h).add(coefficients[i][k].multiply(k));
            }
            assertEquals(expected, slope[i], "component " + i);
        }
        BinaryElement half = h.divide(2);
        assertNotSame(state, points.state(half));
        assertEquals(Arrays.asList(TaylorSolution.polynomial(coefficients, half)), Arrays.asList(points.state(half)));
    }
}
