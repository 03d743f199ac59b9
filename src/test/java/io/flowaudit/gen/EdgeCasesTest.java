package io.flowaudit.gen;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowaudit.field.family.AffineField;
import io.flowaudit.field.family.FamilyField;
import io.flowaudit.field.transformer.SelfAttention;
import io.flowaudit.field.transformer.TransformerBlock;
import io.flowaudit.field.transformer.TransformerField;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCases;
import net.jqwik.api.Example;
import net.jqwik.api.Shrinkable;

/**
 * The edge cases jqwik mixes into every property include the textbook extremes, and none that makes a try test
 * nothing.
 */
class EdgeCasesTest {

    private static <F> List<F> edgeCases(Arbitrary<F> arbitrary) {
        EdgeCases<F> edgeCases = arbitrary.edgeCases(10_000);
        return StreamSupport.stream(edgeCases.spliterator(), false).map(Shrinkable::value).collect(Collectors.toList());
    }

    /** Two tokens of width two: every role and its edge values, without the shapes' combinations (drawn once). */
    private static final class TwoTokensOfWidthTwo {
        static final List<SelfAttention> ATTENTION = edgeCases(Fields.softmaxAttention().tokens(2, 2).width(2, 2));
        static final List<TransformerBlock> BLOCKS = edgeCases(Fields.block().tokens(2, 2).width(2, 2));
    }

    private static <F> void assertSome(List<F> cases, Predicate<F> wanted, String what) {
        assertTrue(cases.stream().anyMatch(wanted), "no edge case with " + what + " among " + cases.size());
    }

    private static boolean isScaledIdentity(AffineField field) {
        double[][] a = field.matrix();
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a.length; j++) {
                if (a[i][j] != (i == j ? a[0][0] : 0)) {
                    return false;
                }
            }
        }
        return a[0][0] > 0;
    }

    @Example
    void linearEdgeCasesIncludeDimensionOneTheZeroMatrixAndTheIdentity() {
        List<AffineField> cases = edgeCases(Fields.affine());
        assertSome(cases, f -> f.dimension() == 1, "D = 1");
        assertSome(cases, f -> f.certificate().lipschitz() == 0, "K = 0");
        assertSome(cases, f -> f.dimension() > 1 && isScaledIdentity(f), "A = K I");
    }

    @Example
    void contractiveEdgeCasesIncludeMuClosestToZero() {
        List<? extends FamilyField> cases = edgeCases(Fields.contractive().oneSidedLipschitz(-3, -0.1));
        assertSome(cases, f -> f.certificate().oneSidedLipschitz() > -0.1 - 1e-6, "mu = -0.1");
        assertSome(cases, f -> f.dimension() == 1, "D = 1");
    }

    /**
     * A token field whose values, output projection or FFN layer is the zero matrix is identically zero or constant:
     * every layer map is then exact and a convergence try is vacuous. Such fields were 13 of the 30 tries of each
     * attention family's uniform bound; zero queries and keys (all scores equal: uniform attention) stay edge cases.
     */
    @Example
    void noTokenFieldEdgeCaseHasAZeroUpdateMatrix() {
        // two tokens of width two: every role and its edge values, without the shapes' combinations
        List<List<? extends TransformerField>> families = List.of(
                TwoTokensOfWidthTwo.ATTENTION, edgeCases(Fields.softmaxAttention().tokens(2, 2).width(2, 2).heads(2, 2)),
                edgeCases(Fields.ffn().tokens(2, 2).width(2, 2)), TwoTokensOfWidthTwo.BLOCKS);
        for (List<? extends TransformerField> cases : families) {
            assertTrue(cases.size() >= 4, "edge cases: " + cases.size());
            for (TransformerField field : cases) {
                for (String role : List.of("wv", "wo", "w1", "w2")) {
                    Object matrix = field.parameters().get(role);
                    assertTrue(matrix == null || !isZero(matrix), role + " = 0 in the edge case " + field);
                }
            }
        }
        assertSome(edgeCases(Fields.softmaxAttention()), f -> isZero(f.parameters().get("wq")), "wq = 0");
    }

    /**
     * Behind a block's LayerNorms the values and the FFN's first layer read mean-free tokens (times a gain, plus a
     * bias): a matrix with all entries equal maps them all to one vector, so that branch of the block is constant.
     * Such edge cases were 6 of the 20 tries of the block's observed order, all exact and so vacuous. The attention's
     * values, read without a LayerNorm, keep constant edge cases.
     */
    @Example
    void noBlockEdgeCaseHasAConstantLayerNormBranch() {
        for (TransformerField field : TwoTokensOfWidthTwo.BLOCKS) {
            for (String role : List.of("wv", "w1", "wv.slope", "w1.slope")) {
                Object matrix = field.parameters().get(role);
                assertTrue(matrix == null || !allEqual(matrix), role + " has all entries equal in the edge case " + field);
            }
        }
        assertSome(TwoTokensOfWidthTwo.ATTENTION, f -> allEqual(f.parameters().get("wv")),
                "wv with all entries equal");
    }

    /** The entries of a parameter as {@link TransformerField#parameters()} lists it, flattened. */
    private static List<Double> entries(Object parameter) {
        return parameter instanceof List<?> list ? list.stream().flatMap(entry -> entries(entry).stream()).toList()
                : List.of(((Number) parameter).doubleValue());
    }

    private static boolean allEqual(Object parameter) {
        return entries(parameter).stream().distinct().count() == 1;
    }

    /** A parameter as {@link TransformerField#parameters()} lists it (a matrix is a list of rows) is all zeros. */
    private static boolean isZero(Object parameter) {
        return parameter instanceof List<?> entries ? entries.stream().allMatch(EdgeCasesTest::isZero)
                : ((Number) parameter).doubleValue() == 0;
    }
}
