package io.flowaudit.field.family;

import io.flowaudit.field.Certificate;
import io.flowaudit.field.CertifiedField;
import io.flowaudit.field.Domain;
import io.flowaudit.field.InitialStates;
import io.flowaudit.field.Region;
import net.jqwik.api.Arbitrary;

/**
 * A member of a certified random-field family: its constants can be certified on any region, and it
 * names a region that contains every trajectory and layer iterate a claim will look at.
 *
 * <p>The theorems (docs/theory.md, Theorems 1-5) need K, mu, M and K_t on a convex region that contains
 * the exact trajectory and the layer iterates. {@link #regionFor} returns such a region for a
 * {@link Domain} (initial states of norm at most r_0, horizon T); {@link #certifiedFor} returns the same
 * field certified on it. {@link #certificate()} holds on {@link #region()}, fixed when the field is built.
 */
public interface FamilyField extends CertifiedField {

    /** The constants on {@code region}; each is a true upper bound there, rounding included. */
    Certificate certificateOn(Region region);

    /** A certified upper bound of {@code sup_t |F(t, 0)|}: with K it bounds the growth of F. */
    double originBound();

    /** The region {@link #certificate()} holds on. */
    Region region();

    /** This field, certified on {@code region}. */
    FamilyField certifiedOn(Region region);

    @Override
    default Certificate certificate() {
        return certificateOn(region());
    }

    /**
     * A region containing the flow and every Euler, Heun and RK4 iterate and stage state, from every
     * {@code |x0| <= r_0} over {@code [0, T]} of {@code domain}, for every depth L (step
     * {@code h = T / L <= T}).
     *
     * <p>Where the constants hold on all of {@code R^D} with finite M and K_t (bounded fields such as
     * MLPs), that is the whole space. Otherwise it is the Euclidean ball of radius
     * {@code R = c e^{KT} r_0 + (c (e^{KT} - 1)/K + T e^{KT}) beta}, {@code c = 2.75/e < 1.012},
     * {@code beta} = {@link #originBound()}, which follows from the linear growth
     * {@code |F(t,y)| <= K|y| + beta}
     * (proof at {@code Bounds.growthRadius}). The bound is driven by K, not by mu: a contractive flow
     * can still have expanding layers at small depth (Theorem 4), and the region must contain them.
     */
    default Region regionFor(Domain domain) {
        Certificate global = certificateOn(Region.wholeSpace());
        if (Double.isFinite(global.bound()) && Double.isFinite(global.timeLipschitz())) {
            return Region.wholeSpace();
        }
        return Region.ball(Bounds.growthRadius(domain.initialRadius(), domain.horizon(), global.lipschitz(),
                originBound()));
    }

    /** This field certified on {@link #regionFor}{@code (domain)}. */
    @Override
    default FamilyField certifiedFor(Domain domain) {
        return certifiedOn(regionFor(domain));
    }

    /** States in the Euclidean ball of {@code radius} ({@link InitialStates#inBall}). */
    @Override
    default Arbitrary<double[]> initialStates(double radius) {
        return InitialStates.inBall(dimension(), radius);
    }
}
