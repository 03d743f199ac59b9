package io.flowaudit.field.family;

import io.flowaudit.field.Certificate;
import io.flowaudit.field.CertifiedField;
import io.flowaudit.field.Domain;
import io.flowaudit.field.MatrixBounds;
import io.flowaudit.field.Outward;
import io.flowaudit.field.Region;
import io.flowaudit.field.WeightMatrix;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.math3.RealFieldElement;

/**
 * The affine field {@code F(t, x) = A x + b}.
 *
 * <p>Certificate: K = {@code ||A||_2} and mu = {@code lambda_max((A + A^T)/2)} (the logarithmic norm
 * mu_2(A)), both from commons-math3 decompositions bounded outward by the relative margin of
 * {@link MatrixBounds#decompositionMargin} (rigorous given the backward stability of SVD and the symmetric
 * eigensolver, not by construction); both are attained by the field, so they are tight to that
 * margin. For a non-normal A mu exceeds the spectral abscissa: {@code [[-1, 10], [0, -1]]} has
 * eigenvalues -1 but mu = 4, so its flow grows before it decays (Theorem 3 is sharp in mu, not in
 * the eigenvalues). M = {@code K R + |b|} on a ball of radius R, infinite on {@code R^D}; K_t = 0.
 *
 * <p>Region: a ball from the growth rule of {@link FamilyField#regionFor} with beta = |b|.
 */
public final class AffineField extends BaseField {

    private final WeightMatrix matrix;
    private final WeightMatrix offset;
    private final double lipschitz;
    private final double oneSidedLipschitz;
    private final double offsetNorm;

    private AffineField(WeightMatrix matrix, WeightMatrix offset, double oneSidedLipschitz, Region region) {
        super(region);
        this.matrix = matrix;
        this.offset = offset;
        this.lipschitz = matrix.supNorm(0);
        this.oneSidedLipschitz = oneSidedLipschitz;
        this.offsetNorm = Outward.norm(offset.vectorAtZero());
    }

    /** {@code A x + b}, certified for initial states of norm at most 1 over unit time ({@link Domain#UNIT}). */
    public static AffineField of(double[][] a, double[] b) {
        WeightMatrix matrix = WeightMatrix.constant(a);
        if (matrix.rows() != matrix.columns()) {
            throw new IllegalArgumentException("A must be square, got " + matrix.rows() + "x" + matrix.columns());
        }
        double norm = matrix.supNorm(0);
        double mu = Math.min(norm, MatrixBounds.logarithmicNorm(a, norm));
        AffineField field = new AffineField(matrix, WeightMatrix.biasOf(matrix, b), mu, Region.wholeSpace());
        return field.certifiedOn(field.regionFor(Domain.UNIT));
    }

    /** {@code A x}, certified on {@code regionFor(Domain.UNIT)}. */
    public static AffineField of(double[][] a) {
        return of(a, new double[a.length]);
    }

    @Override
    public AffineField certifiedOn(Region region) {
        return new AffineField(matrix, offset, oneSidedLipschitz, region);
    }

    /** Without component {@code index} when A's column {@code index} is zero. */
    @Override
    public Optional<CertifiedField> withoutInertComponent(int index) {
        if (dimension() < 2 || index < 0 || index >= dimension() || matrix.reads(index)) {
            return Optional.empty();
        }
        return Optional.of(of(matrix.withoutRow(index).withoutColumn(index).atZero(),
                offset.withoutRow(index).vectorAtZero()).certifiedOn(region()));
    }

    /** A copy of A. */
    public double[][] matrix() {
        return matrix.atZero();
    }

    /** A copy of b. */
    public double[] offset() {
        return offset.vectorAtZero();
    }

    @Override
    public int dimension() {
        return matrix.rows();
    }

    @Override
    public <T extends RealFieldElement<T>> T[] evaluate(T t, T[] x) {
        return matrix.applyToEach(t, x, 1, offset);
    }

    @Override
    public void evaluate(double t, double[] x, double[] out) {
        matrix.applyToEach(t, x, 1, offset, out);
    }

    @Override
    public Certificate certificateOn(Region region) {
        double radius = Bounds.euclideanRadius(region, dimension());
        double bound = Outward.sum(Outward.product(lipschitz, radius), offsetNorm);
        return new Certificate(lipschitz, oneSidedLipschitz, bound, 0, region);
    }

    @Override
    public double originBound() {
        return offsetNorm;
    }

    @Override
    public String family() {
        return "linear";
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> parameters = new LinkedHashMap<>();
        matrix.putParameters(parameters, "A");
        offset.putParameters(parameters, "b");
        return Collections.unmodifiableMap(parameters);
    }
}
