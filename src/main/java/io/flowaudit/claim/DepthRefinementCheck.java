package io.flowaudit.claim;

import io.flowaudit.claim.CheckKinds.Numerics;
import io.flowaudit.claim.Evidence.Judgement;
import io.flowaudit.field.Outward;
import io.flowaudit.field.Region;
import io.flowaudit.input.Setting;
import io.flowaudit.input.YamlNode;
import io.flowaudit.model.Checkpoint;
import io.flowaudit.model.DepthPath;
import io.flowaudit.model.ModelInput;
import io.flowaudit.model.Refinement;
import io.flowaudit.model.RefinementStudy;
import io.flowaudit.verdict.Figure;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The ODE view of the checkpoint (docs/theory.md, "The ODE view of a checkpoint"): the weights interpolated across
 * depth, the network refined to L = 6, 12, 24, ... layers by one of the {@link Refinement} families, and its
 * convergence judged by a {@link RefinementStudy}, there being no reference solution for a state of 16 × 384. Two
 * comparisons: the finest observed order is the claimed one within a tolerance (resolution: the rounding of the
 * three finest runs carried into the order, {@link #orderResolution}), and the real network's relative distance from
 * the extrapolated limit, less the extrapolation's own error, is at least a stated value (so the claim holds at the
 * pessimistic end).
 */
record DepthRefinementCheck(Refinement family, int[] ladder, double claimedOrder, double orderTolerance,
        double leastDistance) implements TheoremCheck {

    static final Setting<Refinement> FAMILY = Setting.choice("depth-family",
            List.of("relaxation", "branch-scaled"), Refinement::of);
    static final Setting<int[]> LADDER = new Setting<>("ladder", new int[] {6, 12, 24, 48, 96, 192},
            DepthRefinementCheck::ladder);
    /**
     * The deepest rung: a try runs the whole ladder (about twice its deepest rung in layers of width 384; the
     * catalogue's 6..192 takes some 27 s of CPU on 16 tokens), so 768 bounds a try at about two minutes on 16 tokens,
     * more on more tokens (the attention grows with their square; random-sequences allows 128).
     */
    static final int MAX_DEPTH = 768;
    static final Setting<Double> CLAIMED_ORDER = Setting.positive("claimed-order", 1);
    static final Setting<Double> ORDER_TOLERANCE = Setting.positive("order-tolerance", 0.15);
    /** The least relative distance |x_6 − x*|/|x*| claimed; 0 claims nothing about it. */
    static final Setting<Double> LEAST_DISTANCE = Setting.number("least-relative-distance", 0);

    static final CheckKinds.Kind KIND = new CheckKinds.Kind("depth-refinement",
            List.of(FAMILY, LADDER, CLAIMED_ORDER, ORDER_TOLERANCE, LEAST_DISTANCE),
            (numerics, values) -> new DepthRefinementCheck(values.get(FAMILY), values.get(LADDER),
                    values.get(CLAIMED_ORDER), values.get(ORDER_TOLERANCE), values.get(LEAST_DISTANCE)), CheckKinds.Uses.DOUBLE_ONLY);

    DepthRefinementCheck {
        ladder = ladder.clone();
    }

    /** Depths doubling at each rung, at least {@link RefinementStudy#MIN_RUNGS} of them. */
    private static int[] ladder(YamlNode node) {
        int[] ladder = node.sequence().stream().mapToInt(YamlNode::requireInt).toArray();
        if (ladder.length < RefinementStudy.MIN_RUNGS) {
            throw node.error("a refinement study needs at least " + RefinementStudy.MIN_RUNGS + " depths, each twice"
                    + " the one before, e.g. [6, 12, 24, 48]");
        }
        for (int j = 0; j < ladder.length; j++) {
            if (ladder[j] < 1 || ladder[j] > MAX_DEPTH || j > 0 && ladder[j] != 2 * ladder[j - 1]) {
                throw node.error("the depths must double at each rung, within 1.." + MAX_DEPTH + ", got "
                        + Arrays.toString(ladder));
            }
        }
        if (ladder[0] % Checkpoint.LAYERS != 0) {
            throw node.error("the refined depths must be multiples of the checkpoint's " + Checkpoint.LAYERS
                    + " layers, got " + Arrays.toString(ladder));
        }
        return ladder;
    }

    @Override
    public boolean runsOnModel() {
        return true;
    }

    @Override
    public String theorem() {
        return "The ODE view of a checkpoint (depth refinement of the interpolated weights)";
    }

    @Override
    public String statement() {
        return "Refining the checkpoint in depth by the " + family.key() + " family (weights piecewise linear in t,"
                + " layer k at t = k/6; L in " + Arrays.toString(ladder) + ", h = 1/L), the observed order"
                + " log2(d_{L/2}/d_L) of the successive differences d_L = |x_2L − x_L| at the finest rungs is "
                + claimedOrder + " within " + orderTolerance
                + (leastDistance > 0 ? ", and the real 6-layer output lies at relative distance at least "
                        + leastDistance + " from the Richardson limit x*, less x*'s own error" : "") + ".";
    }

    @Override
    public Map<String, String> describe(Numerics numerics) {
        return Map.of("arithmetic", "double (the checkpoint's float32 weights exactly), every layer of every rung");
    }

    @Override
    public Evidence check(Instance instance) {
        ModelInput input = ModelInput.of(instance.subject());
        DepthPath path = new DepthPath(input.encoder());
        double[] x0 = input.initialState();
        List<double[]> outputs = family.outputs(path, input.tokens(), x0, ladder);
        RefinementStudy study = RefinementStudy.of(ladder, outputs);
        // the real network itself (both families' member at its depth, bit for bit): a ladder may start deeper
        List<double[]> layerStates = input.prepared().states(input.tokenIds());
        double[] real = layerStates.get(layerStates.size() - 1);
        double realDistance = study.relativeDistance(real);
        Resolution orderResolution = orderResolution(ladder, outputs, study.differences());
        Judgement judgement = new Judgement();
        double finest = study.finestOrder();
        if (judgement.atMost("|p − " + Judgement.format(claimedOrder) + "| with p = " + Judgement.format(finest)
                        + " at L = " + ladder[ladder.length - 2] + ".." + ladder[ladder.length - 1],
                Math.abs(finest - claimedOrder), "order-tolerance", orderTolerance, orderResolution)
                && leastDistance > 0) {
            // x*'s own error is no rounding to forgive but part of the claim: the distance must hold at its low end,
            // give or take the rounding of the runs and operations that make both
            judgement.atMost("claimed least relative distance", leastDistance, "|x_6 − x*|/|x*| − error of x*/|x*|",
                    realDistance - study.relativeLimitError(),
                    distanceResolution(ladder, outputs, study, real, path.layers(), orderResolution));
        }
        return Evidence.of(judgement, constants(study, realDistance), figures(study, input, real, realDistance));
    }

    /**
     * How far the finest order log2(d_{m-2}/d_{m-1}) may lie from that of the same runs in exact arithmetic. Each
     * difference d_j = |x_{j+1} − x_j| is off by at most δ_j, the rounding of both its runs (each its own depth's
     * {@link Resolution#ofLayers} at its own size) and of the norm over N components, (N + 3) u d_j; so ln d_j by at
     * most −ln(1 − δ_j/d_j), infinite where δ_j ≥ d_j (the order is then noise and the comparison vacuous). Until
     * 2026-11-30 each difference was given the finest run's rounding once, δ/d to first order: for d_{m-1} that missed
     * its coarser run's half of it, 1.5 times short on runs of equal size.
     */
    static Resolution orderResolution(int[] ladder, List<double[]> outputs, double[] differences) {
        int m = differences.length;
        return new Resolution((logRounding(ladder, outputs, differences, m - 2)
                + logRounding(ladder, outputs, differences, m - 1)) / StrictMath.log(2));
    }

    /** −ln(1 − δ_j/d_j): how far ln d_j may lie from its exact value ({@link #orderResolution}). */
    private static double logRounding(int[] ladder, List<double[]> outputs, double[] differences, int j) {
        double[] coarse = outputs.get(j);
        double rounding = runRounding(ladder[j], coarse) + runRounding(ladder[j + 1], outputs.get(j + 1))
                + normRounding(differences[j], coarse.length);
        double share = rounding / differences[j];
        return share < 1 ? -StrictMath.log1p(-share) : Double.POSITIVE_INFINITY;
    }

    /**
     * How far |x_K − x*|/|x*| − |x* − x*'|/|x*| may lie from its value for the same runs in exact arithmetic. Each run
     * is off by its {@link Resolution#ofLayers} at its depth and size, the real network x_K by its K layers';
     * x* = y_m + f (y_m − y_{m−1}) and x*' = y_{m−1} + f (y_{m−1} − y_{m−2}), f = 1/(2^p − 1), by their runs' roundings
     * weighted by 1 + f and f, by f's own error through p's ({@code order}: f falls as p grows, so it is off by at most
     * f(p − dp) − f(p)) times the difference it scales, and by their own three operations a component; each norm a by
     * (N + 3) u a more, and each quotient a/s by (da + (a/s) ds)/(s − ds), infinite where ds ≥ s. Until 2026-11-30 the
     * comparison had no resolution but its bound's 16 ulps, which the model's rounding of the runs exceeds (measured at
     * 36 binary digits on [CLS] [SEP], L = 6..48, the distance moved by 4 ulps; red team 13).
     */
    static Resolution distanceResolution(int[] ladder, List<double[]> outputs, RefinementStudy study, double[] real,
            int realLayers, Resolution order) {
        int m = ladder.length - 1;
        double[] finest = outputs.get(m);
        double[] middle = outputs.get(m - 1);
        double[] coarsest = outputs.get(m - 2);
        double p = study.finestOrder();
        double f = 1 / (StrictMath.pow(2, p) - 1);
        double lowestOrder = p - order.value();
        double fError = lowestOrder > 0 ? 1 / (StrictMath.pow(2, lowestOrder) - 1) - f : Double.POSITIVE_INFINITY;
        double finestRounding = runRounding(ladder[m], finest);
        double middleRounding = runRounding(ladder[m - 1], middle);
        double coarsestRounding = runRounding(ladder[m - 2], coarsest);
        double[] differences = study.differences();
        double limitRounding = (1 + f) * finestRounding + f * middleRounding
                + extrapolationRounding(finest, differences[m - 1], f, fError);
        double coarserLimitRounding = (1 + f) * middleRounding + f * coarsestRounding
                + extrapolationRounding(middle, differences[m - 2], f, fError);
        double size = Region.euclideanNorm(study.limit());
        double sizeRounding = limitRounding + normRounding(size, real.length);
        double distance = Region.euclideanDistance(real, study.limit());
        double distanceRounding = runRounding(realLayers, real) + limitRounding + normRounding(distance, real.length);
        double errorRounding = limitRounding + coarserLimitRounding + normRounding(study.limitError(), real.length);
        return new Resolution(quotientRounding(distance, distanceRounding, size, sizeRounding)
                + quotientRounding(study.limitError(), errorRounding, size, sizeRounding));
    }

    /**
     * What fine + f (fine − coarse) adds to its runs' rounding, {@code difference} = |fine − coarse|: f's error times
     * the difference, and its own three operations a component, at most 3 u (|fine| + f |fine − coarse|).
     */
    private static double extrapolationRounding(double[] fine, double difference, double f, double fError) {
        return fError * difference + 3 * Outward.UNIT_ROUNDOFF * (Region.euclideanNorm(fine) + f * difference);
    }

    /** One run's rounding: {@link Resolution#ofLayers} of its layers at its size. */
    private static double runRounding(int layers, double[] output) {
        return Resolution.ofLayers(layers, Math.ulp(1.0), Region.euclideanNorm(output)).value();
    }

    /** The rounding of a Euclidean norm of {@code components} computed in order: (N + 3) u of itself. */
    private static double normRounding(double norm, int components) {
        return (components + 3) * Outward.UNIT_ROUNDOFF * norm;
    }

    /** How far a/s may move when a moves by da and s by ds: (da + (a/s) ds)/(s − ds), infinite where ds ≥ s. */
    private static double quotientRounding(double a, double da, double s, double ds) {
        return ds < s ? (da + a / s * ds) / (s - ds) : Double.POSITIVE_INFINITY;
    }

    private Map<String, String> constants(RefinementStudy study, double realDistance) {
        Map<String, String> constants = new LinkedHashMap<>();
        constants.put("depth family", family.key());
        constants.put("successive differences |x_2L − x_L|", numbers(study.differences()));
        constants.put("observed orders", numbers(study.orders()));
        constants.put("|x*| (Richardson limit, finest pair, finest order)",
                Judgement.format(Region.euclideanNorm(study.limit())));
        constants.put("error of x* (|x* − x*'|, one rung coarser)", Judgement.format(study.limitError()));
        constants.put("|x_6 − x*|/|x*| (the real network)", Judgement.format(realDistance) + " ± "
                + Judgement.format(study.relativeLimitError()));
        return constants;
    }

    private List<Figure> figures(RefinementStudy study, ModelInput input, double[] real, double realDistance) {
        List<Double> depths = IntStream.range(0, ladder.length - 1).mapToObj(j -> (double) ladder[j]).toList();
        List<Double> differences = Arrays.stream(study.differences()).boxed().toList();
        double finestDepth = depths.get(depths.size() - 1);
        double finestDifference = differences.get(differences.size() - 1);
        List<Double> slope = depths.stream().map(l -> finestDifference * StrictMath.pow(finestDepth / l, claimedOrder))
                .toList();
        Figure convergence = new Figure.Curves("Successive differences |x_2L − x_L| against L (" + family.key()
                + ", observed orders " + numbers(study.orders()) + ")", "depth L", "|x_2L − x_L|", true, true,
                List.of(new Figure.Curve("|x_2L − x_L|", Figure.Role.OBSERVED, depths, differences),
                        new Figure.Curve("slope −" + Judgement.format(claimedOrder) + " through the finest",
                                Figure.Role.PREDICTION, depths, slope)));
        List<Double> tokens = IntStream.range(0, input.tokens()).mapToObj(i -> (double) i).toList();
        Figure perToken = new Figure.Curves("Per token: the real network's relative distance from the limit,"
                + " |x_6,i − x*_i|/|x*_i| (all tokens: " + Judgement.format(realDistance) + ")", "token i",
                "|x_6,i − x*_i|/|x*_i|", false, false, List.of(new Figure.Curve("token " + "i",
                        Figure.Role.OBSERVED, tokens, RefinementStudy.perToken(real, study.limit(),
                                input.encoder().width()))));
        return List.of(convergence, perToken);
    }

    /** Values as the report lists them, comma-separated, six significant digits each. */
    static String numbers(double[] values) {
        return String.join(", ", Arrays.stream(values).mapToObj(Judgement::format).toList());
    }
}
