package io.flowaudit.field;

import static io.flowaudit.field.transformer.FilledMatrix.filled;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowaudit.field.family.FamilyField;
import io.flowaudit.field.transformer.AttentionVariant;
import io.flowaudit.field.transformer.FeedForward;
import io.flowaudit.field.transformer.SelfAttention;
import io.flowaudit.field.transformer.TransformerBlock;
import io.flowaudit.field.transformer.TransformerField;
import io.flowaudit.gen.Fields;
import io.flowaudit.num.ApfloatElement;
import io.flowaudit.num.ApfloatSystem;
import io.flowaudit.num.DoubleSystem;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.commons.math3.util.Decimal64;

/**
 * The agreement contract of every family, classic and transformer: a field is written once over the
 * generic scalar and once more in primitive double for speed, and the two must compute the same
 * algorithm. Checked far outside the weights and states the audit draws: weights scaled to 30 (scores
 * of tens of thousands, far beyond exp's range of about 700, so only a shift by the maximum keeps
 * softmax and Sinkhorn finite) and states far from the origin (tokens of norm up to 10, classic states
 * up to 100, beyond every activation's saturation).
 * <ul>
 *   <li>The double path against the generic path in {@code Decimal64}: <b>bit for bit</b>. Both perform
 *       the same IEEE operations in the same order, and the double path calls the functions
 *       {@code Decimal64} calls (commons-math3's {@code FastMath}), so any difference is a difference of
 *       algorithm, not of rounding.</li>
 *   <li>The double path against the generic path in apfloat at 40 digits (exact to far below double's
 *       rounding): within {@code ROUNDING_FACTOR · D · eps · (M + K·R)}. Each operation rounds its result
 *       by at most eps relative. A rounding of a quantity on the way to the output moves the output by at
 *       most eps times that quantity's size, which M bounds for the output and its summands; a rounding
 *       inside the path from the state (a projection, a score, a preactivation, a normalized token) acts
 *       like a relative change of eps in a function of the state, whose effect K·R bounds (K certified on
 *       the ball of radius R holding the state; a score is bilinear in the state, so its relative error
 *       is that of a relative change of the state). Each output sums at most D such contributions per
 *       layer of the computation; {@link #ROUNDING_FACTOR} covers the few layers (projection, score,
 *       normalization, mixing) and the constant of each sum's error, D·eps (first order).</li>
 * </ul>
 */
class EvaluationPathContractProperties {

    private static final ApfloatSystem APFLOAT = new ApfloatSystem(40);
    /** Covers the constant factors the first-order bound of the class comment leaves out. */
    private static final double ROUNDING_FACTOR = 16;
    private static final double WEIGHT_SCALE = 30;
    private static final double CLASSIC_LIPSCHITZ = 30;
    private static final double CLASSIC_RADIUS = 100;
    private static final double TOKEN_RADIUS = 10;

    /** A field, a time in its horizon and a state, with R: the state's norm (classic) or largest token norm. */
    record Case(CertifiedField field, double t, double[] x, double radius) {

        /** K and M on the ball of radius R holding the state (a token ball for a transformer field). */
        Certificate certificate() {
            if (field instanceof TransformerField transformer) {
                return transformer.certificateOn(radius, transformer.domain().horizon());
            }
            return ((FamilyField) field).certificateOn(Region.ball(radius));
        }

        @Override
        public String toString() {
            return field + " at t=" + t + ", x=" + Arrays.toString(x);
        }
    }

    @Property(tries = 300)
    void theDoublePathIsTheGenericPathInDecimal64BitForBit(@ForAll("cases") Case c) {
        double[] fast = new double[c.x().length];
        c.field().evaluate(c.t(), c.x(), fast);
        Decimal64[] generic = c.field().evaluate(new Decimal64(c.t()), DoubleSystem.INSTANCE.fromDoubles(c.x()));
        assertArrayEquals(Arrays.stream(generic).mapToDouble(Decimal64::getReal).toArray(), fast, 0, c.toString());
    }

    /**
     * The case: weights of 30 and tokens of norm 10 give scores near 6e4, where the generic
     * Sinkhorn that normalized {@code exp(s)} was all NaN in Decimal64 while the double path was finite.
     */
    @Example
    void attentionWithScoresFarBeyondExpsRangeIsFiniteAndTheSameOnBothPaths() {
        double[][] weights = {{30, 0}, {0, 30}};
        for (AttentionVariant variant : List.of(AttentionVariant.sinkhorn(3), AttentionVariant.softmax(),
                AttentionVariant.softmax().withCausalMask(true))) {
            SelfAttention field = SelfAttention.fromWeights(variant, 3, 2, 1,
                    Map.of("wq", weights, "wk", weights, "wv", new double[][] {{1, 0}, {0, 1}}));
            double[] x = {10, 0, 0, 10, 6, -8};
            Case c = new Case(field, 0, x, 10);
            theDoublePathIsTheGenericPathInDecimal64BitForBit(c);
            theDoublePathIsTheApfloatPathToDoubleRounding(c);
            double[] value = new double[x.length];
            field.evaluate(0, x, value);
            assertTrue(Arrays.stream(value).allMatch(Double::isFinite), variant + ": " + Arrays.toString(value));
        }
    }

    /** Found by exploration: two tokens whose values nearly cancel; the paths once differed by 5e-11 |F|. */
    @Example
    void attentionWhoseValuesCancelIsTheSameOnEveryPath() {
        SelfAttention field = SelfAttention.fromWeights(2, 1, 1, Map.of("wq", new double[][] {{0.001}},
                "wk", new double[][] {{0.001}}, "wv", new double[][] {{0.001}}));
        Case c = new Case(field, 0.3, new double[] {1.7, -1.69}, 1.7);
        theDoublePathIsTheGenericPathInDecimal64BitForBit(c);
        theDoublePathIsTheApfloatPathToDoubleRounding(c);
    }

    /**
     * Found by exploration: value rows that are all equal map LayerNorm's zero-mean output to exactly 0,
     * so apfloat's F is 0 and double's is rounding noise, 2e289 times |F|: the tolerance is relative to
     * the size of the terms (M, K·R), never to |F|.
     */
    @Example
    void blockWhoseValuesCancelIsTheSameOnEveryPath() {
        Map<String, double[][]> matrices = Map.of("wq", new double[4][4], "wq.slope", filled(4, 4, 0.5),
                "wk", new double[4][4], "wv", filled(4, 4, -5e-4), "wo", filled(4, 4, 0.5),
                "w1", new double[6][4], "w2", new double[4][6]);
        TransformerBlock block = TransformerBlock.fromWeights(2, 4, 2, false, Activation.TANH, 1e-5, matrices,
                Map.of("b1", new double[6], "b2", new double[4]));
        Case c = new Case(block, 0.7, new double[] {0.3, -1.2, 0.8, 0.1, -0.5, 0.4, 1.1, -0.9}, 1.6);
        theDoublePathIsTheGenericPathInDecimal64BitForBit(c);
        theDoublePathIsTheApfloatPathToDoubleRounding(c);
    }

    @Property(tries = 150)
    void theDoublePathIsTheApfloatPathToDoubleRounding(@ForAll("cases") Case c) {
        double[] inDouble = new double[c.x().length];
        c.field().evaluate(c.t(), c.x(), inDouble);
        ApfloatElement[] exact = c.field().evaluate(APFLOAT.fromDouble(c.t()), APFLOAT.fromDoubles(c.x()));
        double squared = 0;
        for (int i = 0; i < inDouble.length; i++) {
            double difference = exact[i].subtract(APFLOAT.fromDouble(inDouble[i])).getReal();
            squared += difference * difference;
        }
        Certificate certificate = c.certificate();
        double tolerance = ROUNDING_FACTOR * inDouble.length * Math.ulp(1.0)
                * (certificate.bound() + certificate.lipschitz() * c.radius());
        assertTrue(Math.sqrt(squared) <= tolerance, "double and apfloat differ by " + Math.sqrt(squared)
                + " > " + tolerance + " for " + c);
    }

    /**
     * The FFN with the exact GELU of imported checkpoints, which no generator draws, in Decimal64 (not against
     * apfloat: its erf at 40 digits takes tens of milliseconds a call; ErfTest measures the double erf against it).
     */
    @Property(tries = 100)
    void theExactGeluFeedForwardIsTheGenericPathInDecimal64BitForBit(@ForAll("exactGeluCases") Case c) {
        theDoublePathIsTheGenericPathInDecimal64BitForBit(c);
    }

    @Provide
    Arbitrary<Case> exactGeluCases() {
        return tokenCases(exactGeluFeedForwards());
    }

    @Provide
    Arbitrary<Case> cases() {
        return Arbitraries.oneOf(classicCases(), transformerCases());
    }

    /** Fields of the four classic families with K up to 30, at states of norm up to 100. */
    private static Arbitrary<Case> classicCases() {
        return Combinators.combine(Fields.any().dimension(1, 8).lipschitz(0, CLASSIC_LIPSCHITZ), Arbitraries.longs())
                .as((field, seed) -> {
                    Random random = new Random(seed);
                    double radius = CLASSIC_RADIUS * random.nextDouble();
                    double[] x = direction(field.dimension(), random);
                    for (int i = 0; i < x.length; i++) {
                        x[i] *= radius;
                    }
                    return new Case(field, 5 * random.nextDouble(), x, radius);
                });
    }

    /**
     * Every transformer family with weights drawn from [-30, 30] (before the division by sqrt(fan-in)),
     * at tokens of norm up to 10 (at least the sphere's radius).
     */
    private static Arbitrary<Case> transformerCases() {
        Arbitrary<? extends TransformerField> fields = Arbitraries.oneOf(
                Fields.softmaxAttention().heads(1, 3).eitherMask().weights(-WEIGHT_SCALE, WEIGHT_SCALE),
                Fields.l2Attention().eitherMask().weights(-WEIGHT_SCALE, WEIGHT_SCALE),
                Fields.sigmoidAttention().eitherMask().weights(-WEIGHT_SCALE, WEIGHT_SCALE),
                Fields.sinkhornAttention().iterations(1, 4).weights(-WEIGHT_SCALE, WEIGHT_SCALE),
                Fields.sphereAttention().width(2, 4).weights(-WEIGHT_SCALE, WEIGHT_SCALE),
                Fields.ffn().weights(-WEIGHT_SCALE, WEIGHT_SCALE),
                Fields.block().heads(1, 2).eitherMask().weights(-WEIGHT_SCALE, WEIGHT_SCALE));
        return tokenCases(fields);
    }

    /** Each field at a time in its horizon and tokens of norm up to 10 (at least the sphere's radius). */
    private static Arbitrary<Case> tokenCases(Arbitrary<? extends TransformerField> fields) {
        return Combinators.combine(fields, Arbitraries.longs()).as((field, seed) -> {
            Random random = new Random(seed);
            int d = field.width();
            double inner = field.innerTokenRadius();
            double[] x = new double[field.dimension()];
            double radius = inner;
            for (int i = 0; i < field.tokens(); i++) {
                double norm = inner + (TOKEN_RADIUS - inner) * random.nextDouble();
                double[] token = direction(d, random);
                for (int k = 0; k < d; k++) {
                    x[i * d + k] = norm * token[k];
                }
                radius = Math.max(radius, norm);
            }
            // the sphere's certificate needs R above its inner radius, and a computed token may exceed norm
            return new Case(field, field.domain().horizon() * random.nextDouble(), x, radius * (1 + 1e-12));
        });
    }

    /**
     * FFNs with the exact GELU of imported checkpoints, weights uniform in [-s, s] / sqrt(fan-in) with s = 30 (erf
     * saturated) or 0.3 (preactivations of a few units, where erf is not yet +-1).
     */
    private static Arbitrary<FeedForward> exactGeluFeedForwards() {
        return Combinators.combine(Arbitraries.integers().between(1, 3), Arbitraries.integers().between(1, 4),
                Arbitraries.integers().between(1, 6), Arbitraries.of(WEIGHT_SCALE, 0.3), Arbitraries.longs())
                .as((tokens, width, hidden, scale, seed) -> {
                    Random random = new Random(seed);
                    return FeedForward.fromWeights(tokens, width, Activation.EXACT_GELU,
                            Map.of("w1", weights(hidden, width, scale, random),
                                    "w2", weights(width, hidden, scale, random)),
                            Map.of("b1", weights(1, hidden, scale, random)[0],
                                    "b2", weights(1, width, scale, random)[0]));
                });
    }

    private static double[][] weights(int rows, int columns, double scale, Random random) {
        double[][] matrix = new double[rows][columns];
        for (double[] row : matrix) {
            for (int c = 0; c < columns; c++) {
                row[c] = scale * (2 * random.nextDouble() - 1) / Math.sqrt(columns);
            }
        }
        return matrix;
    }

    /** A uniformly random unit vector. */
    private static double[] direction(int dimension, Random random) {
        double[] v = new double[dimension];
        double norm = 0;
        while (norm == 0) {
            norm = 0;
            for (int i = 0; i < dimension; i++) {
                v[i] = random.nextGaussian();
                norm += v[i] * v[i];
            }
        }
        norm = Math.sqrt(norm);
        for (int i = 0; i < dimension; i++) {
            v[i] /= norm;
        }
        return v;
    }
}
