package io.flowaudit.claim;

import io.flowaudit.claim.Evidence.Judgement;
import io.flowaudit.field.transformer.SphereAttention;
import io.flowaudit.field.transformer.TransformerField;
import io.flowaudit.input.Setting;
import io.flowaudit.meanfield.AttentionParticles;
import io.flowaudit.meanfield.Clustering;
import io.flowaudit.meanfield.Integration;
import io.flowaudit.verdict.Figure;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Clustering in a hemisphere (docs/theory.md, "Clustering in a hemisphere", "Causal mask"): unit tokens that start
 * in an open hemisphere gather at one point under SA and USA with V = A = I; under a causal mask (the field's), at
 * the first token's start, which never moves. The check draws n tokens in the open hemisphere around a random pole
 * (n and d the field's, seeded by the instance's start) and follows both dynamics to the instance's horizon T:
 * <ul>
 * <li>refuted only by a certified violation: the lowest height {@code min_i <w, x_i>} over a direction w above
 * every token falling between consecutive samples (the theory forbids it), or, causal, the first token moving;</li>
 * <li>supported when every token is within {@code cluster-radius} of the limit at T (both dynamics);</li>
 * <li>inconclusive otherwise: a run that has not clustered by T is neither support nor refutation (metastable
 * plateaus last a time exponential in beta).</li>
 * </ul>
 * Under the mask, {@code cluster-at: last-token} states the false-on-purpose limit x_n(0): the first token never
 * moves, so the tokens stay at least {@code |x_1(0) - x_n(0)|} (less its measured drift) from x_n(0) at every time,
 * a certified refutation once that exceeds the radius, whatever the horizon.
 * Tolerance: the measured integration error (a rerun 1000 times tighter, interpolation included) moved through
 * |w| = 1, plus rounding.
 */
record ClusteringCheck(double beta, double radius, boolean atLastToken) implements TheoremCheck {

    /** Samples of the flow for the monotone heights: fine enough to see a dip, cheap at n heights each. */
    static final int SAMPLES = 200;
    /** Directions w besides the pole tried for the monotone height (those above every starting token). */
    static final int DIRECTIONS = 8;
    /**
     * One run to the horizon, the samples read from its dense output (Integration#sampledStates): its errors, 3e-10 to
     * 3e-8 (measured against the run 1000 times tighter), are of the order the earlier 1e-9 runs stopping at every
     * sample had for USA (1e-10 to 1.5e-8), at a third to a fifth of the evaluations (docs/theory.md, "Clustering in
     * a hemisphere").
     */
    private static final double INTEGRATION_TOLERANCE = 1e-11;

    /**
     * The largest beta: near a cluster USA is stiff (its weights are about e^beta, the norm's relaxation rate about
     * 2 beta e^beta), and the explicit solver's steps shrink with it; at beta = 5 a horizon of 100 already exceeds
     * its 2*10^7 evaluations. SA's metastable plateaus (escape rate about 2e^{-beta}) are long enough at 4.
     */
    static final double MAX_BETA = 4;
    static final Setting<Double> BETA = Setting.positiveAtMost("beta", 1.0, MAX_BETA);
    /** How close every token must be to the limit at T; far above the integration error, far below O(1). */
    static final Setting<Double> CLUSTER_RADIUS = new Setting<>("cluster-radius", 1e-3, node -> {
        double value = node.requireDecimal().doubleValue();
        if (!(value >= 1e-6 && value <= 0.5)) {
            throw node.error("cluster-radius must be in [1e-6, 0.5], got " + node.text());
        }
        return value;
    });

    /**
     * Under the causal mask, the start whose token the tokens gather at: the first (as derived) or the last (false on
     * purpose: the first token never moves).
     */
    static final Setting<Boolean> AT_LAST_TOKEN = Setting.choice("cluster-at",
            List.of("first-token", "last-token"), name -> name.equals("last-token"));

    static final CheckKinds.Kind KIND = new CheckKinds.Kind("clustering", List.of(BETA, CLUSTER_RADIUS, AT_LAST_TOKEN),
            (numerics, values) -> new ClusteringCheck(values.get(BETA), values.get(CLUSTER_RADIUS),
                    values.get(AT_LAST_TOKEN)), CheckKinds.Uses.DOUBLE_ONLY);

    ClusteringCheck(double beta, double radius) {
        this(beta, radius, false);
    }

    @Override
    public String theorem() {
        return "Clustering: tokens in an open hemisphere gather under SA and USA (V = A = I), within a horizon";
    }

    @Override
    public String statement() {
        return "Unit tokens drawn in an open hemisphere and moved by SA and by USA with beta = " + Judgement.format(beta)
                + " are all within " + Judgement.format(radius) + " of one point at the horizon T (with the field's"
                + " causal mask: of the " + (atLastToken ? "last" : "first") + " token's start); min_i <w, x_i> never"
                + " falls for w above every token."
                + " Not clustered by T without a violation is inconclusive, neither support nor refutation.";
    }

    @Override
    public Evidence check(Instance instance) {
        TransformerField field = TokenStructure.require(instance.field(), "clustering");
        if (!(field instanceof SphereAttention sphere)) {
            throw new NotApplicableException("clustering is a claim about tokens on the sphere: it needs the"
                    + " sphere-attention family, got " + field.family());
        }
        if (field.width() < 2) {
            throw new NotApplicableException("clustering needs tokens of width >= 2 (the sphere in R^1 is two points)");
        }
        boolean causal = sphere.attention().variant().causal();
        if (atLastToken && !causal) {
            throw new NotApplicableException("cluster-at: last-token is a claim under the causal mask; the field has none"
                    + " (mask: causal)");
        }
        if (field.tokens() == 1) {
            return Evidence.vacuous("one token is a cluster by itself: it cannot fail to gather");
        }
        Clustering.HemisphereStart start = Clustering.openHemisphere(Arrays.hashCode(instance.initial()),
                field.tokens(), field.width());
        Evidence evidence = judge(start, field.width(), instance.horizon(), causal);
        Map<String, String> constants = ReportedConstants.of(field, Map.of("beta", beta, "cluster radius", radius));
        return new Evidence(evidence.finding(), evidence.margin(), evidence.observed(), evidence.bound(), constants,
                evidence.figures());
    }

    /** The check on given tokens: the pole and {@link #DIRECTIONS} random directions above them are watched. */
    Evidence judge(Clustering.HemisphereStart start, int width, double horizon, boolean causal) {
        double[] x0 = start.tokens();
        int tokens = x0.length / width;
        List<double[]> directions = directionsAbove(start, width);
        double[] times = Integration.grid(horizon, SAMPLES);
        Judgement judgement = new Judgement();
        List<String> unclustered = new ArrayList<>();
        List<Figure> figures = new ArrayList<>();
        List<Figure.Curve> spreads = new ArrayList<>();
        for (boolean softmax : new boolean[] {true, false}) {
            AttentionParticles base = softmax ? AttentionParticles.sphere(tokens, width, beta)
                    : AttentionParticles.unnormalisedSphere(tokens, width, beta);
            AttentionParticles dynamics = causal ? base.causal() : base;
            String name = softmax ? "SA" : "USA";
            double[][] path = Integration.sampledStates(dynamics, x0, times, INTEGRATION_TOLERANCE);
            double error = Integration.sampledErrorEstimate(dynamics, x0, times, INTEGRATION_TOLERANCE, path);
            // a token's Euclidean error is at most sqrt(d) times the componentwise one; |w| = 1; d products round
            double tokenError = Math.sqrt(width) * error + 2 * width * Math.ulp(1.0);
            if (!watchInvariants(judgement, name, path, times, directions, tokens, width, tokenError, causal)
                    || atLastToken && !firstTokenReaches(judgement, name, x0, tokens, width, tokenError)) {
                break;
            }
            int limit = atLastToken ? tokens - 1 : 0;
            double[] spread = new double[times.length];
            for (int k = 0; k < times.length; k++) {
                spread[k] = causal ? Clustering.farthestFrom(x0, limit, path[k], tokens, width)
                        : Clustering.diameter(path[k], tokens, width);
            }
            double atHorizon = spread[times.length - 1];
            // two tokens' errors (or one, against the exact start) move a distance by at most 2 tokenError
            if (atHorizon + 2 * tokenError <= radius) {
                judgement.atMost(name + ": " + spreadName(causal) + " at T", atHorizon, "cluster radius", radius,
                        new Resolution(2 * tokenError));
            } else {
                unclustered.add(name + ": " + spreadName(causal) + " " + Judgement.format(atHorizon) + " at T = "
                        + Judgement.format(horizon) + trend(spread));
            }
            spreads.add(new Figure.Curve(name, Figure.Role.OBSERVED, boxed(times), boxed(spread)));
            figures.add(innerProducts(name, path, times, start.pole(), tokens, width));
        }
        spreads.add(new Figure.Curve("cluster radius", Figure.Role.BOUND, List.of(0.0, horizon), List.of(radius, radius)));
        figures.add(0, new Figure.Curves((causal ? "max_i |x_i(t) − x_" + (atLastToken ? "n" : "1") + "(0)|"
                : "Diameter max_ij |x_i − x_j|")
                + " over time, n = " + tokens + ", β = " + Judgement.format(beta), "time t", spreadName(causal),
                false, true, spreads));
        if (judgement.finding() == Evidence.Finding.REFUTED || unclustered.isEmpty()) {
            return Evidence.of(judgement, Map.of(), figures);
        }
        return Evidence.inconclusive("not clustered by the horizon, no violation on the way: "
                + String.join("; ", unclustered), spreadName(causal) + " <= " + Judgement.format(radius) + " at T",
                Map.of(), figures);
    }

    /**
     * Judges the monotone heights between consecutive samples and, causal, the first token's rest; false once
     * refuted.
     */
    private static boolean watchInvariants(Judgement judgement, String name, double[][] path, double[] times,
            List<double[]> directions, int tokens, int width, double tokenError, boolean causal) {
        double[] allowances = new double[times.length - 1];
        Arrays.fill(allowances, 2 * tokenError);
        for (int w = 0; w < directions.size(); w++) {
            // heights lie in (0, 1]: compared shifted by 1, so the bound is never near 0 and its 1 % share resolves
            // the comparison
            // each sample's height once: a sample is the later end of one interval and the earlier end of the next
            double[] shifted = new double[times.length];
            for (int k = 0; k < times.length; k++) {
                shifted[k] = 1 + Clustering.lowestHeight(path[k], tokens, width, directions.get(w));
            }
            double[] earlier = Arrays.copyOfRange(shifted, 0, times.length - 1);
            double[] later = Arrays.copyOfRange(shifted, 1, times.length);
            int k = Judgement.closestToBound(earlier, later, allowances) + 1;
            int direction = w;
            double time = times[k - 1];
            double timeAfter = times[k];
            if (!judgement.atMost(() -> name + ": 1 + min_i <w" + direction + ", x_i> at t = " + Judgement.format(time),
                    earlier[k - 1], () -> "its value at t = " + Judgement.format(timeAfter), later[k - 1],
                    new Resolution(2 * tokenError))) {
                return false;
            }
        }
        if (causal) {
            double moved = 0;
            for (double[] state : path) {
                moved = Math.max(moved, Clustering.farthestFromFirst(path[0], state, 1, width));
            }
            // x_1' = (1 - |x_1|^2) x_1: a rounding residue; the allowance is the token error plus 1e-12 for it
            return judgement.atMost(name + ": max_t |x_1(t) - x_1(0)|", moved, "rounding allowance",
                    tokenError + 1e-12, Resolution.NONE);
        }
        return true;
    }

    /**
     * For the claimed limit x_n(0): the first token stays within its checked drift of x_1(0) at every time (derived;
     * watched by {@link #watchInvariants}), so the tokens' distance from x_n(0) is never below |x_1(0) - x_n(0)| less
     * that drift; false once that exceeds the radius.
     */
    private boolean firstTokenReaches(Judgement judgement, String name, double[] x0, int tokens, int width,
            double tokenError) {
        double apart = Clustering.farthestFrom(x0, tokens - 1, x0, 1, width);
        return judgement.atMost(name + ": |x_1(0) - x_n(0)| less x_1's drift (x_1 never moves, so every"
                + " max_i |x_i(t) - x_n(0)| is at least this)", apart - (tokenError + 1e-12), "cluster radius", radius,
                new Resolution(2 * tokenError));
    }

    /** The pole, and directions near it that lie above every starting token (a positive lowest height). */
    private static List<double[]> directionsAbove(Clustering.HemisphereStart start, int width) {
        int tokens = start.tokens().length / width;
        List<double[]> directions = new ArrayList<>();
        directions.add(start.pole());
        Random random = new Random(Arrays.hashCode(start.tokens()));
        for (int attempt = 0; attempt < 10 * DIRECTIONS && directions.size() <= DIRECTIONS; attempt++) {
            double[] w = start.pole().clone();
            double norm = 0;
            for (int k = 0; k < width; k++) {
                w[k] += 0.5 * random.nextGaussian();
                norm += w[k] * w[k];
            }
            for (int k = 0; k < width; k++) {
                w[k] /= Math.sqrt(norm);
            }
            if (Clustering.lowestHeight(start.tokens(), tokens, width, w) > 0) {
                directions.add(w);
            }
        }
        return directions;
    }

    /** Whether the spread was still falling over the last half of the run, or sat on a plateau. */
    private static String trend(double[] spread) {
        double half = spread[spread.length / 2];
        double end = spread[spread.length - 1];
        return end < 0.9 * half ? " (still falling: " + Judgement.format(half) + " at T/2)"
                : " (a plateau since T/2, where it was " + Judgement.format(half) + ": metastable, or a fixed point)";
    }

    private String spreadName(boolean causal) {
        return causal ? "max_i |x_i - x_" + (atLastToken ? "n" : "1") + "(0)|" : "diameter";
    }

    private static Figure innerProducts(String name, double[][] path, double[] times, double[] pole, int tokens,
            int width) {
        List<Double> lowest = new ArrayList<>();
        List<Double> highest = new ArrayList<>();
        List<Double> height = new ArrayList<>();
        for (double[] state : path) {
            double[] range = Clustering.innerProductRange(state, tokens, width);
            lowest.add(range[0]);
            highest.add(range[1]);
            height.add(Clustering.lowestHeight(state, tokens, width, pole));
        }
        List<Double> t = boxed(times);
        return new Figure.Curves("Pairwise inner products ⟨x_i, x_j⟩ converging to 1 (" + name + ")", "time t",
                "inner product", false, false, List.of(
                        new Figure.Curve("min_{i<j} ⟨x_i, x_j⟩", Figure.Role.OBSERVED, t, lowest),
                        new Figure.Curve("max_{i<j} ⟨x_i, x_j⟩", Figure.Role.OBSERVED, t, highest),
                        new Figure.Curve("min_i ⟨pole, x_i⟩ (nondecreasing)", Figure.Role.PREDICTION, t, height)));
    }

    private static List<Double> boxed(double[] values) {
        return Arrays.stream(values).boxed().toList();
    }
}
