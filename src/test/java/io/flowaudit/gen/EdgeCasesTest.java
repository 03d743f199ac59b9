package io.flowaudit.gen;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowaudit.field.family.AffineField;
import io.flowaudit.field.family.FamilyField;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCases;
import net.jqwik.api.Example;
import net.jqwik.api.Shrinkable;

/** The edge cases jqwik mixes into every property include the textbook extremes. */
class EdgeCasesTest {

    private static <F> List<F> edgeCases(Arbitrary<F> arbitrary) {
        EdgeCases<F> edgeCases = arbitrary.edgeCases(10_000);
        return StreamSupport.stream(edgeCases.spliterator(), false).map(Shrinkable::value).collect(Collectors.toList());
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
}
