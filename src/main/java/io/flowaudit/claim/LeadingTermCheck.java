package io.flowaudit.claim;

import io.flowaudit.claim.CheckKinds.Numerics;
import io.flowaudit.claim.Evidence.Judgement;
import io.flowaudit.field.Region;
import io.flowaudit.field.VectorField;
import io.flowaudit.flow.ReferenceFlow;
import io.flowaudit.input.Setting;
import io.flowaudit.num.NumberSystem;
import io.flowaudit.verdict.Figure;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.RealFieldElement;
import org.apache.commons.math3.util.MathArrays;

/**
 * Theorem 2: {@code L max_l |x_l - x(t_l)|} approaches {@code T max_l |e1(t_l)|}, where e1 solves the
 * variational equation {@code e1' = J e1 - x''/2, e1(0) = 0} with {@code x'' = F_t + J F}, and the
 * relative gap shrinks like 1/L. e1 comes from the same reference machinery, solving (x, e1) jointly.
 *
 * <p>Holds when the gap at the deepest L is at most the stated tolerance and shrinks like 1/L
 * ({@link #shrinkAllowance}). Euler layers only.
 */
record LeadingTermCheck(Numerics numerics, int[] ladder, double maxRelativeGap) implements TheoremCheck {

    /** Allowed relative gap between the error and its leading term at the deepest L. */
    static final Setting<Double> MAX_RELATIVE_GAP = Setting.positive("max-relative-gap", 0.1);

    /**
     * The ladder, on which {@link #shrinkAllowance} can tell a gap that shrinks like 1/L from one that does not
     * shrink: three depths or more, the deepest beyond twice the sum of the two shallowest.
     */
    static final Setting<int[]> LADDER = new Setting<>("ladder", ConvergenceRun.LADDER.fallback(), node -> {
        int[] ladder = ConvergenceRun.LADDER.reader().apply(node);
        if (ladder.length < 3 || ladder[ladder.length - 1] <= 2 * (ladder[0] + ladder[1])) {
            throw node.error("the leading term's ladder needs three depths or more, the deepest beyond twice the sum"
                    + " of the two shallowest (else a gap that does not shrink passes as one that does),"
                    + " e.g. [128, 256, 512, 1024]");
        }
        return ladder;
    });

    /** Allowed growth of L times the gap at the deepest L over its size at the two shallowest ({@link #shrinkAllowance}). */
    static final double SHRINK_SLACK = 2;

    static final CheckKinds.Kind KIND = new CheckKinds.Kind("leading-term", List.of(LADDER, MAX_RELATIVE_GAP),
            (numerics, values) -> new LeadingTermCheck(numerics, values.get(LADDER), values.get(MAX_RELATIVE_GAP)));

    LeadingTermCheck {
        ladder = ladder.clone();
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
        LeadingTerms<T> leadingTerms = new LeadingTerms<>(instance, numbers);
        List<Integer> depths = new ArrayList<>();
        List<Double> errors = new ArrayList<>();
        double[] signedGaps = new double[ladder.length];
        double[] gapResolutions = new double[ladder.length];
        double leading = 0;
        for (int i = 0; i < ladder.length; i++) {
            int depth = ladder[i];
            // the order rests on no certified constant, so the states are not held to its region
            ConvergenceRun.UniformError uniform = run.uniformError(numerics.layerMap(), depth, Region.wholeSpace());
            double error = uniform.error();
            LeadingTerm term = leadingTerms.at(depth);
            leading = term.value();
            double leadingResolution = term.resolution();
            double resolution = uniform.resolution().value();
            if (error < ConvergenceRun.REFERENCE_MARGIN * resolution
                    || leading < ConvergenceRun.REFERENCE_MARGIN * (resolution + leadingTerms.errorEstimate())
                            * depth
                    || leading < ConvergenceRun.REFERENCE_MARGIN * leadingResolution) {
                return Evidence.vacuous("error " + error + " or leading term " + leading + " at L = " + depth
                        + " is not resolved above the reference");
            }
            signedGaps[i] = (depth * error - leading) / leading;
            // (L err - lead) / lead moves by L res(err) / lead through err and by (1 + gap) res(lead) / lead through lead
            gapResolutions[i] = (depth * resolution + (1 + Math.abs(signedGaps[i])) * leadingResolution) / leading;
            depths.add(depth);
            errors.add(error);
        }
        int last = ladder.length - 1;
        double lastGap = Math.abs(signedGaps[last]);
        Judgement judgement = new Judgement();
        judgement.atMost("relative gap at L = " + ladder[last], lastGap, "tolerance", maxRelativeGap,
                new Resolution(gapResolutions[last]));
        double[] allowance = shrinkAllowance(ladder, signedGaps, gapResolutions);
        judgement.atMost("relative gap at L = " + ladder[last], lastGap, "(2/L) * the largest |L * gap| at L = "
                + ladder[0] + ", " + ladder[1] + " and extrapolated to L -> infinity (shrinking like 1/L)",
                allowance[0], new Resolution(gapResolutions[last] + allowance[1]));
        return Evidence.of(judgement, ReportedConstants.of(instance.field(), Map.of("T max|e1|", leading)),
                List.of(new Figure.Convergence("Uniform error against depth, with the leading term", depths, errors,
                        LogLogFit.slope(ladder, errors.stream().mapToDouble(Double::doubleValue).toArray()), 1,
                        null, leading)));
    }

    /**
     * How large the gap at the deepest depth L may be if it shrinks like 1/L, with that allowance's resolution:
     * {@value #SHRINK_SLACK}/L times the largest of |C_0|, |C_1| and |A|, where {@code C_i = L_i s_i} is L times
     * the signed gap at the two shallowest depths and {@code A = (L_1 C_1 - L_0 C_0) / (L_1 - L_0)} their Richardson
     * extrapolation to L -> infinity.
     *
     * <p>Why: Theorem 2's expansion makes {@code C(L) = a + b/L + O(1/L^2)}, which A matches to O(1/L^2). The
     * shallowest gap alone is no yardstick: a + b/L crosses zero at L = -b/a, and where that lies near L_0 the gap
     * there is tiny while deeper ones are not (a one-dimensional tanh MLP found by a 10 000-try run: gaps 3.2e-8 at
     * L = 128, 3.1e-7 at 256, 1.3e-7 at 1024, all as in exact arithmetic). With C_0, C_1 and A, |C(L)| at any
     * deeper L is at most 1 + 2 L_0/L times the largest to first order (|a| + |b|/L, and |b|/L_0 <= |C_0| + |a|):
     * 1.25 at L = 8 L_0, under 1.5 on any ladder {@link #LADDER} admits, so the slack of 2 leaves room for the
     * O(1/L^2) terms. A gap that does not shrink (a wrong leading term: the gap
     * tends to g > 0, C_i = L_i g, A = (L_0 + L_1) g) is allowed only 2 (L_0 + L_1) g / L_last, less than g on
     * every ladder {@link #LADDER} admits.
     *
     * @param signedGaps  {@code (L err - lead) / lead} at each depth of {@code ladder}
     * @param resolutions each gap's resolution
     * @return the allowance for |gap| at the deepest depth, and its resolution
     */
    static double[] shrinkAllowance(int[] ladder, double[] signedGaps, double[] resolutions) {
        double l0 = ladder[0];
        double l1 = ladder[1];
        double c0 = l0 * signedGaps[0];
        double c1 = l1 * signedGaps[1];
        double extrapolated = (l1 * c1 - l0 * c0) / (l1 - l0);
        // each is moved by at most its inputs' resolutions; the largest of three moves by at most the largest move
        double c0Resolution = l0 * resolutions[0];
        double c1Resolution = l1 * resolutions[1];
        double extrapolatedResolution = (l1 * c1Resolution + l0 * c0Resolution) / (l1 - l0);
        double scale = SHRINK_SLACK / ladder[ladder.length - 1];
        double largest = Math.max(Math.abs(extrapolated), Math.max(Math.abs(c0), Math.abs(c1)));
        double largestResolution = Math.max(extrapolatedResolution, Math.max(c0Resolution, c1Resolution));
        return new double[] {scale * largest, scale * largestResolution};
    }

    /** {@code T max_l |e1(t_l)|} at one depth, and a bound on its distance from the true value. */
    record LeadingTerm(double value, double resolution) {
    }

    /**
     * The leading term of an instance at any depth, from (x, e1) solved with the central difference's step
     * and again with the step doubled. e1's central difference errs by truncation ~ step^2 and rounding ~
     * eps/step; that error belongs to the equation the reference solves, so the reference's own estimate
     * cannot see it. The two solutions differ by about that error (three times the truncation, plus the
     * roundings), and the difference is counted in the resolution.
     */
    static final class LeadingTerms<T extends RealFieldElement<T>> {
        private final E1Norms<T> variational;
        private final E1Norms<T> doubledStep;
        private final T horizon;
        private final double horizonValue;
        private final int dimension;

        LeadingTerms(Instance instance, NumberSystem<T> numbers) {
            dimension = instance.field().dimension();
            T[] augmentedInitial = numbers.array(2 * dimension);
            Arrays.fill(augmentedInitial, numbers.zero());
            System.arraycopy(instance.initialIn(numbers), 0, augmentedInitial, 0, dimension);
            horizon = instance.horizonIn(numbers);
            horizonValue = instance.horizon();
            double step = VariationalField.step(numbers.digits());
            variational = new E1Norms<>(ReferenceFlow.compute(new VariationalField(instance.field(), step), numbers,
                    augmentedInitial, horizon), dimension);
            doubledStep = new E1Norms<>(ReferenceFlow.compute(new VariationalField(instance.field(), 2 * step),
                    numbers, augmentedInitial, horizon), dimension);
        }

        /** The error estimate of the (x, e1) reference, per component. */
        double errorEstimate() {
            return variational.flow().errorEstimate();
        }

        LeadingTerm at(int depth) {
            double value = horizonValue * largestE1(variational, depth);
            double stepDifference = Math.abs(value - horizonValue * largestE1(doubledStep, depth));
            double references = Resolution.ofReferences(dimension, variational.flow().errorEstimate(),
                    doubledStep.flow().errorEstimate()).times(horizonValue).value();
            return new LeadingTerm(value, references + stepDifference);
        }

        private double largestE1(E1Norms<T> norms, int depth) {
            double largest = 0;
            for (int l = 0; l <= depth; l++) {
                largest = Math.max(largest, norms.at(horizon.multiply(l).divide(depth)));
            }
            return largest;
        }
    }

    /**
     * |e1(t)| of one (x, e1) reference by the exact value of t: the ladder's depths share their layer times (t_l at
     * L = 128 is t_2l at L = 256), and dense output is a pure function of t, so each time is evaluated once per
     * instance (as {@link ConvergenceRun} does for x(t)); only e1's components are evaluated, half of the dense output.
     */
    private record E1Norms<T extends RealFieldElement<T>>(ReferenceFlow<T> flow, int dimension,
            Map<TimeKey<T>, Double> byTime) {

        E1Norms(ReferenceFlow<T> flow, int dimension) {
            this(flow, dimension, new HashMap<>());
        }

        double at(T time) {
            return byTime.computeIfAbsent(new TimeKey<>(time),
                    t -> ConvergenceRun.norm(flow.at(t.time(), dimension, 2 * dimension)));
        }
    }

    /**
     * (x, e1) jointly: {@code x' = F}, {@code e1' = J e1 - (F_t + J F)/2}. The second part is the
     * derivative of F along the direction (dt, dx) = (-1/2, e1 - F/2), taken by a central difference
     * with step eta = 10^{-digits/3}: truncation O(eta^2) and rounding O(10^{-digits}/eta) are both
     * near 10^{-2 digits/3}, far below the 1/L gaps the check resolves ({@link LeadingTerms} measures them).
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
            return StrictMath.pow(10, -digits / 3.0);
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
