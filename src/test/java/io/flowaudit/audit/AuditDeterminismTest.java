package io.flowaudit.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowaudit.claim.Scheduler;
import io.flowaudit.claim.Claim;
import io.flowaudit.input.BadInputException;
import io.flowaudit.report.PartialSummary;
import io.flowaudit.report.SummaryJson;
import io.flowaudit.verdict.AuditRun;
import io.flowaudit.verdict.ClaimVerdict;
import io.flowaudit.verdict.Outcome;
import io.flowaudit.verdict.Shard;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same seed gives the same verdicts, counterexamples and numbers: two audits of the same claims
 * with one seed render the same summary.json, byte for byte, outside its volatile member — on one
 * thread or several, and split into shards whose partial summaries are merged, since each try has its
 * own seed.
 */
class AuditDeterminismTest {

    private static final List<Path> CLAIMS = List.of(Path.of("properties/false-layer-decay-every-depth.yaml"),
            Path.of("properties/uniform-bound-euler-mlp.yaml"), Path.of("properties/false-euler-order-2.yaml"));

    /**
     * A claim falsified late (at {@link #SHARDED_SEED}, at try 37: in the second of three shards of 75 tries, so the
     * first shard counts whole and the third, which fails too, not at all), one falsified at once, one that holds with
     * vacuous tries, and one that draws depths.
     */
    private static final List<Path> SHARDED = List.of(Path.of("properties/false-layer-decay-every-depth.yaml"),
            Path.of("properties/false-token-norms-without-layernorm.yaml"),
            Path.of("properties/uniform-bound-euler-linear.yaml"), Path.of("properties/layer-perturbation-mlp.yaml"));
    private static final int SHARDED_TRIES = 75;
    /** A seed at which the first claim of {@link #SHARDED} first fails in the middle shard (the default's fails later). */
    private static final long SHARDED_SEED = 5;

    @TempDir
    Path dir;

    /**
     * The one-thread summary of {@link #CLAIMS} at seed 7, run once for the tests that compare another run with it
     * (each comparison still runs its other side afresh).
     */
    private static final class SeedSevenOnOneThread {
        static final String SUMMARY = summaryWithoutVolatile(7, 1);
    }

    private static Scheduler audit(long seed, Integer tries, int threads) {
        return new Scheduler(seed, tries, threads, new PrintStream(new ByteArrayOutputStream()));
    }

    private static String withoutVolatile(AuditRun run) {
        String json = SummaryJson.render(run, "run");
        return json.substring(0, json.indexOf("\"volatile\""));
    }

    private static String summaryWithoutVolatile(long seed, int threads) {
        return summaryWithoutVolatile(audit(seed, 20, threads));
    }

    private static String summaryWithoutVolatile(Scheduler audit) {
        return withoutVolatile(ClaimCatalogue.run(CLAIMS, audit));
    }

    /** Shards 1..count of a run, each written as its partial summary into {@code into}. */
    private static void writeShards(List<Path> claims, long seed, int count, Path into) throws IOException {
        for (int k = 1; k <= count; k++) {
            ClaimCatalogue.runShard(claims, audit(seed, SHARDED_TRIES, 2), new Shard(k, count))
                    .write(into);
        }
    }

    @Test
    void aSeedReplaysTheSameSummary() {
        String first = SeedSevenOnOneThread.SUMMARY;
        assertEquals(first, summaryWithoutVolatile(7, 1));
        assertNotEquals(first, summaryWithoutVolatile(7 + 1, 1), "another seed explores other instances");
    }

    /**
     * Nor does the order claims start in: here the catalogue's last claim first ({@link StartOrder}); with six threads
     * the three claims run side by side, each checking its tries on two workers.
     */
    @Test
    void threadsAndStartOrderDoNotChangeTheSummary() {
        Map<String, Double> lastLongest = Map.of("false-layer-decay-every-depth", 1.0, "uniform-bound-euler-mlp", 2.0,
                "false-euler-order-2", 3.0);
        assertEquals(SeedSevenOnOneThread.SUMMARY, summaryWithoutVolatile(audit(7, 20, 6)
                .startingLongestFirst(lastLongest)));
    }

    @Test
    void mergedShardsGiveTheSummaryOfOneRun() throws IOException {
        AuditRun whole = ClaimCatalogue.run(SHARDED, audit(SHARDED_SEED, SHARDED_TRIES, 1));
        String expected = withoutVolatile(whole);
        ClaimVerdict late = whole.claims().get(0);
        Shard.Range firstShard = new Shard(1, 3).range(SHARDED_TRIES);
        assertEquals(Outcome.FALSIFIED, late.outcome());
        assertTrue(late.triesToFalsify() > firstShard.to() && late.triesToFalsify() <= 2 * SHARDED_TRIES / 3,
                "the run's first failure lies in the second shard, at try " + late.triesToFalsify());
        assertTrue(late.counterexample().shrinkSteps() > 0, "the counterexample was shrunk");

        assertEquals(expected, withoutVolatile(ClaimCatalogue.run(SHARDED, audit(SHARDED_SEED, SHARDED_TRIES, 2))),
                "two threads");
        writeShards(SHARDED, SHARDED_SEED, 3, dir);
        assertEquals(expected, withoutVolatile(PartialSummary.merge(List.of(dir))), "shards 1/3, 2/3, 3/3 merged");
    }

    @Test
    void shardsOfOtherRunsOrMissingShardsAreRefused() throws IOException {
        List<Path> claims = List.of(Path.of("properties/uniform-bound-euler-mlp.yaml"));
        Path run = Files.createDirectories(dir.resolve("run"));
        writeShards(claims, 7, 2, run);
        Path one = run.resolve("partial-summary-1-of-2.json");
        Path two = run.resolve("partial-summary-2-of-2.json");
        assertRefused(List.of(one), "shards [2] of 2 are missing");
        // a copy of a part is a repeated shard; the same file named twice is read once (InputPaths, since 9c54ebf)
        Path copy = Files.copy(one, Files.createDirectories(dir.resolve("copy")).resolve("partial-summary-1-of-2.json"));
        assertRefused(List.of(one, copy, two), "shard 1/2 is given twice");
        assertEquals(SHARDED_TRIES, PartialSummary.merge(List.of(one, one, two)).claims().get(0).tries());

        Path otherSeed = Files.createDirectories(dir.resolve("seed"));
        writeShards(claims, 8, 2, otherSeed);
        assertRefused(List.of(one, otherSeed.resolve("partial-summary-2-of-2.json")), "its seed (8)");

        List<Path> otherFiles = List.of(Path.of("properties/flow-one-sided-linear.yaml"));
        Path otherCommand = Files.createDirectories(dir.resolve("command"));
        writeShards(otherFiles, 7, 2, otherCommand);
        assertRefused(List.of(one, otherCommand.resolve("partial-summary-2-of-2.json")), "its command");

        // the same command over other claims (a directory whose files changed between the shards' runs)
        Path otherClaims = Files.createDirectories(dir.resolve("claims"));
        for (int k = 1; k <= 2; k++) {
            audit(7, SHARDED_TRIES, 2).runShard(Claim.readAll(ClaimCatalogue.read(otherFiles)),
                    Scheduler.command(claims, 7, SHARDED_TRIES), new Shard(k, 2)).write(otherClaims);
        }
        assertRefused(List.of(one, otherClaims.resolve("partial-summary-2-of-2.json")), "its claims");

        Path otherCount = Files.createDirectories(dir.resolve("count"));
        writeShards(claims, 7, 3, otherCount);
        assertRefused(List.of(one, otherCount.resolve("partial-summary-2-of-3.json")), "its shard count (3)");

        Path otherVersion = dir.resolve("partial-summary-2-of-2.json");
        Files.writeString(otherVersion, Files.readString(two).replaceFirst("\"java\" : \"[^\"]*\"",
                "\"java\" : \"1.0\""));
        assertRefused(List.of(one, otherVersion), "its versions");

        Path notPartial = Files.writeString(dir.resolve("summary.json"), "{\"schemaVersion\": 2}");
        assertRefused(List.of(one, notPartial), "not a partial summary");
        Path truncated = Files.writeString(dir.resolve("cut.json"), Files.readString(two).replace("\"counted\"",
                "\"uncounted\""));
        assertRefused(List.of(one, truncated), "missing \"counted\"");
    }

    private static void assertRefused(List<Path> parts, String fragment) {
        BadInputException e = assertThrows(BadInputException.class, () -> PartialSummary.merge(parts));
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }

    @Test
    void shardsSplitTheTriesIntoConsecutiveBlocks() {
        int next = 1;
        for (int k = 1; k <= 7; k++) {
            Shard.Range range = new Shard(k, 7).range(20);
            assertEquals(next, range.from(), "shard " + k + " starts where the last ended");
            next = range.to() + 1;
        }
        assertEquals(21, next, "the shards cover tries 1..20");
        assertEquals(0, new Shard(2, 3).range(1).size(), "more shards than tries leaves some empty");
    }
}
