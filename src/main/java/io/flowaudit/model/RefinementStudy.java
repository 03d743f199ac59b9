package io.flowaudit.model;

import io.flowaudit.field.Region;
import java.util.ArrayList;
import java.util.List;

/**
 * A refinement study of outputs y_j at depths L_j = L_0·2^j (j = 0..m), as verification-and-validation practice
 * judges convergence without a reference solution (docs/theory.md, "What a refinement study establishes"):
 * <ul>
 *   <li>successive differences d_j = |y_{j+1} − y_j| (Euclidean norm over every token and component);</li>
 *   <li>observed orders p_j = log2(d_{j−1}/d_j), j = 1..m−1: for errors C·L^−p + o(L^−p), p_j → p;</li>
 *   <li>the Richardson limit from the finest pair with the finest observed order p = p_{m−1},
 *       y* = y_m + (y_m − y_{m−1})/(2^p − 1), and its own error estimated as |y* − y*'|, y*' the same extrapolation
 *       one rung coarser (from y_{m−2}, y_{m−1}, same p): two extrapolants that agree only as far as the
 *       asymptotic model L^−p holds;</li>
 *   <li>the relative distance of an output y (the real network's) from y*: |y − y*|/|y*|, give or take (error of
 *       y*)/|y*|.</li>
 * </ul>
 * With fewer than four rungs there is a single observed order and no trend to read; four are required.
 */
public record RefinementStudy(int[] depths, double[] differences, double[] orders, double[] limit,
        double limitError) {

    public static final int MIN_RUNGS = 4;

    public static RefinementStudy of(int[] depths, List<double[]> outputs) {
        int m = depths.length - 1;
        if (depths.length < MIN_RUNGS || outputs.size() != depths.length) {
            throw new IllegalArgumentException("a refinement study needs at least " + MIN_RUNGS + " depths, each with its"
                    + " output; got " + depths.length + " and " + outputs.size());
        }
        for (int j = 1; j <= m; j++) {
            if (depths[j] != 2 * depths[j - 1]) {
                throw new IllegalArgumentException("the depths must double at each rung, got " + depths[j - 1]
                        + " then " + depths[j]);
            }
        }
        double[] differences = new double[m];
        for (int j = 0; j < m; j++) {
            differences[j] = Region.euclideanDistance(outputs.get(j + 1), outputs.get(j));
        }
        double[] orders = new double[m - 1];
        for (int j = 1; j < m; j++) {
            orders[j - 1] = StrictMath.log(differences[j - 1] / differences[j]) / StrictMath.log(2);
        }
        double order = orders[m - 2];
        double[] limit = extrapolated(outputs.get(m - 1), outputs.get(m), order);
        double[] coarser = extrapolated(outputs.get(m - 2), outputs.get(m - 1), order);
        return new RefinementStudy(depths.clone(), differences, orders, limit, Region.euclideanDistance(limit, coarser));
    }

    /**
     * |y − y*|/|y*|. The real network's output is the one a claim asks about; it is the coarsest rung only when the
     * ladder starts at the checkpoint's own depth.
     */
    public double relativeDistance(double[] output) {
        return Region.euclideanDistance(output, limit) / Region.euclideanNorm(limit);
    }

    /** (error of y*)/|y*|: how far any {@link #relativeDistance} may be off through y* alone. */
    public double relativeLimitError() {
        return limitError / Region.euclideanNorm(limit);
    }

    /** y + (y − coarse)/(2^p − 1); NaN everywhere when p ≤ 0 (the differences do not shrink: no limit). */
    private static double[] extrapolated(double[] coarse, double[] fine, double order) {
        double factor = order > 0 ? 1 / (StrictMath.pow(2, order) - 1) : Double.NaN;
        double[] out = new double[fine.length];
        for (int i = 0; i < fine.length; i++) {
            out[i] = fine[i] + (fine[i] - coarse[i]) * factor;
        }
        return out;
    }

    /** The finest observed order, from the three finest rungs. */
    public double finestOrder() {
        return orders[orders.length - 1];
    }

    /** Per token i: |y_0,i − y*_i| / |y*_i| for token states of {@code width} components. */
    public static List<Double> perToken(double[] state, double[] limit, int width) {
        List<Double> distances = new ArrayList<>();
        for (int start = 0; start < state.length; start += width) {
            double difference = 0;
            double size = 0;
            for (int k = start; k < start + width; k++) {
                difference += (state[k] - limit[k]) * (state[k] - limit[k]);
                size += limit[k] * limit[k];
            }
            distances.add(Math.sqrt(difference / size));
        }
        return distances;
    }
}
