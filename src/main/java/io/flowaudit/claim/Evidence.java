package io.flowaudit.claim;

import io.flowaudit.field.Certificate;
import io.flowaudit.verdict.Figure;
import java.util.List;
import java.util.Map;

/**
 * What one check of a claim on one instance found.
 *
 * @param holds     the conclusion held (a counterexample when false)
 * @param vacuous   the instance could not test the conclusion (e.g. its errors are below the
 *                  resolution of the reference); it neither supports nor refutes the claim
 * @param observed  the observed value, in words
 * @param bound     the value the theorem bounds it by, in words
 * @param constants the certified constants used
 * @param figures   plot data for the report
 */
public record Evidence(boolean holds, boolean vacuous, String observed, String bound, Map<String, String> constants,
        List<Figure> figures) {

    public static Evidence vacuous(String why) {
        return new Evidence(true, true, why, "", Map.of(), List.of());
    }

    /**
     * A solution the check compared left the region where the certificate holds: the theorem's
     * hypotheses were not discharged, which counts against the claim (the certificate promised
     * containment for the instance's starts).
     */
    public static Evidence leftRegion(String solutions, Certificate certificate) {
        return new Evidence(false, false, solutions + " left the region where the constants are certified",
                "stay in " + certificate.region(), Constants.of(certificate, Map.of()), List.of());
    }
}
