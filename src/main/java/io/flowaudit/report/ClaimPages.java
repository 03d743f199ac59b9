package io.flowaudit.report;

import io.flowaudit.verdict.ClaimVerdict;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Claim pages rendered ahead of the report, each as soon as its claim's verdict is in: the audit renders a page on
 * the worker that ran the claim, beside the claims still running, instead of rendering every page (charts most of
 * the report's time) after the last claim, while the processors have nothing else to do. A page depends on its
 * verdict alone, so a page rendered ahead is the page {@link ReportWriter} would render; safe to fill from several
 * threads.
 */
public final class ClaimPages {

    /** By the verdict object itself: a page is only ever the rendering of that very verdict. */
    private final Map<ClaimVerdict, String> rendered = Collections.synchronizedMap(new IdentityHashMap<>());

    /** Renders the page of {@code verdict} now, for the report to take. */
    public void render(ClaimVerdict verdict) {
        rendered.put(verdict, ClaimPage.render(verdict));
    }

    /** The page of {@code verdict}: the one rendered ahead, else rendered now. */
    String page(ClaimVerdict verdict) {
        String page = rendered.get(verdict);
        return page != null ? page : ClaimPage.render(verdict);
    }
}
