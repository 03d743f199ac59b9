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
     * onto or just outside the unit sphere).
     */
    @Override
    public Arbitrary<double[]> initialStates(double radius) {
        if (radius < innerTokenRadius()) {
            throw new IllegalArgumentException(family() + " needs an initial radius of at least "
                    + innerTokenRadius() + ", got " + radius);
        }
        return InitialStates.inTokenShell(tokens, width, innerTokenRadius(), radius);
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
    }

    /** The bounds for t in {@code [0, horizon]}. */
    protected abstract HorizonBounds boundsFor(double horizon);

    /** {@code |F_i(t, X)| <= offset + rate·max_j |x_j|} for every X and every t in {@code [0, horizon]}. */
    final TokenGrowth growth(double horizon) {
        return boundsFor(horizon).growth();
    }

    /** Certified constants on the token ball {@code max_i |x_i| <= radius} for t in {@code [0, horizon]}. */
    public final Certificate certificateOn(double radius, double horizon) {
        return boundsFor(horizon).certificateOn(radius);
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
     * {@link TokenGrowth} for the proof).
     */
    public Region regionFor(Domain domain) {
        return Region.tokenBall(growth(domain.horizon()).radiusAfter(domain.initialRadius(), domain.horizon()), width);
    }

    /** The certificate on {@link #regionFor}{@code (domain)}. */
    public final Certificate certificateFor(Domain domain) {
        requireAboveInnerRadius(domain.initialRadius());
        HorizonBounds constants = boundsFor(domain.horizon());
        return constants.certificateOn(constants.growth().radiusAfter(domain.initialRadius(), domain.horizon()));
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
        parameters.put("horizon", domain.horizon());
    }
}
