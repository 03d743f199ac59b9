package io.flowaudit.field.transformer;

import io.flowaudit.field.Certificate;
import io.flowaudit.field.CertifiedField;
import io.flowaudit.field.Domain;
import io.flowaudit.field.InitialStates;
import io.flowaudit.field.Outward;
import io.flowaudit.field.Region;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitrary;

/**
 * A vector field on n tokens of width d: the state has {@code D = n·d} components and token i is
 * {@code x[i*d .. i*d + d - 1]}. Every family of this package certifies its constants on a token ball
 * {@code max_i |x_i| <= R} (docs/theory.md) over a depth interval {@code [0, T]}, and proves containment
 * through a {@link TokenGrowth} bound: {@link #regionFor} is a token ball that holds the flow and the
 * Euler, Heun and RK4 iterates at every depth, so the certificate on it covers them all. The one exception
 * is {@link FeedForward.Mlp}, the {@code mlp} family, whose constants hold on all of {@code R^D}: it
 * overrides the region, the certificate and the starts.
 */
public abstract class TransformerField implements CertifiedField {

    private final int tokens;
    private final int width;
    private final Domain domain;

    protected TransformerField(int tokens, int width, Domain domain) {
        if (tokens < 1 || width < 1) {
            throw new IllegalArgumentException("need at least one token of width at least 1, got " + tokens
                    + " tokens of width " + width);
        }
        this.tokens = tokens;
        this.width = width;
        this.domain = domain;
    }

    /** n, the number of tokens. */
    public final int tokens() {
        return tokens;
    }

    /** d, the width of a token. */
    public final int width() {
        return width;
    }

    /** Where {@link #certificate()} applies. */
    public final Domain domain() {
        return domain;
    }

    /** The same field certified for another domain. */
    @Override
    public abstract TransformerField certifiedFor(Domain domain);

    /**
     * Tokens drawn in {@code radius·[-1, 1]^d} and pulled into the shell
     * {@code innerTokenRadius <= |x_i| <= radius} ({@link InitialStates#inTokenShell}; for the sphere field:
     * onto or just outside the unit sphere), and, when the domain has a centred floor, each token's centred
     * part lengthened to it ({@link InitialStates#aboveCentredFloor}).
     */
    @Override
    public Arbitrary<double[]> initialStates(double radius) {
        double centredFloor = domain.centredFloor();
        if (radius < innerTokenRadius() || radius < centredFloor) {
            throw new IllegalArgumentException(family() + " needs an initial radius of at least "
                    + Math.max(innerTokenRadius(), centredFloor) + ", got " + radius);
        }
        Arbitrary<double[]> shell = InitialStates.inTokenShell(tokens, width, innerTokenRadius(), radius);
        return centredFloor == 0 ? shell
                : shell.map(x -> InitialStates.aboveCentredFloor(x, width, centredFloor, radius));
    }

    /** Tokens of norm at most {@code radius} and centred norm at least the domain's floor. */
    @Override
    public final Domain domainOfStarts(double radius, double horizon) {
        return new Domain(radius, horizon, domain.centredFloor());
    }

    /**
     * The same weights and domain acting on {@code tokens} tokens (certified afresh for that count):
     * a smaller counterexample when shrinking drops a token.
     */
    public abstract TransformerField withTokens(int tokens);

    @Override
    public final int dimension() {
        return tokens * width;
    }

    /** {@code x<i>.<k>}: component k of token i, both counted from 1. */
    @Override
    public List<String> componentNames() {
        List<String> names = new ArrayList<>(dimension());
        for (int i = 1; i <= tokens; i++) {
            for (int k = 1; k <= width; k++) {
                names.add("x" + i + "." + k);
            }
        }
        return names;
    }

    @Override
    public Optional<CertifiedField> withOneTokenFewer() {
        return tokens >= 2 ? Optional.of(withTokens(tokens - 1)) : Optional.empty();
    }

    /** True when no weight varies with depth, so F does not depend on t and {@code K_t = 0}. */
    public abstract boolean isAutonomous();

    /** Whether the field's attention, if it has one, carries the causal mask (token i sees tokens j <= i only). */
    public abstract boolean hasCausalMask();

    /**
     * A family's certified constants for one horizon, computed once: the matrix norms behind them are
     * the costly part, and both the containment radius and the certificate on it need them.
     */
    protected interface HorizonBounds {

        /** {@code |F_i(t, X)| <= offset + rate·max_j |x_j|} for every X and t in the horizon. */
        TokenGrowth growth();

        /**
         * Certified constants on the token ball {@code max_i |x_i| <= radius} (a family may certify a
         * larger region, which the certificate then names).
         */
        Certificate certificateOn(double radius);

        /**
         * Certified constants on that ball less the tokens of centred norm below {@code centredFloor}
         * (0: none); a family whose constants gain nothing from the floor certifies the whole ball.
         */
        default Certificate certificateOn(double radius, double centredFloor) {
            return certificateOn(radius);
        }
    }

    /** The bounds for t in {@code [0, horizon]}. */
    protected abstract HorizonBounds boundsFor(double horizon);

    /** One horizon's bounds, the last asked for: a field is immutable, and its checks ask for one horizon. */
    private record BoundsOfHorizon(double horizon, HorizonBounds bounds) {
    }

    private volatile BoundsOfHorizon lastBounds;

    /**
     * {@link #boundsFor}, computed once for the last horizon asked: the rounding allowance asks for the token bound
     * at every layer run (and {@code SphereDriftCheck} at every layer), and each computation takes the weights'
     * spectral norms afresh.
     */
    private HorizonBounds bounds(double horizon) {
        BoundsOfHorizon last = lastBounds;
        if (last == null || Double.compare(last.horizon(), horizon) != 0) {
            last = new BoundsOfHorizon(horizon, boundsFor(horizon));
            lastBounds = last;
        }
        return last.bounds();
    }

    /** {@code |F_i(t, X)| <= offset + rate·max_j |x_j|} for every X and every t in {@code [0, horizon]}. */
    final TokenGrowth growth(double horizon) {
        return bounds(horizon).growth();
    }

    /**
     * {@code offset + rate·max_j |x_j|}: a bound of every token's output at this state for t in {@code [0, horizon]},
     * and of every weighted term of the sums over tokens that attention forms (the weights are non-negative and sum
     * to at most the normalization's mass), which sets the size of their rounding.
     */
    public final double tokenBoundAt(double[] state, double horizon) {
        return tokenBoundWithin(Region.maxTokenNorm(state, width), horizon);
    }

    /** {@link #tokenBoundAt} at every state whose tokens have norm at most {@code radius}. */
    final double tokenBoundWithin(double radius, double horizon) {
        return growth(horizon).tokenBound(radius);
    }

    /** Every term of F's sums is at most {@link #tokenBoundWithin}, whatever the state's size. */
    @Override
    public final Optional<TokenTerms> termsBeyondState() {
        return Optional.of(new TokenTerms(tokens, width, this::tokenBoundWithin));
    }

    /** Certified constants on the token ball {@code max_i |x_i| <= radius} for t in {@code [0, horizon]}. */
    public final Certificate certificateOn(double radius, double horizon) {
        return bounds(horizon).certificateOn(radius);
    }

    /**
     * Tokens of the solution never fall below this norm (0 unless the family preserves norms); the
     * sphere field's bounds hold only where every token is at least this long.
     */
    public double innerTokenRadius() {
        return 0;
    }

    /**
     * The smallest token norm the certificate covers: {@link #innerTokenRadius()}, less the room that
     * rounding needs where that radius is positive (computed iterates sit slightly inside it; see
     * {@link SphereAttention}).
     */
    double certifiedInnerRadius() {
        return innerTokenRadius();
    }

    /**
     * A token ball that contains the flow and the Euler, Heun and RK4 layer iterates, at every depth,
     * over {@code [0, T]} from tokens of norm at most {@code r_0} of {@code domain} (see
     * {@link TokenGrowth} for the proof), less the tokens below {@link #centredFloorAfter} when the domain
     * has a centred floor.
     */
    public Region regionFor(Domain domain) {
        TokenGrowth growth = growth(domain.horizon());
        double radius = growth.radiusAfter(domain.initialRadius(), domain.horizon());
        return Region.tokenBallAboveCentredFloor(radius, centredFloorAfter(domain, growth, radius), width);
    }

    /** The certificate on {@link #regionFor}{@code (domain)}. */
    public final Certificate certificateFor(Domain domain) {
        requireAboveInnerRadius(domain.initialRadius());
        HorizonBounds constants = bounds(domain.horizon());
        double radius = constants.growth().radiusAfter(domain.initialRadius(), domain.horizon());
        return constants.certificateOn(radius, centredFloorAfter(domain, constants.growth(), radius));
    }

    /**
     * A lower bound of every token's centred norm {@code |x_i - mean(x_i) 1|} along the flow and the
     * Euler, Heun and RK4 iterates and stage states over {@code [0, T]} from the domain's starts, whose
     * tokens all lie in the ball of {@code radius}: {@code |F_i| <= tokenBound(radius)} there, the flow
     * moves a token at most T times that, and so does a layer map, whose step moves it by h times a
     * combination of stage values with non-negative weights summing to 1 (stage states by at most as much:
     * their weights sum to at most 1); the centring is a projection, so centred norms move no more. Less a
     * relative 2^-40 of the radius for the computed states, as {@link Outward#holdingComputedStates}; 0 when
     * the domain has no floor or nothing positive is left.
     */
    private static double centredFloorAfter(Domain domain, TokenGrowth growth, double radius) {
        if (domain.centredFloor() == 0) {
            return 0;
        }
        double travel = Outward.product(growth.tokenBound(radius), domain.horizon());
        double floor = Outward.down(Outward.down(domain.centredFloor() - travel)
                - Outward.product(radius, Outward.COMPUTED_STATES_SLACK));
        return Math.max(0, floor);
    }

    /** Initial tokens lie between {@link #innerTokenRadius()} and their radius, so it cannot be smaller. */
    protected final void requireAboveInnerRadius(double initialTokenRadius) {
        if (!(initialTokenRadius >= innerTokenRadius())) {
            throw new IllegalArgumentException(family() + " needs tokens of norm at least " + innerTokenRadius()
                    + ", so an initial token radius of at least that, got " + initialTokenRadius);
        }
    }

    /** The certificate for {@link #domain()}. */
    @Override
    public Certificate certificate() {
        return certificateFor(domain);
    }

    /**
     * Assembles a certificate from constants computed with {@link Outward}'s rounding; M from the bound of
     * one token; {@code K_t = 0} when autonomous.
     */
    protected final Certificate certified(double lipschitz, double oneSidedLipschitz, double tokenBound,
            double timeLipschitz, Region region) {
        return new Certificate(lipschitz, Math.min(lipschitz, oneSidedLipschitz),
                Outward.product(Outward.sqrt(tokens), tokenBound), isAutonomous() ? 0 : timeLipschitz, region);
    }

    /** The family and every parameter, so that a counterexample names the instance. */
    @Override
    public String toString() {
        return family() + " " + parameters();
    }

    /** The shape entries every family's {@code parameters()} starts with. */
    protected final Map<String, Object> shapeParameters() {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("tokens", tokens);
        parameters.put("width", width);
        return parameters;
    }

    /** The domain entries every family's {@code parameters()} ends with. */
    protected final void putDomainParameters(Map<String, Object> parameters) {
        parameters.put("initial-token-radius", domain.initialRadius());
        if (domain.centredFloor() > 0) {
            parameters.put("initial-centred-floor", domain.centredFloor());
        }
        parameters.put("horizon", domain.horizon());
    }
}
