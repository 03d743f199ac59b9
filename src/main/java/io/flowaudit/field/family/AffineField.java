package io.flowaudit.field.family;

import io.flowaudit.field.Certificate;
import io.flowaudit.field.CertifiedField;
import io.flowaudit.field.Domain;
import io.flowaudit.field.MatrixBounds;
import io.flowaudit.field.Outward;
import io.flowaudit.field.Region;
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

    private final AffineMap map;
    private final double lipschitz;
    private final double oneSidedLipschitz;

    private AffineField(AffineMap map, double oneSidedLipschitz, Region region) {
        super(region);
        this.map = map;
        this.lipschitz = map.spectralNorm();
        this.oneSidedLipschitz = oneSidedLipschitz;
    }

    /** {@code A x + b}, certified for initial states of norm at most 1 over unit time ({@link Domain#UNIT}). */
    public static AffineField of(double[][] a, double[] b) {
        AffineMap map = new AffineMap(a, b);
        if (map.rows() != map.columns()) {
            throw new IllegalArgumentException("A must be square, got " + map.rows() + "x" + map.columns());
        }
        double mu = Math.min(map.spectralNorm(), MatrixBounds.logarithmicNorm(a, map.spectralNorm()));
        AffineField field = new AffineField(map, mu, Region.wholeSpace());
        return field.certifiedOn(field.regionFor(Domain.UNIT));
    }

    /** {@code A x}, certified on {@code regionFor(Domain.UNIT)}. */
    public static AffineField of(double[][] a) {
        return of(a, new double[a.length]);
    }

    @Override
    public AffineField certifiedOn(Region region) {
        return new AffineField(map, oneSidedLipschitz, region);
    }

    /** Without component {@code index} when A's column {@code index} is zero. */
    @Override
    public Optional<CertifiedField> withoutInertComponent(int index) {
        if (dimension() < 2 || index < 0 || index >= dimension() || map.reads(index)) {
            return Optional.empty();
        }
        AffineMap reduced = map.withoutOutput(index).withoutInput(index);
        return Optional.of(of(reduced.weights(), reduced.bias()).certifiedOn(region()));
    }

    /** A copy of A. */
    public double[][] matrix() {
        return map.weights();
    }

    /** A copy of b. */
    public double[] offset() {
        return map.bias();
    }

    @Override
    public int dimension() {
        return map.rows();
    }

    @Override
    public <T extends RealFieldElement<T>> T[] evaluate(T t, T[] x) {
        return map.apply(x);
    }

    @Override
    public void evaluate(double t, double[] x, double[] out) {
        map.apply(x, out);
    }

    @Override
    public Certificate certificateOn(Region region) {
        double radius = Bounds.euclideanRadius(region, dimension());
        double bound = Outward.sum(Outward.product(lipschitz, radius), map.biasNorm());
        return new Certificate(lipschitz, oneSidedLipschitz, bound, 0, region);
    }

    @Override
    public double originBound() {
        return map.biasNorm();
    }

    @Override
    public String family() {
        return "linear";
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("A", map.weightLists());
        parameters.put("b", map.biasList());
        return Collections.unmodifiableMap(parameters);
    }
}
