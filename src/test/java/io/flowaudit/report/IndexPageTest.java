package io.flowaudit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.flowaudit.verdict.AuditRun;
import io.flowaudit.verdict.ClaimVerdict;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexPageTest {

    private static final Pattern CLAIM_LINK = Pattern.compile("<a href=\"(run-[a-z]+)/\\d\\d-[^\"]+\"[^>]*>([^<]*)</a>");

    private final String index = IndexPage.latest(List.of(kept(ReportFixtures.auditRun(), "run-x")));

    @Test
    void claimsThatMissedTheirExpectationComeFirstInCatalogueOrder() {
        List<String> titles = CLAIM_LINK.matcher(index).results().map(match -> match.group(2)).toList();

        assertEquals(List.of(
                "Softmax attention trajectories stay in the certified ball",
                "&lt;script&gt;alert(1)&lt;/script&gt;",
                "Euler layers converge uniformly at rate 1/L",
                "Contractive dynamics make perturbations decay across layers at every depth"), titles);
    }

    @Test
    void theHeaderTellsHowToReproduceTheRun() {
        assertTrue(index.contains("./flowaudit audit --seed 4242 properties/"));
        assertTrue(index.contains("2026-11-23 07:22:33 UTC"));
        assertTrue(index.contains("Linux 6.1 amd64, 2 cores, Java 17.0.15"));
        assertTrue(index.contains("apfloat 1.16.0 · flowaudit 0.1.0-SNAPSHOT · java 17.0.15 · jqwik 1.10.1"));
        assertTrue(index.contains("2 of 4 claims did not meet their expectation"));
        assertTrue(index.contains("href=\"run-x/theory.html\""));
    }

    @Test
    void eachRowIsOneLineOfVerdictObservedFigureTriesAndTimeWithoutTheHypothesisSpace() {
        String falsifiedRow = row("Contractive dynamics");

        for (String cell : List.of("class=\"badge falsified\"", ">falsified<", "|x_4 − y_4| = 12.96",
                ">0 of 13<", ">2.1 s<")) {
            assertTrue(falsifiedRow.contains(cell), cell);
        }
        assertFalse(falsifiedRow.contains("depth L"), "the hypothesis space is on the claim page");
        assertTrue(row("Euler layers converge").contains("order 0.987 (claimed 1)"));
    }

    @Test
    void eachRowShowsTheMarginAcrossTriesAndTheVacuousShare() {
        String holds = row("Euler layers converge");

        for (String cell : List.of(">0.61<", "title=\"at try 17\"", ">0.2<", ">12 of 200 (6%)<")) {
            assertTrue(holds.contains(cell), cell);
        }
        assertTrue(row("Contractive dynamics").contains("class=\"number past\" title=\"at try 7\">1.8<"),
                "a margin past 1 stands out");
    }

    @Test
    void aClaimThatHoldsOnMostlyVacuousTriesIsWeakEvidenceNotPlainGreen() {
        ClaimVerdict claim = ReportFixtures.eulerConverges(Duration.ZERO);
        ClaimVerdict mostlyVacuous = new ClaimVerdict(claim.id(), claim.file(), claim.title(), claim.theorem(),
                claim.statement(), claim.expected(), claim.outcome(), 60, 0, 42, claim.margins(), claim.seed(),
                claim.duration(), claim.hypothesisSpace(), claim.certifiedConstants(), claim.figures(),
                claim.coverage(), null, null, claim.replayCommand(), claim.statistics());
        AuditRun run = ReportFixtures.auditRun();

        String weak = IndexPage.latest(List.of(kept(new AuditRun(run.command(), run.seed(), run.startedAt(),
                run.duration(), run.machine(), run.versions(), List.of(mostlyVacuous)), "run-x")));

        assertTrue(weak.contains("class=\"badge weak\">holds · weak evidence<"));
        assertFalse(weak.contains("class=\"badge holds\""));
        assertTrue(weak.contains(">42 of 60 (70%)<"));
    }

    @Test
    void theLatestResultOfEachClaimIsShownAndEveryRunIsListed() throws JsonProcessingException {
        AuditRun full = ReportFixtures.auditRun();
        AuditRun later = new AuditRun("./flowaudit audit properties/one.yaml", 1L, Instant.parse("2026-11-24T00:00:00Z"),
                Duration.ofSeconds(1), full.machine(), full.versions(), List.of(full.claims().get(1)));

        String merged = IndexPage.latest(List.of(kept(later, "run-later"), kept(full, "run-full")));

        List<String> runOfEachRow = CLAIM_LINK.matcher(merged).results().map(match -> match.group(1)).toList();
        assertEquals(4, runOfEachRow.size(), "every claim of the full run is still there");
        assertEquals(1, runOfEachRow.stream().filter("run-later"::equals).count());
        assertTrue(merged.contains("href=\"run-later/index.html\""));
        assertTrue(merged.contains("href=\"run-full/index.html\""));
        assertTrue(merged.contains("rm -r reports/run-"), "says how to prune");
        // a row of the earlier run says which run it is from, with what replays it (until 2026-11-30 only the date)
        assertTrue(merged.matches("(?s).*<a href=\"run-full/[^\"]+\" title=\"[^\"]* · from the run of"
                + " 2026-11-23 07:22:33 UTC \\(seed 4242, \\d+ tries?\\)\">.*"));
        // the header's run is the latest, whose command reproduces only its own rows
        assertTrue(merged.contains("<dt>Run</dt><dd>2026-11-24 00:00:00 UTC (the latest run: 1 of the 4 claims below)</dd>"));
        assertTrue(merged.contains("<dt>Reproduce the latest run</dt><dd><pre><code>./flowaudit audit properties/one.yaml</code>"));
        assertFalse(index.contains("(the latest run:") || index.contains("Reproduce the latest run"),
                "an index of one run says nothing of the kind");
    }

    /**
     * A claim file edited after its last run (here its expectation turned to holds) keeps that run's verdict in the
     * index until it runs again: the row says that verdict is of an older file. Until 2026-11-30 the index said "All 2
     * claims met their expectation" with the old verdict, marked only as from an earlier run.
     */
    @Test
    void aVerdictOfAClaimFileChangedSinceItsRunIsMarkedAsOfAnOlderFile(@TempDir Path directory) throws IOException {
        Path file = Files.writeString(directory.resolve("decay.yaml"), "expect: holds\n");
        ClaimVerdict claim = ReportFixtures.decayAtEveryDepth(Duration.ZERO);
        ClaimVerdict ofTheFile = new ClaimVerdict(claim.id(), file.toString(), claim.title(), claim.theorem(),
                claim.statement(), claim.expected(), claim.outcome(), claim.tries(), claim.triesToFalsify(),
                claim.vacuous(), claim.margins(), claim.seed(), claim.duration(), claim.hypothesisSpace(),
                claim.certifiedConstants(), claim.figures(), claim.coverage(), claim.counterexample(), claim.error(),
                claim.replayCommand(), claim.statistics());
        AuditRun run = ReportFixtures.auditRun();
        KeptRuns.Run kept = kept(new AuditRun(run.command(), run.seed(), run.startedAt(), run.duration(), run.machine(),
                run.versions(), List.of(ofTheFile)), "run-x");

        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-11-23T07:00:00Z")));
        String unchanged = IndexPage.latest(List.of(kept));
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-11-23T08:00:00Z")));
        String changed = IndexPage.latest(List.of(kept));

        assertFalse(unchanged.contains("older claim file"), "a file last modified before its run");
        assertTrue(unchanged.contains("The claim met its expectation</p>"));
        assertTrue(changed.contains("The claim met its expectation; 1 from a claim file changed since its run</p>"));
        assertTrue(changed.contains("<span class=\"unmet-label\" title=\"" + file + " was modified at 2026-11-23 08:00:00"
                + " UTC, after the run of 2026-11-23 07:22:33 UTC: this verdict is of the file as it was then; audit it"
                + " again for its current one\"> · of an older claim file</span>"), "the row");
    }

    @Test
    void hostileStringsAreShownAsText() {
        assertFalse(index.contains("<script"));
        assertFalse(index.contains("<b>id"));
        assertTrue(index.contains("hostile-&lt;b&gt;id&lt;/b&gt;"));
    }

    private String row(String titleStart) {
        String row = index.substring(index.indexOf(titleStart));
        return row.substring(0, row.indexOf("</tr>"));
    }

    private static KeptRuns.Run kept(AuditRun run, String directory) {
        try {
            return SummaryJson.read(SummaryJson.render(run, directory), directory);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
