package io.flowaudit.field.transformer;

import io.flowaudit.field.Activation;
import io.flowaudit.field.Certificate;
import io.flowaudit.field.Domain;
import io.flowaudit.field.FeedForwardBounds;
import io.flowaudit.field.Outward;
import io.flowaudit.field.Region;
import io.flowaudit.field.WeightMatrix;
import java.util.Map;
import org.apache.commons.math3.RealFieldElement;

/**
 * The position-wise feed-forward network as a vector field, {@code F(t, X)_i = W2(t) act(W1(t) x_i +
 * b1(t)) + b2(t)} on every token alike; {@code W1} is {@code hidden x width}, {@code W2} is {@code width x
 * hidden}.
 *
 * <p><b>Certificate</b> (norms are suprema over {@code [0, T]}, L the activation's Lipschitz constant).
 * The field acts on each token alike, so the per-token constants are those of the whole state:
 * <ul>
 * <li>K and mu of the one-token map ({@link FeedForwardBounds}, shared with the {@code mlp} family), on
 * all of {@code R^D};</li>
 * <li>token growth: {@code act(0) = 0} gives {@code |act(z)| <= L |z|}, so {@code |F_i| <= ||W2|| L
 * (||W1|| |x_i| + |b1|) + |b2|}; on the token ball of radius R this is M per token;</li>
 * <li>{@code K_t = sqrt(n) (||W2'|| L (||W1|| R + |b1|) + ||W2|| L (||W1'|| R + |b1'|) + |b2'|)}, from
 * differentiating each weight in t.</li>
 * </ul>
 */
public final class FeedForward extends TransformerField {

    private final Activation activation;
    private final WeightMatrix inner;
    private final WeightMatrix innerBias;
    private final WeightMatrix outer;
    private final WeightMatrix outerBias;

    private FeedForward(int tokens, Activation activation, WeightMatrix inner, WeightMatrix innerBias,
            WeightMatrix outer, WeightMatrix outerBias, Domain domain) {
        super(tokens, inner.columns(), domain);
        Activation.requireAmong(Activation.feedForward(), "the FFN's token growth bound", activation);
        this.activation = activation;
        this.inner = inner;
        this.innerBias = innerBias;
        this.outer = outer;
        this.outerBias = outerBias;
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
        int hidden = reader.rowsOf("w1");
        WeightMatrix inner = reader.matrix("w1", hidden, width, "hidden x width");
        WeightMatrix outer = reader.matrix("w2", width, hidden, "width x hidden");
        return new FeedForward(tokens, activation, inner, reader.vectorOrZero("b1", hidden), outer,
                reader.vectorOrZero("b2", width), Domain.UNIT);
    }

    @Override
    public FeedForward certifiedFor(Domain domain) {
        return new FeedForward(tokens(), activation, inner, innerBias, outer, outerBias, domain);
    }

    @Override
    public FeedForward withTokens(int tokens) {
        return new FeedForward(tokens, activation, inner, innerBias, outer, outerBias, domain());
    }

    public Activation activation() {
        return activation;
    }

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

    @Override
    public <T extends RealFieldElement<T>> T[] evaluate(T t, T[] x) {
        int n = tokens();
        T[] preactivation = inner.applyToEach(t, x, n);
        T[][] b1 = innerBias.at(t);
        for (int i = 0; i < n; i++) {
            for (int r = 0; r < hidden(); r++) {
                int index = i * hidden() + r;
                preactivation[index] = activation.apply(preactivation[index].add(b1[r][0]));
            }
        }
        T[] out = outer.applyToEach(t, preactivation, n);
        T[][] b2 = outerBias.at(t);
        for (int i = 0; i < out.length; i++) {
            out[i] = out[i].add(b2[i % width()][0]);
        }
        return out;
    }

    @Override
    public void evaluate(double t, double[] x, double[] out) {
        int n = tokens();
        double[] preactivation = inner.applyToEach(t, x, n);
        double[][] b1 = innerBias.at(t);
        for (int i = 0; i < n; i++) {
            for (int r = 0; r < hidden(); r++) {
                int index = i * hidden() + r;
                preactivation[index] = activation.apply(preactivation[index] + b1[r][0]);
            }
        }
        outer.applyToEach(t, preactivation, n, out);
        double[][] b2 = outerBias.at(t);
        for (int i = 0; i < out.length; i++) {
            out[i] += b2[i % width()][0];
        }
    }

    @Override
    protected HorizonBounds boundsFor(double horizon) {
        return new HorizonBounds(horizon);
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

    /** The bounds of the class comment for one horizon, each norm computed once. */
    final class HorizonBounds implements TransformerField.HorizonBounds {

        private final double inner;
        private final double innerBias;
        private final double outer;
        private final double outerBias;
        private final double innerRate;
        private final double innerBiasRate;
        private final double outerRate;
        private final double outerBiasRate;
        private final double horizon;
        // made at the first mu: a checkpoint's FFN never asks for it, and its norms would take a dense SVD
        private FeedForwardBounds tokenMap;

        private HorizonBounds(double horizon) {
            this(horizon, FeedForward.this.inner.supNorm(horizon), FeedForward.this.outer.supNorm(horizon));
        }

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

        double oneSidedLipschitz() {
            if (tokenMap == null) {
                tokenMap = new FeedForwardBounds(FeedForward.this.inner, activation, FeedForward.this.outer, horizon);
            }
            return tokenMap.oneSidedLipschitz();
        }

        @Override
        public TokenGrowth growth() {
            double lipschitz = activation.lipschitz();
            return new TokenGrowth(Outward.sum(Outward.product(outer, lipschitz, innerBias), outerBias),
                    Outward.product(outer, lipschitz, inner));
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

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> parameters = shapeParameters();
        parameters.put("hidden", hidden());
        parameters.put("activation", activation.id());
        inner.putParameters(parameters, "w1");
        innerBias.putParameters(parameters, "b1");
        outer.putParameters(parameters, "w2");
        outerBias.putParameters(parameters, "b2");
        putDomainParameters(parameters);
        return parameters;
    }
}
