package io.flowaudit.claim;

import io.flowaudit.claim.CheckKinds.Numerics;
import io.flowaudit.claim.Evidence.Judgement;
import io.flowaudit.field.Certificate;
import io.flowaudit.input.Setting;
import io.flowaudit.verdict.Figure;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Theorem 3: {@code |x(t) - y(t)| <= e^{rate t} |x(0) - y(0)|} with rate = mu (decay when mu < 0), or
 * rate = K (Gronwall, for every Lipschitz field); a rate offset states the false claim "faster than mu".
 * Tolerance: both references' error estimates.
 */
record FlowPerturbationCheck(Numerics numerics, boolean lipschitzRate, double rateOffset) implements TheoremCheck {

    /** Theorem 3 with K instead of mu (Gronwall) when {@code lipschitz}. */
    static final Setting<Boolean> LIPSCHITZ_RATE = Setting.choice("rate",
            List.of("one-sided", "lipschitz"), "lipschitz"::equals);
    /** Added to the decay rate: 0 for the theorem, -0.5 for the false-on-purpose "faster than mu". */
    static final Setting<Double> RATE_OFFSET = Setting.number("rate-offset", 0);

    static final CheckKinds.Kind KIND = new CheckKinds.Kind("flow-perturbation", List.of(LIPSCHITZ_RATE, RATE_OFFSET),
            (numerics, values) -> new FlowPerturbationCheck(numerics, values.get(LIPSCHITZ_RATE),
                    values.get(RATE_OFFSET)), CheckKinds.Uses.REFERENCE);

    @Override
    public String theorem() {
        return lipschitzRate ? "Theorem 3 (Gronwall growth of perturbations in the flow)"
                : "Theorem 3 (exponential decay of perturbations in the flow)";
    }

    @Override
    public String statement() {
        return "For two solutions x, y of x' = F(t, x): |x(t) - y(t)| <= e^{r t} |x(0) - y(0)| for t in [0, T], with r = "
                + rateName() + ", checked at " + (PerturbationRun.FLOW_SAMPLES + 1) + " equally spaced times.";
    }

    private String rateName() {
        String base = lipschitzRate ? "K" : "mu";
        return rateOffset == 0 ? base
                : base + (rateOffset > 0 ? " + " : " - ") + Math.abs(rateOffset);
    }

    @Override
    public boolean needsPerturbation() {
        return true;
    }

    @Override
    public Evidence check(Instance instance) {
        Certificate certificate = instance.field().certificate();
        double rate = (lipschitzRate ? certificate.lipschitz() : certificate.oneSidedLipschitz())
                + rateOffset;
        PerturbationRun.Distances run = PerturbationRun.flow(instance, instance.field(), numerics);
        if (!run.contained()) {
            return Evidence.leftRegion("x(t) or y(t)", instance.field());
        }
        double[] distances = run.distances();
        double step = instance.horizon() / PerturbationRun.FLOW_SAMPLES;
        Judgement judgement = new Judgement();
        for (int k = 1; k < distances.length; k++) {
            double exponent = rate * k * step;
            double growth = StrictMath.exp(exponent);
            // both sides are computed distances: the bound inherits |x(0) - y(0)|'s resolution, times the growth
            double t = k * step;
            if (!judgement.atMost(() -> "|x(t) - y(t)| at t = " + Judgement.format(t), distances[k],
                    () -> "e^{" + (rateOffset == 0 ? rateName() : "(" + rateName() + ")") + " t} |x(0) - y(0)|",
                    growth * distances[0], run.resolution().times(1 + growth).plus(Resolution.ofBound(
                            growth * distances[0], TheoremBounds.exponentRounding(exponent))))) {
                break;
            }
        }
        return Evidence.of(judgement, ReportedConstants.of(instance.field(), Map.of("rate r", rate)),
                List.of(new Figure.Perturbation("Perturbation along the flow (t = k T/" + PerturbationRun.FLOW_SAMPLES
                        + ")", Arrays.stream(distances).boxed().toList(), step, Double.NaN, rate, Double.NaN)));
    }
}
