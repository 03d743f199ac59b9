package io.flowaudit.field.transformer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowaudit.gen.Fields;
import io.flowaudit.num.ApfloatSystem;
import io.flowaudit.num.DoubleSystem;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * One field, three evaluations: the primitive double fast path, the generic path in double
 * (Decimal64) and the generic path in apfloat at 30 digits must agree to {@code 1e-12} relative to the
 * size of the terms F sums, which the certified bound M of |F| on the states' ball bounds (relative to
 * |F| itself fails where the terms cancel: see {@link #blockWhoseValuesCancelAgreesToTheSizeOfItsTerms}).
 */
class NumberSystemAgreementProperties {

    private static final ApfloatSystem APFLOAT = new ApfloatSystem(30);
    /** States are drawn with tokens of norm up to this. */
    private static final double STATE_RADIUS = 2;

    private static void assertClose(TransformerField field, double[] expected, double[] actual, String what) {
        double scale = field.certificateOn(STATE_RADIUS, field.domain().horizon()).bound();
        double error = PlainDouble.norm(PlainDouble.difference(expected, actual));
        assertTrue(error <= 1e-12 * scale, what + ": |difference| / M = " + error / scale);
    }

    @Property(tries = 40)
    void fastPathAgreesWithGenericDouble(@ForAll("fields") TransformerField field,
            @ForAll @IntRange(min = 1, max = 1000) int seed) {
        assertFastPathAgrees(field, new Random(seed));
    }

    /** Found by exploration: two tokens whose values nearly cancel; the paths differed by 5e-11 |F|. */
    @Test
    void attentionWhoseValuesCancelAgreesToTheSizeOfItsTerms() {
        assertFastPathAgrees(SelfAttention.fromWeights(2, 1, 1, Map.of("wq", new double[][] {{0.001}},
                "wk", new double[][] {{0.001}}, "wv", new double[][] {{0.001}})), new Random(2));
    }

    private static void assertFastPathAgrees(TransformerField field, Random random) {
        double t = random.nextDouble() * field.domain().horizon();
        double[] x = PlainDouble.randomState(field.tokens(), field.width(), field.innerTokenRadius(), STATE_RADIUS,
                random);
        assertClose(field, PlainDouble.evaluate(field, DoubleSystem.INSTANCE, t, x), PlainDouble.evaluate(field, t, x),
                field.family() + " fast path");
    }

    @Property(tries = 25)
    void apfloatAgreesWithDouble(@ForAll("fields") TransformerField field,
            @ForAll @IntRange(min = 1, max = 1000) int seed) {
        assertApfloatAgreesWithDouble(field, new Random(seed));
    }

    /**
     * Found by exploration: value rows that are all equal map LayerNorm's zero-mean output to exactly 0,
     * so apfloat's F is 0 and double's is rounding noise, 2e289 times |F|.
     */
    @Test
    void blockWhoseValuesCancelAgreesToTheSizeOfItsTerms() {
        Map<String, double[][]> matrices = Map.of("wq", new double[4][4], "wq.slope", filled(4, 4, 0.5),
                "wk", new double[4][4], "wv", filled(4, 4, -5e-4), "wo", filled(4, 4, 0.5),
                "w1", new double[6][4], "w2", new double[4][6]);
        TransformerBlock block = TransformerBlock.fromWeights(2, 4, 2, false, Activation.TANH, 1e-5, matrices,
                Map.of("b1", new double[6], "b2", new double[4]));
        assertApfloatAgreesWithDouble(block, new Random(4));
    }

    private static void assertApfloatAgreesWithDouble(TransformerField field, Random random) {
        double t = random.nextDouble() * field.domain().horizon();
        double[] x = PlainDouble.randomState(field.tokens(), field.width(), field.innerTokenRadius(), STATE_RADIUS,
                random);
        assertClose(field, PlainDouble.evaluate(field, APFLOAT, t, x), PlainDouble.evaluate(field, t, x),
                field.family() + " in apfloat(30)");
    }

    private static double[][] filled(int rows, int columns, double value) {
        double[][] matrix = new double[rows][columns];
        for (double[] row : matrix) {
            Arrays.fill(row, value);
        }
        return matrix;
    }

    @Provide
    Arbitrary<TransformerField> fields() {
        return Arbitraries.oneOf(
                Fields.softmaxAttention().tokens(1, 5).width(1, 4).heads(1, 3).headWidth(1, 3)
                        .eitherMask().weights(-3, 3),
                Fields.l2Attention().eitherMask(),
                Fields.sigmoidAttention().eitherMask(),
                Fields.sinkhornAttention().iterations(1, 4),
                Fields.sphereAttention().width(2, 4),
                Fields.ffn(),
                Fields.block().heads(1, 3).eitherMask().horizon(0.5, 2));
    }
}
