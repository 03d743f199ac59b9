package io.flowaudit.field;

import net.jqwik.api.Arbitrary;

/**
 * The two ways a field draws its initial states ({@link CertifiedField#initialStates}): in a Euclidean
 * ball, or token by token in a shell. Both shrink toward the simplest state the shape allows.
 */
public final class InitialStates {

    private InitialStates() {
    }

    /**
     * States with {@code |x| <= radius} in {@code R^dimension}: entries drawn in
     * {@code [-radius, radius]}, the vector pulled back to the sphere when it lies outside (as
     * {@link Region#contains} computes it). Shrinks entry by entry toward 0 (the origin); edge cases
     * include the origin and points on the sphere such as {@code radius e_1}.
     */
    public static Arbitrary<double[]> inBall(int dimension, double radius) {
        if (dimension < 1 || !(radius >= 0) || Double.isInfinite(radius)) {
            throw new IllegalArgumentException("need dimension >= 1 and a finite radius >= 0, got " + dimension
                    + " and " + radius);
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
