package io.flowaudit.claim;

import io.flowaudit.field.VectorField;
import io.flowaudit.flow.ReferenceFlow;
import io.flowaudit.num.NumberSystem;
import io.flowaudit.verdict.Figure;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.RealFieldElement;
import org.apache.commons.math3.util.MathArrays;

/**
 * Theorem 2: {@code L max_l |x_l - x(t_l)|} approaches {@code T max_l |e1(t_l)|}, where e1 solves the
 * variational equation {@code e1' = J e1 - x''/2, e1(0) = 0} with {@code x'' = F_t + J F}, and the
 * relative gap shrinks like 1/L. e1 comes from the same reference machinery, solving (x, e1) jointly.
 *
 * <p>Holds when the gap at the deepest L is at most the stated tolerance and has shrunk at least like
 * 1/L from the shallowest (within a factor 4 for pre-asymptotic terms). Euler layers only.
 */
final class LeadingTermCheck implements TheoremCheck {

    /** Allowed relative gap between the error and its leading term at the deepest L. */
    static final CheckSetting<Double> MAX_RELATIVE_GAP = CheckSetting.positive("max-relative-gap", 0.1);

    static final CheckKinds.Kind KIND = new CheckKinds.Kind("leading-term", List.of(ConvergenceRun.LADDER, MAX_RELATIVE_GAP),
            (numerics, values) -> new LeadingTermCheck(numerics, values.get(ConvergenceRun.LADDER),
                    values.get(MAX_RELATIVE_GAP)));

    private final Numerics numerics;
    private final int[] ladder;
    private final double maxRelativeGap;

    LeadingTermCheck(Numerics numerics, int[] ladder, double maxRelativeGap) {
        this.numerics = numerics;
        this.ladder = ladder.clone();
        this.maxRelativeGap = maxRelativeGap;
    }

    @Override
    public String theorem() {
        return "Theorem 2 (the leading error term)";
    }

    @Override
    public String statement() {
        return "For Euler layers, L max_l |x_l - x(t_l)| approaches T max_l |e1(t_l)|, with e1' = (dF/dx) e1 - x''/2,"
                + " e1(0) = 0, x'' = dF/dt + (dF/dx) F; the relative gap is at most " + maxRelativeGap
                + " at the deepest L and shrinks like 1/L over " + Arrays.toString(ladder) + ".";
    }

    @Override
    public Evidence check(Instance instance) {
        return check(instance, numerics.reference());
    }

    private <T extends RealFieldElement<T>> Evidence check(Instance instance, NumberSystem<T> numbers) {
        ConvergenceRun<?, ?> run = ConvergenceRun.of(instance, numerics);
        int dimension = instance.field().dimension();
        T[] augmentedInitial = numbers.array(2 * dimension);
        Arrays.fill(augmentedInitial, numbers.zero());
        System.arraycopy(instance.initialIn(numbers), 0, augmentedInitial, 0, dimension);
        T horizon = instance.horizonIn(numbers);
        double step = VariationalField.step(numbers.digits());
        ReferenceFlow<T> variational = ReferenceFlow.compute(new VariationalField(instance.field(), step),
                numbers, augmentedInitial, horizon);
        ReferenceFlow<T> doubledStep = ReferenceFlow.compute(new VariationalField(instance.field(), 2 * step),
                numbers, augmentedInitial, horizon);
        List<Integer> depths = new ArrayList<>();
        List<Double> errors = new ArrayList<>();
        double[] gaps = new double[ladder.length];
        double[] gapResolutions = new double[ladder.length];
        double referenceResolution = Resolution.ofReferences(dimension, variational.errorEstimate(),
                doubledStep.errorEstimate()).times(instance.horizon()).value();
        double leading = 0;
        for (int i = 0; i < ladder.length; i++) {
            int depth = ladder[i];
            double error = run.uniformError(numerics.layerMap(), depth, instance.field().certificate().region()).error();
            leading = leadingTerm(variational, horizon, depth, dimension) * instance.horizon();
            // e1 is computed from a central difference of F: its error (truncation ~ step^2, rounding ~ eps/step)
            // is a property of the field the reference solves, so the reference's own estimate cannot see it;
            // the same term with the step doubled differs from it by about that error (3 times the truncation,
            // half the rounding), and that difference is counted as the term's resolution.
            double differenceResolution = Math.abs(leading
                    - leadingTerm(doubledStep, horizon, depth, dimension) * instance.horizon());
            double leadingResolution = referenceResolution + differenceResolution;
            double resolution = run.resolution(depth).value();
            if (error < ConvergenceRun.REFERENCE_MARGIN * resolution
                    || leading < ConvergenceRun.REFERENCE_MARGIN * (resolution + variational.errorEstimate())
                            * depth
                    || leading < ConvergenceRun.REFERENCE_MARGIN * leadingResolution) {
                return Evidence.vacuous("error " + error + " or leading term " + leading + " at L = " + depth
                        + " is not resolved above the reference");
            }
            gaps[i] = Math.abs(depth * error - leading) / leading;
            // |L err - lead| / lead moves by L res(err) / lead through err and by (1 + gap) res(lead) / lead through lead
            gapResolutions[i] = (depth * resolution + (1 + gaps[i]) * leadingResolution) / leading;
            depths.add(depth);
            errors.add(error);
        }
        int last = ladder.length - 1;
        double shrinkFactor = 4.0 * ladder[0] / ladder[last];
        Judgement judgement = new Judgement();
        judgement.atMost("relative gap at L = " + ladder[last], gaps[last], "tolerance", maxRelativeGap,
                new Resolution(gapResolutions[last]));
        judgement.atMost("relative gap at L = " + ladder[last], gaps[last],
                "4 (L_0/L) * gap at L_0 = " + ladder[0] + " (shrinking like 1/L)", shrinkFactor * gaps[0],
                new Resolution(gapResolutions[last] + shrinkFactor * gapResolutions[0]));
        return Evidence.of(judgement, ReportedConstants.of(instance.field(), Map.of("T max|e1|", leading)),
                List.of(new Figure.Convergence("Uniform error against depth, with the leading term", depths, errors,
                        LogLogFit.slope(ladder, errors.stream().mapToDouble(Double::doubleValue).toArray()), 1,
                        null, leading)));
    }

    /** {@code max_l |e1(t_l)|} over the depth's layer times, from a solved (x, e1) flow. */
    private static <T extends RealFieldElement<T>> double leadingTerm(ReferenceFlow<T> variational, T horizon, int depth,
            int dimension) {
        double largest = 0;
        for (int l = 0; l <= depth; l++) {
            T[] state = variational.at(horizon.multiply(l).divide(depth));
            largest = Math.max(largest, ConvergenceRun.norm(Arrays.copyOfRange(state, dimension, 2 * dimension)));
        }
        return largest;
    }

    /**
     * (x, e1) jointly: {@code x' = F}, {@code e1' = J e1 - (F_t + J F)/2}. The second part is the
     * derivative of F along the direction (dt, dx) = (-1/2, e1 - F/2), taken by a central difference
     * with step eta = 10^{-digits/3}: truncation O(eta^2) and rounding O(10^{-digits}/eta) are both
     * near 10^{-2 digits/3}, far below the 1/L gaps the check resolves; the check measures their size by
     * solving again with the step doubled.
     */
    private static final class VariationalField implements VectorField {

        private final VectorField field;
        private final double eta;

        VariationalField(VectorField field, double eta) {
            this.field = field;
            this.eta = eta;
        }

        /** The step that balances truncation and rounding at this many digits. */
        static double step(int digits) {
            return Math.pow(10, -digits / 3.0);
        }

        @Override
        public int dimension() {
            return 2 * field.dimension();
        }

        @Override
        public <T extends RealFieldElement<T>> T[] evaluate(T t, T[] state) {
            int d = field.dimension();
            T[] x = Arrays.copyOf(state, d);
            T[] f = field.evaluate(t, x);
            T[] forward = MathArrays.buildArray(t.getField(), d);
            T[] backward = MathArrays.buildArray(t.getField(), d);
            for (int i = 0; i < d; i++) {
                T direction = state[d + i].subtract(f[i].multiply(0.5)).multiply(eta);
                forward[i] = x[i].add(direction);
                backward[i] = x[i].subtract(direction);
            }
            T[] fForward = field.evaluate(t.subtract(eta / 2), forward);
            T[] fBackward = field.evaluate(t.add(eta / 2), backward);
            T[] out = MathArrays.buildArray(t.getField(), 2 * d);
            for (int i = 0; i < d; i++) {
                out[i] = f[i];
                out[d + i] = fForward[i].subtract(fBackward[i]).divide(2 * eta);
            }
            return out;
        }
    }
}
