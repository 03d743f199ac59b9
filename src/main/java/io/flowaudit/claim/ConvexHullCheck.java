package io.flowaudit.claim;

import io.flowaudit.claim.Evidence.Judgement;
import io.flowaudit.field.CertifiedField;
import io.flowaudit.field.Region;
import io.flowaudit.field.transformer.AttentionVariant;
import io.flowaudit.field.transformer.SelfAttention;
import io.flowaudit.input.Setting;
import io.flowaudit.meanfield.AttentionParticles;
import io.flowaudit.meanfield.Clustering;
import io.flowaudit.meanfield.Integration;
import io.flowaudit.verdict.Figure;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The convex hull without LayerNorm (docs/theory.md, "Without LayerNorm"): for softmax attention with V = I (the
 * field's query and key weights, its causal mask or none), the rescaled tokens {@code z_i = e^{-t} x_i} satisfy
 * {@code z_i' = sum_j P_ij (z_j - z_i)}, so the support function {@code h_w(t) = max_i <w, z_i(t)>} of their hull is
 * non-increasing for every direction w. The check follows the instance's tokens to T and judges h_w between
 * consecutive samples for {@link #DIRECTIONS} directions (seeded by the instance) and the 2d coordinate directions.
 * {@code value-scale} s sets V = s I, for which the claim is false unless s = 1 (a false claim states it).
 * Tolerance: the measured integration error of x, scaled by e^{-t}, plus rounding.
 */
record ConvexHullCheck(double valueScale) implements TheoremCheck {

    static final int SAMPLES = 100;
    static final int DIRECTIONS = 64;
    private static final double INTEGRATION_TOLERANCE = 1e-9;
    /** Times at which the hull of the first two coordinates is drawn, as fractions of T. */
    private static final double[] HULL_TIMES = {0, 1.0 / 3, 2.0 / 3, 1};

    static final Setting<Double> VALUE_SCALE = Setting.positive("value-scale", 1);

    static final CheckKinds.Kind KIND = new CheckKinds.Kind("convex-hull", List.of(VALUE_SCALE),
            (numerics, values) -> new ConvexHullCheck(values.get(VALUE_SCALE)), CheckKinds.Uses.DOUBLE_ONLY);

    @Override
    public String theorem() {
        return "Without LayerNorm, V = I: the convex hull of the rescaled tokens e^{-t} x_i shrinks";
    }

    @Override
    public String statement() {
        return "For softmax attention with the field's query and key weights and V = " + (valueScale == 1 ? ""
                : Judgement.format(valueScale) + " ") + "I, the support function max_i <w, e^{-t} x_i(t)> is"
                + " non-increasing between " + (SAMPLES + 1) + " equally spaced times on [0, T], for " + DIRECTIONS
                + " random unit directions w and the coordinate directions.";
    }

    @Override
    public Evidence check(Instance instance) {
        return checked(instance, false);
    }

    /**
     * {@link #check}'s evidence, except where no support function rises between samples by more than its rounding
     * allowance: the integration error only widens that allowance, so nothing refutes, and the run 1000 times tighter
     * that measures it is skipped.
     */
    @Override
    public Evidence checkCandidate(Instance instance) {
        return checked(instance, true);
    }

    private Evidence checked(Instance instance, boolean candidate) {
        CertifiedField field = instance.field();
        Evidence evidence = judge(dynamics(field), instance.initial(), instance.horizon(),
                Arrays.hashCode(instance.initial()), candidate);
        return new Evidence(evidence.finding(), evidence.margin(), evidence.observed(), evidence.bound(),
                ReportedConstants.of(field, Map.of("value scale s (V = s I)", valueScale)), evidence.figures());
    }

    /** The attention field's particle dynamics with V = s I. */
    private AttentionParticles dynamics(CertifiedField field) {
        // one head of softmax with dot-product scores, masked or not (softmax-attention, causal-attention)
        if (!(field instanceof SelfAttention attention) || attention.heads() != 1 || !attention.isAutonomous()
                || !attention.variant().withCausalMask(false).equals(AttentionVariant.softmax())) {
            throw new NotApplicableException("the convex hull claim is about single-head softmax attention with"
                    + " dot-product scores and weights constant in depth (softmax-attention or causal-attention); got "
                    + field.family());
        }
        int width = attention.width();
        double[][] value = new double[width][width];
        for (int k = 0; k < width; k++) {
            value[k][k] = valueScale;
        }
        AttentionParticles base = AttentionParticles.free(attention.tokens(), width,
                attention.headMatrices(0).get(0).queryKey()).withValue(value);
        return attention.variant().causal() ? base.causal() : base;
    }

    /** The check on given dynamics and tokens; {@code seed} draws the directions. */
    Evidence judge(AttentionParticles dynamics, double[] start, double horizon, long seed) {
        return judge(dynamics, start, horizon, seed, false);
    }

    /**
     * The check on given dynamics and tokens, or for a shrink {@code candidate} a stand-in that does not refute where
     * no support rises beyond the allowance it has without integration error (the check's own is at least that).
     */
    private static Evidence judge(AttentionParticles dynamics, double[] start, double horizon, long seed,
            boolean candidate) {
        if (Clustering.diameter(start, dynamics.tokens(), dynamics.width()) == 0) {
            // a one-point hull moves as one token, x' = s x: nothing can shrink, and for s = 1 nothing can grow
            return Evidence.vacuous("every token starts at the same point: a one-point hull cannot test shrinking");
        }
        double[] times = Integration.grid(horizon, SAMPLES);
        double[][] path = Integration.states(dynamics, start, times, INTEGRATION_TOLERANCE);
        Supports supports = new Supports(path, times, dynamics.width());
        if (candidate && risesWithinRounding(supports, directions(dynamics.width(), seed), dynamics.tokens())) {
            return NO_RISE;
        }
        return judgePath(dynamics, start, horizon, times, path, supports, seed);
    }

    /**
     * Whether every h_w + shift stays at most its earlier value plus the allowance without integration error, compared
     * as {@link Judgement#atMost} compares (false at a NaN, which may refute).
     */
    private static boolean risesWithinRounding(Supports supports, List<double[]> directions, int tokens) {
        double leastAllowance = supports.resolution(0).value();
        for (double[] direction : directions) {
            double[] support = supports.along(direction, tokens);
            for (int k = 1; k < support.length; k++) {
                double earlier = support[k - 1] + supports.shift();
                if (!(support[k] + supports.shift() <= earlier + Judgement.allowance(earlier, leastAllowance))) {
                    return false;
                }
            }
        }
        return true;
    }

    private static final Evidence NO_RISE = Evidence.vacuous("no support function rises by more than its rounding"
            + " allowance: not refuted (decided without measuring the integration error)");

    /**
     * The rescaled tokens z = e^{-t} x at the sampled times and the shift that puts their support functions near 1:
     * the hull never leaves the ball of its start, so h_w + shift lies in [1, 1 + 2 shift'] with shift = 1 + the
     * largest |z| seen, and the comparisons are of numbers of size ~1, whose 1 % share resolves the integration error.
     */
    private static final class Supports {

        private final double[][] rescaled;
        private final int width;
        private final double shift;

        Supports(double[][] path, double[] times, int width) {
            this.width = width;
            this.rescaled = new double[times.length][];
            double largest = 0;
            for (int k = 0; k < times.length; k++) {
                rescaled[k] = path[k].clone();
                for (int c = 0; c < rescaled[k].length; c++) {
                    rescaled[k][c] *= StrictMath.exp(-times[k]);
                    largest = Math.max(largest, Math.abs(rescaled[k][c]));
                }
            }
            this.shift = 1 + Math.sqrt(width) * largest;
        }

        double shift() {
            return shift;
        }

        /**
         * How far the rescaled tokens moved between two consecutive samples, at most: the largest |z_i(t_k) -
         * z_i(t_{k-1})|, which bounds the rise each comparison judges.
         */
        double movedPerSample() {
            double moved = 0;
            for (int k = 1; k < rescaled.length; k++) {
                moved = Math.max(moved, Region.maxTokenDistance(rescaled[k], rescaled[k - 1], width));
            }
            return moved;
        }

        /**
         * Each z carries e^{-t} times x's error (sqrt(d) err per token, |w| = 1), plus d products' rounding; the
         * largest, at t = 0, stands for every time (it only makes a refutation harder).
         */
        Resolution resolution(double integrationError) {
            return new Resolution(2 * Math.sqrt(width) * integrationError + 4 * width * Math.ulp(shift));
        }

        /** h_w at every sampled time. */
        double[] along(double[] direction, int tokens) {
            double[] support = new double[rescaled.length];
            for (int k = 0; k < rescaled.length; k++) {
                support[k] = Clustering.highestHeight(rescaled[k], tokens, width, direction);
            }
            return support;
        }
    }

    /** The judgement of a path of the dynamics from {@code start} at {@code times}. */
    private static Evidence judgePath(AttentionParticles dynamics, double[] start, double horizon, double[] times,
            double[][] path, Supports supports, long seed) {
        int tokens = dynamics.tokens();
        int width = dynamics.width();
        double error = Integration.errorEstimate(dynamics, start, times, INTEGRATION_TOLERANCE, path);
        double shift = supports.shift();
        Judgement judgement = new Judgement();
        List<double[]> directions = directions(width, seed);
        List<Figure.Curve> curves = new ArrayList<>();
        Resolution resolution = supports.resolution(error);
        double[] allowances = new double[times.length - 1];
        Arrays.fill(allowances, resolution.value());
        for (int w = 0; w < directions.size() && judgement.finding() != Evidence.Finding.REFUTED; w++) {
            double[] support = supports.along(directions.get(w), tokens);
            double[] later = new double[times.length - 1];
            double[] earlier = new double[times.length - 1];
            for (int k = 1; k < times.length; k++) {
                later[k - 1] = support[k] + shift;
                earlier[k - 1] = support[k - 1] + shift;
            }
            int k = Judgement.closestToBound(later, earlier, allowances) + 1;
            int direction = w;
            double time = times[k];
            double timeBefore = times[k - 1];
            judgement.atMost(() -> "h_w + " + Judgement.format(shift) + " at t = " + Judgement.format(time)
                    + " (w = direction " + direction + ")", later[k - 1],
                    () -> "its value at t = " + Judgement.format(timeBefore), earlier[k - 1], resolution);
            if (w < 3 || judgement.finding() == Evidence.Finding.REFUTED) {
                curves.add(new Figure.Curve("h_w(t), direction " + w, Figure.Role.OBSERVED,
                        Arrays.stream(times).boxed().toList(), Arrays.stream(support).boxed().toList()));
            }
        }
        // between two samples a support rises by at most how far its tokens moved: where no sample moved them by more
        // than the resolution resolves, no comparison can show a rise (over T = 1e-12 the run as a whole does, and a
        // false claim held until 2026-11-30)
        judgement.requireMotion("max_{k, i} |z_i(t_k) - z_i(t_{k-1})|", supports.movedPerSample(), resolution);
        List<Figure> figures = new ArrayList<>();
        figures.add(new Figure.Curves("Support function h_w(t) = max_i ⟨w, e^{−t} x_i(t)⟩ (non-increasing)", "time t",
                "h_w", false, false, curves));
        if (width >= 2) {
            figures.add(hulls(supports.rescaled, times, tokens, width, horizon));
        }
        return Evidence.of(judgement, Map.of(), figures);
    }

    /** Random unit directions, then +-e_k for every coordinate k. */
    private static List<double[]> directions(int width, long seed) {
        Random random = new Random(seed);
        List<double[]> directions = new ArrayList<>();
        for (int w = 0; w < DIRECTIONS; w++) {
            directions.add(Clustering.randomUnit(random, width));
        }
        for (int k = 0; k < width; k++) {
            for (double sign : new double[] {1, -1}) {
                double[] axis = new double[width];
                axis[k] = sign;
                directions.add(axis);
            }
        }
        return directions;
    }


    /** The hull of the first two coordinates of the z_i at {@link #HULL_TIMES}, each a closed polygon. */
    private static Figure hulls(double[][] rescaled, double[] times, int tokens, int width, double horizon) {
        List<Figure.Curve> curves = new ArrayList<>();
        for (double fraction : HULL_TIMES) {
            int k = (int) Math.round(fraction * (times.length - 1));
            List<double[]> points = new ArrayList<>();
            for (int i = 0; i < tokens; i++) {
                points.add(new double[] {rescaled[k][i * width], rescaled[k][i * width + 1]});
            }
            List<double[]> hull = hull(points);
            hull.add(hull.get(0));
            curves.add(new Figure.Curve("t = " + Judgement.format(fraction * horizon), Figure.Role.OBSERVED,
                    hull.stream().map(p -> p[0]).toList(), hull.stream().map(p -> p[1]).toList()));
        }
        return new Figure.Curves("Convex hull of e^{−t} x_i (first two coordinates) shrinking", "z₁", "z₂", false,
                false, curves);
    }

    /** Andrew's monotone chain: the hull's vertices counter-clockwise (a single point or a segment as such). */
    private static List<double[]> hull(List<double[]> points) {
        List<double[]> sorted = new ArrayList<>(points);
        sorted.sort(Comparator.<double[]>comparingDouble(p -> p[0]).thenComparingDouble(p -> p[1]));
        if (sorted.size() < 3) {
            return sorted;
        }
        int n = sorted.size();
        double[][] chain = new double[2 * n][];
        int size = 0;
        for (int idx = 0; idx < n; idx++) { // lower hull, left to right
            while (size >= 2 && cross(chain[size - 2], chain[size - 1], sorted.get(idx)) <= 0) {
                size--;
            }
            chain[size++] = sorted.get(idx);
        }
        for (int idx = n - 2, floor = size + 1; idx >= 0; idx--) { // upper hull, right to left
            while (size >= floor && cross(chain[size - 2], chain[size - 1], sorted.get(idx)) <= 0) {
                size--;
            }
            chain[size++] = sorted.get(idx);
        }
        return new ArrayList<>(Arrays.asList(Arrays.copyOf(chain, size - 1))); // the last point is the first
    }

    private static double cross(double[] o, double[] a, double[] b) {
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
    }
}
