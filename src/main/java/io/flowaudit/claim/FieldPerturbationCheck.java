package io.flowaudit.claim;

import io.flowaudit.claim.CheckKinds.Numerics;
import io.flowaudit.claim.Evidence.Judgement;
import io.flowaudit.field.Certificate;
import io.flowaudit.field.CertifiedField;
import io.flowaudit.field.VectorField;
import io.flowaudit.input.Setting;
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
record FieldPerturbationCheck(Numerics numerics, double fieldEpsilon) implements TheoremCheck {

    /** The size eps of the field perturbation |F~ - F| <= eps. */
    static final Setting<Double> FIELD_EPSILON = Setting.positive("field-epsilon", 1e-3);

    static final CheckKinds.Kind KIND = new CheckKinds.Kind("field-perturbation", List.of(FIELD_EPSILON),
            (numerics, values) -> new FieldPerturbationCheck(numerics, values.get(FIELD_EPSILON)));

    @Override
    public String theorem() {
        return "Theorem 5 (perturbing the field)";
    }

    @Override
    public String statement() {
        return "If |F~ - F| <= eps = " + fieldEpsilon + " everywhere: |x~(t) - x(t)| <= e^{mu t} |x~(0) - x(0)|"
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
        return fieldEpsilon;
    }

    @Override
    public Evidence check(Instance instance) {
        Certificate certificate = instance.field().certificate();
        double mu = certificate.oneSidedLipschitz();
        double epsilon = fieldEpsilon;
        VectorField perturbed = new PerturbedField(instance.field(), epsilon);
        PerturbationRun.Distances flow = PerturbationRun.flow(instance, perturbed, numerics);
        if (!flow.contained()) {
            return Evidence.leftRegion("x(t) or x~(t)", instance.field());
        }
        double[] d = flow.distances();
        double sampleStep = instance.horizon() / PerturbationRun.FLOW_SAMPLES;
        Judgement judgement = new Judgement();
        for (int k = 1; k < d.length; k++) {
            double t = k * sampleStep;
            // the bound grows from the computed |x~(0) - x(0)|, so it inherits that distance's resolution
            double bound = TheoremBounds.flowFieldPerturbationBound(mu, t, d[0], epsilon);
            double inherited = TheoremBounds.flowFieldPerturbationBound(mu, t, flow.resolution().value(), 0);
            if (!judgement.atMost(() -> "flow: |x~(t) - x(t)| at t = " + Judgement.format(t), d[k],
                    () -> "e^{mu t} |x~(0) - x(0)| + eps (e^{mu t} - 1)/mu", bound,
                    flow.resolution().plus(new Resolution(inherited))
                            .plus(Resolution.ofBound(bound, TheoremBounds.exponentRounding(mu * t))))) {
                return evidence(judgement, d, sampleStep, Double.NaN, instance.field());
            }
        }
        int depth = instance.depth();
        double step = instance.horizon() / depth;
        TheoremBounds.LayerGrowth growth = TheoremBounds.LayerGrowth.of(step, mu, certificate.lipschitz());
        // F + eps v sums eps v, |eps v| < eps, beside F's terms
        PerturbationRun.Distances layers = PerturbationRun.eulerLayers(instance, perturbed, epsilon, numerics);
        if (!layers.contained()) {
            return Evidence.leftRegion("x_l or x~_l", instance.field());
        }
        double[] e = layers.distances();
        for (int l = 1; l <= depth; l++) {
            double bound = TheoremBounds.layerFieldPerturbationBound(growth, l, step, e[0], epsilon);
            double inherited = TheoremBounds.layerFieldPerturbationBound(growth, l, step, layers.resolution().value(), 0);
            if (!judgement.atMost("layers: |x~_l - x_l| at l = " + l, e[l],
                    "rho^l |x~_0 - x_0| + h eps (1 - rho^l)/(1 - rho)", bound,
                    layers.resolution().plus(new Resolution(inherited))
                            .plus(Resolution.ofBound(bound, growth.powerRounding(l))))) {
                break;
            }
        }
        return evidence(judgement, e, step, growth.rho(), instance.field());
    }

    private Evidence evidence(Judgement judgement, double[] distances, double step, double rho,
            CertifiedField field) {
        return Evidence.of(judgement, ReportedConstants.of(field, Map.of("eps", fieldEpsilon)),
                List.of(new Figure.Perturbation("Distance between the field and its perturbation",
                        Arrays.stream(distances).boxed().toList(), step, rho, field.certificate().oneSidedLipschitz(),
                        Double.NaN, fieldEpsilon)));
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
        public boolean roundsRelativeToItsState() {
            return field.roundsRelativeToItsState();
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
