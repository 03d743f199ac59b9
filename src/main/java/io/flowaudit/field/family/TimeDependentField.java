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
import org.apache.commons.math3.util.FastMath;

/**
 * A field whose weights vary smoothly across depth: {@code F(t, x) = G(x) + sin(omega t) H(x)} with
 * G and H autonomous family members. With G, H linear this is {@code A(t) x + b(t)},
 * {@code A(t) = A0 + sin(omega t) A1}, {@code b(t) = b0 + sin(omega t) b1}; with G, H perceptrons it is
 * an MLP whose output weights oscillate in t.
 *
 * <p>Certificate on a region, from those of G and H there (s = sin(omega t) in [-1, 1]):
 * K = K_G + K_H; mu = mu_G + K_H (the term {@code s <H(x)-H(y), x-y>} is at most
 * {@code |s| K_H |x-y|^2} whatever the sign of s); M = M_G + M_H;
 * K_t = {@code |omega| M_H}, since {@code |dF/dt| = |omega cos(omega t) H(x)|}.
 * Region: {@code R^D} when G and H are bounded, otherwise the growth ball of
 * {@link FamilyField#regionFor} with beta = {@code |G(0)| + |H(0)|}.
 */
public final class TimeDependentField extends BaseField {

    private final FamilyField steady;
    private final FamilyField oscillating;
    private final double frequency;

    private TimeDependentField(FamilyField steady, FamilyField oscillating, double frequency, Region region) {
        super(region);
        this.steady = steady;
        this.oscillating = oscillating;
        this.frequency = frequency;
    }

    /**
     * {@code G(x) + sin(frequency t) H(x)}, certified for initial states of norm at most 1 over unit
     * time ({@code regionFor(Domain.UNIT)}).
     */
    public static TimeDependentField of(FamilyField steady, FamilyField oscillating, double frequency) {
        if (steady.dimension() != oscillating.dimension()) {
            throw new IllegalArgumentException("G has dimension " + steady.dimension() + " but H has "
                    + oscillating.dimension());
        }
        requireAutonomous(steady, "G");
        requireAutonomous(oscillating, "H");
        if (!Double.isFinite(frequency)) {
            throw new IllegalArgumentException("frequency " + frequency + " is not a finite number");
        }
        TimeDependentField field = new TimeDependentField(steady, oscillating, frequency, Region.wholeSpace());
        return field.certifiedOn(field.regionFor(Domain.UNIT));
    }

    private static void requireAutonomous(FamilyField field, String name) {
        if (field.certificateOn(Region.wholeSpace()).timeLipschitz() != 0) {
            throw new IllegalArgumentException(name + " must be autonomous, got " + field.family());
        }
    }

    @Override
    public TimeDependentField certifiedOn(Region region) {
        return new TimeDependentField(steady, oscillating, frequency, region);
    }

    /** G, the part of the field that does not vary in t. */
    public FamilyField steady() {
        return steady;
    }

    /** H, the part modulated by {@code sin(omega t)}. */
    public FamilyField oscillating() {
        return oscillating;
    }

    /** omega. */
    public double frequency() {
        return frequency;
    }

    @Override
    public int dimension() {
        return steady.dimension();
    }

    @Override
    public <T extends RealFieldElement<T>> T[] evaluate(T t, T[] x) {
        T modulation = t.multiply(Scalars.constant(t, frequency)).sin();
        T[] out = steady.evaluate(t, x);
        T[] modulated = oscillating.evaluate(t, x);
        for (int i = 0; i < out.length; i++) {
            out[i] = out[i].add(modulation.multiply(modulated[i]));
        }
        return out;
    }

    @Override
    public void evaluate(double t, double[] x, double[] out) {
        double modulation = FastMath.sin(t * frequency);
        double[] modulated = new double[out.length];
        steady.evaluate(t, x, out);
        oscillating.evaluate(t, x, modulated);
        for (int i = 0; i < out.length; i++) {
            out[i] = out[i] + modulation * modulated[i];
        }
    }

    @Override
    public Certificate certificateOn(Region region) {
        Certificate g = steady.certificateOn(region);
        Certificate h = oscillating.certificateOn(region);
        double lipschitz = Outward.sum(g.lipschitz(), h.lipschitz());
        double oneSided = Math.min(lipschitz, Outward.sum(g.oneSidedLipschitz(), h.lipschitz()));
        double bound = Outward.sum(g.bound(), h.bound());
        double timeLipschitz = Outward.product(Math.abs(frequency), h.bound());
        return new Certificate(lipschitz, oneSided, bound, timeLipschitz, region);
    }

    @Override
    public double originBound() {
        return Outward.sum(steady.originBound(), oscillating.originBound());
    }

    @Override
    public String family() {
        return "time-dependent";
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("frequency", frequency);
        parameters.put("G", component(steady));
        parameters.put("H", component(oscillating));
        return Collections.unmodifiableMap(parameters);
    }
}
