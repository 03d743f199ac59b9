package io.flowaudit.field;

import java.util.Arrays;
import net.jqwik.api.Arbitrary;

/**
 * The two ways a field draws its initial states ({@link CertifiedField#initialStates}): in a Euclidean
 * ball, or token by token in a shell. Both shrink toward the simplest state the shape allows.
 */
public final class InitialStates {

    /**
     * The largest radius {@link #inBall} accepts: |x| sums squared entries, which overflow from about 1.3e154 on, and
     * a state whose |x| overflowed was pulled back by the factor radius/infinity = 0 (inBall(3, 1e300) drew the
     * origin for most states, silently); 1e100 keeps |x| finite for any dimension an array can have.
     */
    public static final double MAX_BALL_RADIUS = 1e100;

    private InitialStates() {
    }

    /**
     * States with {@code |x| <= radius} in {@code R^dimension}: entries drawn in
     * {@code [-radius, radius]}, the vector pulled back to the sphere when it lies outside (as
     * {@link Region#contains} computes it). Shrinks entry by entry toward 0 (the origin); edge cases
     * include the origin and points on the sphere such as {@code radius e_1}.
     */
    public static Arbitrary<double[]> inBall(int dimension, double radius) {
        if (dimension < 1 || !(radius >= 0) || !(radius <= MAX_BALL_RADIUS)) {
            throw new IllegalArgumentException("need dimension >= 1 and a radius in [0, " + MAX_BALL_RADIUS
                    + "], got " + dimension + " and " + radius);
        }
        Region ball = Region.ball(radius);
        return DoubleDraws.between(-radius, radius).list().ofSize(dimension).map(entries -> {
            double[] x = entries.stream().mapToDouble(Double::doubleValue).toArray();
            if (!ball.contains(x)) {
                // a relative 1e-12 inside, so that the rounding of |x| cannot put it back outside
                double factor = radius / ball.normOf(x) * (1 - 1e-12);
                for (int i = 0; i < x.length; i++) {
                    x[i] *= factor;
                }
            }
            return x;
        });
    }

    /**
     * States of {@code tokens} tokens of {@code width} components, each token drawn in
     * {@code outer·[-1, 1]^width} and pulled into the shell {@code inner <= |x_i| <= outer}. Shrinks
     * towards zero tokens, i.e. the inner radius along the first axis.
     */
    public static Arbitrary<double[]> inTokenShell(int tokens, int width, double inner, double outer) {
        if (!(outer >= inner)) {
            throw new IllegalArgumentException("the shell's outer radius " + outer + " is below its inner radius "
                    + inner);
        }
        return DoubleDraws.between(-1, 1, 3).array(double[].class).ofSize(tokens * width)
                .map(cube -> intoShell(cube, width, inner, outer));
    }

    /**
     * {@code state} with every token's centred part {@code x_i - mean(x_i) 1} lengthened to at least
     * {@code centredFloor} (a relative 2^-42 above it, so that rounding keeps the computed centred norm at
     * least the floor; the direction {@code e_1 - 1/d} when the token is constant, up to its mean's rounding) and then, if the token
     * got longer than {@code outer}, its mean shortened until it fits: the centred part and the mean are
     * orthogonal, so {@code |x_i|^2 = |centred|^2 + d mean^2}. Needs {@code centredFloor <= outer}; a token
     * already above the floor is left as it is. A floor at the radius itself leaves the token up to a relative
     * 2^-42 beyond it, within the 2^-40 that {@link Outward#holdingComputedStates} adds to a region's radius.
     * On one component every token is constant: no floor above 0 can hold.
     */
    public static double[] aboveCentredFloor(double[] state, int width, double centredFloor, double outer) {
        if (!(centredFloor <= outer) || width < 2 && centredFloor > 0) {
            throw new IllegalArgumentException("no token of width " + width + " and norm at most " + outer
                    + " has centred norm " + centredFloor);
        }
        double[] out = state.clone();
        double target = centredFloor * (1 + 0x1p-42);
        for (int start = 0; start < out.length; start += width) {
            if (Region.centredTokenNorm(out, start / width, width) >= target) {
                continue;
            }
            double mean = 0;
            for (int k = start; k < start + width; k++) {
                mean += out[k];
            }
            mean /= width;
            double[] centred = new double[width];
            for (int k = 0; k < width; k++) {
                centred[k] = out[start + k] - mean;
            }
            double room = outer * outer - target * target;
            double longestMean = room > 0 ? Math.sqrt(room / width) * (1 - 0x1p-40) : 0;
            double shifted = Math.max(-longestMean, Math.min(longestMean, mean));
            // x - mean also carries the mean's rounding, along 1: for a constant token whose sum rounds (three
            // 7.163094145843425) it is nothing else, a tiny multiple of 1 that the lift kept constant, at centred
            // norm 0. Such a token is lifted along e_1 - 1/d, as an exactly constant one is.
            if (Region.euclideanNorm(centred) == 0
                    || !(lift(out, start, centred, target, shifted) >= centredFloor)) {
                double[] offAxis = new double[width];
                Arrays.fill(offAxis, -1.0 / width);
                offAxis[0] += 1;
                lift(out, start, offAxis, target, shifted);
            }
        }
        return out;
    }

    /**
     * Writes the token at {@code start} as {@code direction} scaled to length {@code target}, plus {@code shifted}
     * in every component, and returns its centred norm as {@link Region#centredTokenNorm} computes it.
     */
    private static double lift(double[] state, int start, double[] direction, double target, double shifted) {
        double length = Region.euclideanNorm(direction);
        for (int k = 0; k < direction.length; k++) {
            state[start + k] = direction[k] * (target / length) + shifted;
        }
        return Region.centredTokenNorm(state, start / direction.length, direction.length);
    }

    /** {@code outer·cube}, each token pulled into the shell. */
    private static double[] intoShell(double[] cube, int width, double inner, double outer) {
        double[] out = new double[cube.length];
        for (int k = 0; k < cube.length; k++) {
            out[k] = outer * cube[k];
        }
        for (int start = 0; start < out.length; start += width) {
            double sum = 0;
            for (int k = start; k < start + width; k++) {
                sum += out[k] * out[k];
            }
            double norm = Math.sqrt(sum);
            if (norm == 0) {
                out[start] = inner;
            } else if (norm < inner || norm > outer) {
                double pull = (norm < inner ? inner : outer) / norm;
                for (int k = start; k < start + width; k++) {
                    out[k] *= pull;
                }
            }
        }
        return out;
    }
}
