package io.flowaudit.claim;

import io.flowaudit.field.CertifiedField;
import io.flowaudit.verdict.Figure;
import io.flowaudit.verdict.ValueText;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What one check of a claim on one instance found, and the one rule by which every check finds it from its numbers
 * ({@link Judgement}).
 *
 * @param finding   whether the instance supports the claim, refutes it, or could not test it
 * @param margin    how close the instance came to its bound: the largest observed/(bound +
 *                  resolution) over the comparisons it resolved (at most 1 when it supports the
 *                  claim, above 1 when it refutes it); NaN when nothing was resolved
 * @param observed  the observed value, in words
 * @param bound     the value the theorem bounds it by, in words
 * @param constants the constants of this instance that the check used
 * @param figures   plot data for the report
 * @param proved    whether the finding was decided from enclosures (a holding instance is then proved, a
 *                  vacuous one undecided) rather than from observed values within their resolution
 */
record Evidence(Finding finding, double margin, String observed, String bound, Map<String, String> constants,
        List<Figure> figures, boolean proved) {

    /** Evidence from observed values. */
    Evidence(Finding finding, double margin, String observed, String bound, Map<String, String> constants,
            List<Figure> figures) {
        this(finding, margin, observed, bound, constants, figures, false);
    }

    /**
     * One outcome per piece of evidence. A vacuous instance could not test the claim (its comparisons rest on
     * noise); an inconclusive one was tested without a decision: a proved claim's enclosures overlap the bound
     * (undecided), or a run had not reached the claimed limit by its horizon (clustering). Neither is support
     * nor refutation, and the tally counts both as vacuous.
     */
    enum Finding {
        HOLDS, REFUTED, VACUOUS, INCONCLUSIVE,
        /**
         * A solution the check compared left the region its constants hold on: it refutes as REFUTED does, but what
         * it refutes depends on who named the region ({@link PropertyRunner}): a stated system's region is the
         * claim's hypothesis, which is then refuted; a generated family's is certified to hold the solutions, so
         * leaving it falsifies the instance.
         */
        LEFT_REGION
    }

    /**
     * The one rule by which every check turns numbers into a finding (README, "A verdict never rests on
     * noise"). A check states each conclusion as comparisons {@code observed <= bound}, each with the
     * resolution of its observed side (the reference's error estimate plus rounding: how far the computed
     * value may lie from the true one), to which the bound's own rounding is added
     * ({@link #BOUND_ROUNDING_ULPS}). A comparison
     * <ul>
     *   <li>refutes the claim when {@code observed > bound + resolution}: the true value exceeds the bound;</li>
     *   <li>is unresolved when its resolution exceeds {@link #RESOLUTION_SHARE} of the bound (the
     *       comparison would rest on noise) or the bound is infinite (it tests nothing): the instance is vacuous
     *       unless another comparison refutes;</li>
     *   <li>supports the claim otherwise ({@code observed <= bound + resolution}, with the resolution at
     *       most 1 % of the bound).</li>
     * </ul>
     * An identity judged against rounding alone (permutation equivariance, a sphere token's norm not
     * shrinking) has resolution 0 and its rounding allowance as the bound; an exact identity (causality:
     * masked terms are exact zeros) is compared for equality by its check. The margin is the largest {@code observed / (bound +
     * resolution)} over the resolved comparisons — the ratio the decision uses: how close the instance
     * came to its bound, above 1 exactly when it refutes the claim (a bound attained exactly, as
     * Theorem 1's on x' = t, gives a margin just below 1).
     */
    static final class Judgement {

        /** A comparison counts only when its resolution is at most this share of its bound. */
        static final double RESOLUTION_SHARE = 0.01;

        /**
         * Bounds are computed in double from the certified constants (exp, products, quotients: a few
         * roundings each), and T may be the double nearest a file's decimal: this many units in the last
         * place of the bound cover both, so a bound attained exactly is never refuted by its own rounding.
         */
        static final double BOUND_ROUNDING_ULPS = 16;

        /**
         * How far an observed value may exceed {@code bound} and still be consistent with it: the observed side's
         * resolution plus the bound's own rounding ({@link #BOUND_ROUNDING_ULPS}).
         */
        static double allowance(double bound, double observedResolution) {
            return observedResolution + BOUND_ROUNDING_ULPS * Math.ulp(bound);
        }

        /** Significant digits of the values a finding describes. */
        private static final int FORMAT_DIGITS = 6;

        private Evidence.Finding finding = Finding.HOLDS;
        private double margin = 0;
        private String observed = "";
        private String bound = "";
        /**
         * The resolved comparison closest to its bound so far, described only when asked for: a check may make
         * thousands of comparisons, each of which may be the closest when made, and formatting each as it came cost
         * about 6 % of the default audit's CPU (JFR execution samples, 2026-12-01).
         */
        private Comparison closest;

        private record Comparison(Supplier<String> what, double observed, Supplier<String> boundName, double bound,
                double resolution) {

            String describeObserved() {
                return what.get() + " = " + format(observed);
            }

            String describeBound() {
                return boundName.get() + " = " + format(bound) + resolutionNote(resolution);
            }
        }

        /**
         * Adds one comparison; returns false once the claim is refuted, so a check can stop there.
         *
         * @param what a description of the observed side, e.g. {@code max_l |x_l - x(t_l)| at L = 64}
         * @param boundName a description of the bound, e.g. {@code C/L}
         */
        boolean atMost(String what, double observedValue, String boundName, double boundValue,
                Resolution observedResolution) {
            return atMost(() -> what, observedValue, () -> boundName, boundValue, observedResolution);
        }

        /**
         * {@link #atMost(String, double, String, double, Resolution)} with both sides described only if the comparison
         * is ever reported: for comparisons made in a loop over times or layers, whose descriptions name them.
         */
        boolean atMost(Supplier<String> what, double observedValue, Supplier<String> boundName, double boundValue,
                Resolution observedResolution) {
            if (finding == Finding.REFUTED) {
                return false;
            }
            double resolution = allowance(boundValue, observedResolution.value());
            if (Double.isNaN(observedValue) || observedValue > boundValue + resolution) {
                finding = Finding.REFUTED;
                margin = observedValue / (boundValue + resolution);
                // with the digits that show the refutation: until 2026-11-30 false-wasserstein-halved-rate printed
                // "= 0.00100001; claimed: ... = 0.00100001" (0.0010000110 against 0.0010000055)
                int digits = ValueText.digitsToTellApart(observedValue, boundValue, FORMAT_DIGITS);
                observed = what.get() + " = " + format(observedValue, digits);
                bound = boundName.get() + " = " + format(boundValue, digits) + resolutionNote(resolution);
                return false;
            }
            // an infinite bound (overflowed) no value can exceed: the comparison tests nothing
            boolean infinite = boundValue == Double.POSITIVE_INFINITY;
            if (infinite || !(resolution <= RESOLUTION_SHARE * boundValue)) {
                if (finding == Finding.VACUOUS) {
                    return true;
                }
                finding = Finding.VACUOUS;
                observed = what.get() + " = " + format(observedValue)
                        + (infinite ? " cannot be judged: the bound is infinite"
                                : " cannot be judged: its resolution " + format(resolution) + " exceeds "
                                        + format(RESOLUTION_SHARE * 100) + " % of the bound");
                bound = boundName.get() + " = " + format(boundValue);
                return true;
            }
            double ratio = boundValue > 0 ? observedValue / (boundValue + resolution) : 0;
            if (ratio >= margin) {
                margin = ratio;
                closest = new Comparison(what, observedValue, boundName, boundValue, resolution);
            }
            return true;
        }

        /**
         * For comparisons of a quantity with its own earlier value or with an ODE's prediction of its change (a support
         * function, a norm, an inner product): a violation is a share of how far the run moved what they judge, so the
         * instance supports the claim only when {@code motion}, the largest distance the run moved it, resolves
         * {@link #RESOLUTION_SHARE} of itself. A run that barely moved (a horizon of 1e-13) is vacuous, unless already
         * refuted: each of its comparisons was resolved against the quantity's size, and a false claim held there.
         */
        void requireMotion(String what, double motion, Resolution resolution) {
            if (finding == Finding.HOLDS && !(resolution.value() <= RESOLUTION_SHARE * motion)) {
                finding = Finding.VACUOUS;
                observed = what + " = " + format(motion) + " cannot test the claim: its resolution "
                        + format(resolution.value()) + " exceeds " + format(RESOLUTION_SHARE * 100) + " % of it";
                bound = "";
            }
        }

        /**
         * A comparison the theorem does not make, because its hypotheses are not met there (a stage state where the
         * constants are not certified): the instance is vacuous unless another comparison refutes it.
         */
        void notApplicable(String what, String why) {
            if (finding == Finding.HOLDS) {
                finding = Finding.VACUOUS;
                observed = what + " is not judged: " + why;
                bound = "";
            }
        }

        /**
         * Of comparisons {@code observed[k] <= bound[k]} with resolutions {@code resolution[k]}, the index of the one
         * closest to (or furthest past) its bound: NaN first, then the largest observed/(bound + resolution). Judging
         * only it with {@link #atMost} finds what judging each would (when every bound is positive and resolved), at
         * the cost of one description instead of thousands.
         */
        static int closestToBound(double[] observed, double[] bound, double[] resolution) {
            int worst = 0;
            double worstRatio = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < observed.length; k++) {
                if (Double.isNaN(observed[k])) {
                    return k;
                }
                double ratio = observed[k] / (bound[k] + allowance(bound[k], resolution[k]));
                if (ratio > worstRatio) {
                    worstRatio = ratio;
                    worst = k;
                }
            }
            return worst;
        }

        Evidence.Finding finding() {
            return finding;
        }

        /**
         * The refuting comparison's observed/(bound + resolution), or the largest over the resolved ones;
         * NaN for a vacuous instance or one with no comparison.
         */
        double margin() {
            boolean resolved = finding == Finding.REFUTED
                    || finding == Finding.HOLDS && closest != null;
            return resolved ? margin : Double.NaN;
        }

        /** The refuting comparison, the unresolved one, or the one closest to its bound. */
        String observed() {
            return finding != Finding.HOLDS ? observed : closest == null ? "" : closest.describeObserved();
        }

        String bound() {
            return finding != Finding.HOLDS ? bound : closest == null ? "" : closest.describeBound();
        }

        private static String resolutionNote(double resolution) {
            return resolution > 0 ? " (resolution " + format(resolution) + ")" : "";
        }

        static String format(double value) {
            return format(value, FORMAT_DIGITS);
        }

        /**
         * The exact value rounded half-even, as {@link ValueText#digitsToTellApart} rounds it: {@code %g} of the double
         * rounds its shortest decimal half-up, which could print two values that count told apart as one (1.0005 and
         * 1.0006 both "1.001" at four digits: the double nearest 1.0005 lies below it).
         */
        private static String format(double value, int digits) {
            Object rounded = Double.isFinite(value) && value != 0 ? ValueText.rounded(value, digits) : value;
            return String.format(Locale.ROOT, "%." + digits + "g", rounded);
        }
    }

    static Evidence of(Judgement judgement, Map<String, String> constants, List<Figure> figures) {
        return new Evidence(judgement.finding(), judgement.margin(), judgement.observed(), judgement.bound(),
                constants, figures);
    }

    static Evidence vacuous(String why) {
        return new Evidence(Finding.VACUOUS, Double.NaN, why, "", Map.of(), List.of());
    }

    /**
     * A solution the check compared left the region where the certificate holds: the theorem's
     * hypotheses were not discharged, which counts against the claim ({@link Finding#LEFT_REGION}).
     */
    static Evidence leftRegion(String solutions, CertifiedField field) {
        return new Evidence(Finding.LEFT_REGION, Double.POSITIVE_INFINITY,
                solutions + " left the region where the constants are certified",
                "stay in " + field.certificate().region(), ReportedConstants.of(field, Map.of()), List.of());
    }

    /**
     * A run that had not reached its conclusion by the claim's horizon, with no certified violation on the way:
     * not support, and not a refutation either (a slow approach and none look the same in finite time).
     */
    static Evidence inconclusive(String why, String claimed, Map<String, String> constants, List<Figure> figures) {
        return new Evidence(Finding.INCONCLUSIVE, Double.NaN, why, claimed, constants, figures);
    }

    /** Vacuous or inconclusive: the instance counts as a try but neither supports nor refutes the claim. */
    boolean neitherSupportsNorRefutes() {
        return finding == Finding.VACUOUS || finding == Finding.INCONCLUSIVE;
    }

    boolean refutes() {
        return finding == Finding.REFUTED || finding == Finding.LEFT_REGION;
    }
}
