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
 * @param solutionCurvature M2: a Lipschitz constant of {@code t -> F(t, x(t))} along every solution in the
 *                          region (Theorem 1). {@code K_t + K M} always works, since
 *                          {@code |F(t,x(t)) - F(s,x(s))| <= K_t|t - s| + K M|t - s|}; a proof of
 *                          {@code sup |dF/dt + J F|} over the region can give less
 */
public record Certificate(double lipschitz, double oneSidedLipschitz, double bound, double timeLipschitz,
        Region region, double solutionCurvature) {

    /**
     * The vacuous certificate: every constant infinite on all of R^n, true of anything and claiming nothing (a
     * subject whose checks certify what they need themselves, such as the real checkpoint's input).
     */
    public static final Certificate VACUOUS = new Certificate(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY,
            Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Region.wholeSpace());

    /** The constants with M2 = K_t + K M. */
    public Certificate(double lipschitz, double oneSidedLipschitz, double bound, double timeLipschitz, Region region) {
        this(lipschitz, oneSidedLipschitz, bound, timeLipschitz, region,
                curvatureFromConstants(lipschitz, bound, timeLipschitz));
    }

    /**
     * M2 = K_t + K M rounded up, as every certified constant is (in plain double, K = 3 and M = 0.7 gave
     * 2.0999999999999996, below the exact 2.1); K = 0 gives K_t also where M is infinite.
     */
    public static double curvatureFromConstants(double lipschitz, double bound, double timeLipschitz) {
        return Outward.sum(timeLipschitz, Outward.product(lipschitz, bound));
    }

    public Certificate {
        if (!(lipschitz >= 0) || oneSidedLipschitz > lipschitz || !(bound >= 0) || !(timeLipschitz >= 0)) {
            throw new IllegalArgumentException("inconsistent certificate: K=" + lipschitz + " mu="
                    + oneSidedLipschitz + " M=" + bound + " K_t=" + timeLipschitz);
        }
    }

    /** The record's text without M2 when M2 is K_t + K M, as field descriptions have always shown it. */
    @Override
    public String toString() {
        boolean fromConstants = Double.compare(solutionCurvature,
                curvatureFromConstants(lipschitz, bound, timeLipschitz)) == 0;
        return "Certificate[lipschitz=" + lipschitz + ", oneSidedLipschitz=" + oneSidedLipschitz + ", bound=" + bound
                + ", timeLipschitz=" + timeLipschitz + ", region=" + region
                + (fromConstants ? "" : ", solutionCurvature=" + solutionCurvature) + "]";
    }
}
