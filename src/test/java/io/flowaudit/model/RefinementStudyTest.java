package io.flowaudit.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowaudit.field.Region;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The refinement study on outputs whose limit and error expansion are known. */
class RefinementStudyTest {

    private static final double[] LIMIT = {1, -2, 0.5};
    private static final double[] FIRST = {3, 1, 1};
    private static final double[] SECOND = {4, 2, 8};

    /** x_L = x* + b/L + c/L² with b, c of one sign: the orders fall towards 1, the extrapolation removes b/L. */
    private static List<double[]> outputs(int[] depths) {
        return IntStream.of(depths).mapToObj(depth -> IntStream.range(0, LIMIT.length)
                .mapToDouble(i -> LIMIT[i] + FIRST[i] / depth + SECOND[i] / ((double) depth * depth)).toArray())
                .toList();
    }

    @Test
    void firstOrderErrorsGiveOrderOneAndALimitWithinItsOwnErrorEstimate() {
        int[] depths = {6, 12, 24, 48, 96, 192};
        RefinementStudy study = RefinementStudy.of(depths, outputs(depths));
        assertEquals(4, study.orders().length);
        for (int j = 1; j < study.orders().length; j++) {
            assertTrue(Math.abs(study.orders()[j] - 1) < Math.abs(study.orders()[j - 1] - 1), "orders approach 1");
        }
        // the c/L² term still lifts the finest order (1.045 here), as it lifts the real checkpoint's
        assertEquals(1, study.finestOrder(), 0.05);
        double trueError = Region.euclideanDistance(study.limit(), LIMIT);
        // the c/L² term left in x* is about a third of the gap between the two extrapolants
        assertTrue(trueError <= study.limitError(), trueError + " > " + study.limitError());
        // and extrapolating helps: x* is nearer the limit than the finest output by more than tenfold
        assertTrue(10 * trueError < Region.euclideanDistance(outputs(depths).get(5), LIMIT));
        double realDistance = Region.euclideanDistance(outputs(depths).get(0), LIMIT) / Region.euclideanNorm(LIMIT);
        assertEquals(realDistance, study.relativeDistance(outputs(depths).get(0)), study.relativeLimitError());
    }

    /** Second-order errors are read as order 2, so the study does not assume order 1. */
    @Test
    void secondOrderErrorsReadAsOrderTwo() {
        int[] depths = {6, 12, 24, 48};
        List<double[]> outputs = IntStream.of(depths).mapToObj(depth -> IntStream.range(0, LIMIT.length)
                .mapToDouble(i -> LIMIT[i] + SECOND[i] / ((double) depth * depth)).toArray()).toList();
        assertEquals(2, RefinementStudy.of(depths, outputs).finestOrder(), 1e-9);
    }

    @Test
    void depthsMustDoubleOverAtLeastFourRungs() {
        assertThrows(IllegalArgumentException.class, () -> RefinementStudy.of(new int[] {6, 12, 24},
                outputs(new int[] {6, 12, 24})));
        assertThrows(IllegalArgumentException.class, () -> RefinementStudy.of(new int[] {6, 12, 24, 36},
                outputs(new int[] {6, 12, 24, 36})));
    }
}
