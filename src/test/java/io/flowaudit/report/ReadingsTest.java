package io.flowaudit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowaudit.verdict.Figure;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReadingsTest {

    private static Figure.Curves plot(List<Double> boundX) {
        return new Figure.Curves("D(t)", "t", "D", false, true, List.of(
                new Figure.Curve("predicted", Figure.Role.PREDICTION, List.of(0.0, 1.0, 2.0), List.of(9.0, 9.0, 9.0)),
                new Figure.Curve("observed", Figure.Role.OBSERVED, List.of(0.0, 1.0, 2.0), List.of(1.0, 1.5, 2.0)),
                new Figure.Curve("bound", Figure.Role.BOUND, boundX, List.of(1.0, 2.0, 8.0))));
    }

    /** The worst point is where observed/bound is largest (t = 0, where the bound is attained), not the last. */
    @Test
    void aPlotOfCurvesReadsItsObservedCurveAgainstItsBound() {
        Readings.Worst worst = Readings.worst(plot(List.of(0.0, 1.0, 2.0))).orElseThrow();

        assertEquals(0, worst.index());
        assertEquals(1.0, worst.ratio());
        assertEquals("t = 0", worst.where());
    }

    /** Curves over different abscissae are not compared point by point: there is no reading. */
    @Test
    void curvesOverOtherAbscissaeGiveNoReading() {
        assertTrue(Readings.worst(plot(List.of(0.0, 1.5, 2.0))).isEmpty());
    }
}
