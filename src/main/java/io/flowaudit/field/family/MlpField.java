package io.flowaudit.field.family;

import io.flowaudit.field.Activation;
import io.flowaudit.field.Certificate;
import io.flowaudit.field.CertifiedField;
import io.flowaudit.field.MatrixBounds;
import io.flowaudit.field.Outward;
import io.flowaudit.field.Region;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.math3.RealFieldElement;

/**
 * A one-hidden-layer perceptron {@code F(t, x) = W2 act(W1 x + b1) + b2} with H hidden units, the FFN
 * block of a transformer ({@code W1} is H x D, {@code W2} is D x H).
 *
 * <p>Certificate, on all of {@code R^D}:
 * <ul>
 * <li>K = {@code a' ||W2|| ||W1||} with {@code a'} = sup act' (1 for tanh, 1/4 for sigmoid; the
 * activation must be one of {@link Activation#bounded}), since
 * the Jacobian is {@code W2 diag(d) W1} with {@code 0 < d_j <= a'}; spectral norms by SVD with the
 * margin of {@link MatrixBounds#decompositionMargin}.
 * <li>mu = {@code min(K, a' sum_j (u_j.v_j + |u_j||v_j|)/2)}, u_j the j-th column of W2 and v_j the
 * j-th row of W1. Derivation: the Jacobian is {@code J = sum_j d_j u_j v_j^T}; its symmetric part is
 * {@code sum_j d_j S_j} with {@code S_j = (u_j v_j^T + v_j u_j^T)/2}, a rank-two matrix whose largest
 * eigenvalue is {@code (u_j.v_j + |u_j||v_j|)/2 >= 0}. lambda_max is subadditive (Weyl) and
 * {@code d_j in [0, a']}, so {@code mu_2(J) <= a' sum_j lambda_max(S_j)} at every x; on a convex region
 * {@code <F(x)-F(y), x-y> = int_0^1 <J(y + s(x-y))(x-y), x-y> ds <= sup mu_2(J) |x-y|^2}. The dot
 * products are bounded outward by their rounding error {@code n eps |u||v|}. (The bound is >= 0: an
 * MLP saturates, where its Jacobian vanishes, so it is never contractive by itself.)
 * <li>M = {@code ||W2|| sqrt(H) + |b2|}, since |act| <= 1; K_t = 0.
 * </ul>
 * Region: {@code R^D} (the field is bounded and globally Lipschitz).
 */
public final class MlpField extends BaseField {

    private final AffineMap hidden;
    private final Activation activation;
    private final AffineMap output;
    private final double lipschitz;
    private final double oneSidedLipschitz;
    private final double bound;

    private MlpField(AffineMap hidden, Activation activation, AffineMap output, Region region) {
        super(region);
        this.hidden = hidden;
        this.activation = activation;
        this.output = output;
        this.lipschitz = Outward.product(activation.maxSlope(),
                Outward.product(output.spectralNorm(), hidden.spectralNorm()));
        double unitSum = 0;
        for (int j = 0; j < hidden.rows(); j++) {
            unitSum = Outward.sum(unitSum, rankTwoMaxEigenvalue(output.column(j), hidden.row(j)));
        }
        this.oneSidedLipschitz = Math.min(lipschitz, Outward.product(activation.maxSlope(), unitSum));
        this.bound = Outward.sum(
                Outward.product(output.spectralNorm(),
                        Outward.product(activation.magnitudeBound(), Outward.up(Math.sqrt(hidden.rows())))),
                output.biasNorm());
    }

    /**
     * {@code W2 act(W1 x + b1) + b2}, certified on {@code R^D}.
     *
     * @param w1 H x D input weights
     * @param b1 H hidden biases
     * @param w2 D x H output weights
     * @param b2 D output biases
     */
    public static MlpField of(double[][] w1, double[] b1, Activation activation, double[][] w2, double[] b2) {
        Activation.requireAmong(Activation.bounded(), "the MLP's bound M", activation);
        AffineMap hidden = new AffineMap(w1, b1);
        AffineMap output = new AffineMap(w2, b2);
        if (output.rows() != hidden.columns() || output.columns() != hidden.rows()) {
            throw new IllegalArgumentException("W1 is " + hidden.rows() + "x" + hidden.columns() + ", so W2 must be "
                    + hidden.columns() + "x" + hidden.rows() + ", got " + output.rows() + "x" + output.columns());
        }
        return new MlpField(hidden, activation, output, Region.wholeSpace());
    }

    /** An upper bound of {@code lambda_max((u v^T + v u^T)/2) = (u.v + |u||v|)/2}. */
    private static double rankTwoMaxEigenvalue(double[] u, double[] v) {
        double dot = 0;
        for (int i = 0; i < u.length; i++) {
            dot += u[i] * v[i];
        }
        double normU = Outward.norm(u);
        double normV = Outward.norm(v);
        double dotUpper = Outward.sum(dot, Bounds.dotError(u.length, normU, normV));
        return Outward.up(Outward.sum(dotUpper, Outward.product(normU, normV)) / 2);
    }

    @Override
    public MlpField certifiedOn(Region region) {
        return new MlpField(hidden, activation, output, region);
    }

    /** Without component {@code index} when W1's column {@code index} is zero. */
    @Override
    public Optional<CertifiedField> withoutInertComponent(int index) {
        if (dimension() < 2 || index < 0 || index >= dimension() || hidden.reads(index)) {
            return Optional.empty();
        }
        AffineMap input = hidden.withoutInput(index);
        AffineMap kept = output.withoutOutput(index);
        return Optional.of(of(input.weights(), input.bias(), activation, kept.weights(), kept.bias())
                .certifiedOn(region()));
    }

    public Activation activation() {
        return activation;
    }

    /** H, the number of hidden units. */
    public int hiddenUnits() {
        return hidden.rows();
    }

    @Override
    public int dimension() {
        return hidden.columns();
    }

    @Override
    public <T extends RealFieldElement<T>> T[] evaluate(T t, T[] x) {
        T[] units = hidden.apply(x);
        for (int j = 0; j < units.length; j++) {
            units[j] = activation.apply(units[j]);
        }
        return output.apply(units);
    }

    @Override
    public void evaluate(double t, double[] x, double[] out) {
        double[] units = new double[hidden.rows()];
        hidden.apply(x, units);
        for (int j = 0; j < units.length; j++) {
            units[j] = activation.apply(units[j]);
        }
        output.apply(units, out);
    }

    @Override
    public Certificate certificateOn(Region region) {
        return new Certificate(lipschitz, oneSidedLipschitz, bound, 0, region);
    }

    @Override
    public double originBound() {
        return bound;
    }

    @Override
    public String family() {
        return "mlp-" + activation.id();
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("activation", activation.id());
        parameters.put("W1", hidden.weightLists());
        parameters.put("b1", hidden.biasList());
        parameters.put("W2", output.weightLists());
        parameters.put("b2", output.biasList());
        return Collections.unmodifiableMap(parameters);
    }
}
