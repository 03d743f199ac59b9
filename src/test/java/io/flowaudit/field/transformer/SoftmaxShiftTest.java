package io.flowaudit.field.transformer;

import static io.flowaudit.field.transformer.FilledMatrix.filled;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowaudit.flow.ReferenceFlow;
import io.flowaudit.num.ApfloatElement;
import io.flowaudit.num.ApfloatSystem;
import io.flowaudit.num.DoubleSystem;
import io.flowaudit.num.NumberSystem;
import io.flowaudit.num.taylor.Tape;
import io.flowaudit.num.taylor.TapeVariable;
import io.flowaudit.num.taylor.TaylorEvaluator;
import java.util.Arrays;
import java.util.Map;
import net.jqwik.api.Example;
import org.apache.commons.math3.RealFieldElement;
import org.apache.commons.math3.util.Decimal64;

/** The softmax's shift by the maximum: exp never overflows or underflows to 0/0, whatever the scores. */
class SoftmaxShiftTest {

    private static final Normalization SOFTMAX = new Normalization.Softmax();

    /**
     * On a Taylor tape the shift is the maximum's value with its derivatives taken as 0 (see
     * {@code Scalars.maximumAsShift}): the softmax's Taylor coefficients are still exact, at a tie of
     * the two scores (the maximum's kink) and on either side of it. Compared with the unshifted
     * {@code exp(s_1) / (exp(s_1) + exp(s_2))} (scores small enough for it) in apfloat at 30 digits,
     * where the two differ only by rounding: a few units of 1e-30 per coefficient, far below 1e-25.
     */
    @Example
    void theShiftKeepsTaylorCoefficientsExactAcrossTheMaximumsKink() {
        ApfloatSystem apfloat = new ApfloatSystem(30);
        // scores x1 and 2 x2: x2' = -x1 makes the second score cross the first near t = 0
        Tape shifted = Tape.record(2, (t, x) -> {
            TapeVariable[][] scores = {{x[0], x[1].multiply(2)}};
            SOFTMAX.normalize(scores);
            return new TapeVariable[] {scores[0][1], x[0].negate()};
        });
        Tape unshifted = Tape.record(2, (t, x) -> {
            TapeVariable first = x[0].exp();
            TapeVariable second = x[1].multiply(2).exp();
            return new TapeVariable[] {second.divide(first.add(second)), x[0].negate()};
        });
        for (double[] start : new double[][] {{0.5, 0.25}, {0.5, 0.2501}, {0.5, 0.2499}, {-1, 3}}) {
            ApfloatElement[][] expected = new TaylorEvaluator<>(unshifted, apfloat, 12)
                    .solutionCoefficients(apfloat.zero(), apfloat.fromDoubles(start));
            ApfloatElement[][] actual = new TaylorEvaluator<>(shifted, apfloat, 12)
                    .solutionCoefficients(apfloat.zero(), apfloat.fromDoubles(start));
            for (int i = 0; i < 2; i++) {
                for (int k = 0; k <= 12; k++) {
                    double difference = actual[i][k].subtract(expected[i][k]).abs().getReal();
                    assertTrue(difference <= 1e-25, Arrays.toString(start) + ": coefficient " + k + " of x" + (i + 1)
                            + " differs by " + difference);
                }
            }
        }
    }

    /** Spreads far beyond exp's range of about 700, and rows of equal huge scores: the same weights, bit for bit. */
    @Example
    void genericWeightsAreTheDoublePathsWeights() {
        double[][] rows = {{-1000, 0, 500}, {-340, -340.5, -341}, {800, 800}, {1e4, -1e4, 0, 3}, {-2e3, -2e3 + 1}};
        for (double[] scores : rows) {
            double[][] expected = {scores.clone()};
            SOFTMAX.normalize(expected);
            Decimal64[][] generic = {Arrays.stream(scores).mapToObj(Decimal64::new).toArray(Decimal64[]::new)};
            SOFTMAX.normalize(generic);
            for (int j = 0; j < scores.length; j++) {
                assertEquals(expected[0][j], generic[0][j].getReal(), 0, Arrays.toString(scores));
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
}
