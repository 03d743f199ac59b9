package io.flowaudit.field.family;

import io.flowaudit.field.Outward;
import io.flowaudit.field.Region;

/**
 * The bounds the classic families share beyond single operations, rounded outward by {@link Outward}'s
 * policy, so that every certified constant is true for the exact (real-number) field.
 */
final class Bounds {

    private Bounds() {
    }

    /** The Euclidean radius of a ball that contains the region (infinite for the whole space). */
    static double euclideanRadius(Region region, int dimension) {
        switch (region.kind()) {
            case BALL:
                return region.radius();
            case TOKEN_BALL:
                // n tokens (the last may be shorter) of norm <= R: the whole state has norm <= R sqrt(n)
                int tokens = (dimension + region.tokenWidth() - 1) / region.tokenWidth();
                return Outward.product(region.radius(), Outward.sqrt(tokens));
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
            return Outward.sum(initialNorm, Outward.product(horizon, beta));
        }
        double z = Outward.up(lipschitz * horizon);
        double growth = Outward.exp(z);
        double stateTerm = Outward.product(STAGE_FACTOR, Outward.product(growth, initialNorm));
        // (e^{KT} - 1)/K through expm1: free of cancellation when KT is small
        double forcing = Outward.sum(Outward.product(STAGE_FACTOR, Outward.quotient(Outward.expm1(z), lipschitz)),
                Outward.product(horizon, growth));
        return Outward.sum(stateTerm, Outward.product(forcing, beta));
    }
}
