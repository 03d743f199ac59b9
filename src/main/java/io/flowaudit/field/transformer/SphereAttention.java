package io.flowaudit.field.transformer;

import io.flowaudit.field.Certificate;
import io.flowaudit.field.Domain;
import io.flowaudit.field.Outward;
import io.flowaudit.field.Region;
import java.util.Map;
import org.apache.commons.math3.RealFieldElement;
import org.apache.commons.math3.util.MathArrays;

/**
 * Attention on the sphere, the dynamics of tokens kept at unit norm by LayerNorm (Geshkovski et al.,
 * "A mathematical perspective on Transformers"): {@code dx_i/dt = P(x_i) A(X)_i} with A a
 * {@link SelfAttention} and {@code P(x) y = y - <x, y> x / |x|^2} the projection onto the tangent space
 * of the sphere through x.
 *
 * <p><b>Norms.</b> {@code d|x_i|^2/dt = 2 <x_i, P(x_i) y_i> = 0}: the flow keeps every token norm, so
 * tokens that start on the unit sphere stay on it. An Euler layer gives {@code |x_i + h F_i|^2 = |x_i|^2
 * + h^2 |F_i|^2} (F_i is orthogonal to x_i): norms never decrease and drift by {@code O(h^2)} per layer.
 * A Heun layer gives {@code |x_i|^2 + (h^2/4) |F_i(x) - F_i(x + hF(x))|^2} (expand and use that each
 * stage is orthogonal to its own state): norms never decrease either. For RK4 no such identity holds,
 * and its iterates do fall inside the sphere by its truncation error (one layer with h = 1 and |F| near
 * 0.06 ends 1e-9 inside): the shell below does not cover RK4 iterates, and its {@link Region} says so,
 * so RK4 layers that fall inside have left the certified region. The outer radius comes from the token growth
 * {@code |F_i| <= |A(X)_i|} as for attention, for all three layer maps.
 *
 * <p><b>Certificate</b>, on the shell {@code S = {X : 1 <= |x_i| <= R for every i}} (its {@link Region},
 * {@link Region#tokenShell}; {@link #innerTokenRadius()} is 1; rounding widens it below). {@code dF_i = P(x_i) dy_i - [d_x (<x,
 * y_i> x / |x|^2)] dx_i}; {@code ||P|| <= 1}, and with {@code x^ = x/|x|}, {@code dx^ = (I - x^ x^T) dx
 * / |x|}, so the second term is at most {@code 2 |y_i| |dx_i| / |x_i|}. Hence on S the Jacobian is at
 * most {@code J = K_A(R) + 2 max_i |y_i|}, with {@code K_A(R)} the attention's bound on the ball. S is not
 * convex, but any two of its points are joined inside S by a path at most {@code pi/2} times their
 * distance: per token, replace the part of the segment inside the unit ball by the shorter great-circle
 * arc between the same points (arc over chord is {@code theta / (2 sin(theta/2)) <= pi/2}), and run all
 * tokens' paths at constant speed. So {@code K = (pi/2) J} and {@code mu = K}; M and {@code K_t} are the
 * attention's, since {@code ||P|| <= 1}.
 *
 * <p><b>Computed iterates.</b> The identities above hold in exact arithmetic; in double a layer's
 * state additions (one for Euler, two for Heun) move each token's norm by at most {@code 2u|x_i|}, u =
 * 2^-53, and the computed {@code F_i} keeps a component along {@code x_i} of at most {@code (2d + 4)u
 * |y_i|} (the projection's rounding; Heun's stage state adds {@code u |x_i|} more to it), which moves the
 * norm by h times that. Heun's own growth {@code (h^2/4)|F_i(x) - F_i(x + hF)|^2} is O(h^4) and pushes
 * nothing back when F is small, so after L layers over [0, t_L] a token can sit {@code u (2L + (2d + 5)
 * t_L M)} below its starting norm (M bounds |y_i|), and a start drawn "on" the unit sphere is itself up
 * to a unit of u inside. The certificate therefore covers the shell down to {@link
 * #certifiedInnerRadius()} {@code = 1 - 2^-30}: room for {@code 2L + (2d + 5) T M <= 2^23}, e.g. a
 * million layers, at a cost of a relative 2^-30 in K.
 */
public final class SphereAttention extends TransformerField {

    /** An upper bound of pi/2 for {@link Outward}: {@code Math.PI} lies below pi, the next double above it. */
    private static final double HALF_PI_ABOVE = Math.nextUp(Math.PI) / 2;

    private final SelfAttention attention;

    public SphereAttention(SelfAttention attention) {
        super(attention.tokens(), attention.width(), attention.domain());
        requireAboveInnerRadius(attention.domain().initialRadius());
        this.attention = attention;
    }

    /** Softmax attention weights (see {@link SelfAttention#fromWeights}) projected onto the sphere. */
    public static SphereAttention fromWeights(int tokens, int width, int heads, Map<String, double[][]> weights) {
        return new SphereAttention(SelfAttention.fromWeights(tokens, width, heads, weights));
    }

    public SelfAttention attention() {
        return attention;
    }

    @Override
    public SphereAttention certifiedFor(Domain domain) {
        return new SphereAttention(attention.certifiedFor(domain));
    }

    @Override
    public SphereAttention withTokens(int tokens) {
        return new SphereAttention(attention.withTokens(tokens));
    }

    @Override
    public String family() {
        return "sphere-attention";
    }

    @Override
    public boolean isAutonomous() {
        return attention.isAutonomous();
    }

    @Override
    public boolean hasCausalMask() {
        return attention.hasCausalMask();
    }

    /** Tokens start on or outside the unit sphere and their norms never decrease (class comment). */
    @Override
    public double innerTokenRadius() {
        return 1;
    }

    /** The unit sphere less the room rounding needs (class comment, "Computed iterates"). */
    @Override
    double certifiedInnerRadius() {
        return innerTokenRadius() * (1 - 0x1p-30);
    }

    @Override
    public <T extends RealFieldElement<T>> T[] evaluate(T t, T[] x) {
        T[] y = attention.evaluate(t, x);
        T[] out = MathArrays.buildArray(t.getField(), x.length);
        int d = width();
        for (int start = 0; start < x.length; start += d) {
            T inner = x[start].multiply(y[start]);
            T squaredNorm = x[start].multiply(x[start]);
            for (int k = start + 1; k < start + d; k++) {
                inner = inner.add(x[k].multiply(y[k]));
                squaredNorm = squaredNorm.add(x[k].multiply(x[k]));
            }
            T along = inner.divide(squaredNorm);
            for (int k = start; k < start + d; k++) {
                out[k] = y[k].subtract(along.multiply(x[k]));
            }
        }
        return out;
    }

    @Override
    public void evaluate(double t, double[] x, double[] out) {
        attention.evaluate(t, x, out);
        int d = width();
        for (int start = 0; start < x.length; start += d) {
            double inner = x[start] * out[start];
            double squaredNorm = x[start] * x[start];
            for (int k = start + 1; k < start + d; k++) {
                inner += x[k] * out[k];
                squaredNorm += x[k] * x[k];
            }
            double along = inner / squaredNorm;
            for (int k = start; k < start + d; k++) {
                out[k] -= along * x[k];
            }
        }
    }

    /** The attention's constants, with the projection's term and the shell's path factor (class comment). */
    @Override
    protected HorizonBounds boundsFor(double horizon) {
        SelfAttention.HorizonBounds attentionBounds = attention.boundsFor(horizon);
        return new HorizonBounds() {
            @Override
            public TokenGrowth growth() {
                return attentionBounds.growth();
            }

            /** Bounds on the shell {@code certifiedInnerRadius <= |x_i| <= radius}. */
            @Override
            public Certificate certificateOn(double radius) {
                requireAboveInnerRadius(radius);
                double tokenBound = attentionBounds.growth().tokenBound(radius);
                double jacobian = Outward.sum(attentionBounds.lipschitz(radius),
                        Outward.quotient(Outward.product(2, tokenBound), certifiedInnerRadius()));
                double lipschitz = Outward.product(HALF_PI_ABOVE, jacobian);
                return certified(lipschitz, lipschitz, tokenBound, attentionBounds.timeLipschitz(radius),
                        Region.tokenShell(certifiedInnerRadius(), radius, width()));
            }
        };
    }

    @Override
    public Map<String, Object> parameters() {
        return attention.parameters();
    }
}
