package io.flowaudit.report;

import io.flowaudit.verdict.AuditRun;
import io.flowaudit.verdict.ClaimVerdict;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where the files of one report go: {@code index.html} and {@code summary.json} at the top of the reports directory,
 * and one page per claim inside the run directory.
 *
 * @param run          the audit the report shows
 * @param runDirectory the run directory's name, relative to the reports directory
 * @param entries      each claim with its page's file name, in catalogue order
 */
record ReportLayout(AuditRun run, String runDirectory, List<Entry> entries) {

    static final String INDEX = "index.html";
    static final String SUMMARY = "summary.json";
    /** Claim ids become file names; anything outside this set could be a path separator or need URL escaping. */
    private static final String UNSAFE_IN_FILE_NAMES = "[^A-Za-z0-9._-]+";
    private static final int MAX_NAME_LENGTH = 60;

    /** A claim and its page's file name inside the run directory. */
    record Entry(ClaimVerdict verdict, String pageFile) {
    }

    static ReportLayout of(AuditRun run, String runDirectory) {
        List<Entry> entries = new ArrayList<>();
        List<ClaimVerdict> claims = run.claims();
        for (int i = 0; i < claims.size(); i++) {
            entries.add(new Entry(claims.get(i), pageFile(i, claims.get(i).id())));
        }
        return new ReportLayout(run, runDirectory, List.copyOf(entries));
    }

    /** The catalogue position keeps names unique even when two ids reduce to the same safe name. */
    private static String pageFile(int catalogueIndex, String claimId) {
        String safe = claimId.replaceAll(UNSAFE_IN_FILE_NAMES, "-").toLowerCase(Locale.ROOT);
        if (safe.length() > MAX_NAME_LENGTH) {
            safe = safe.substring(0, MAX_NAME_LENGTH);
        }
        return String.format(Locale.ROOT, "%02d-%s.html", catalogueIndex + 1, safe);
    }
}
