package io.flowaudit.field.transformer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowaudit.flow.ReferenceFlow;
import io.flowaudit.num.DoubleSystem;
import io.flowaudit.num.NumberSystem;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;
import org.apache.commons.math3.RealFieldElement;
import org.apache.commons.math3.util.Decimal64;

/** The generic softmax's shift: exp never overflows or underflows to 0/0, whatever the scores. */
class SoftmaxShiftTest {

    private static final Normalization SOFTMAX = new Normalization.Softmax();

    @Property(tries = 200)
    void theSmoothMaximumBoundsTheMaximumTightly(
            @ForAll @Size(min = 1, max = 64) List<@DoubleRange(min = -1e6, max = 1e6) Double> scores,
            @ForAll @DoubleRange(min = -1e4, max = 1e4) double offset) {
        Decimal64[] row = scores.stream().map(s -> new Decimal64(s + offset)).toArray(Decimal64[]::new);
        double max = Arrays.stream(row).mapToDouble(Decimal64::getReal).max().orElseThrow();
        double shift = Normalization.Softmax.smoothMaximum(row, 0, row.length).getReal();
        double slack = 4 * Math.ceil(Math.log(row.length) / Math.log(2));
        // (a + b + sqrt(...)) cancels: its rounding is relative to the largest score in size, not to the maximum
        double rounding = 1e-12 * Arrays.stream(row).mapToDouble(s -> Math.abs(s.getReal())).max().orElseThrow();
        assertTrue(shift >= max - rounding && shift <= max + slack + rounding, max + " vs " + shift);
    }

    /** Spreads far beyond exp's range of about 700, and rows of equal huge scores. */
    @Example
    void genericWeightsMatchTheMaximumShiftedDoublePath() {
        double[][] rows = {{-1000, 0, 500}, {-340, -340.5, -341}, {800, 800}, {1e4, -1e4, 0, 3}, {-2e3, -2e3 + 1}};
        for (double[] scores : rows) {
            double[][] expected = {scores.clone()};
            SOFTMAX.normalize(expected);
            Decimal64[][] generic = {Arrays.stream(scores).mapToObj(Decimal64::new).toArray(Decimal64[]::new)};
            SOFTMAX.normalize(generic);
            for (int j = 0; j < scores.length; j++) {
                assertEquals(expected[0][j], generic[0][j].getReal(), 1e-15, Arrays.toString(scores));
            }
        }
    }

    /**
     * Found by the extended run: a rank-one multi-head attention whose tokens grow to norm 7, where the
     * scores of a row spread over more than 700 and the mean-shifted softmax overflowed the double
     * reference to NaN. The double reference now agrees with the 30-digit one within its error estimate.
     */
    @Example
    void theDoubleReferenceFollowsScoresBeyondExpsRange() {
        SelfAttention field = SelfAttention.fromWeights(4, 4, 3, Map.of("wq", filled(9, 4, -0.5),
                "wk", filled(9, 4, 0.5), "wv", filled(9, 4, 0.5), "wo", filled(4, 9, -1.0 / 3)));
        double[] x0 = {-0.331, 0.289, 0.054, 0.073, 0.009, -0.005, -0.003, 0.065, 0.026, 0.337, -0.371, -0.048,
            0.06200379060539697, -0.6966718045550222, -0.15953784324310008, -0.6966718045550222};
        ReferenceFlow<Decimal64> inDouble = solve(field, DoubleSystem.INSTANCE, x0);
        ReferenceFlow<?> precise = solve(field, NumberSystem.parse("30"), x0);
        for (int i = 0; i < x0.length; i++) {
            assertEquals(precise.atHorizon()[i].getReal(), inDouble.atHorizon()[i].getReal(),
                    inDouble.errorEstimate() + precise.errorEstimate(), "component " + i);
        }
    }

    private static <T extends RealFieldElement<T>> ReferenceFlow<T> solve(SelfAttention field, NumberSystem<T> numbers,
            double[] x0) {
        return ReferenceFlow.compute(field, numbers, numbers.fromDoubles(x0), numbers.fromDouble(1));
    }

    private static double[][] filled(int rows, int columns, double value) {
        double[][] matrix = new double[rows][columns];
        for (double[] row : matrix) {
            Arrays.fill(row, value);
        }
        return matrix;
    }
}
