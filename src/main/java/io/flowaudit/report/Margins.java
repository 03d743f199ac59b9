package io.flowaudit.report;

import java.util.Locale;

/** How the report judges and words the margin of a claim over its tries. */
final class Margins {

    /**
     * A claim that holds with more than this share of its tries vacuous is weak evidence: most instances could not
     * have refuted it. Documented in reports/README.md.
     */
    static final double WEAK_EVIDENCE_VACUOUS_SHARE = 0.5;

    private Margins() {
    }

    static String percent(double share) {
        return String.format(Locale.ROOT, "%.0f%%", 100 * share);
    }
}
