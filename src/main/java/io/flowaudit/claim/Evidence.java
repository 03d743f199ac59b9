package io.flowaudit.claim;

import io.flowaudit.field.CertifiedField;
import io.flowaudit.verdict.Figure;
import java.util.List;
import java.util.Map;

/**
 * What one check of a claim on one instance found.
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
    enum Finding { HOLDS, REFUTED, VACUOUS, INCONCLUSIVE }

    static Evidence of(Judgement judgement, Map<String, String> constants, List<Figure> figures) {
        return new Evidence(judgement.finding(), judgement.margin(), judgement.observed(), judgement.bound(),
                constants, figures);
    }

    static Evidence vacuous(String why) {
        return new Evidence(Finding.VACUOUS, Double.NaN, why, "", Map.of(), List.of());
    }

    /**
     * A solution the check compared left the region where the certificate holds: the theorem's
     * hypotheses were not discharged, which counts against the claim (the certificate promised
     * containment for the instance's starts).
     */
    static Evidence leftRegion(String solutions, CertifiedField field) {
        return new Evidence(Finding.REFUTED, Double.POSITIVE_INFINITY,
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
        return finding == Finding.REFUTED;
    }
}
