package io.flowaudit.claim;

import io.flowaudit.claim.CheckKinds.Numerics;
import io.flowaudit.field.CertifiedField;
import io.flowaudit.field.FieldEvaluationException;
import io.flowaudit.field.Outward;
import io.flowaudit.field.WrittenConstants;
import io.flowaudit.flow.LayerMap;
import io.flowaudit.flow.LayerStack;
import io.flowaudit.flow.TaylorIntegrator;
import io.flowaudit.flow.TaylorSolution;
import io.flowaudit.flow.enclosure.EnclosedTrajectory;
import io.flowaudit.flow.enclosure.EnclosureFailedException;
import io.flowaudit.flow.enclosure.FlowEnclosure;
import io.flowaudit.num.ApfloatElement;
import io.flowaudit.num.ApfloatSystem;
import io.flowaudit.num.interval.Interval;
import io.flowaudit.num.interval.IntervalSystem;
import io.flowaudit.verdict.Figure;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Theorem 1's conclusion {@code max_l |x_l - x(t_l)| <= C/L} decided from enclosures only (docs/theory.md,
 * "Proved verdicts"): the exact solution enclosed by {@link FlowEnclosure}, the exact layer iterates by running
 * the layer map in interval arithmetic from the exact x0 and T, and C enclosed from the certificate's constants.
 * At each depth the inequality is <em>proved</em> when the error's upper end is at most the bound's lower end,
 * <em>refuted</em> when the error's lower end exceeds the bound's upper end, and <em>undecided</em> otherwise;
 * the instance holds only when every depth is proved, and an undecided instance is vacuous, never support.
 */
final class ProvedUniformBound {

    /** Digits of the reference's Taylor solution when the claim's reference runs in double. */
    static final int REFERENCE_DIGITS = 20;

    /** Interval digits beyond the reference's, so its coefficients enter exactly (as {@code solve --enclose}). */
    static final int GUARD_DIGITS = 10;

    /** Significant digits of an enclosure in words, at least. */
    private static final int SHOWN_DIGITS = 6;

    private ProvedUniformBound() {
    }

    /**
     * @param constantFactor multiplies C (1 for the theorem), exactly: the decimal the claim wrote
     * @param constantName   how the compared constant is named, e.g. {@code C} or {@code 0.5 C}
     */
    static Evidence check(Instance instance, Numerics numerics, int[] ladder, BigDecimal constantFactor,
            String constantName) {
        CertifiedField field = instance.field();
        int referenceDigits = referenceDigits(numerics);
        IntervalSystem intervals = new IntervalSystem(referenceDigits + GUARD_DIGITS);
        Interval constant;
        try {
            constant = constant(intervals, numerics.layerMap(), field.writtenConstants(), instance.exactHorizon(),
                    ladder[0]).multiply(intervals.enclosing(constantFactor));
        } catch (ArithmeticException e) {
            return undecided(constantName + " cannot be enclosed (" + e.getMessage() + ")");
        }
        ApfloatSystem apfloat = new ApfloatSystem(referenceDigits);
        TaylorSolution<ApfloatElement> reference = TaylorIntegrator.integrate(field, apfloat,
                instance.initialIn(apfloat), instance.horizonIn(apfloat), referenceDigits);
        EnclosedTrajectory exact;
        try {
            exact = FlowEnclosure.enclose(field, instance.exactInitial(), reference, instance.exactHorizon(),
                    intervals.digits()).trajectory();
        } catch (EnclosureFailedException e) {
            return undecided("the exact solution cannot be enclosed: " + e.getMessage());
        }
        LayerMap map = numerics.layerMap();
        List<Integer> depths = new ArrayList<>();
        List<Double> errorUpperEnds = new ArrayList<>();
        Comparison worst = null;
        Comparison undecided = null;
        for (int depth : ladder) {
            Interval error;
            try {
                error = exact.uniformDistance(LayerStack.run(field, map, intervals, instance.initialIn(intervals),
                        instance.horizonIn(intervals), depth));
            } catch (FieldEvaluationException e) {
                return undecided("the layer iterates cannot be enclosed at L = " + depth + ": " + e.getMessage());
            }
            Comparison comparison = new Comparison(depth, error, constant.divide(depth), constantName);
            if (comparison.refuted()) {
                return new Evidence(Evidence.Finding.REFUTED, comparison.ratio(), comparison.observed(),
                        comparison.bound(), constants(field, constantName, constant), List.of(), true);
            }
            depths.add(depth);
            errorUpperEnds.add(Outward.leastDoubleAtLeast(error.hi()));
            if (!comparison.proved()) {
                undecided = undecided == null ? comparison : undecided;
            } else if (worst == null || comparison.ratio() >= worst.ratio()) {
                worst = comparison;
            }
        }
        if (undecided != null) {
            return undecided("at L = " + undecided.depth() + " the enclosures overlap: " + undecided.observed()
                    + ", " + undecided.bound());
        }
        double slope = errorUpperEnds.stream().allMatch(e -> e > 0)
                ? LogLogFit.slope(depths.stream().mapToInt(Integer::intValue).toArray(),
                        errorUpperEnds.stream().mapToDouble(Double::doubleValue).toArray())
                : Double.NaN;
        return new Evidence(Evidence.Finding.HOLDS, worst.ratio(), worst.observed(), worst.bound(),
                constants(field, constantName, constant),
                List.of(new Figure.Convergence("Uniform error against depth (upper ends of proved enclosures)",
                        depths, errorUpperEnds, slope, 1, constant.hi().doubleValue(), null)), true);
    }

    /** The reference's digits: the claim's reference precision, at least {@link #REFERENCE_DIGITS}. */
    static int referenceDigits(Numerics numerics) {
        return Math.max(REFERENCE_DIGITS, numerics.reference().digits());
    }

    /**
     * {@link TheoremBounds#uniformBoundConstant}'s C of the layer map at the ladder's coarsest depth, with M2 = K_t + K M:
     * every operation in intervals from the constants as written (a stated 0.1 is one tenth, not its double) and the
     * exact T.
     */
    static Interval constant(IntervalSystem intervals, LayerMap map, WrittenConstants constants, BigDecimal horizon,
            int depth) {
        Interval lipschitz = intervals.enclosing(constants.lipschitz());
        Interval curvature = intervals.enclosing(constants.timeLipschitz())
                .add(lipschitz.multiply(intervals.enclosing(constants.bound())));
        Interval t = intervals.enclosing(horizon);
        Interval z = lipschitz.multiply(t).divide(depth);
        Interval defect = map.localDefect(z);
        if (constants.lipschitz().signum() == 0) {
            return curvature.multiply(t).multiply(t).multiply(defect);
        }
        Interval increment = lipschitz.multiply(map.incrementLipschitz(z));
        return curvature.multiply(t).multiply(defect).multiply(increment.multiply(t).expm1()).divide(increment);
    }

    private static Evidence undecided(String why) {
        return new Evidence(Evidence.Finding.INCONCLUSIVE, Double.NaN, "undecided: " + why, "", Map.of(), List.of(), true);
    }

    private static Map<String, String> constants(CertifiedField field, String constantName, Interval constant) {
        Map<String, String> constants = ReportedConstants.of(field, Map.of());
        constants.put(constantName + " (enclosed)", shown(constant));
        return constants;
    }

    /** One depth's inequality, both sides enclosures. */
    record Comparison(int depth, Interval error, Interval limit, String constantName) {

        boolean proved() {
            return error.hi().compareTo(limit.lo()) <= 0;
        }

        boolean refuted() {
            return error.lo().compareTo(limit.hi()) > 0;
        }

        /** The ratio the decision rests on: error's upper end over the bound's lower end when proved, else lower over upper. */
        double ratio() {
            if (error.hi().signum() == 0) {
                return 0;
            }
            return proved() ? error.hi().doubleValue() / limit.lo().doubleValue()
                    : error.lo().doubleValue() / limit.hi().doubleValue();
        }

        String observed() {
            return "max_l |x_l - x(t_l)| at L = " + depth + " in " + shown(error, shownDigits());
        }

        String bound() {
            return constantName + "/L at L = " + depth + " in " + shown(limit, shownDigits());
        }

        /**
         * Six digits, or as many more as it takes for the shown (outward-rounded) enclosures to be as separate as
         * the enclosures are: a refutation by one part in 10^16 must not read as two equal intervals.
         */
        private int shownDigits() {
            for (int digits = SHOWN_DIGITS; digits < error.system().digits(); digits++) {
                MathContext down = new MathContext(digits, RoundingMode.FLOOR);
                MathContext up = new MathContext(digits, RoundingMode.CEILING);
                boolean separate = proved() ? error.hi().round(up).compareTo(limit.lo().round(down)) <= 0
                        : !refuted() || error.lo().round(down).compareTo(limit.hi().round(up)) > 0;
                if (separate) {
                    return digits;
                }
            }
            return error.system().digits();
        }
    }

    /** An interval at six digits, rounded outward. */
    static String shown(Interval value) {
        return shown(value, SHOWN_DIGITS);
    }

    private static String shown(Interval value, int digits) {
        return "[" + value.lo().round(new MathContext(digits, RoundingMode.FLOOR)).stripTrailingZeros() + ", "
                + value.hi().round(new MathContext(digits, RoundingMode.CEILING)).stripTrailingZeros() + "]";
    }
}
