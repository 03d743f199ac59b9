package io.flowaudit.field.family;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowaudit.field.Certificate;
import io.flowaudit.field.Region;
import io.flowaudit.gen.Fields;
import io.flowaudit.gen.LinearShape;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;

/** A linear field's K and mu are attained, so its certificate is tight; its region and parameters. */
class AffineFieldProperties {

    private static RealMatrix matrix(AffineField field) {
        return new Array2DRowRealMatrix(field.matrix(), false);
    }

    /** K is attained along A's top right singular vector: the certificate is within 1e-8 of it. */
    @Property(tries = 100)
    void lipschitzConstantIsTheSpectralNormWithin1e8(@ForAll AffineField field, @ForAll Random random) {
        double[] top = new SingularValueDecomposition(matrix(field)).getV().getColumn(0);
        double attained = new EmpiricalConstants(field, random).lipschitzQuotient(0, new double[field.dimension()], top)
                .getReal();
        double k = field.certificate().lipschitz();
        assertTrue(attained <= k && k <= attained * (1 + 1e-8) + 1e-300, "K " + k + " vs |A v| " + attained);
    }

    /** mu is attained along the top eigenvector of the symmetric part: within 1e-8 K of it. */
    @Property(tries = 100)
    void oneSidedConstantIsTheLogarithmicNormWithin1e8(@ForAll AffineField field, @ForAll Random random) {
        RealMatrix a = matrix(field);
        EigenDecomposition eigen = new EigenDecomposition(a.add(a.transpose()).scalarMultiply(0.5));
        double[] values = eigen.getRealEigenvalues();
        int top = 0;
        for (int i = 1; i < values.length; i++) {
            top = values[i] > values[top] ? i : top;
        }
        double attained = new EmpiricalConstants(field, random).oneSidedQuotient(0, new double[field.dimension()],
                eigen.getEigenvector(top).toArray()).getReal();
        Certificate c = field.certificate();
        assertTrue(attained <= c.oneSidedLipschitz() && c.oneSidedLipschitz() <= attained + 1e-8 * c.lipschitz(),
                "mu " + c.oneSidedLipschitz() + " vs <Av, v> " + attained);
    }

    /** Non-normal matrices have mu well above their spectral abscissa (the diagonal, A being triangular). */
    @Property(tries = 100)
    void nonNormalFieldsHaveMuAboveTheirEigenvalues(@ForAll("nonNormal") AffineField field) {
        double[][] a = field.matrix();
        double abscissa = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < a.length; i++) {
            abscissa = Math.max(abscissa, a[i][i]);
            for (int j = 0; j < i; j++) {
                assertEquals(0, a[i][j], "A must be upper triangular");
            }
        }
        Certificate c = field.certificate();
        assertTrue(abscissa < 0, "eigenvalues " + abscissa);
        assertTrue(c.oneSidedLipschitz() > abscissa + 0.25 * c.lipschitz(), "mu " + c.oneSidedLipschitz()
                + " not clearly above the spectral abscissa " + abscissa + " for " + field);
    }

    @Provide
    Arbitrary<AffineField> nonNormal() {
        return Fields.affine().dimension(1, 8).lipschitz(0.1, 4).nonNormal();
    }

    @Property(tries = 50)
    void skewFieldsAreRotationsWithMuZero(@ForAll("skew") AffineField field) {
        Certificate c = field.certificate();
        assertTrue(Math.abs(c.oneSidedLipschitz()) <= 1e-9 * c.lipschitz(), "mu " + c.oneSidedLipschitz());
    }

    @Provide
    Arbitrary<AffineField> skew() {
        return Fields.affine().dimension(2, 8).lipschitz(0.1, 4).shapes(LinearShape.SKEW);
    }

    @Example
    void textbookNonNormalMatrix() {
        Certificate c = AffineField.of(new double[][] {{-1, 10}, {0, -1}}).certificate();
        assertEquals(4, c.oneSidedLipschitz(), 1e-12);
        // sigma^2 = (tr(A^T A) + sqrt(tr(A^T A)^2 - 4 det(A)^2)) / 2
        assertEquals(Math.sqrt((102 + Math.sqrt(102 * 102 - 4)) / 2), c.lipschitz(), 1e-12);
    }

    @Example
    void zeroMatrixHasExactlyZeroConstants() {
        Certificate c = AffineField.of(new double[3][3]).certificate();
        assertEquals(0, c.lipschitz());
        assertEquals(0, c.oneSidedLipschitz());
        assertEquals(0, c.bound());
    }

    @Example
    void boundIsKRPlusBiasNormOnABallAndInfiniteOnTheWholeSpace() {
        AffineField field = AffineField.of(new double[][] {{2, 0}, {0, 1}}, new double[] {3, 4});
        assertEquals(2 * 10 + 5, field.certificateOn(Region.ball(10)).bound(), 1e-12);
        assertEquals(Double.POSITIVE_INFINITY, field.certificateOn(Region.wholeSpace()).bound());
        assertEquals(5, field.originBound(), 1e-12);
    }

    @Example
    void parametersRebuildTheField() {
        AffineField field = AffineField.of(new double[][] {{1, 2}, {3, 4}}, new double[] {5, 6});
        Map<String, Object> parameters = field.parameters();
        assertEquals("linear", field.family());
        assertEquals(List.of(List.of(1.0, 2.0), List.of(3.0, 4.0)), parameters.get("A"));
        assertEquals(List.of(5.0, 6.0), parameters.get("b"));
        double[] out = new double[2];
        field.evaluate(0, new double[] {1, 1}, out);
        assertArrayEquals(new double[] {8, 13}, out);
    }

    @Example
    void rejectsNonSquareAndNonFiniteMatrices() {
        assertThrows(IllegalArgumentException.class, () -> AffineField.of(new double[][] {{1, 2}}));
        assertThrows(IllegalArgumentException.class, () -> AffineField.of(new double[][] {{Double.NaN}}));
        assertThrows(IllegalArgumentException.class, () -> AffineField.of(new double[][] {{1}}, new double[] {1, 2}));
    }
}
