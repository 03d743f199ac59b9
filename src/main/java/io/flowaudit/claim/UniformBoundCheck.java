package io.flowaudit.claim;

import io.flowaudit.claim.CheckKinds.Numerics;
import io.flowaudit.claim.Evidence.Judgement;
import io.flowaudit.field.Certificate;
import io.flowaudit.flow.LayerMap;
import io.flowaudit.input.Setting;
import io.flowaudit.verdict.Figure;
import io.flowaudit.verdict.Rigour;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Theorem 1: {@code max_l |x_l - x(t_l)| <= C/L} at every depth of the ladder, with
 * {@code C = M2 T (e^{KT} - 1)/(2K)} from the certificate for Euler layers, and the larger C of Heun and RK4 at the
 * ladder's coarsest step for theirs ({@link TheoremBounds#uniformBoundConstant}), times a factor (1 for the theorem).
 * Tolerance: the run's resolution (reference error and layer rounding), nothing more. An instance
 * whose C is infinite cannot falsify the bound and is vacuous.
 */
record UniformBoundCheck(Numerics numerics, int[] ladder, BigDecimal constantFactor,
        Rigour rigour) implements TheoremCheck {

    /**
     * Multiplies C: 1 for the theorem, 0.5 for the false-on-purpose "C halved". Kept as the decimal written: a proof
     * compares with it exactly, and 0.3 as a double is 0.29999999999999998889..., below the stated 0.3 C.
     */
    static final Setting<BigDecimal> CONSTANT_FACTOR = Setting.positiveDecimal("constant-factor", BigDecimal.ONE);

    static final CheckKinds.Kind KIND = new CheckKinds.Kind("uniform-bound", List.of(ConvergenceRun.LADDER, CONSTANT_FACTOR),
            UniformBoundCheck::configured, true, CheckKinds.Uses.PRECISION_AND_LAYER_MAP);

    private static UniformBoundCheck configured(Numerics numerics, Setting.Values values) {
        Rigour rigour = values.get(Numerics.RIGOUR);
        values.node(Numerics.PRECISION).filter(node -> rigour == Rigour.PROVED).ifPresent(node -> {
            throw node.error("precision is not used by rigour: proved, whose layers run in intervals at the"
                    + " reference's digits plus " + ProvedUniformBound.GUARD_DIGITS + "; expected reference-precision");
        });
        return new UniformBoundCheck(numerics, values.get(ConvergenceRun.LADDER), values.get(CONSTANT_FACTOR), rigour);
    }

    UniformBoundCheck {
        ladder = ladder.clone();
    }

    /** With the factor the exact value of a double. */
    UniformBoundCheck(Numerics numerics, int[] ladder, double constantFactor, Rigour rigour) {
        this(numerics, ladder, new BigDecimal(constantFactor), rigour);
    }

    UniformBoundCheck(Numerics numerics, int[] ladder, double constantFactor) {
        this(numerics, ladder, constantFactor, Rigour.OBSERVED);
    }

    /** Whether the factor is 1: the claim is the theorem's bound, not a multiple of it. */
    private boolean statesTheTheorem() {
        return constantFactor.compareTo(BigDecimal.ONE) == 0;
    }

    @Override
    public Map<String, String> describe(Numerics numerics) {
        Map<String, String> lines = numerics.describe();
        if (rigour == Rigour.PROVED) {
            int digits = ProvedUniformBound.referenceDigits(numerics);
            lines.put("precision", "layers in intervals of " + (digits + ProvedUniformBound.GUARD_DIGITS)
                    + " digits; reference of " + digits + " digits, enclosed at " + (digits
                    + ProvedUniformBound.GUARD_DIGITS));
            lines.put("rigour", "proved: every instance decided from enclosures only");
        }
        return lines;
    }

    @Override
    public String theorem() {
        return "Theorem 1 (uniform O(1/L) convergence)";
    }

    @Override
    public String statement() {
        boolean euler = numerics.layerMap() == LayerMap.EULER;
        return "For the " + numerics.layerMap().id() + " layer map with h = T/L: max over 0 <= l <= L"
                + " of |x_l - x(t_l)| <= " + (statesTheTheorem() ? "" : factorText() + " * ")
                + "C / L for every L in " + Arrays.toString(ladder)
                + (euler ? ", where C = M2 T (e^{KT} - 1) / (2K) (M2 T^2 / 2 if K = 0) and M2 = K_t + K M,"
                        : ", where C = M2 T d(z) (e^{K g(z) T} - 1) / (K g(z)) (M2 T^2 d(0) if K = 0) at the largest"
                                + " step h = T/" + ladder[0] + ", z = hK, with the map's polynomials d and g (docs/theory.md,"
                                + " Theorem 1 for Heun and RK4) and M2 = K_t + K M,")
                + " given that F is K-Lipschitz in x, |F| <= M and F is K_t-Lipschitz in t on a region holding"
                + (euler ? " the trajectory and the layers."
                        : " the trajectory, the layers, their stage states and those of a layer from each x(t_l).")
                + (rigour == Rigour.PROVED ? " Decided from enclosures only: the exact solution's (validated flow),"
                        + " the layer iterates' (the layer map in interval arithmetic from the exact x0 and T) and C's"
                        + " (from the certified constants); proved when the inequality holds at every point of them,"
                        + " refuted when it fails at every point, undecided otherwise." : "");
    }

    @Override
    public Evidence check(Instance instance) {
        if (rigour == Rigour.PROVED) {
            return ProvedUniformBound.check(instance, numerics, ladder, constantFactor, constantName());
        }
        Certificate certificate = instance.field().certificate();
        double constant = constantFactor.doubleValue() * TheoremBounds.uniformBoundConstant(numerics.layerMap(),
                certificate, instance.horizon(), ladder[0]);
        if (!Double.isFinite(constant)) {
            // e^{KT} overflows: the bound is infinite and no error can exceed it
            return Evidence.vacuous("C is infinite (K T = " + certificate.lipschitz() * instance.horizon() + ")");
        }
        ConvergenceRun<?, ?> run = ConvergenceRun.of(instance, numerics);
        Judgement judgement = new Judgement();
        List<Integer> depths = new ArrayList<>();
        List<Double> errors = new ArrayList<>();
        for (int depth : ladder) {
            ConvergenceRun.UniformError error = run.uniformError(numerics.layerMap(), depth, certificate.region());
            depths.add(depth);
            errors.add(error.error());
            if (!error.contained()) {
                return Evidence.leftRegion("at L = " + depth + " a layer state or the exact trajectory", instance.field());
            }
            if (!error.stagesContained()) {
                // the family's region holds the states, not every stage state between them (docs/theory.md)
                judgement.notApplicable("max_l |x_l - x(t_l)| at L = " + depth, "a stage state lies outside "
                        + certificate.region() + ", where K is not certified");
                continue;
            }
            if (!judgement.atMost("max_l |x_l - x(t_l)| at L = " + depth, error.error(), boundName() + " at L = " + depth,
                    constant / depth, error.resolution())) {
                break;
            }
        }
        double slope = depths.size() > 1 && errors.stream().allMatch(e -> e > 0)
                ? LogLogFit.slope(depths.stream().mapToInt(Integer::intValue).toArray(),
                        errors.stream().mapToDouble(Double::doubleValue).toArray())
                : Double.NaN;
        return Evidence.of(judgement, ReportedConstants.of(instance.field(), Map.of(constantName(), constant)),
                List.of(new Figure.Convergence("Uniform error against depth", depths, errors, slope, 1,
                        constant, null)));
    }

    /** The compared constant's name: C itself, or the claim's multiple of it (a false claim states 0.5 C). */
    private String constantName() {
        return statesTheTheorem() ? "C" : factorText() + " C";
    }

    private String factorText() {
        return constantFactor.stripTrailingZeros().toPlainString();
    }

    private String boundName() {
        return constantName() + "/L";
    }
}
