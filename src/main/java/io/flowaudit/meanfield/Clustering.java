package io.flowaudit.meanfield;

import java.util.Random;

/**
 * Whether unit tokens moved by SA or USA with V = I have gathered within a horizon (docs/theory.md, "Clustering in
 * a hemisphere" and "Causal mask"): at one point, or, under a causal mask, at the first token's start. Convergence
 * can take a time exponential in beta (metastability), and a start outside every open hemisphere (antipodal
 * tokens) may never converge, so not having converged by the horizon is inconclusive, never a pass
 * or a failure: no finite run tells a slow approach from none. What a run can refute is the monotone quantity of
 * the hemisphere, {@link #lowestHeight}.
 */
public final class Clustering {

    /** n unit tokens all in the open hemisphere {@code <pole, x> > 0}, the pole a unit vector. */
    public record HemisphereStart(double[] pole, double[] tokens) {
    }

    private Clustering() {
    }

    /** {@code max_i |x_i - x_1(0)|} over the tokens of {@code state}. */
    public static double farthestFromFirst(double[] start, double[] state, int tokens, int width) {
        return farthestFrom(start, 0, state, tokens, width);
    }

    /** {@code max_i |x_i - x_k(0)|} over the tokens of {@code state}, k = {@code token} (from 0). */
    public static double farthestFrom(double[] start, int token, double[] state, int tokens, int width) {
        double farthest = 0;
        for (int i = 0; i < tokens; i++) {
            farthest = Math.max(farthest, distance(state, i * width, start, token * width, width));
        }
        return farthest;
    }

    /** {@code max_{i,j} |x_i - x_j|}: the diameter of the token cloud. */
    public static double diameter(double[] state, int tokens, int width) {
        double diameter = 0;
        for (int i = 0; i < tokens; i++) {
            for (int j = i + 1; j < tokens; j++) {
                diameter = Math.max(diameter, distance(state, i * width, state, j * width, width));
            }
        }
        return diameter;
    }

    /**
     * {@code min_i <w, x_i>}: for w with a positive height over every token, nondecreasing along SA and USA with
     * V = I, causal or not (docs/theory.md, "Clustering in a hemisphere").
     */
    public static double lowestHeight(double[] state, int tokens, int width, double[] direction) {
        return extremeHeight(state, tokens, width, direction, true);
    }

    /** {@code max_i <w, x_i>}: the support function of the token cloud in the direction w. */
    public static double highestHeight(double[] state, int tokens, int width, double[] direction) {
        return extremeHeight(state, tokens, width, direction, false);
    }

    /**
     * The least or greatest height {@code <w, x_i>}, taken token by token in order as a stream's min or max reduces
     * them (the same value; a loop, since the clustering check asks for some 7 000 of them a try, and a stream's
     * setup cost more than the n products on the quick compiler).
     */
    private static double extremeHeight(double[] state, int tokens, int width, double[] direction, boolean lowest) {
        double extreme = AttentionParticles.dot(direction, 0, state, 0, width);
        for (int i = 1; i < tokens; i++) {
            double height = AttentionParticles.dot(direction, 0, state, i * width, width);
            extreme = lowest ? Math.min(extreme, height) : Math.max(extreme, height);
        }
        return extreme;
    }

    /** {@code min_{i<j} <x_i, x_j>} and {@code max_{i<j} <x_i, x_j>}; both 1 for a single token. */
    public static double[] innerProductRange(double[] state, int tokens, int width) {
        double lowest = tokens > 1 ? Double.POSITIVE_INFINITY : 1;
        double highest = tokens > 1 ? Double.NEGATIVE_INFINITY : 1;
        for (int i = 0; i < tokens; i++) {
            for (int j = i + 1; j < tokens; j++) {
                double inner = AttentionParticles.dot(state, i * width, state, j * width, width);
                lowest = Math.min(lowest, inner);
                highest = Math.max(highest, inner);
            }
        }
        return new double[] {lowest, highest};
    }

    /**
     * A pole uniform on the sphere and n tokens uniform on the hemisphere around it (uniform tokens, each
     * reflected through the equator when below it), the same for the same seed.
     */
    public static HemisphereStart openHemisphere(long seed, int tokens, int width) {
        Random random = new Random(seed);
        double[] pole = randomUnit(random, width);
        double[] x = new double[tokens * width];
        for (int i = 0; i < tokens; i++) {
            double[] token = randomUnit(random, width);
            double sign = AttentionParticles.dot(pole, 0, token, 0, width) < 0 ? -1 : 1;
            for (int k = 0; k < width; k++) {
                x[i * width + k] = sign * token[k];
            }
        }
        return new HemisphereStart(pole, x);
    }

    /** A unit vector uniform on the sphere: a normalised Gaussian. */
    public static double[] randomUnit(Random random, int width) {
        double[] v = new double[width];
        double norm = 0;
        for (int k = 0; k < width; k++) {
            v[k] = random.nextGaussian();
            norm += v[k] * v[k];
        }
        norm = Math.sqrt(norm);
        for (int k = 0; k < width; k++) {
            v[k] /= norm;
        }
        return v;
    }

    private static double distance(double[] a, int offsetA, double[] b, int offsetB, int width) {
        double sum = 0;
        for (int k = 0; k < width; k++) {
            double diff = a[offsetA + k] - b[offsetB + k];
            sum += diff * diff;
        }
        return Math.sqrt(sum);
    }
}
