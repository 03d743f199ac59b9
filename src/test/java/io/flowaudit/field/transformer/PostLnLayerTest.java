package io.flowaudit.field.transformer;

import static io.flowaudit.field.transformer.PlainDouble.randomMatrix;
import static io.flowaudit.field.transformer.PlainDouble.randomVector;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowaudit.field.Activation;
import io.flowaudit.field.Domain;
import io.flowaudit.num.ApfloatElement;
import io.flowaudit.num.ApfloatSystem;
import io.flowaudit.num.DoubleSystem;
import io.flowaudit.num.taylor.Tape;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.apache.commons.math3.util.Decimal64;
import org.junit.jupiter.api.Test;

/**
 * The post-LN layer map on small random weights with every bias and LayerNorm parameter set (its agreement
 * with ONNX Runtime is in {@code weights.onnx.TinyBertRuntimeTest}): the generic path is the double path,
 * tokens are permuted with the output, and with both branches removed it is LN2∘LN1.
 */
class PostLnLayerTest {

    private static final int TOKENS = 3;
    private static final int WIDTH = 4;
    private static final int HEADS = 2;
    private static final int HIDDEN = 8;

    private static Map<String, double[][]> matrices(Random random, double scale) {
        Map<String, double[][]> matrices = new HashMap<>();
        for (String role : new String[] {"wq", "wk", "wv", "wo"}) {
            matrices.put(role, scaled(randomMatrix(WIDTH, WIDTH, random), scale));
        }
        matrices.put("w1", scaled(randomMatrix(HIDDEN, WIDTH, random), scale));
        matrices.put("w2", scaled(randomMatrix(WIDTH, HIDDEN, random), scale));
        return matrices;
    }

    private static double[][] scaled(double[][] m, double scale) {
        for (double[] row : m) {
            for (int c = 0; c < row.length; c++) {
                row[c] *= scale;
            }
        }
        return m;
    }

    private static Map<String, double[]> vectors(Random random, double biasScale) {
        Map<String, double[]> vectors = new HashMap<>();
        for (String role : new String[] {"bq", "bk", "bv", "bo", "b2", "ln1.beta", "ln2.beta"}) {
            vectors.put(role, scaled(new double[][] {randomVector(WIDTH, random)}, biasScale)[0]);
        }
        vectors.put("b1", scaled(new double[][] {randomVector(HIDDEN, random)}, biasScale)[0]);
        for (String gain : new String[] {"ln1.gamma", "ln2.gamma"}) {
            double[] gamma = randomVector(WIDTH, random);
            for (int k = 0; k < WIDTH; k++) {
                gamma[k] += 1;
            }
            vectors.put(gain, gamma);
        }
        return vectors;
    }

    private static PostLnLayer layer(long seed) {
        Random random = new Random(seed);
        return PostLnLayer.fromWeights(TOKENS, WIDTH, HEADS, 0.7, Activation.EXACT_GELU, 1e-5, 3e-5,
                matrices(random, 2), vectors(random, 1));
    }

    private static double[] state(long seed) {
        return PlainDouble.randomState(TOKENS, WIDTH, 0, 3, new Random(seed));
    }

    /** Decimal64 runs the same operations in the same order as the double path: equal bit for bit. */
    @Test
    void genericPathIsTheDoublePath() {
        for (long seed = 0; seed < 20; seed++) {
            PostLnLayer layer = layer(seed);
            double[] x = state(seed + 100);
            Decimal64[] generic = layer.apply(DoubleSystem.INSTANCE.fromDoubles(x));
            double[] fast = layer.apply(x);
            for (int i = 0; i < fast.length; i++) {
                assertEquals(fast[i], generic[i].getReal(), 0, "component " + i);
            }
        }
    }

    /**
     * At 40 digits the layer agrees with double to 10⁻¹³ (relative to values of order one): double rounds each of a
     * few hundred operations to 1.1·10⁻¹⁶, and on this state (tokens of norm near 3, σ far above √ε) nothing
     * amplifies that a thousandfold. The apfloat path also runs apfloat's erf, so the two erf agree too.
     */
    @Test
    void apfloatAgreesWithDouble() {
        ApfloatSystem apfloat = new ApfloatSystem(40);
        PostLnLayer layer = layer(7);
        double[] x = state(8);
        ApfloatElement[] precise = layer.apply(apfloat.fromDoubles(x));
        double[] fast = layer.apply(x);
        for (int i = 0; i < fast.length; i++) {
            assertEquals(precise[i].getReal(), fast[i], 1e-13 * Math.max(1, Math.abs(fast[i])), "component " + i);
        }
    }

    /** Without positions, attention and the per-token maps commute with permuting the tokens. */
    @Test
    void permutingTheTokensPermutesTheOutput() {
        PostLnLayer layer = layer(3);
        double[] x = state(4);
        int[] permutation = {2, 0, 1};
        double[] permuted = new double[x.length];
        for (int i = 0; i < TOKENS; i++) {
            System.arraycopy(x, permutation[i] * WIDTH, permuted, i * WIDTH, WIDTH);
        }
        double[] out = layer.apply(x);
        double[] outPermuted = layer.apply(permuted);
        for (int i = 0; i < TOKENS; i++) {
            for (int k = 0; k < WIDTH; k++) {
                assertEquals(out[permutation[i] * WIDTH + k], outPermuted[i * WIDTH + k], 1e-13);
            }
        }
    }

    /** With every weight and bias zero both branches vanish, and the layer is exactly LN2(LN1(x)). */
    @Test
    void withBothBranchesZeroTheLayerIsItsNormalizations() {
        Random random = new Random(5);
        PostLnLayer layer = PostLnLayer.fromWeights(TOKENS, WIDTH, HEADS, 0.7, Activation.EXACT_GELU, 1e-5, 3e-5,
                matrices(random, 0), Map.of("ln1.gamma", new double[] {1.5, 0.5, 1, 2}, "ln2.beta",
                        new double[] {0.1, -0.2, 0, 0.3}));
        double[] x = state(6);
        assertArrayEquals(layer.withoutBranches(x), layer.apply(x));
        double difference = PlainDouble.norm(PlainDouble.difference(layer.withoutBranches(x), x));
        assertTrue(difference > 0.1, "a trained-looking gain moves the state: " + difference);
    }

    @Test
    void refusesWhatIsNotAPostLnLayer() {
        Map<String, double[][]> sloped = matrices(new Random(1), 1);
        sloped.put("wq.slope", randomMatrix(WIDTH, WIDTH, new Random(2)));
        IllegalArgumentException varying = assertThrows(IllegalArgumentException.class, () -> PostLnLayer.fromWeights(
                TOKENS, WIDTH, HEADS, 0.7, Activation.EXACT_GELU, 1e-5, 1e-5, sloped, Map.of()));
        assertTrue(varying.getMessage().contains("fixed weights"), varying.getMessage());
        Map<String, double[]> misspelt = Map.of("ln3.gamma", new double[WIDTH]);
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> PostLnLayer.fromWeights(
                TOKENS, WIDTH, HEADS, 0.7, Activation.EXACT_GELU, 1e-5, 1e-5, matrices(new Random(1), 1), misspelt));
        assertTrue(unknown.getMessage().contains("ln3.gamma"), unknown.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PostLnLayer.fromWeights(TOKENS, WIDTH, HEADS, 0,
                Activation.EXACT_GELU, 1e-5, 1e-5, matrices(new Random(1), 1), Map.of()));
    }

    private static SelfAttention biasedAttention(long seed, double queryBiasScale) {
        Random random = new Random(seed);
        Map<String, double[][]> matrices = matrices(random, 1);
        Map<String, double[]> vectors = vectors(random, 1);
        vectors.put("bq", scaled(new double[][] {randomVector(WIDTH, random)}, queryBiasScale)[0]);
        vectors.keySet().retainAll(java.util.Set.of("bq", "bk", "bv", "bo"));
        return SelfAttention.readWithBiases(new WeightReader("test", matrices, vectors), TOKENS, WIDTH, HEADS, 0.7)
                .certifiedFor(new Domain(2, 1));
    }

    /**
     * The certificate of attention with projection biases (SelfAttention's class comment) holds against sampled
     * difference quotients, Jacobians and |F| on its token ball, for query biases up to 8 times the weights' scale.
     */
    @Test
    void biasedAttentionCertificateHoldsOnSamples() {
        for (long seed = 0; seed < 8; seed++) {
            SelfAttention attention = biasedAttention(seed, 1 + seed);
            CertificateCheck.sample(attention, attention.certificate(), seed, 60)
                    .assertWithinCertificate(attention.toString());
        }
    }

    /** erf has no Taylor recurrence here: a tape refuses the exact GELU by name instead of recording a wrong series. */
    @Test
    void theExactGeluIsRefusedOnATaylorTape() {
        UnsupportedOperationException refused = assertThrows(UnsupportedOperationException.class,
                () -> Tape.record(1, (t, x) -> new io.flowaudit.num.taylor.TapeVariable[] {
                        Activation.EXACT_GELU.apply(x[0])}));
        assertTrue(refused.getMessage().contains("erf"), refused.getMessage());
    }
}
