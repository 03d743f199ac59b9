package io.flowaudit.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowaudit.claim.Scheduler;
import io.flowaudit.claim.Claim;
import io.flowaudit.report.PartialSummary;
import io.flowaudit.report.ReportWriter;
import io.flowaudit.report.SummaryJson;
import io.flowaudit.verdict.AuditRun;
import io.flowaudit.verdict.ClaimVerdict;
import io.flowaudit.verdict.Outcome;
import io.flowaudit.verdict.Shard;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A claim file's {@code max-tries} bounds the tries a run asks of that claim ({@code --tries N}), and only that
 * claim's; it never cuts the file's own tries; and a claim that ran fewer tries than asked says so on its
 * console line, its page and in summary.json, with the same instances and numbers as a run that asked for no more.
 */
class TriesCeilingTest {

    private static final String CEILING_JSON = "\n      \"triesCeiling\": {\n        \"maxTries\": 4,\n        \"asked\": 10\n      },";

    @TempDir
    Path dir;

    private Path claimFile(String name, String tries) throws IOException {
        return Files.writeString(dir.resolve(name + ".yaml"), ClaimFixtures.SMALL_MLP.replace("tries: 3", tries));
    }

    private static String withoutVolatile(AuditRun run) {
        String json = SummaryJson.render(run, "run");
        return json.substring(0, json.indexOf("\"volatile\""));
    }

    @Test
    void theCeilingCutsWhatTheRunAsksAndEveryReportSaysSo() throws IOException {
        List<Claim> claims = Claim.readAll(ClaimCatalogue.read(List.of(claimFile("capped", "tries: 3\nmax-tries: 4"),
                claimFile("free", "tries: 3"))));
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Scheduler audit = new Scheduler(Scheduler.DEFAULT_SEED, 10, 2,
                new PrintStream(log, true, StandardCharsets.UTF_8));
        AuditRun run = audit.run(claims, "test");
        ClaimVerdict capped = run.claims().get(0);
        ClaimVerdict free = run.claims().get(1);

        assertEquals(Outcome.HOLDS, capped.outcome());
        assertEquals(4, capped.tries(), "at most its max-tries");
        assertEquals(new ClaimVerdict.TriesCeiling(4, 10), capped.ceiling());
        assertEquals(10, free.tries(), "the other claim runs what was asked");
        assertNull(free.ceiling());

        String console = log.toString(StandardCharsets.UTF_8);
        assertTrue(console.contains("10 tries each (fewer for 1 claim: their files' max-tries)"), console);
        assertTrue(capped.line().contains("(4 tries, 1 vacuous) [at most 4 of 10 tries asked: its file's max-tries]"),
                capped.line());
        assertFalse(free.line().contains("max-tries"), free.line());
        assertTrue(capped.replayCommand().endsWith("--tries 4"), "the replay runs what ran: " + capped.replayCommand());

        String summary = withoutVolatile(run);
        assertEquals(1, summary.split("\"triesCeiling\"", -1).length - 1, summary);
        assertTrue(summary.contains(CEILING_JSON), summary);

        ReportWriter.write(run, dir.resolve("report"));
        try (Stream<Path> files = Files.walk(dir.resolve("report"))) {
            Path page = files.filter(f -> f.getFileName().toString().endsWith("-capped.html")).findFirst().orElseThrow();
            assertTrue(Files.readString(page).contains("<dd>4 (at most 4 of 10 tries asked: its file"),
                    "the page says the claim was cut");
        }
    }

    /** Cut to 4, the claim draws and finds exactly what a run asking for 4 does: only the note differs. */
    @Test
    void aCutRunIsTheRunOfItsCeiling() throws IOException {
        List<Claim> claims = Claim.readAll(ClaimCatalogue.read(List.of(claimFile("capped",
                "tries: 3\nmax-tries: 4"))));
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
        String cut = withoutVolatile(new Scheduler(Scheduler.DEFAULT_SEED, 10, 1, quiet).run(claims, "test"));
        String asked = withoutVolatile(new Scheduler(Scheduler.DEFAULT_SEED, 4, 1, quiet).run(claims, "test"));
        assertTrue(cut.contains(CEILING_JSON), cut);
        assertEquals(asked, cut.replace(CEILING_JSON, ""));
    }

    /** Shards split the tries that run, not those asked, and merge into the unsharded run, ceiling and all. */
    @Test
    void shardsOfACutRunMergeIntoTheCutRun() throws IOException {
        List<Path> files = List.of(claimFile("capped", "tries: 3\nmax-tries: 4"));
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
        Scheduler audit = new Scheduler(Scheduler.DEFAULT_SEED, 10, 1, quiet);
        String whole = withoutVolatile(ClaimCatalogue.run(files, audit));
        Path parts = dir.resolve("parts");
        for (int k = 1; k <= 3; k++) {
            ClaimCatalogue.runShard(files, audit, new Shard(k, 3)).write(parts);
        }
        assertEquals(whole, withoutVolatile(PartialSummary.merge(List.of(parts))));
    }

    /** Without --tries, or asking for fewer, the ceiling changes nothing and is not mentioned. */
    @Test
    void theFilesOwnTriesAndFewerAreNeverCut() throws IOException {
        Claim claim = ClaimCatalogue.read(claimFile("capped", "tries: 3\nmax-tries: 4"));
        assertEquals(3, claim.triesWhenAsked(claim.tries()));
        assertEquals(2, claim.triesWhenAsked(2));
        assertEquals(4, claim.triesWhenAsked(4));
        assertNull(claim.header(Scheduler.DEFAULT_SEED, 4, "replay").ceiling(), "asked for no more than the ceiling");
        assertEquals(new ClaimVerdict.TriesCeiling(4, 5), claim.header(Scheduler.DEFAULT_SEED, 5, "replay").ceiling());
        Claim unbounded = ClaimCatalogue.read(claimFile("unbounded", "tries: 100000"));
        assertEquals(2, unbounded.triesWhenAsked(2), "--tries still bounds a file's own tries");
    }
}
