package io.flowaudit.field;

/**
 * Certified constants of a field on a region (docs/theory.md, "Hypotheses and certified constants").
 * Each is a true upper bound, rounding included ({@link Outward}).
 *
 * @param lipschitz         K: |F(t,x) - F(t,y)| <= K|x - y| on the region
 * @param oneSidedLipschitz mu: &lt;F(t,x) - F(t,y), x - y&gt; <= mu|x - y|^2 on the region
 * @param bound             M: |F(t,x)| <= M on the region (infinite when unbounded)
 * @param timeLipschitz     K_t: |F(t,x) - F(s,x)| <= K_t|t - s| (0 for autonomous fields)
 * @param region            where the bounds hold
 */
public record Certificate(double lipschitz, double oneSidedLipschitz, double bound, double timeLipschitz,
        Region region) {

    public Certificate {
        if (!(lipschitz >= 0) || oneSidedLipschitz > lipschitz || !(bound >= 0) || !(timeLipschitz >= 0)) {
            throw new IllegalArgumentException("inconsistent certificate: K=" + lipschitz + " mu="
                    + oneSidedLipschitz + " M=" + bound + " K_t=" + timeLipschitz);
        }
    }

    /** M2 >= Lipschitz constant of t -> F(t, x(t)) along a solution: K_t + K*M (docs/theory.md). */
    public double solutionCurvature() {
        return timeLipschitz + lipschitz * bound;
    }
}
