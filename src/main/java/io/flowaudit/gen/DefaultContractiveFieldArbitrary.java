package io.flowaudit.gen;

import io.flowaudit.field.Certificate;
import io.flowaudit.field.DoubleDraws;
import io.flowaudit.field.family.ContractiveField;
import io.flowaudit.field.family.FamilyField;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** The {@link ContractiveFieldArbitrary} of {@link Fields}. */
final class DefaultContractiveFieldArbitrary extends FieldArbitraryBase<ContractiveField, ContractiveFieldArbitrary>
        implements ContractiveFieldArbitrary {

    private final double minMu;
    private final double maxMu;
    private final boolean linearPerturbation;
    private final boolean mlpPerturbation;

    DefaultContractiveFieldArbitrary() {
        this(Common.DEFAULT, Fields.MIN_CONTRACTION, Fields.MAX_CONTRACTION, true, true);
    }

    private DefaultContractiveFieldArbitrary(Common common, double minMu, double maxMu, boolean linearPerturbation,
            boolean mlpPerturbation) {
        super(common);
        this.minMu = minMu;
        this.maxMu = maxMu;
        this.linearPerturbation = linearPerturbation;
        this.mlpPerturbation = mlpPerturbation;
    }

    @Override
    ContractiveFieldArbitrary with(Common common) {
        return new DefaultContractiveFieldArbitrary(common, minMu, maxMu, linearPerturbation, mlpPerturbation);
    }

    @Override
    public ContractiveFieldArbitrary oneSidedLipschitz(double min, double max) {
        if (!(max < 0) || !(min <= max) || !(min >= -MAX_CONSTANT_MAGNITUDE)) {
            throw new IllegalArgumentException("a contractive field needs -" + MAX_CONSTANT_MAGNITUDE
                    + " <= min <= max < 0 for mu, got ["
                    + min + ", " + max + "]");
        }
        // whatever K is, the rounding room of highestMu and lowestMu takes at least a relative ROUNDING_ROOM of |min|
        // from each end
        if (max - min < 2 * ROUNDING_ROOM * -min) {
            throw new IllegalArgumentException("the mu range [" + min + ", " + max + "] leaves no room for the"
                    + " certificate's rounding (a relative " + ROUNDING_ROOM + " inside each end): widen it");
        }
        return new DefaultContractiveFieldArbitrary(common, min, max, linearPerturbation, mlpPerturbation);
    }

    @Override
    public ContractiveFieldArbitrary linearPerturbation() {
        return new DefaultContractiveFieldArbitrary(common, minMu, maxMu, true, false);
    }

    @Override
    public ContractiveFieldArbitrary mlpPerturbation() {
        return new DefaultContractiveFieldArbitrary(common, minMu, maxMu, false, true);
    }

    /** The mu range moved inside by the rounding room, and cut to {@code mu >= -K_max}. */
    private double lowestMu() {
        return Math.max(minMu + ROUNDING_ROOM * roundingScale(), -common.maxLipschitz() * (1 - ROUNDING_ROOM));
    }

    private double highestMu() {
        return maxMu - ROUNDING_ROOM * roundingScale();
    }

    private double roundingScale() {
        return Math.max(common.maxLipschitz(), -minMu);
    }

    /** False when the K range is too small for any mu in the mu range ({@code |mu| <= K}). */
    boolean isFeasible() {
        return lowestMu() <= highestMu();
    }

    /** K = c + K_g can land a relative 1e-15 below its target, so the target keeps room at both ends. */
    @Override
    Arbitrary<Double> lipschitzTargets() {
        double lowest = common.minLipschitz() * (1 + ROUNDING_ROOM);
        return super.lipschitzTargets().map(k -> Math.max(k, lowest));
    }

    @Override
    Arbitrary<ContractiveField> ofDimension(int dimension) {
        if (!isFeasible()) {
            throw new IllegalArgumentException(maxMu < -common.maxLipschitz()
                    ? "no contractive field has mu <= " + maxMu + " and K <= " + common.maxLipschitz() + ", since |mu| <= K"
                    : "the mu range [" + minMu + ", " + maxMu + "] with K <= " + common.maxLipschitz() + " leaves no room"
                            + " for the certificate's rounding (a relative " + ROUNDING_ROOM + " inside each end): widen it");
        }
        return Combinators.combine(lipschitzTargets(), DoubleDraws.between(minMu, maxMu)
                        .map(mu -> Math.min(Math.max(mu, lowestMu()), highestMu())),
                Recipe.component(dimension, linearPerturbation, mlpPerturbation))
                .as((k, mu, g) -> build(g, Math.max(k, -mu), mu));
    }

    private ContractiveField build(Recipe g, double lipschitz, double mu) {
        double orientation = 1;
        Certificate unit = g.build(1).certificate();
        if (unit.oneSidedLipschitz() < 0) {
            // -A has mu = -lambda_min(sym A) >= 0 when A's mu is negative
            orientation = -1;
            unit = g.build(-1).certificate();
        }
        double kappa = unit.lipschitz();
        double m = unit.oneSidedLipschitz();
        double strength = (lipschitz + mu) / (kappa + m);
        double damping = (lipschitz * m - mu * kappa) / (kappa + m);
        FamilyField perturbation = g.build(orientation * strength);
        return certified(ContractiveField.of(damping, perturbation));
    }
}
