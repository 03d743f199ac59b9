package io.flowaudit.claim;

import java.util.List;

/** The theorem checks by the names claim files use. */
public final class Checks {

    public static final List<String> NAMES = List.of("uniform-bound", "observed-order", "leading-term",
            "flow-perturbation", "layer-perturbation", "field-perturbation", "permutation-equivariance", "causality",
            "token-norms", "sphere-drift");

    private Checks() {
    }

    public static TheoremCheck create(String name, CheckSettings settings) {
        switch (name) {
            case "uniform-bound":
                return new UniformBoundCheck(settings);
            case "observed-order":
                return new ObservedOrderCheck(settings);
            case "leading-term":
                return new LeadingTermCheck(settings);
            case "flow-perturbation":
                return new FlowPerturbationCheck(settings);
            case "layer-perturbation":
                return new LayerPerturbationCheck(settings);
            case "field-perturbation":
                return new FieldPerturbationCheck(settings);
            case "permutation-equivariance":
                return new PermutationEquivarianceCheck();
            case "causality":
                return new CausalityCheck();
            case "token-norms":
                return new TokenNormCheck(settings);
            case "sphere-drift":
                return new SphereDriftCheck();
            default:
                throw new IllegalArgumentException("unknown theorem '" + name + "', expected one of " + NAMES);
        }
    }
}
