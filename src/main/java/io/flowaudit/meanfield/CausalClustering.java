package io.flowaudit.meanfield;

/**
 * Whether causal SA with V = I has gathered every token at the first token within a horizon
 * (docs/theory.md, "Causal mask"). Convergence can take a time exponential in beta (metastability), and a
 * non-generic start (a token antipodal to x_1) never converges, so not having converged by the horizon is
 * {@link Outcome#INCONCLUSIVE}, never a pass or a failure: no finite run tells a slow approach from none.
 */
public final class CausalClustering {

    public enum Outcome {
        /** Every token within the radius of x_1(0). */
        CLUSTERED,
        /** Some token is still farther than the radius at the horizon. */
        INCONCLUSIVE
    }

    private CausalClustering() {
    }

    /** Classifies the tokens at the horizon against the first token of the start. */
    public static Outcome classify(double[] start, double[] atHorizon, int tokens, int width, double radius) {
        return farthestFromFirst(start, atHorizon, tokens, width) <= radius ? Outcome.CLUSTERED : Outcome.INCONCLUSIVE;
    }

    /** {@code max_i |x_i - x_1(0)|} over the tokens of {@code state}. */
    public static double farthestFromFirst(double[] start, double[] state, int tokens, int width) {
        double farthest = 0;
        for (int i = 0; i < tokens; i++) {
            double sum = 0;
            for (int k = 0; k < width; k++) {
                double diff = state[i * width + k] - start[k];
                sum += diff * diff;
            }
            farthest = Math.max(farthest, Math.sqrt(sum));
        }
        return farthest;
    }
}
