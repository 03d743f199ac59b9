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
public record Evidence(Finding finding, double margin, String observed, String bound, Map<String, String> constants,
        List<Figure> figures, boolean proved) {

    /** Evidence from observed values. */
    public Evidence(Finding finding, double margin, String observed, String bound, Map<String, String> constants,
            List<Figure> figures) {
        this(finding, margin, observed, bound, constants, figures, false);
    }

    /** One outcome per piece of evidence: a vacuous instance is neither support nor refutation. */
    public enum Finding { HOLDS, REFUTED, VACUOUS }

    static Evidence of(Judgement judgement, Map<String, String> constants, List<Figure> figures) {
        return new Evidence(judgement.finding(), judgement.margin(), judgement.observed(), judgement.bound(),
                constants, figures);
    }

    public static Evidence vacuous(String why) {
        return new Evidence(Finding.VACUOUS, Double.NaN, why, "", Map.of(), List.of());
    }

    /**
     * A solution the check compared left the region where the certificate holds: the theorem's
     * hypotheses were not discharged, which counts against the claim (the certificate promised
     * containment for the instance's starts).
     */
    public static Evidence leftRegion(String solutions, CertifiedField field) {
        return new Evidence(Finding.REFUTED, Double.POSITIVE_INFINITY,
                solutions + " left the region where the constants are certified",
                "stay in " + field.certificate().region(), ReportedConstants.of(field, Map.of()), List.of());
    }

    public boolean refutes() {
        return finding == Finding.REFUTED;
    }
}
