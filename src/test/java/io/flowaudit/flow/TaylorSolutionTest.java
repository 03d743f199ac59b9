package io.flowaudit.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.flowaudit.num.DoubleSystem;
import java.util.Arrays;
import java.util.Random;
import org.apache.commons.math3.util.Decimal64;
import org.junit.jupiter.api.Test;

/**
 * The double path of {@link TaylorSolution#polynomial} is Horner's rule in Decimal64 operations, bit for bit, and dense
 * output of some components gives those components of the whole state.
 */
class TaylorSolutionTest {

    @Test
    void doubleHornerEqualsDecimal64HornerBitForBit() {
        Random random = new Random(11);
        for (int trial = 0; trial < 500; trial++) {
            int components = 1 + random.nextInt(4);
            int order = 1 + random.nextInt(30);
            Decimal64[][] coefficients = new Decimal64[components][order];
            for (Decimal64[] row : coefficients) {
                for (int k = 0; k < order; k++) {
                    row[k] = new Decimal64(random.nextGaussian() * Math.pow(10, random.nextInt(20) - 10));
                }
            }
            Decimal64 s = new Decimal64(random.nextDouble() * 0.1 - 0.05);
            Decimal64[] actual = TaylorSolution.polynomial(coefficients, s);
            for (int i = 0; i < components; i++) {
                Decimal64 value = coefficients[i][order - 1];
                for (int k = order - 2; k >= 0; k--) {
                    value = value.multiply(s).add(coefficients[i][k]);
                }
                // equal bits: Double boxes compare them
                assertEquals(Double.valueOf(value.getReal()), Double.valueOf(actual[i].getReal()), "trial " + trial);
            }
        }
    }

    /** The damped rotation's second component alone, at times inside steps and on their boundaries, bit for bit. */
    @Test
    void someComponentsAreThoseOfTheWholeState() {
        Decimal64[] start = {new Decimal64(1), new Decimal64(0.5)};
        TaylorSolution<Decimal64> solution = ReferenceFlow.compute(TestFields.dampedRotation(-0.3, 2),
                DoubleSystem.INSTANCE, start, new Decimal64(3)).solution();
        for (int k = 0; k <= 40; k++) {
            Decimal64 t = k % 10 == 0 && k / 10 <= solution.steps() ? solution.gridTime(k / 10) : new Decimal64(3.0 * k / 40);
            Decimal64[] whole = solution.at(t);
            assertEquals(Arrays.asList(whole).subList(1, 2), Arrays.asList(solution.at(t, 1, 2)), "t = " + t);
            assertEquals(Arrays.asList(whole), Arrays.asList(solution.at(t, 0, 2)), "t = " + t);
        }
    }
}
