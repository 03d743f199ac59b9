package io.flowaudit.field.family;

import io.flowaudit.field.Certificate;
import io.flowaudit.field.Region;

/**
 * Upper bounds computed in double and rounded outward, so that every certified constant is true
 * for the exact (real-number) field, rounding included.
 *
 * <p>Elementary operations are rounded up with {@link Certificate#roundUp} (4 ulps plus the
 * smallest normal number): IEEE arithmetic, {@code sqrt}, {@code exp} and {@code expm1} are accurate
 * to one ulp, so this lies above the exact result, and monotone functions of rounded-up arguments
 * stay upper bounds.
 */
final class Bounds {

    private static final double EPS = Math.ulp(1.0);

    private Bounds() {
    }

    static double up(double value) {
        return Certificate.roundUp(value);
    }

    /** A sum of two bounds; adding an exact zero is exact, so a zero field keeps K = 0. */
    static double sumUp(double a, double b) {
        if (a == 0 || b == 0) {
            return a + b;
        }
        return up(a + b);
    }

    /** A product of two bounds; {@code 0 * infinity = 0} (a zero constant times an unbounded radius). */
    static double productUp(double a, double b) {
        return a == 0 || b == 0 ? 0 : up(a * b);
    }

    /**
     * An upper bound of the Euclidean norm. The vector is first scaled by a power of two (exact) so
     * that squares neither overflow nor underflow; a sum of n nonnegative terms computed in double is
     * within a relative {@code n eps} (first order), and the square root halves it.
     */
    static double norm(double[] v) {
        double max = 0;
        for (double x : v) {
            max = Math.max(max, Math.abs(x));
        }
        if (max == 0) {
            return 0;
        }
        int exponent = Math.getExponent(max);
        double sum = 0;
        for (double x : v) {
            double scaled = Math.scalb(x, -exponent);
            sum += scaled * scaled;
        }
        return up(Math.scalb(Math.sqrt(sum) * (1 + (v.length + 2) * EPS), exponent));
    }

    /** An upper bound of the dot product's rounding error: {@code |fl(u.v) - u.v| <= n eps |u| |v|}. */
    static double dotError(int n, double normU, double normV) {
        return productUp(up(2 * n * EPS), productUp(normU, normV));
    }

    /** The Euclidean radius of a ball that contains the region (infinite for the whole space). */
    static double euclideanRadius(Region region, int dimension) {
        switch (region.kind()) {
            case BALL:
                return region.radius();
            case TOKEN_BALL:
                // n tokens (the last may be shorter) of norm <= R: the whole state has norm <= R sqrt(n)
                int tokens = (dimension + region.tokenWidth() - 1) / region.tokenWidth();
                return productUp(region.radius(), up(Math.sqrt(tokens)));
            default:
                return Double.POSITIVE_INFINITY;
        }
    }

    /** {@code max_{z >= 0} (1 + z + z^2/2 + z^3/4) e^{-z} = 2.75/e = 1.01167}, rounded up (see growthRadius). */
    private static final double STAGE_FACTOR = 1.012;

    /**
     * The radius of a Euclidean ball containing the flow and every Euler, Heun and RK4 iterate and
     * stage state, from any {@code |x0| <= initialNorm} over {@code [0, horizon]} with any step
     * {@code h = horizon / L}, for a field with {@code |F(t, y)| <= K |y| + beta}.
     *
     * <p>Proof. Let {@code z = hK}. The iterate of each method is {@code x + h sum_j b_j k_j} with
     * {@code b_j >= 0}, so with {@code psi(r) = r + beta/K} (then {@code |F| <= K psi}) it gives
     * {@code psi(|x_{l+1}|) <= P(z) psi(|x_l|)}, P = {@code 1+z}, {@code 1+z+z^2/2},
     * {@code 1+z+z^2/2+z^3/6+z^4/24}, each {@code <= e^z}: {@code |x_l| <= E_l = e^{lz} r0 +
     * (e^{lz} - 1) beta/K}. A stage state of layer l satisfies, by induction over the stages (all
     * {@code a_sj >= 0}), {@code |y| <= P(z)|x_l| + h Q(z) beta} with (P, Q) = (1+z, 1) for Euler's and
     * Heun's second stage and {@code (1+z/2, 1/2)}, {@code (1+z/2+z^2/4, 1/2+z/4)},
     * {@code (1+z+z^2/2+z^3/4, 1+z/2+z^2/4)} for RK4's. Every Q is at most {@code e^z}, and every P at
     * most {@code c e^z} with {@code c = 2.75/e}: {@code (1+z+z^2/2+z^3/4) e^{-z}} has derivative
     * {@code z^2 (1 - z) e^{-z}/4}, so its maximum is at z = 1. Since {@code (l+1) z <= KT} and
     * {@code h <= T}, every stage and iterate has norm at most
     * {@code R = c e^{KT} r0 + (c (e^{KT} - 1)/K + T e^{KT}) beta}. The flow obeys
     * {@code d|x|/dt <= K|x| + beta}, so {@code |x(t)| <= e^{Kt} r0 + (e^{Kt} - 1) beta/K <= R}. For
     * K = 0, F is bounded by beta and every stage and the flow stay within {@code r0 + T beta}.
     */
    static double growthRadius(double initialNorm, double horizon, double lipschitz, double beta) {
        if (lipschitz == 0) {
            return sumUp(initialNorm, productUp(horizon, beta));
        }
        double z = up(lipschitz * horizon);
        double growth = up(Math.exp(z));
        double stateTerm = productUp(STAGE_FACTOR, productUp(growth, initialNorm));
        // (e^{KT} - 1)/K through expm1: free of cancellation when KT is small
        double forcing = sumUp(productUp(STAGE_FACTOR, up(up(Math.expm1(z)) / lipschitz)), productUp(horizon, growth));
        return sumUp(stateTerm, productUp(forcing, beta));
    }
}
