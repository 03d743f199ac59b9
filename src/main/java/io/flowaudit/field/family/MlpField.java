package io.flowaudit.field.family;

import io.flowaudit.field.Activation;
import io.flowaudit.field.Certificate;
import io.flowaudit.field.CertifiedField;
import io.flowaudit.field.FeedForwardBounds;
import io.flowaudit.field.Outward;
import io.flowaudit.field.Region;
import io.flowaudit.field.WeightMatrix;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.math3.RealFieldElement;

/**
 * A one-hidden-layer perceptron {@code F(t, x) = W2 act(W1 x + b1) + b2} with H hidden units: the
 * transformer's FFN on one token ({@code W1} is H x D, {@code W2} is D x H), with the same matrix type
 * ({@link WeightMatrix}), activations and K and mu ({@link FeedForwardBounds}).
 *
 * <p>Certificate, on all of {@code R^D}: K and mu of {@link FeedForwardBounds} (the activation must be one
 * of {@link Activation#bounded}; mu is >= 0 for them: an MLP saturates, where its Jacobian vanishes, so it
 * is never contractive by itself); M = {@code ||W2|| sqrt(H) + |b2|}, since |act| <= 1; K_t = 0.
 * Region: {@code R^D} (the field is bounded and globally Lipschitz).
 */
public final class MlpField extends BaseField {

    private final WeightMatrix hidden;
    private final WeightMatrix hiddenBias;
    private final Activation activation;
    private final WeightMatrix output;
    private final WeightMatrix outputBias;
    private final FeedForwardBounds bounds;
    private final double bound;

    private MlpField(WeightMatrix hidden, WeightMatrix hiddenBias, Activation activation, WeightMatrix output,
            WeightMatrix outputBias, Region region) {
        super(region);
        this.hidden = hidden;
        this.hiddenBias = hiddenBias;
        this.activation = activation;
        this.output = output;
        this.outputBias = outputBias;
        this.bounds = new FeedForwardBounds(hidden, activation, output, 0);
        this.bound = Outward.sum(
                Outward.product(output.supNorm(0),
                        Outward.product(activation.magnitudeBound(), Outward.up(Math.sqrt(hidden.rows())))),
                Outward.norm(outputBias.vectorAtZero()));
    }

    /** This field's weights and constants, certified on {@code region}: the constants hold on all of R^D. */
    private MlpField(MlpField field, Region region) {
        super(region);
        this.hidden = field.hidden;
        this.hiddenBias = field.hiddenBias;
        this.activation = field.activation;
        this.output = field.output;
        this.outputBias = field.outputBias;
        this.bounds = field.bounds;
        this.bound = field.bound;
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
        WeightMatrix hidden = WeightMatrix.constant(w1);
        WeightMatrix output = WeightMatrix.constant(w2);
        if (output.rows() != hidden.columns() || output.columns() != hidden.rows()) {
            throw new IllegalArgumentException("W1 is " + hidden.rows() + "x" + hidden.columns() + ", so W2 must be "
                    + hidden.columns() + "x" + hidden.rows() + ", got " + output.rows() + "x" + output.columns());
        }
        return new MlpField(hidden, WeightMatrix.biasOf(hidden, b1), activation, output,
                WeightMatrix.biasOf(output, b2), Region.wholeSpace());
    }
    @Override
    public MlpField certifiedOn(Region region) {
        return new MlpField(this, region);
    }

    /** Without component {@code index} when W1's column {@code index} is zero. */
    @Override
    public Optional<CertifiedField> withoutInertComponent(int index) {
        if (dimension() < 2 || index < 0 || index >= dimension() || hidden.reads(index)) {
            return Optional.empty();
        }
        return Optional.of(of(hidden.withoutColumn(index).atZero(), hiddenBias.vectorAtZero(), activation,
                output.withoutRow(index).atZero(), outputBias.withoutRow(index).vectorAtZero()).certifiedOn(region()));
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
        T[] units = hidden.applyToEach(t, x, 1, hiddenBias);
        for (int j = 0; j < units.length; j++) {
            units[j] = activation.apply(units[j]);
        }
        return output.applyToEach(t, units, 1, outputBias);
    }

    @Override
    public void evaluate(double t, double[] x, double[] out) {
        double[] units = new double[hidden.rows()];
        hidden.applyToEach(t, x, 1, hiddenBias, units);
        for (int j = 0; j < units.length; j++) {
            units[j] = activation.apply(units[j]);
        }
        output.applyToEach(t, units, 1, outputBias, out);
    }

    @Override
    public Certificate certificateOn(Region region) {
        return new Certificate(bounds.lipschitz(), bounds.oneSidedLipschitz(), bound, 0, region);
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
        hidden.putParameters(parameters, "W1");
        hiddenBias.putParameters(parameters, "b1");
        output.putParameters(parameters, "W2");
        outputBias.putParameters(parameters, "b2");
        return Collections.unmodifiableMap(parameters);
    }
}
