package io.flowaudit.claim;

import io.flowaudit.field.Certificate;
import io.flowaudit.flow.LayerMap;
import io.flowaudit.verdict.Figure;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Theorem 4, for Euler layers: {@code |x_l - y_l| <= rho(h)^l |x_0 - y_0|} with
 * {@code rho(h) = sqrt(1 + 2 h mu + h^2 K^2)}, and decay from layer to layer at every depth above
 * {@code K^2 T / (2|mu|)} (where rho < 1). The false-on-purpose variant claims decay at every depth.
 * Tolerance: the rounding of L layers.
 */
final class LayerPerturbationCheck implements TheoremCheck {

    private final CheckSettings settings;

    LayerPerturbationCheck(CheckSettings settings) {
        this.settings = settings;
    }

    @Override
    public String theorem() {
        return "Theorem 4 (perturbations across layers)";
    }

    @Override
    public String statement() {
        return settings.everyDepth()
                ? "For a contractive field (mu < 0), perturbations decay from every Euler layer to the next at every"
                        + " depth L: |x_{l+1} - y_{l+1}| <= |x_l - y_l|."
                : "For Euler layers with h = T/L: |x_l - y_l| <= rho(h)^l |x_0 - y_0| with rho(h) = sqrt(1 + 2h mu +"
                        + " h^2 K^2); and when L > K^2 T / (2|mu|), |x_{l+1} - y_{l+1}| <= |x_l - y_l| for every l.";
    }

    @Override
    public boolean needsPerturbation() {
        return true;
    }

    @Override
    public boolean needsDepth() {
        return true;
    }

    @Override
    public Evidence check(Instance instance) {
        Certificate certificate = instance.field().certificate();
        int depth = instance.depth();
        double step = instance.horizon() / depth;
        double rho = Theorems.layerGrowth(step, certificate.oneSidedLipschitz(), certificate.lipschitz());
        double threshold = Theorems.contractionDepth(certificate.oneSidedLipschitz(), certificate.lipschitz(),
                instance.horizon());
        PerturbationRun.Distances run = PerturbationRun.layers(instance.field(), instance.field(), LayerMap.EULER,
                settings.precision(), instance.initial(), instance.perturbedInitial(), instance.horizon(), depth,
                certificate.region());
        if (!run.contained()) {
            return Evidence.leftRegion("x_l or y_l", certificate);
        }
        double[] d = run.distances();
        boolean claimsDecay = settings.everyDepth() || depth > threshold;
        for (int l = 1; l <= depth; l++) {
            double bound = Math.pow(rho, l) * d[0];
            if (!settings.everyDepth() && d[l] > bound + run.resolution()) {
                return evidence(false, "|x_l - y_l| = " + d[l] + " at l = " + l, "rho^l |x_0 - y_0| = " + bound, d,
                        step, rho, threshold, certificate);
            }
            if (claimsDecay && d[l] > d[l - 1] + run.resolution()) {
                return evidence(false, "|x_l - y_l| = " + d[l] + " > |x_{l-1} - y_{l-1}| = " + d[l - 1] + " at l = " + l
                        + " of L = " + depth + " (h = " + step + ")", "decay at every layer", d, step, rho, threshold,
                        certificate);
            }
        }
        return evidence(true, "|x_L - y_L| = " + d[depth] + " at L = " + depth,
                "rho^L |x_0 - y_0| = " + Math.pow(rho, depth) * d[0], d, step, rho, threshold, certificate);
    }

    private Evidence evidence(boolean holds, String observed, String bound, double[] distances, double step, double rho,
            double threshold, Certificate certificate) {
        return new Evidence(holds, false, observed, bound,
                Constants.of(certificate, Map.of("rho(h)", rho, "h", step, "depth threshold K^2T/(2|mu|)", threshold)),
                List.of(new Figure.Perturbation("Perturbation across layers", Arrays.stream(distances).boxed().toList(),
                        step, rho, certificate.oneSidedLipschitz(), threshold)));
    }
}
