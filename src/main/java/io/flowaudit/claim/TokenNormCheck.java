package io.flowaudit.claim;

import io.flowaudit.claim.CheckKinds.Numerics;
import io.flowaudit.claim.Evidence.Judgement;
import io.flowaudit.field.Region;
import io.flowaudit.field.transformer.TransformerField;
import io.flowaudit.flow.ReferenceFlow;
import io.flowaudit.num.NumberSystem;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.RealFieldElement;

/**
 * Token norms along the flow: {@code max_i |x_i(t)| <= max_i |x_i(0)|} on [0, T]. True for attention
 * on the sphere (LayerNorm keeps every token at its norm); false on purpose for plain attention,
 * whose tokens grow like {@code e^{||V|| t}} (docs/theory.md). Tolerance: the reference's error estimate.
 */
record TokenNormCheck(Numerics numerics) implements TheoremCheck {

    static final CheckKinds.Kind KIND = new CheckKinds.Kind("token-norms", List.of(),
            (numerics, values) -> new TokenNormCheck(numerics), CheckKinds.Uses.REFERENCE);

    @Override
    public String theorem() {
        return "Structure (token norms stay bounded)";
    }

    @Override
    public String statement() {
        return "max_i |x_i(t)| <= max_i |x_i(0)| for every t in [0, T], checked at "
                + (PerturbationRun.FLOW_SAMPLES + 1) + " equally spaced times.";
    }

    @Override
    public Evidence check(Instance instance) {
        return check(instance, numerics.reference());
    }

    private <T extends RealFieldElement<T>> Evidence check(Instance instance, NumberSystem<T> numbers) {
        TransformerField field = TokenStructure.require(instance.field(), "token norms");
        int d = field.width();
        T end = instance.horizonIn(numbers);
        ReferenceFlow<T> flow = ReferenceFlow.compute(field, numbers, instance.initialIn(numbers), end);
        double initial = Region.maxTokenNorm(instance.initial(), d);
        Resolution resolution = Resolution.ofReferences(d, flow.errorEstimate());
        Judgement judgement = new Judgement();
        double moved = 0;
        for (int k = 1; k <= PerturbationRun.FLOW_SAMPLES; k++) {
            T t = end.multiply(k).divide(PerturbationRun.FLOW_SAMPLES);
            double[] state = ConvergenceRun.toDoubles(flow.at(t));
            moved = Math.max(moved, Region.maxTokenDistance(state, instance.initial(), d));
            if (!judgement.atMost(() -> "max_i |x_i(t)| at t = " + Judgement.format(t.getReal()),
                    Region.maxTokenNorm(state, d), () -> "max_i |x_i(0)|", initial, resolution)) {
                break;
            }
        }
        // a norm grows by at most how far its token moved: a run that barely moved cannot show it
        judgement.requireMotion("max_i |x_i(t) - x_i(0)| over the samples", moved, resolution);
        return Evidence.of(judgement, Map.of(), List.of());
    }
}
