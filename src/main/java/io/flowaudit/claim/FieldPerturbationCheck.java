package io.flowaudit.claim;

import io.flowaudit.field.Certificate;
import io.flowaudit.field.VectorField;
import io.flowaudit.flow.LayerMap;
import io.flowaudit.verdict.Figure;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.RealFieldElement;
import org.apache.commons.math3.util.MathArrays;

/**
 * Theorem 5: a field perturbed by at most eps everywhere (weights rounded, quantized) moves the flow by
 * at most {@code e^{mu t} delta0 + eps (e^{mu t} - 1)/mu} and the Euler layers by at most
 * {@code rho^l delta0 + h eps (1 - rho^l)/(1 - rho)}. The perturbation here is
 * {@code eps tanh(x_{i+1} + 1)/sqrt(D)} in component i: smooth, state-dependent, of norm below eps.
 */
final class FieldPerturbationCheck implements TheoremCheck {

    private final CheckSettings settings;

    FieldPerturbationCheck(CheckSettings settings) {
        this.settings = settings;
    }

    @Override
    public String theorem() {
        return "Theorem 5 (perturbing the field)";
    }

    @Override
    public String statement() {
        return "If |F~ - F| <= eps = " + settings.fieldEpsilon() + " everywhere: |x~(t) - x(t)| <= e^{mu t} |x~(0) - x(0)|"
                + " + eps (e^{mu t} - 1)/mu, and for Euler layers |x~_l - x_l| <= rho^l |x~_0 - x_0|"
                + " + h eps (1 - rho^l)/(1 - rho).";
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
    public double fieldPerturbation() {
        return settings.fieldEpsilon();
    }

    @Override
    public Evidence check(Instance instance) {
        Certificate certificate = instance.field().certificate();
        double mu = certificate.oneSidedLipschitz();
        double epsilon = settings.fieldEpsilon();
        VectorField perturbed = new PerturbedField(instance.field(), epsilon);
        PerturbationRun.Distances flow = PerturbationRun.flow(instance.field(), perturbed, settings.referencePrecision(),
                instance.initial(), instance.perturbedInitial(), instance.horizon(), certificate.region());
        if (!flow.contained()) {
            return Evidence.leftRegion("x(t) or x~(t)", certificate);
        }
        double[] d = flow.distances();
        double sampleStep = instance.horizon() / PerturbationRun.FLOW_SAMPLES;
        for (int k = 0; k < d.length; k++) {
            double bound = Theorems.flowFieldPerturbationBound(mu, k * sampleStep, d[0], epsilon);
            if (d[k] > bound + flow.resolution()) {
                return evidence(false, "flow: |x~(t) - x(t)| = " + d[k] + " at t = " + k * sampleStep, "" + bound, d,
                        sampleStep, Double.NaN, certificate);
            }
        }
        int depth = instance.depth();
        double step = instance.horizon() / depth;
        double rho = Theorems.layerGrowth(step, mu, certificate.lipschitz());
        PerturbationRun.Distances layers = PerturbationRun.layers(instance.field(), perturbed, LayerMap.EULER,
                settings.precision(), instance.initial(), instance.perturbedInitial(), instance.horizon(), depth,
                certificate.region());
        if (!layers.contained()) {
            return Evidence.leftRegion("x_l or x~_l", certificate);
        }
        double[] e = layers.distances();
        for (int l = 0; l <= depth; l++) {
            double bound = Theorems.layerFieldPerturbationBound(rho, l, step, e[0], epsilon);
            if (e[l] > bound + layers.resolution()) {
                return evidence(false, "layers: |x~_l - x_l| = " + e[l] + " at l = " + l, "" + bound, e, step, rho,
                        certificate);
            }
        }
        return evidence(true, "|x~_L - x_L| = " + e[depth] + " at L = " + depth,
                "" + Theorems.layerFieldPerturbationBound(rho, depth, step, e[0], epsilon), e, step, rho, certificate);
    }

    private Evidence evidence(boolean holds, String observed, String bound, double[] distances, double step, double rho,
            Certificate certificate) {
        return new Evidence(holds, false, observed, bound,
                Constants.of(certificate, Map.of("eps", settings.fieldEpsilon())),
                List.of(new Figure.Perturbation("Distance between the field and its perturbation",
                        Arrays.stream(distances).boxed().toList(), step, rho, certificate.oneSidedLipschitz(),
                        Double.NaN)));
    }

    /** F + eps v with v_i = tanh(x_{(i+1) mod D} + 1)/sqrt(D), so |v| < 1. */
    static final class PerturbedField implements VectorField {

        private final VectorField field;
        private final double epsilon;

        PerturbedField(VectorField field, double epsilon) {
            this.field = field;
            this.epsilon = epsilon;
        }

        @Override
        public int dimension() {
            return field.dimension();
        }

        @Override
        public <T extends RealFieldElement<T>> T[] evaluate(T t, T[] x) {
            T[] f = field.evaluate(t, x);
            T[] out = MathArrays.buildArray(t.getField(), f.length);
            double weight = epsilon / Math.sqrt(f.length);
            for (int i = 0; i < f.length; i++) {
                out[i] = f[i].add(x[(i + 1) % f.length].add(1).tanh().multiply(weight));
            }
            return out;
        }
    }
}
