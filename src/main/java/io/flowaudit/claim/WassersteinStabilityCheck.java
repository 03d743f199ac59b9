package io.flowaudit.claim;

import io.flowaudit.claim.CheckKinds.Numerics;
import io.flowaudit.claim.Evidence.Judgement;
import io.flowaudit.field.CertifiedField;
import io.flowaudit.field.Region;
import io.flowaudit.field.transformer.SelfAttention;
import io.flowaudit.input.Setting;
import io.flowaudit.verdict.Figure;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Wasserstein stability of the attention flow through the synchronous coupling (docs/theory.md, "Wasserstein
 * stability"): two clouds of n tokens x, y moved by the same attention field keep
 * {@code D(t) = ((1/n) sum_i |x_i(t) - y_i(t)|^2)^{1/2} <= e^{L t} D(0)}, where D bounds W2 of their empirical
 * measures and L is {@link SelfAttention#meanFieldLipschitz()}: for softmax (dot-product or L2 scores, causal or not)
 * and Sinkhorn attention a constant that stops growing with n, for unnormalized sigmoid attention n times the
 * paper's constant (its field is the paper's with V = n U). A rate factor below 1 states the false-on-purpose "L
 * halved". Tolerance: both references' error estimates, as Theorem 3's.
 */
record WassersteinStabilityCheck(Numerics numerics, double rateFactor) implements TheoremCheck {

    /** L is multiplied by this: 1 for the estimate, 0.5 for the false claim with L halved. */
    static final Setting<Double> RATE_FACTOR = Setting.positive("rate-factor", 1);

    static final CheckKinds.Kind KIND = new CheckKinds.Kind("wasserstein-stability", List.of(RATE_FACTOR),
            (numerics, values) -> new WassersteinStabilityCheck(numerics, values.get(RATE_FACTOR)), CheckKinds.Uses.REFERENCE);

    @Override
    public String theorem() {
        return "Wasserstein stability of the mean-field attention flow (synchronous coupling)";
    }

    @Override
    public String statement() {
        return "For two clouds of n tokens x, y under the same attention flow, D(t) = ((1/n) sum_i |x_i(t) - y_i(t)|^2)^{1/2}"
                + " (which bounds W2 of their empirical measures) satisfies D(t) <= e^{r t} D(0) on [0, T], r = "
                + rateName() + ", L = sum over heads of ||U|| (sqrt(c) + R (alpha + beta sqrt(c))) the token-count-free"
                + " Lipschitz constant on the support ball of radius R = e^{||U|| T} r0 (c = min(n, e^w), times H_n"
                + " under a causal mask, bounds the column sums of the attention matrix; Sinkhorn and sigmoid attention:"
                + " their constants of docs/theory.md), checked at "
                + (PerturbationRun.FLOW_SAMPLES + 1) + " equally spaced times.";
    }

    private String rateName() {
        return rateFactor == 1 ? "L" : Judgement.format(rateFactor) + " L";
    }

    @Override
    public boolean needsPerturbation() {
        return true;
    }

    @Override
    public Evidence check(Instance instance) {
        SelfAttention field = requireAttention(instance.field());
        double meanFieldLipschitz = field.meanFieldLipschitz();
        double rate = rateFactor * meanFieldLipschitz;
        PerturbationRun.Distances run = PerturbationRun.flow(instance, field, numerics);
        if (!run.contained()) {
            return Evidence.leftRegion("x(t) or y(t)", field);
        }
        // D is the Euclidean distance over sqrt(n): the ratio D(t)/D(0) and the resolution scale alike
        double perToken = 1 / Math.sqrt(field.tokens());
        double[] distances = run.distances();
        double step = instance.horizon() / PerturbationRun.FLOW_SAMPLES;
        double firstBound = StrictMath.exp(rate * step) * distances[0] * perToken;
        double ceiling = ceiling(field.certificate().region(), perToken);
        if (firstBound >= ceiling) {
            // the bound only grows with t, and both clouds stayed in the region: no D(t) could exceed it
            return Evidence.vacuous("e^{" + rateName() + " t} D(0) = " + Judgement.format(firstBound) + " at the first"
                    + " sampled time already exceeds " + Judgement.format(ceiling) + ", the largest D(t) of two clouds"
                    + " in the certified region");
        }
        Judgement judgement = new Judgement();
        List<Double> times = new ArrayList<>();
        List<Double> observed = new ArrayList<>();
        List<Double> bound = new ArrayList<>();
        for (int k = 0; k < distances.length; k++) {
            double exponent = rate * k * step;
            double growth = StrictMath.exp(exponent);
            times.add(k * step);
            observed.add(distances[k] * perToken);
            bound.add(growth * distances[0] * perToken);
            double t = k * step;
            if (k > 0 && !judgement.atMost(() -> "D(t) at t = " + Judgement.format(t), distances[k] * perToken,
                    () -> "e^{" + rateName() + " t} D(0)", growth * distances[0] * perToken,
                    run.resolution().times(perToken * (1 + growth)).plus(Resolution.ofBound(
                            growth * distances[0] * perToken, TheoremBounds.exponentRounding(exponent))))) {
                break;
            }
        }
        Figure.Curves figure = new Figure.Curves("D(t) of the synchronous coupling against e^{" + rateName() + " t} D(0)",
                "time t", "D(t) = ((1/n) Σ|x_i − y_i|²)^½", false, true, List.of(
                        new Figure.Curve("observed D(t) (bounds W₂ of the empirical measures)", Figure.Role.OBSERVED,
                                times.subList(0, observed.size()), observed),
                        new Figure.Curve("e^{" + rateName() + " t} D(0), L = " + Judgement.format(meanFieldLipschitz),
                                Figure.Role.BOUND, times, bound)));
        String constantName = field.variant().rowStochastic() ? "L (token-count-free)"
                : "L (n times the mean-field constant)";
        return Evidence.of(judgement, ReportedConstants.of(field, Map.of(constantName, meanFieldLipschitz,
                "rate r", rate)), List.of(figure));
    }

    /**
     * The largest D two clouds in the region can have: |x_i - y_i| <= 2R per token in a ball per token, and
     * |x - y| <= 2R over all tokens in one ball, so D <= 2R / sqrt(n) there.
     */
    private static double ceiling(Region region, double perToken) {
        return switch (region.kind()) {
            case TOKEN_BALL -> 2 * region.radius();
            case BALL -> 2 * region.radius() * perToken;
            case WHOLE_SPACE -> Double.POSITIVE_INFINITY;
        };
    }

    /** The estimate is derived for the attention fields of the paper's list, not for the sphere or the blocks. */
    private static SelfAttention requireAttention(CertifiedField field) {
        if (field instanceof SelfAttention attention) {
            return attention;
        }
        throw new NotApplicableException("Wasserstein stability is certified for attention without LayerNorm (softmax,"
                + " multi-head, causal, L2, Sinkhorn, sigmoid); " + field.family() + " has no such constant");
    }
}
