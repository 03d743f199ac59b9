package io.flowaudit.field.transformer;

import io.flowaudit.field.Activation;
import io.flowaudit.field.Certificate;
import io.flowaudit.field.CertifiedField;
import io.flowaudit.field.Domain;
import io.flowaudit.field.FeedForwardBounds;
import io.flowaudit.field.InitialStates;
import io.flowaudit.field.Outward;
import io.flowaudit.field.Region;
import io.flowaudit.field.WeightMatrix;
import io.flowaudit.field.family.FamilyField;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitrary;
import org.apache.commons.math3.RealFieldElement;

/**
 * The feed-forward map {@code f(t, x) = W2(t) act(W1(t) x + b1(t)) + b2(t)} ({@code W1} is {@code hidden x
 * width}, {@code W2} is {@code width x hidden}) on every token alike: the transformer's position-wise FFN
 * ({@link #fromWeights}) and, on one token, the {@code mlp} family's perceptron ({@link #mlp}). One
 * evaluation for both, each layer {@code b + W v} through {@link WeightMatrix#applyToEach} (the sum started
 * at the bias entry), and one set of bounds ({@link HorizonBounds}) both certificates are read from.
 *
 * <p><b>Certificate</b> (norms are suprema over {@code [0, T]}, L the activation's Lipschitz constant). The
 * field acts on each token alike, so the per-token constants are those of the whole state:
 * <ul>
 * <li>K and mu of the one-token map ({@link FeedForwardBounds}), on all of {@code R^D};</li>
 * <li>a bound of {@code |f(x)|} per token, from one of two arguments. <b>Growth</b> (the FFN): {@code act(0) =
 * 0} gives {@code |act(z)| <= L |z|}, so {@code |f(x)| <= ||W2|| L (||W1|| |x| + |b1|) + |b2|}, which is M
 * on the token ball of radius {@code |x|}. <b>Saturation</b> (the MLP): {@code |act| <= 1} gives {@code |f(x)|
 * <= ||W2|| sqrt(H) + |b2|} everywhere, so with its constant weights ({@code K_t = 0}) the MLP's constants
 * hold on all of {@code R^D}, its region. For tanh both hold; each family keeps the one it was built with,
 * so an FFN's certificate reads the same for every activation and an MLP's never depends on a radius;</li>
 * <li>{@code K_t = sqrt(n) (||W2'|| L (||W1|| R + |b1|) + ||W2|| L (||W1'|| R + |b1'|) + |b2'|)}, from
 * differentiating each weight in t (0 for constant weights).</li>
 * </ul>
 *
 * <p>As an MLP it is a {@link FamilyField}: a state of one token, drawn in a ball, certified on a
 * {@link Region} (all of {@code R^D} unless a composite family asks for another), named {@code mlp-<act>}.
 * As an FFN it is certified for a {@link Domain} on the token ball its growth bound gives, and draws tokens
 * in a shell like every transformer field.
 */
public final class FeedForward extends TransformerField implements FamilyField {

    private final Activation activation;
    private final WeightMatrix inner;
    private final WeightMatrix innerBias;
    private final WeightMatrix outer;
    private final WeightMatrix outerBias;
    /** The MLP's region, on which its saturation bound certifies it; null for the FFN. */
    private final Region mlpRegion;

    private FeedForward(int tokens, Activation activation, WeightMatrix inner, WeightMatrix innerBias,
            WeightMatrix outer, WeightMatrix outerBias, Domain domain, Region mlpRegion) {
        super(tokens, inner.columns(), domain);
        this.activation = activation;
        this.inner = inner;
        this.innerBias = innerBias;
        this.outer = outer;
        this.outerBias = outerBias;
        this.mlpRegion = mlpRegion;
    }

    /**
     * The {@code mlp} family's perceptron {@code W2 act(W1 x + b1) + b2} on {@code R^D}, certified on all of
     * it (class comment: its activation must be one of {@link Activation#bounded}).
     *
     * @param w1 H x D input weights
     * @param b1 H hidden biases
     * @param w2 D x H output weights
     * @param b2 D output biases
     */
    public static FeedForward mlp(double[][] w1, double[] b1, Activation activation, double[][] w2, double[] b2) {
        Activation.requireAmong(Activation.bounded(), "the MLP's bound M", activation);
        WeightMatrix hidden = WeightMatrix.constant(w1);
        WeightMatrix output = WeightMatrix.constant(w2);
        if (output.rows() != hidden.columns() || output.columns() != hidden.rows()) {
            throw new IllegalArgumentException("W1 is " + hidden.rows() + "x" + hidden.columns() + ", so W2 must be "
                    + hidden.columns() + "x" + hidden.rows() + ", got " + output.rows() + "x" + output.columns());
        }
        return new FeedForward(1, activation, hidden, WeightMatrix.biasOf(hidden, b1), output,
                WeightMatrix.biasOf(output, b2), Domain.UNIT, Region.wholeSpace());
    }

    /**
     * The FFN from plain arrays, for {@link Domain#UNIT}: matrices {@code w1} ({@code hidden x
     * width}) and {@code w2} ({@code width x hidden}), optional vectors {@code b1} (length hidden) and
     * {@code b2} (length width), zero when absent; each may come with a {@code .slope}.
     *
     * @throws IllegalArgumentException naming the role and the expected shape
     */
    public static FeedForward fromWeights(int tokens, int width, Activation activation,
            Map<String, double[][]> matrices, Map<String, double[]> vectors) {
        WeightReader reader = new WeightReader("ffn", matrices, vectors);
        FeedForward feedForward = read(reader, tokens, width, activation);
        reader.requireAllRead();
        return feedForward;
    }

    /** Reads {@code w1, b1, w2, b2} (see {@link #fromWeights}); shared with the transformer block. */
    static FeedForward read(WeightReader reader, int tokens, int width, Activation activation) {
        Activation.requireAmong(Activation.feedForward(), "the FFN's token growth bound", activation);
        int hidden = reader.rowsOf("w1");
        WeightMatrix inner = reader.matrix("w1", hidden, width, "hidden x width");
        WeightMatrix outer = reader.matrix("w2", width, hidden, "width x hidden");
        return new FeedForward(tokens, activation, inner, reader.vectorOrZero("b1", hidden), outer,
                reader.vectorOrZero("b2", width), Domain.UNIT, null);
    }

    private boolean isMlp() {
        return mlpRegion != null;
    }

    /** The MLP's constants hold on all of {@code R^D}; the FFN's on the token ball its domain's growth gives. */
    @Override
    public FeedForward certifiedFor(Domain domain) {
        return new FeedForward(tokens(), activation, inner, innerBias, outer, outerBias, domain,
                isMlp() ? Region.wholeSpace() : null);
    }

    /** The MLP certified on {@code region} (its constants hold everywhere); an FFN is certified for a domain. */
    @Override
    public FeedForward certifiedOn(Region region) {
        if (!isMlp()) {
            throw new UnsupportedOperationException("an FFN is certified for a domain (certifiedFor), on the token"
                    + " ball its growth bound gives");
        }
        return new FeedForward(1, activation, inner, innerBias, outer, outerBias, domain(), region);
    }

    /** The same weights on {@code tokens} tokens; the MLP has one. */
    @Override
    public FeedForward withTokens(int tokens) {
        if (isMlp() && tokens != 1) {
            throw new IllegalArgumentException("the MLP acts on one state, not on " + tokens + " tokens");
        }
        return new FeedForward(tokens, activation, inner, innerBias, outer, outerBias, domain(), mlpRegion);
    }

    /** The MLP without component {@code index} when W1's column {@code index} is zero; the FFN never. */
    @Override
    public Optional<CertifiedField> withoutInertComponent(int index) {
        if (!isMlp() || dimension() < 2 || index < 0 || index >= dimension() || inner.reads(index)) {
            return Optional.empty();
        }
        return Optional.of(mlp(inner.withoutColumn(index).atZero(), innerBias.vectorAtZero(), activation,
                outer.withoutRow(index).atZero(), outerBias.withoutRow(index).vectorAtZero()).certifiedOn(mlpRegion));
    }

    public Activation activation() {
        return activation;
    }

    /** H, the number of hidden units. */
    public int hidden() {
        return inner.rows();
    }

    @Override
    public String family() {
        return isMlp() ? "mlp-" + activation.id() : "ffn";
    }

    @Override
    public boolean isAutonomous() {
        return inner.isConstant() && innerBias.isConstant() && outer.isConstant() && outerBias.isConstant();
    }

    @Override
    public <T extends RealFieldElement<T>> T[] evaluate(T t, T[] x) {
        T[] units = inner.applyToEach(t, x, tokens(), innerBias);
        for (int j = 0; j < units.length; j++) {
            units[j] = activation.apply(units[j]);
        }
        return outer.applyToEach(t, units, tokens(), outerBias);
    }

    @Override
    public void evaluate(double t, double[] x, double[] out) {
        double[] units = new double[tokens() * hidden()];
        inner.applyToEach(t, x, tokens(), innerBias, units);
        for (int j = 0; j < units.length; j++) {
            units[j] = activation.apply(units[j]);
        }
        outer.applyToEach(t, units, tokens(), outerBias, out);
    }

    @Override
    public Region region() {
        return isMlp() ? mlpRegion : regionFor(domain());
    }

    @Override
    public Region regionFor(Domain domain) {
        return isMlp() ? Region.wholeSpace() : super.regionFor(domain);
    }

    @Override
    public Certificate certificate() {
        return isMlp() ? certificateOn(mlpRegion) : super.certificate();
    }

    /**
     * The MLP's constants on {@code region} (they hold on all of {@code R^D}); the FFN's on the token ball of
     * the region's radius, which bounds every token of a state in it.
     */
    @Override
    public Certificate certificateOn(Region region) {
        HorizonBounds bounds = boundsFor(domain().horizon());
        return isMlp() ? bounds.saturatedCertificate(region) : bounds.certificateOn(region.radius());
    }

    /** {@code sup_t |F(t, 0)|}: M on the ball of radius 0. */
    @Override
    public double originBound() {
        return certificateOn(Region.ball(0)).bound();
    }

    /** The MLP draws its state in a ball; the FFN draws tokens in a shell. */
    @Override
    public Arbitrary<double[]> initialStates(double radius) {
        return isMlp() ? InitialStates.inBall(dimension(), radius) : super.initialStates(radius);
    }

    /** The MLP's components are {@code x1 .. xD}; the FFN's are named by token. */
    @Override
    public List<String> componentNames() {
        if (!isMlp()) {
            return super.componentNames();
        }
        List<String> names = new ArrayList<>(dimension());
        for (int i = 1; i <= dimension(); i++) {
            names.add("x" + i);
        }
        return names;
    }

    @Override
    protected HorizonBounds boundsFor(double horizon) {
        return new HorizonBounds(horizon, inner.supNorm(horizon), outer.supNorm(horizon));
    }

    /**
     * K and the token growth of a checkpoint's FFN (constant weights of width 384 and more), the norms of W1 and
     * W2 from {@link TracePowerNorms}, where a dense SVD takes seconds; mu is not wanted there (it does not
     * compose through LayerNorm) and would need the logarithmic norm of W2 W1.
     */
    HorizonBounds checkpointBounds() {
        if (!isAutonomous()) {
            throw new IllegalStateException("a checkpoint's FFN has constant weights");
        }
        return new HorizonBounds(0, TracePowerNorms.norm(inner.at(0)), TracePowerNorms.norm(outer.at(0)));
    }

    /** The bounds of the class comment for one horizon, each norm computed once and passed on. */
    final class HorizonBounds implements TransformerField.HorizonBounds {

        private final double horizon;
        private final double inner;
        private final double innerBias;
        private final double outer;
        private final double outerBias;
        private final double innerRate;
        private final double innerBiasRate;
        private final double outerRate;
        private final double outerBiasRate;

        private HorizonBounds(double horizon, double inner, double outer) {
            this.horizon = horizon;
            this.inner = inner;
            this.outer = outer;
            innerBias = FeedForward.this.innerBias.supNorm(horizon);
            outerBias = FeedForward.this.outerBias.supNorm(horizon);
            innerRate = FeedForward.this.inner.slopeNorm();
            innerBiasRate = FeedForward.this.innerBias.slopeNorm();
            outerRate = FeedForward.this.outer.slopeNorm();
            outerBiasRate = FeedForward.this.outerBias.slopeNorm();
        }

        double lipschitz() {
            return FeedForwardBounds.lipschitz(outer, activation.lipschitz(), inner);
        }

        /**
         * From the norms held here, made when a certificate asks: a checkpoint's FFN never does, and mu would
         * need the logarithmic norm of its {@code W2 W1}.
         */
        double oneSidedLipschitz() {
            return new FeedForwardBounds(FeedForward.this.inner, activation, FeedForward.this.outer, horizon, inner,
                    outer).oneSidedLipschitz();
        }

        /** The FFN's growth; the MLP's saturation bound, the same at every radius (rate 0). */
        @Override
        public TokenGrowth growth() {
            if (isMlp()) {
                return new TokenGrowth(saturationBound(), 0);
            }
            double lipschitz = activation.lipschitz();
            return new TokenGrowth(Outward.sum(Outward.product(outer, lipschitz, innerBias), outerBias),
                    Outward.product(outer, lipschitz, inner));
        }

        /** {@code ||W2|| sqrt(H) sup|act| + |b2|}, for the MLP's constant weights. */
        private double saturationBound() {
            return Outward.sum(Outward.product(outer,
                    Outward.product(activation.magnitudeBound(), Outward.up(Math.sqrt(hidden())))),
                    Outward.norm(FeedForward.this.outerBias.vectorAtZero()));
        }

        /** The MLP's K, mu and saturation bound, all holding on {@code R^D}, named for {@code region}. */
        Certificate saturatedCertificate(Region region) {
            return new Certificate(lipschitz(), oneSidedLipschitz(), saturationBound(), 0, region);
        }

        /** K and mu hold on all of {@code R^D}, M on the token ball. */
        @Override
        public Certificate certificateOn(double radius) {
            return certified(lipschitz(), oneSidedLipschitz(), growth().tokenBound(radius), timeLipschitz(radius),
                    Region.tokenBall(radius, width()));
        }

        double timeLipschitz(double radius) {
            double lipschitz = activation.lipschitz();
            return Outward.product(Outward.sqrt(tokens()), Outward.sum(
                    Outward.product(outerRate, lipschitz, Outward.sum(Outward.product(inner, radius), innerBias)),
                    Outward.product(outer, lipschitz, Outward.sum(Outward.product(innerRate, radius), innerBiasRate)),
                    outerBiasRate));
        }
    }

    /** The MLP's {@code activation, W1, b1, W2, b2}; the FFN's with its shape and domain around them. */
    @Override
    public Map<String, Object> parameters() {
        if (isMlp()) {
            Map<String, Object> parameters = new LinkedHashMap<>();
            putWeights(parameters, "W1", "W2");
            return Collections.unmodifiableMap(parameters);
        }
        Map<String, Object> parameters = shapeParameters();
        parameters.put("hidden", hidden());
        putWeights(parameters, "w1", "w2");
        putDomainParameters(parameters);
        return parameters;
    }

    private void putWeights(Map<String, Object> parameters, String innerRole, String outerRole) {
        parameters.put("activation", activation.id());
        inner.putParameters(parameters, innerRole);
        innerBias.putParameters(parameters, "b1");
        outer.putParameters(parameters, outerRole);
        outerBias.putParameters(parameters, "b2");
    }

    /** The family, its parameters and, for the MLP, its dimension and certificate. */
    @Override
    public String toString() {
        return isMlp() ? family() + " (D=" + dimension() + ") " + parameters() + " with " + certificate()
                : super.toString();
    }
}
