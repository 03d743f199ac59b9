package io.flowaudit.claim;

import io.flowaudit.claim.CheckKinds.Numerics;
import io.flowaudit.claim.Evidence.Judgement;
import io.flowaudit.field.Outward;
import io.flowaudit.field.Region;
import io.flowaudit.input.Setting;
import io.flowaudit.model.ModelInput;
import io.flowaudit.verdict.Figure;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * How large the real layers' steps are (docs/theory.md, "The ODE view of a checkpoint"): the relative update
 * u_k = |x_{k+1} − x_k|/|x_k| of each real layer k (Euclidean norm over every token), and its smoothness in k, the
 * second differences u_{k+1} − 2u_k + u_{k−1}. A discretised flow x_{k+1} = x_k + h F(t_k, x_k) has u_k = O(h) varying
 * smoothly with k; the claim bounds u_k at every layer by {@code max-relative-update}, and, when stated, every |second
 * difference| by {@code max-second-difference}.
 */
record LayerUpdateCheck(double maxUpdate, double maxSecondDifference) implements TheoremCheck {

    static final Setting<Double> MAX_UPDATE = Setting.positive("max-relative-update", 1);
    /**
     * When absent (0) the claim says nothing about the second differences (they are still shown); when given it must
     * be positive (a bound of -1 was once taken as "none", so an impossible claim held).
     */
    static final Setting<Double> MAX_SECOND_DIFFERENCE = Setting.positive("max-second-difference", 0);

    static final CheckKinds.Kind KIND = new CheckKinds.Kind("layer-updates", List.of(MAX_UPDATE,
            MAX_SECOND_DIFFERENCE), (numerics, values) -> new LayerUpdateCheck(values.get(MAX_UPDATE),
                    values.get(MAX_SECOND_DIFFERENCE)), CheckKinds.Uses.DOUBLE_ONLY);

    @Override
    public boolean runsOnModel() {
        return true;
    }

    @Override
    public String theorem() {
        return "The ODE view of a checkpoint (relative update size per layer)";
    }

    @Override
    public String statement() {
        return "Every real layer k moves the state by |x_{k+1} − x_k|/|x_k| <= " + maxUpdate
                + (maxSecondDifference > 0 ? ", and |u_{k+1} − 2u_k + u_{k−1}| <= " + maxSecondDifference : "")
                + " (Euclidean norms over all tokens; the six layers of the checkpoint, in double).";
    }

    @Override
    public Map<String, String> describe(Numerics numerics) {
        return Map.of("arithmetic", "double (the checkpoint's float32 weights exactly)");
    }

    @Override
    public Evidence check(Instance instance) {
        ModelInput input = ModelInput.of(instance.subject());
        List<double[]> states = input.prepared().states(input.tokenIds());
        int layers = states.size() - 1;
        double[] updates = new double[layers];
        for (int k = 0; k < layers; k++) {
            updates[k] = Region.euclideanDistance(states.get(k + 1), states.get(k)) / Region.euclideanNorm(states.get(k));
        }
        double[] second = new double[layers - 2];
        for (int k = 1; k < layers - 1; k++) {
            second[k - 1] = updates[k + 1] - 2 * updates[k] + updates[k - 1];
        }
        Resolution[] rounding = new Resolution[layers];
        for (int k = 0; k < layers; k++) {
            rounding[k] = updateRounding(k, updates[k], states.get(k).length);
        }
        Judgement judgement = new Judgement();
        for (int k = 0; k < layers && judgement.atMost("u_" + k + " = |x_" + (k + 1) + " − x_" + k + "|/|x_" + k + "|",
                updates[k], "max-relative-update", maxUpdate, rounding[k]); k++) {
            // stops at the first layer past the bound
        }
        for (int k = 0; maxSecondDifference > 0 && k < second.length && judgement.atMost("|u_" + (k + 2) + " − 2u_"
                + (k + 1) + " + u_" + k + "|", Math.abs(second[k]), "max-second-difference", maxSecondDifference,
                rounding[k + 2].plus(rounding[k + 1].times(2)).plus(rounding[k])); k++) {
            // stops at the first second difference past the bound
        }
        Map<String, String> constants = new LinkedHashMap<>();
        constants.put("u_k, k = 0..5", DepthRefinementCheck.numbers(updates));
        constants.put("second differences u_{k+1} − 2u_k + u_{k−1}, k = 1..4", DepthRefinementCheck.numbers(second));
        constants.put("largest u_k", Judgement.format(Arrays.stream(updates).max().orElseThrow()));
        return Evidence.of(judgement, constants, figures(updates, second));
    }

    /**
     * How far the computed u_k may lie from that of the same layers in exact arithmetic (docs/theory.md, "The claims
     * and their tolerances"). State x_j, the embedding's output and j layers, errs by e_j of at most ten units of
     * epsilon per layer of its size ({@link Resolution#ofLayers}); with |x_{k+1}| <= (1 + u_k)|x_k|, u_k moves by at
     * most (|e_{k+1}| + (1 + u_k)|e_k|)/|x_k| <= 10 eps (2k + 3)(1 + u_k). The two norms, each a sum of
     * {@code components} squares rounded in order, and the quotient add (components + 3) u relative to u_k.
     */
    private static Resolution updateRounding(int k, double update, int components) {
        return Resolution.ofLayers(2 * k + 3, Math.ulp(1.0), 1 + update)
                .plus(new Resolution((components + 3) * Outward.UNIT_ROUNDOFF * update));
    }

    private List<Figure> figures(double[] updates, double[] second) {
        List<Double> layers = IntStream.range(0, updates.length).mapToObj(k -> (double) k).toList();
        Figure sizes = new Figure.Curves("Relative update u_k = |x_{k+1} − x_k|/|x_k| of each real layer", "layer k",
                "u_k", false, false, List.of(
                        new Figure.Curve("u_k", Figure.Role.OBSERVED, layers, Arrays.stream(updates).boxed().toList()),
                        new Figure.Curve("max-relative-update", Figure.Role.BOUND, layers,
                                layers.stream().map(k -> maxUpdate).toList())));
        Figure smoothness = new Figure.Curves("Smoothness in k: second differences u_{k+1} − 2u_k + u_{k−1}",
                "layer k", "second difference", false, false, List.of(new Figure.Curve("u_{k+1} − 2u_k + u_{k−1}",
                        Figure.Role.OBSERVED, layers.subList(1, updates.length - 1),
                        Arrays.stream(second).boxed().toList())));
        return List.of(sizes, smoothness);
    }
}
