package io.flowaudit.field.family;

import io.flowaudit.field.Certificate;
import io.flowaudit.field.Domain;
import io.flowaudit.field.Outward;
import io.flowaudit.field.Region;
import io.flowaudit.num.Scalars;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.math3.RealFieldElement;

/**
 * A damped field {@code F(t, x) = -c x + g(t, x)}, c >= 0, whose certified one-sided Lipschitz
 * constant is negative: the contractive case of Theorems 3-5, where perturbations of the flow decay
 * like {@code e^{mu t}} but the Euler layers contract only when {@code h < -2 mu / K^2} (Theorem 4).
 *
 * <p>Certificate on a region, from g's there: mu = {@code -c + mu_g}, since
 * {@code <-c(x-y) + g(x)-g(y), x-y> <= (-c + mu_g)|x-y|^2} (so {@code Lip(g) < c} suffices, and any
 * {@code mu_g < c} will do); K = {@code c + K_g}; M = {@code c R + M_g} on a ball of radius R;
 * K_t = K_t of g. Region: the growth ball of {@link FamilyField#regionFor}, beta = |g(0)|.
 */
public final class ContractiveField extends BaseField {

    private final double damping;
    private final FamilyField perturbation;

    private ContractiveField(double damping, FamilyField perturbation, Region region) {
        super(region);
        this.damping = damping;
        this.perturbation = perturbation;
    }

    /**
     * {@code -damping x + perturbation(t, x)}, certified on {@code regionFor(Domain.UNIT)}.
     *
     * @throws IllegalArgumentException unless the certified mu is negative
     */
    public static ContractiveField of(double damping, FamilyField perturbation) {
        if (!(damping >= 0) || Double.isInfinite(damping)) {
            throw new IllegalArgumentException("damping c must be finite and non-negative, got " + damping);
        }
        ContractiveField field = new ContractiveField(damping, perturbation, Region.wholeSpace());
        double mu = field.certificateOn(Region.wholeSpace()).oneSidedLipschitz();
        if (!(mu < 0)) {
            throw new IllegalArgumentException("not contractive: -c + mu_g = " + mu + " >= 0 (c = " + damping
                    + ", g = " + perturbation.family() + ")");
        }
        return field.certifiedOn(field.regionFor(Domain.UNIT));
    }

    @Override
    public ContractiveField certifiedOn(Region region) {
        return new ContractiveField(damping, perturbation, region);
    }

    /** c. */
    public double damping() {
        return damping;
    }

    /** g. */
    public FamilyField perturbation() {
        return perturbation;
    }

    @Override
    public int dimension() {
        return perturbation.dimension();
    }

    @Override
    public <T extends RealFieldElement<T>> T[] evaluate(T t, T[] x) {
        T c = Scalars.constant(t, damping);
        T[] out = perturbation.evaluate(t, x);
        for (int i = 0; i < out.length; i++) {
            out[i] = out[i].subtract(x[i].multiply(c));
        }
        return out;
    }

    @Override
    public void evaluate(double t, double[] x, double[] out) {
        perturbation.evaluate(t, x, out);
        for (int i = 0; i < out.length; i++) {
            out[i] = out[i] - x[i] * damping;
        }
    }

    @Override
    public Certificate certificateOn(Region region) {
        Certificate g = perturbation.certificateOn(region);
        double radius = Bounds.euclideanRadius(region, dimension());
        double lipschitz = Outward.sum(damping, g.lipschitz());
        double oneSided = Math.min(lipschitz, Outward.up(g.oneSidedLipschitz() - damping));
        double bound = Outward.sum(Outward.product(damping, radius), g.bound());
        return new Certificate(lipschitz, oneSided, bound, g.timeLipschitz(), region);
    }

    @Override
    public double originBound() {
        return perturbation.originBound();
    }

    @Override
    public String family() {
        return "contractive";
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("c", damping);
        parameters.put("g", component(perturbation));
        return Collections.unmodifiableMap(parameters);
    }
}
