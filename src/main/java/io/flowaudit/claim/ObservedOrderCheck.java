package io.flowaudit.claim;

import io.flowaudit.claim.CheckKinds.Numerics;
import io.flowaudit.claim.Evidence.Judgement;
import io.flowaudit.field.Region;
import io.flowaudit.input.Setting;
import io.flowaudit.verdict.Figure;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The observed order (docs/theory.md, "Observed order"): the least-squares slope of log error against log L over
 * the ladder, and the pairwise order of the two deepest depths, each within a stated tolerance of the
 * claimed order. An instance whose errors are not {@link ConvergenceRun#REFERENCE_MARGIN} above the
 * run's resolution is vacuous: its slope would be a slope of noise.
 */
record ObservedOrderCheck(Numerics numerics, int[] ladder, int claimedOrder, double orderTolerance,
        double pairwiseTolerance) implements TheoremCheck {

    /** Orders of accuracy a claim may state: the layer maps have orders 1, 2 and 4. */
    private static final int MAX_CLAIMED_ORDER = 8;

    /** The order the claim asserts; 0 (not stated) means the layer map's own. */
    static final Setting<Integer> CLAIMED_ORDER = Setting.integerBetween("claimed-order", 0, 1,
            MAX_CLAIMED_ORDER);
    /** Allowed |observed slope - claimed order|. */
    static final Setting<Double> ORDER_TOLERANCE = Setting.positive("order-tolerance", 0.1);
    /** Allowed |pairwise order - claimed order| for the deepest pair. */
    static final Setting<Double> PAIRWISE_TOLERANCE = Setting.positive("pairwise-tolerance", 0.15);

    static final CheckKinds.Kind KIND = new CheckKinds.Kind("observed-order",
            List.of(ConvergenceRun.LADDER, CLAIMED_ORDER, ORDER_TOLERANCE, PAIRWISE_TOLERANCE),
            (numerics, values) -> new ObservedOrderCheck(numerics, values.get(ConvergenceRun.LADDER),
                    values.get(CLAIMED_ORDER), values.get(ORDER_TOLERANCE), values.get(PAIRWISE_TOLERANCE)),
            CheckKinds.Uses.PRECISION_AND_LAYER_MAP);

    ObservedOrderCheck {
        ladder = ladder.clone();
        claimedOrder = claimedOrder > 0 ? claimedOrder : numerics.layerMap().order();
    }

    @Override
    public String theorem() {
        return "Observed order of the layer map (Theorem 1's rate, p for Heun and RK4)";
    }

    @Override
    public String statement() {
        return "For the " + numerics.layerMap().id() + " layer map, the slope of log max_l |x_l - x(t_l)|"
                + " against log L over L in " + Arrays.toString(ladder) + " is -p within "
                + orderTolerance + ", and the pairwise order log(err_L/err_2L)/log 2 of the deepest pair"
                + " is p within " + pairwiseTolerance + ", with p = " + claimedOrder + ".";
    }

    @Override
    public Evidence check(Instance instance) {
        ConvergenceRun<?, ?> run = ConvergenceRun.of(instance, numerics);
        double[] errors = new double[ladder.length];
        double[] logResolutions = new double[ladder.length];
        // deepest first: its error is the smallest, so a vacuous instance (most shrink candidates of a false claim, which
        // shrink towards errors at the resolution) is told after one run instead of the whole ladder
        for (int i = ladder.length - 1; i >= 0; i--) {
            // the order rests on no certified constant, so the states are not held to its region
            ConvergenceRun.UniformError uniform = run.uniformError(numerics.layerMap(), ladder[i], Region.wholeSpace());
            errors[i] = uniform.error();
            double resolution = uniform.resolution().value();
            logResolutions[i] = LogLogFit.logResolution(errors[i], resolution);
            if (errors[i] < ConvergenceRun.REFERENCE_MARGIN * resolution) {
                return Evidence.vacuous("error " + Judgement.format(errors[i]) + " at L = " + ladder[i]
                        + " is within a factor " + Judgement.format(ConvergenceRun.REFERENCE_MARGIN)
                        + " of the resolution " + Judgement.format(resolution)
                        + " (rounding and the reference's error: more digits, precision: N, lower it)");
            }
        }
        double slope = LogLogFit.slope(ladder, errors);
        double order = -slope;
        int deep = ladder.length - 2;
        double deepestPair = LogLogFit.pairwise(ladder, errors, deep);
        int claimed = claimedOrder;
        Judgement judgement = new Judgement();
        judgement.atMost("|least-squares order - " + claimed + "| (order " + Judgement.format(order) + ")",
                Math.abs(order - claimed), "tolerance", orderTolerance,
                new Resolution(LogLogFit.slopeResolution(ladder, logResolutions)));
        judgement.atMost("|deepest-pair order - " + claimed + "| (order " + Judgement.format(deepestPair) + ")",
                Math.abs(deepestPair - claimed), "tolerance", pairwiseTolerance,
                new Resolution(LogLogFit.pairwiseResolution(ladder, logResolutions, deep)));
        List<Integer> depths = new ArrayList<>();
        List<Double> errorList = new ArrayList<>();
        for (int i = 0; i < ladder.length; i++) {
            depths.add(ladder[i]);
            errorList.add(errors[i]);
        }
        return Evidence.of(judgement,
                ReportedConstants.of(instance.field(), Map.of("observed order", order,
                        "deepest-pair order", deepestPair)),
                List.of(new Figure.Convergence("Uniform error against depth", depths, errorList, slope, claimed,
                        null, null)));
    }
}
