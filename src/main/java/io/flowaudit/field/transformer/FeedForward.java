package io.flowaudit.field.transformer;

import io.flowaudit.field.Activation;
import io.flowaudit.field.Certificate;
import io.flowaudit.field.CertifiedField;
import io.flowaudit.field.Domain;
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
 * ({@link #fromWeights}) and, on one state, the {@code mlp} family's perceptron ({@link Mlp}, from
 * {@link #mlp}). One evaluation for both, each layer {@code b + W v} through {@link WeightMatrix#applyToEach}
 * (the sum started at the bias entry), and one set of bounds ({@link HorizonBounds}) both certificates are
 * read from; the two differ only in how they are certified, which {@link Mlp} overrides.
 *
 * <p><b>Certificate</b> (norms are suprema over {@code [0, T]}, L the activation's Lipschitz constant). The
 * field acts on each token alike, so the per-token constants are those of the whole state:
 * <ul>
 * <li>K and mu of the one-token map, on all of {@code R^D} (below);</li>
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
 * <p><b>K and mu.</b> For two points {@code f(x) - f(y) = W2 D W1 (x - y)}, D the diagonal of the
 * activation's difference quotients, each in {@code [m, a]} = {@code [minSlope, maxSlope]}
 * ({@link Activation}); on a segment the same holds for the Jacobian {@code J = W2 diag(d) W1 = sum_j d_j u_j
 * v_j^T} (u_j the j-th column of W2, v_j the j-th row of W1), and {@code <f(x) - f(y), x - y> = int_0^1
 * <J(y + s(x - y))(x - y), x - y> ds}.
 * <ul>
 * <li>{@code K = ||W2|| L ||W1||}, L = {@code max(-m, a)}. The two products are rounded up one after the
 * other; both orders bound the exact product and round differently, so K is the smaller of the two.</li>
 * <li>mu is the smallest of K and two bounds of {@code sup lambda_max((J + J^T)/2)}, neither always the
 * smaller:
 * <ul>
 * <li><b>midpoint</b>: write {@code D = c I + E} with c the midpoint and r the half-width of {@code [m, a]}
 * ({@code c >= 0} for every activation here), so {@code mu <= c sup_t mu_2(W2 W1) + r ||W2|| ||W1||}. For
 * tanh with {@code W1 = I_2}, {@code W2} a rotation by theta, it is {@code (1 + cos theta)/2}, attained with
 * one unit at slope 1 and the other saturated; the rank-two bound gives {@code 1 + cos theta}.</li>
 * <li><b>rank-two</b> (constant weights): the symmetric part of {@code u_j v_j^T} is a rank-two matrix
 * S_j with eigenvalues {@code (u_j.v_j ± |u_j||v_j|)/2}; lambda_max is subadditive (Weyl) and
 * {@code lambda_max(d S_j)} is convex in d, so largest at {@code d = a} or {@code d = m}:
 * {@code mu <= sum_j max(a lambda_max(S_j), -m lambda_min(S_j))} = {@code a sum_j max(lambda_max(S_j), (-m/a)
 * (-lambda_min(S_j)))}, the second term present only for {@code m < 0}. For one unit with {@code u = -v} it
 * is {@code -m |v|^2} (0 for tanh), attained where the slope is m; the midpoint bound gives {@code r |v|^2}.
 * Dot products are bounded outward by their rounding error {@code gamma_n |u||v|} ({@link Outward#gamma}).</li>
 * </ul></li>
 * </ul>
 * Every term is rounded up by {@link Outward}'s policy.
 *
 * <p>As an FFN it is certified for a {@link Domain} on the token ball its growth bound gives, and draws
 * tokens in a shell like every transformer field; as an MLP see {@link Mlp}.
 */
public sealed class FeedForward extends TransformerField permits FeedForward.Mlp {

    private final Activation activation;
    private final WeightMatrix inner;
    private final WeightMatrix innerBias;
    private final WeightMatrix outer;
    private final WeightMatrix outerBias;

    private FeedForward(int tokens, Activation activation, WeightMatrix inner, WeightMatrix innerBias,
            WeightMatrix outer, WeightMatrix outerBias, Domain domain) {
        super(tokens, inner.columns(), domain);
        this.activation = activation;
        this.inner = inner;
        this.innerBias = innerBias;
        this.outer = outer;
        this.outerBias = outerBias;
    }

    /** The weights of {@code weights} on {@code tokens} tokens, for {@code domain}. */
    private FeedForward(FeedForward weights, int tokens, Domain domain) {
        this(tokens, weights.activation, weights.inner, weights.innerBias, weights.outer, weights.outerBias, domain);
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
    public static Mlp mlp(double[][] w1, double[] b1, Activation activation, double[][] w2, double[] b2) {
        Activation.requireAmong(Activation.bounded(), "the MLP's bound M", activation);
        WeightMatrix hidden = WeightMatrix.constant(w1);
        WeightMatrix output = WeightMatrix.constant(w2);
        if (output.rows() != hidden.columns() || output.columns() != hidden.rows()) {
            throw new IllegalArgumentException("W1 is " + hidden.rows() + "x" + hidden.columns() + ", so W2 must be "
                    + hidden.columns() + "x" + hidden.rows() + ", got " + output.rows() + "x" + output.columns());
        }
        return new Mlp(new FeedForward(1, activation, hidden, WeightMatrix.biasOf(hidden, b1), output,
                WeightMatrix.biasOf(output, b2), Domain.UNIT), Domain.UNIT, Region.wholeSpace());
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
                reader.vectorOrZero("b2", width), Domain.UNIT);
    }

    /** Certified on the token ball its growth gives from {@code domain}'s starts. */
    @Override
    public FeedForward certifiedFor(Domain domain) {
        return new FeedForward(this, tokens(), domain);
    }

    @Override
    public FeedForward withTokens(int tokens) {
        return new FeedForward(this, tokens, domain());
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
        return "ffn";
    }

    @Override
    public boolean isAutonomous() {
        return inner.isConstant() && innerBias.isConstant() && outer.isConstant() && outerBias.isConstant();
    }

    /** None: each token's update reads that token alone. */
    @Override
    public boolean hasCausalMask() {
        return false;
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
    protected HorizonBounds boundsFor(double horizon) {
        return new HorizonBounds(horizon, inner.supNorm(horizon), outer.supNorm(horizon));
    }

    /** The growth argument of the class comment; the MLP's saturation instead. */
    TokenGrowth tokenGrowth(HorizonBounds bounds) {
        return bounds.linearGrowth();
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

        /** K: the smaller of the two rounding orders of {@code ||W2|| L ||W1||}, each an upper bound. */
        double lipschitz() {
            double slope = activation.lipschitz();
            return Math.min(Outward.product(slope, Outward.product(outer, inner)),
                    Outward.product(outer, slope, inner));
        }

        /**
         * mu, the smallest of K, the midpoint bound and (for constant weights) the rank-two bound; made when a
         * certificate asks: a checkpoint's FFN never does, and mu would need the logarithmic norm of its
         * {@code W2 W1}.
         */
        double oneSidedLipschitz() {
            double rankTwo = FeedForward.this.inner.isConstant() && FeedForward.this.outer.isConstant()
                    ? rankTwoBound() : Double.POSITIVE_INFINITY;
            return Math.min(lipschitz(), Math.min(midpointBound(), rankTwo));
        }

        /**
         * Any c and r with the slope range inside {@code [c - r, c + r]} serve: c is the computed midpoint,
         * r rounded up to cover both ends, and c >= 0, so c times the upper bound of the logarithmic norm,
         * rounded up, bounds c times the exact one.
         */
        private double midpointBound() {
            double midpoint = (activation.minSlope() + activation.maxSlope()) / 2;
            double halfWidth = Outward.up(Math.max(activation.maxSlope() - midpoint, midpoint - activation.minSlope()));
            double productLogarithmicNorm = WeightMatrix.product(FeedForward.this.outer, FeedForward.this.inner)
                    .supLogarithmicNorm(horizon);
            return Outward.sum(Outward.up(midpoint * productLogarithmicNorm), Outward.product(halfWidth, outer, inner));
        }

        private double rankTwoBound() {
            double negativeShare = Outward.quotient(Math.max(0, -activation.minSlope()), activation.maxSlope());
            double unitSum = 0;
            for (int j = 0; j < hidden(); j++) {
                double[] u = FeedForward.this.outer.columnAtZero(j);
                double[] v = FeedForward.this.inner.rowAtZero(j);
                double dot = 0;
                for (int i = 0; i < u.length; i++) {
                    dot += u[i] * v[i];
                }
                double normU = Outward.norm(u);
                double normV = Outward.norm(v);
                double dotError = Outward.product(Outward.gamma(u.length), normU, normV);
                double normProduct = Outward.product(normU, normV);
                double largest = Outward.up(Outward.sum(Outward.sum(dot, dotError), normProduct) / 2);
                double negatedSmallest = Outward.up(Outward.sum(Outward.sum(-dot, dotError), normProduct) / 2);
                unitSum = Outward.sum(unitSum, Math.max(largest, Outward.product(negativeShare, negatedSmallest)));
            }
            return Outward.product(activation.maxSlope(), unitSum);
        }

        @Override
        public TokenGrowth growth() {
            return tokenGrowth(this);
        }

        /** The FFN's growth: {@code |f(x)| <= ||W2|| L |b1| + |b2| + ||W2|| L ||W1|| |x|}. */
        private TokenGrowth linearGrowth() {
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
        private Certificate saturatedCertificate(Region region) {
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

    /** The FFN's shape, weights and domain. */
    @Override
    public Map<String, Object> parameters() {
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

    /**
     * The {@code mlp} family: the map on one state, a {@link FamilyField} certified on a {@link Region} (all
     * of {@code R^D} unless a composite family asks for another) by its saturation bound, drawn in a ball,
     * named {@code mlp-<act>}. Its evaluation and bounds are the FFN's; only its certification differs.
     */
    public static final class Mlp extends FeedForward implements FamilyField {

        /** Where {@link #certificate()} holds; the constants hold on all of {@code R^D}. */
        private final Region region;

        private Mlp(FeedForward weights, Domain domain, Region region) {
            super(weights, 1, domain);
            this.region = region;
        }

        /** Its constants hold on all of {@code R^D}, whatever the domain. */
        @Override
        public Mlp certifiedFor(Domain domain) {
            return new Mlp(this, domain, Region.wholeSpace());
        }

        @Override
        public Mlp certifiedOn(Region region) {
            return new Mlp(this, domain(), region);
        }

        /** The MLP acts on one state. */
        @Override
        public Mlp withTokens(int tokens) {
            if (tokens != 1) {
                throw new IllegalArgumentException("the MLP acts on one state, not on " + tokens + " tokens");
            }
            return this;
        }

        /** The MLP without component {@code index} when W1's column {@code index} is zero. */
        @Override
        public Optional<CertifiedField> withoutInertComponent(int index) {
            WeightMatrix inner = super.inner;
            if (dimension() < 2 || index < 0 || index >= dimension() || inner.reads(index)) {
                return Optional.empty();
            }
            return Optional.of(mlp(inner.withoutColumn(index).atZero(), super.innerBias.vectorAtZero(), activation(),
                    super.outer.withoutRow(index).atZero(), super.outerBias.withoutRow(index).vectorAtZero())
                    .certifiedOn(region));
        }

        @Override
        public String family() {
            return "mlp-" + activation().id();
        }

        @Override
        public Region region() {
            return region;
        }

        @Override
        public Region regionFor(Domain domain) {
            return Region.wholeSpace();
        }

        @Override
        public Certificate certificate() {
            return certificateOn(region);
        }

        /** K, mu and the saturation bound hold on all of {@code R^D}, so on {@code region}. */
        @Override
        public Certificate certificateOn(Region region) {
            return boundsFor(domain().horizon()).saturatedCertificate(region);
        }

        /** {@code sup_t |F(t, 0)|}: M on the ball of radius 0. */
        @Override
        public double originBound() {
            return certificateOn(Region.ball(0)).bound();
        }

        /** The saturation bound, the same at every radius (rate 0). */
        @Override
        TokenGrowth tokenGrowth(HorizonBounds bounds) {
            return new TokenGrowth(bounds.saturationBound(), 0);
        }

        @Override
        public Arbitrary<double[]> initialStates(double radius) {
            return InitialStates.inBall(dimension(), radius);
        }

        /** {@code x1 .. xD}. */
        @Override
        public List<String> componentNames() {
            List<String> names = new ArrayList<>(dimension());
            for (int i = 1; i <= dimension(); i++) {
                names.add("x" + i);
            }
            return names;
        }

        /** {@code activation, W1, b1, W2, b2}. */
        @Override
        public Map<String, Object> parameters() {
            Map<String, Object> parameters = new LinkedHashMap<>();
            super.putWeights(parameters, "W1", "W2");
            return Collections.unmodifiableMap(parameters);
        }

        /** The family, its dimension, parameters and certificate. */
        @Override
        public String toString() {
            return family() + " (D=" + dimension() + ") " + parameters() + " with " + certificate();
        }
    }
}
