package io.flowaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code audit --shard K/N} and {@code merge} on the command line: exit codes and one-line errors. */
class ShardCommandTest {

    private static final String CLAIM = "properties/uniform-bound-euler-mlp.yaml";

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"0/3", "4/3", "1/0", "3", "a/b", "-1/2", "1/2/3", "99999999999/1"})
    void aBadShardIsRefusedBeforeAnyClaimRuns(String spec) {
        MainTest.Run run = MainTest.run("audit", CLAIM, "--tries", "2", "--shard", spec, "--report",
                dir.resolve("r").toString());
        assertEquals(Main.BAD_INPUT, run.status(), run.err());
        assertTrue(run.err().startsWith("flowaudit: --shard must be K/N with 1 <= K <= N (e.g. 2/3), got '" + spec
                + "'"), run.err());
        assertEquals(1, run.err().lines().count(), run.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"--baseline", "--update-baseline", "--junit-xml"})
    void aShardRefusesGatesThatNeedEveryTry(String gate) {
        MainTest.Run run = MainTest.run("audit", CLAIM, "--tries", "2", "--shard", "1/2", gate,
                dir.resolve("gate.out").toString(), "--report", dir.resolve("r").toString());
        assertEquals(Main.BAD_INPUT, run.status(), run.err());
        assertTrue(run.err().startsWith("flowaudit: --shard writes a partial summary only"), run.err());
        assertFalse(Files.exists(dir.resolve("r")), "nothing ran");
    }

    /**
     * A run may ask for more tries than a claim file may (10^7 against 10^5), to spread over shards: the last shard of
     * a run of ten million, its tries 9 999 998..10 000 000 drawn from their own seeds, runs and writes its part.
     */
    @Test
    void aShardOfTenMillionTriesRunsItsBlock() throws Exception {
        Path part = dir.resolve("last");
        MainTest.Run run = MainTest.runCapturingConsole("audit", CLAIM, "--tries", "10000000", "--shard",
                "3333334/3333334", "--report", part.toString());
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("tries 9999998..10000000: 3 tries counted"), run.out());
        assertTrue(Files.exists(part.resolve("partial-summary-3333334-of-3333334.json")));
        assertEquals(Main.BAD_INPUT, MainTest.run("audit", CLAIM, "--tries", "10000001", "--report",
                dir.resolve("r").toString()).status());
    }

    /** Shard K of 2 of the claim at 4 tries, its partial summary in the directory returned. */
    private Path shardOfFourTries(int shard) {
        Path part = dir.resolve(shard == 1 ? "one" : "two");
        assertEquals(0, MainTest.run("audit", CLAIM, "--tries", "4", "--shard", shard + "/2", "--report", part.toString())
                .status());
        return part;
    }

    @Test
    void shardsWritePartsThatMergeIntoAReport() throws Exception {
        Path one = shardOfFourTries(1);
        Path two = shardOfFourTries(2);
        assertTrue(Files.exists(one.resolve("partial-summary-1-of-2.json")));
        assertFalse(Files.exists(one.resolve("index.html")), "a part is no report");

        MainTest.Run missing = MainTest.run("merge", one.toString(), "--report", dir.resolve("r").toString());
        assertEquals(Main.BAD_INPUT, missing.status());
        assertTrue(missing.err().contains("shards [2] of 2 are missing"), missing.err());
        MainTest.Run nothing = MainTest.run("merge", dir.resolve("none").toString());
        assertEquals(Main.BAD_INPUT, nothing.status());
        assertTrue(nothing.err().contains("no such partial summary or directory"), nothing.err());

        Path reports = dir.resolve("reports");
        MainTest.Run merged = MainTest.run("merge", one.toString(), two.toString(), "--report", reports.toString());
        assertEquals(0, merged.status(), merged.err());
        assertTrue(Files.readString(reports.resolve("summary.json")).contains("\"tries\": 4"));
    }

    /**
     * The merged run is the one that sees every try, so merge takes the gates an unsharded audit takes: until
     * 2026-11-30 it took none, and a sharded nightly audit could not be gated against its baseline.
     */
    @Test
    void mergeGatesTheMergedRunAsAnUnshardedAudit() throws Exception {
        Path baseline = dir.resolve("baseline.json");
        assertEquals(0, MainTest.run("audit", CLAIM, "--tries", "4", "--report", dir.resolve("whole").toString(),
                "--update-baseline", baseline.toString()).status());
        Path one = shardOfFourTries(1);
        Path two = shardOfFourTries(2);
        Path xml = dir.resolve("claims.xml");
        MainTest.Run gated = MainTest.runCapturingConsole("merge", one.toString(), two.toString(), "--report",
                dir.resolve("r").toString(), "--baseline", baseline.toString(), "--junit-xml", xml.toString());
        assertEquals(0, gated.status(), gated.out() + gated.err());
        assertTrue(gated.out().contains("no drift from " + baseline + " (1 of 1 claim compared)"), gated.out());
        assertTrue(Files.readString(xml).contains("classname=\"uniform-bound-euler-mlp\""), Files.readString(xml));

        Path fewer = dir.resolve("fewer.json");
        assertEquals(0, MainTest.run("audit", CLAIM, "--tries", "2", "--report", dir.resolve("two-tries").toString(),
                "--update-baseline", fewer.toString()).status());
        MainTest.Run drifted = MainTest.runCapturingConsole("merge", one.toString(), two.toString(), "--report",
                dir.resolve("r").toString(), "--baseline", fewer.toString());
        assertEquals(1, drifted.status(), drifted.out() + drifted.err());
        assertTrue(drifted.out().contains("moved beyond tolerance"), drifted.out());
    }

    /**
     * A reference budget decides verdicts (a try whose reference runs out of steps is an error), so shards run with
     * different budgets are parts of different runs: until 2026-11-30 their command left the budget out and merge
     * joined them, here into an error at try 3 that the merged report's replay command did not reproduce.
     */
    @Test
    void shardsOfAnotherReferenceBudgetAreRefused() {
        Path one = dir.resolve("one");
        Path two = dir.resolve("two");
        assertEquals(0, MainTest.run("audit", CLAIM, "--tries", "4", "--shard", "1/2", "--report", one.toString())
                .status());
        MainTest.Run starved = MainTest.run("audit", CLAIM, "--tries", "4", "--shard", "2/2", "--report", two.toString(),
                "--max-reference-steps", "3");
        assertEquals(0, starved.status(), starved.err());
        MainTest.Run merged = MainTest.run("merge", one.toString(), two.toString(), "--report",
                dir.resolve("r").toString());
        assertEquals(Main.BAD_INPUT, merged.status(), merged.out());
        assertTrue(merged.err().contains("this part is of another run: its command (java -jar target/flowaudit.jar audit "
                + CLAIM + " --seed 20261123 --tries 4 --max-reference-steps 3) is not the first part's"), merged.err());
        assertFalse(Files.exists(dir.resolve("r").resolve("index.html")), "nothing merged");
    }

    /**
     * The system file a claim names is part of the claim: shards run while it changed (x' = -x/2 + t, then
     * x' = -x/2 + 2t, with the same claim file, so the same statement and hypothesis space in words) audited two ODEs.
     * Until 2026-11-30 merge joined them into one report, "holds (4 tries)" of neither; the parts now carry the
     * SHA-256 of the claim file and the files it reads, and differing ones are parts of another run.
     */
    @Test
    void shardsOfAChangedSystemFileAreRefused() throws Exception {
        Path claims = Files.createDirectories(dir.resolve("claims"));
        Files.writeString(claims.resolve("system.yaml"), "name: lin\nvariables: [x]\nfield:\n  x: -0.5 * x + t\n"
                + "initial:\n  x: 0.3\nhorizon: 1\n");
        Files.writeString(claims.resolve("c.yaml"), "title: a system claim\ntheorem: uniform-bound\nexpect: holds\n"
                + "tries: 4\nladder: [8, 16]\nfield:\n  system: system.yaml\n  constants: {lipschitz: 0.5,"
                + " one-sided-lipschitz: -0.5, bound: 10, time-lipschitz: 2, region-radius: 5}\n");
        String claim = claims.resolve("c.yaml").toString();
        Path one = dir.resolve("one");
        Path two = dir.resolve("two");
        assertEquals(0, MainTest.run("audit", claim, "--shard", "1/2", "--report", one.toString()).status());
        Files.writeString(claims.resolve("system.yaml"), Files.readString(claims.resolve("system.yaml"))
                .replace("+ t", "+ 2 * t"));
        assertEquals(0, MainTest.run("audit", claim, "--shard", "2/2", "--report", two.toString()).status());
        MainTest.Run merged = MainTest.run("merge", one.toString(), two.toString(), "--report",
                dir.resolve("r").toString());
        assertEquals(Main.BAD_INPUT, merged.status(), merged.out());
        assertTrue(merged.err().contains("this part is of another run: its claim 'c' differs in inputsSha256 "),
                merged.err());
        assertFalse(Files.exists(dir.resolve("r").resolve("index.html")), "nothing merged");
    }

    /**
     * A claim file edited between the parts' runs: the error names what differs, the tries here, and only that (until
     * 2026-11-30 it printed both parts' whole headers as Java records, statement and hypothesis space included).
     */
    @Test
    void theErrorForAClaimChangedBetweenPartsNamesWhatDiffers() throws Exception {
        Path claims = Files.createDirectories(dir.resolve("claims"));
        Path claim = claims.resolve("c.yaml");
        Files.writeString(claim, "title: a linear claim\ntheorem: uniform-bound\nexpect: holds\ntries: 4\n"
                + "ladder: [8, 16]\nfield:\n  family: linear\n");
        Path one = dir.resolve("one");
        Path two = dir.resolve("two");
        assertEquals(0, MainTest.run("audit", claim.toString(), "--shard", "1/2", "--report", one.toString()).status());
        Files.writeString(claim, Files.readString(claim).replace("tries: 4", "tries: 5"));
        assertEquals(0, MainTest.run("audit", claim.toString(), "--shard", "2/2", "--report", two.toString()).status());
        MainTest.Run merged = MainTest.run("merge", one.toString(), two.toString(), "--report",
                dir.resolve("r").toString());
        assertEquals(Main.BAD_INPUT, merged.status(), merged.out());
        assertTrue(merged.err().contains("its claim 'c' differs in tries 5 (the first part's: 4); "), merged.err());
        assertFalse(merged.err().contains("Header["), merged.err());
        assertFalse(merged.err().contains("hypothesisSpace"), merged.err());
    }
}
