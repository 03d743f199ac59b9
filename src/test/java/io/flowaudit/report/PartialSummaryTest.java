package io.flowaudit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowaudit.input.BadInputException;

import io.flowaudit.verdict.AuditRun;
import io.flowaudit.verdict.ClaimVerdict;
import io.flowaudit.verdict.Counterexample;
import io.flowaudit.verdict.Coverage;
import io.flowaudit.verdict.Distribution;
import io.flowaudit.verdict.Expectation;
import io.flowaudit.verdict.Figure;
import io.flowaudit.verdict.Margins;
import io.flowaudit.verdict.Outcome;
import io.flowaudit.verdict.Rigour;
import io.flowaudit.verdict.RunEnvironment;
import io.flowaudit.verdict.Shard;
import io.flowaudit.verdict.TryBlock;
import io.flowaudit.verdict.TryStatistics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A partial summary keeps every number exactly: what a shard found reads back to the same verdict,
 * infinities, NaNs, absent constants and the last bit of every double included.
 */
class PartialSummaryTest {

    @TempDir
    Path dir;

    /** Cut to its file's max-tries 5 of the 10 000 tries asked: the ceiling must survive the part too. */
    private static final ClaimVerdict.Header HEADER = new ClaimVerdict.Header("c", "properties/c.yaml", "a claim", "Theorem 1",
            "x <= C/L", Expectation.FALSIFIED, Rigour.PROVED, new LinkedHashMap<>(Map.of("dimension", "1..2")), 7, 5,
            new ClaimVerdict.TriesCeiling(5, 10_000), "replay c", "0123abcd");

    private static TryBlock falsifiedBlock() {
        double awkward = 0.1 + 0.2; // 0.30000000000000004: its digits must survive
        Coverage coverage = Coverage.of(Map.of(1, 2L, 2, 1L), Map.of(0, 3L), List.of(Distribution.of(awkward, 1, 2),
                Distribution.of(-0.5, Double.MIN_VALUE, -0.0), Distribution.of(1, 1, 1),
                Distribution.of(0, 1e-300, 3)));
        TryBlock block = new TryBlock(3, 1, 1, 0,
                Margins.Tally.of(Distribution.of(awkward, Double.POSITIVE_INFINITY), 3), coverage,
                TryStatistics.Tally.of(new double[] {2, 0.9, 0.02, awkward}), null, null,
                new TryBlock.Vacuous(2, "error 1e-300 at L = 16 is within a factor 1e6 of the resolution 1e-16"));
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("x0", "[0.5]");
        parameters.put("T", "1");
        block.end(new TryBlock.Ending(3, Outcome.FALSIFIED, new Counterexample("mlp field", parameters,
                "left the region", "stay in the ball", 4, true), new TryBlock.Example(3, Map.of("K", "1.5"), List.of(
                        new Figure.Convergence("errors", List.of(16, 32), List.of(awkward, Double.NaN), -1.0, 1, null,
                                Double.NEGATIVE_INFINITY),
                        new Figure.Perturbation("distances", List.of(1.0, awkward), 0.25, 1.5, -0.5, Double.NaN),
                        new Figure.Curves("curves", "t", "D", false, true, List.of(
                                new Figure.Curve("observed", Figure.Role.OBSERVED, List.of(0.0, awkward),
                                        List.of(awkward, Double.NaN)),
                                new Figure.Curve("bound", Figure.Role.BOUND, List.of(1.0), List.of(2.0))))), Double.NaN,
                "|x_l| at l = 2 = 4.5", "R = 4 (resolution 1e-15)"), null));
        return block;
    }

    private static String summary(AuditRun run) {
        String json = SummaryJson.render(run, "run");
        return json.substring(0, json.indexOf("\"volatile\""));
    }

    private static AuditRun runOf(TryBlock block) {
        return new AuditRun("test", 7, Instant.EPOCH, Duration.ZERO, "machine", Map.of("java", "17"),
                List.of(HEADER.verdict(block, Duration.ZERO)));
    }

    @Test
    void aPartReadsBackToTheSameVerdict() throws IOException {
        PartialSummary part = new PartialSummary("test", 7, Shard.WHOLE, Instant.EPOCH, Duration.ZERO, "machine",
                Map.of("java", "17"), List.of(new PartialSummary.Claim(HEADER, falsifiedBlock(), Duration.ZERO)));
        Path file = part.write(dir);
        AuditRun merged = PartialSummary.merge(List.of(file));
        assertEquals(summary(runOf(falsifiedBlock())), summary(merged));
        // summary.json writes every non-finite number as null: the figures themselves tell NaN from infinity
        assertEquals(runOf(falsifiedBlock()).claims().get(0).figures(), merged.claims().get(0).figures(),
                "the figures read back exactly");
        assertTrue(summary(runOf(falsifiedBlock())).contains("\"triesCeiling\""), "the ceiling is in the summary");
    }

    /** Joined blocks count as one run: a tie for the worst margin keeps the earlier try, and an ended block ends the run. */
    @Test
    void blocksJoinAsTriesInOrder() {
        Margins.Tally oneByOne = new Margins.Tally();
        double[] margins = {0.5, 0.9, 0.9, 0.2};
        for (int i = 0; i < margins.length; i++) {
            oneByOne.add(i + 1, margins[i]);
        }
        Margins.Tally joined = Margins.Tally.of(Distribution.of(0.5, 0.9), 2);
        joined.addAll(Margins.Tally.of(Distribution.of(0.9, 0.2), 3));
        assertEquals(oneByOne.summary(), joined.summary());
        assertEquals(2, joined.summary().worstTry());

        TryBlock ended = falsifiedBlock();
        TryBlock after = new TryBlock(2, 0, 2, 0, Margins.Tally.of(Distribution.of(5, 6), 5), new Coverage(),
                TryStatistics.Tally.of(new double[] {1, 1.5, 0, 4}), null, null, null);
        assertEquals(summary(runOf(falsifiedBlock())), summary(runOf(ended.then(after))),
                "tries after the run's end count for nothing");
        TryBlock unended = new TryBlock(3, 1, 1, 0, Margins.Tally.of(Distribution.of(0.1), 1), new Coverage(),
                TryStatistics.Tally.of(new double[] {2, 0.9, 0.02, 3}), null, null, new TryBlock.Vacuous(3, "vacuous"));
        TryBlock both = unended.then(after);
        assertEquals(5, both.counted());
        assertEquals(1, both.vacuous());
        assertEquals(3, both.proved());
        assertEquals(new Margins(3, 6, 5, 5), both.margins().summary());
        // orders 0.8, 1.0 then 1.5: mean 1.1, squared deviations 0.02 + 0.36 * 2 * 1 / 3 = 0.26
        TryStatistics statistics = both.statistics().summary(both.margins());
        assertEquals(3, statistics.ordered());
        assertEquals(1.1, statistics.order(), 1e-15);
        assertEquals(Math.sqrt(0.26 / 2 / 3), statistics.orderStandardError(), 1e-15);
        assertEquals(4, statistics.fittedConstant());
        TryBlock withoutLadders = new TryBlock(1, 0, 0, 0, Margins.Tally.of(Distribution.of(0.2), 6), new Coverage(),
                new TryStatistics.Tally(), null, null, null);
        assertEquals(4, both.then(withoutLadders).statistics().summary(both.margins()).fittedConstant(),
                "a later block with no ladder keeps the constant");
    }

    /**
     * Times no shard measures: a negative duration is refused at its member, and parts whose times add beyond the
     * nanoseconds a report records (2^63, 292 years), or an instant at the end of time, as bad input naming the parts:
     * until 2026-12-01 each was a stack trace (long overflow, "Instant exceeds minimum or maximum") and exit 1.
     */
    @Test
    void timesBeyondOneRunAreRefused() throws IOException {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        Path one = part(1, Instant.EPOCH, Duration.ofNanos(Long.MAX_VALUE)).write(dir);
        Path two = part(2, Instant.EPOCH, Duration.ofNanos(Long.MAX_VALUE)).write(dir);
        assertTrue(assertThrows(BadInputException.class, () -> PartialSummary.merge(List.of(one, two))).getMessage()
                .contains("the parts' times do not fit one run: the durations of claim 'c' add up to more than 292"
                        + " years"));
        Path early = part(1, Instant.EPOCH, Duration.ofSeconds(1)).write(dir.resolve("times"));
        Path late = part(2, Instant.parse("+1000000000-12-31T23:59:59Z"), Duration.ofSeconds(1))
                .write(dir.resolve("times"));
        assertTrue(assertThrows(BadInputException.class, () -> PartialSummary.merge(List.of(early, late))).getMessage()
                .contains("the parts' times do not fit one run: from the first part's start to the last part's end"));
        ObjectNode negative = (ObjectNode) json.readTree(one.toFile());
        ((ObjectNode) negative.get("claims").get(0)).put("durationNanos", -1);
        Files.writeString(one, json.writeValueAsString(negative));
        assertTrue(assertThrows(BadInputException.class, () -> PartialSummary.merge(List.of(one, two))).getMessage()
                .contains("claims[0].durationNanos: expected a duration in nanoseconds >= 0, found -1"));
    }

    /** A claim that holds over 12 000 tries: more margins and coverage values than a distribution keeps exactly. */
    private static final ClaimVerdict.Header MANY_TRIES = new ClaimVerdict.Header("many", "properties/many.yaml",
            "a claim of many tries", "Theorem 1", "x <= C/L", Expectation.HOLDS, Rigour.OBSERVED, Map.of(), 7, 12_000,
            null, "replay many", "0123abcd");

    /** Tries {@code range} of {@link #MANY_TRIES}: one in ten vacuous, each try's numbers drawn from its own seed. */
    private static TryBlock manyTries(Shard.Range range) {
        TryBlock block = new TryBlock();
        for (int attempt = range.from(); attempt <= range.to(); attempt++) {
            Random random = new Random(attempt);
            boolean vacuous = attempt % 10 == 0;
            block.count(attempt, new Coverage.Sample(1 + random.nextInt(3), Math.exp(4 * random.nextGaussian()),
                    random.nextGaussian(), 1, random.nextDouble(), 0), vacuous ? "vacuous" : null, false, false,
                    vacuous ? Double.NaN : random.nextDouble(), List.of());
        }
        return block;
    }

    /**
     * Three parts of 4 000 tries each keep their values; merged, they hold 10 800 margins and 12 000 values of each
     * coverage quantity, which are kept by bucket: the merge must give the figures one run of 12 000 tries gives.
     */
    @Test
    void partsBeyondTheExactLimitMergeIntoTheFiguresOfOneRun() throws IOException {
        TryBlock whole = manyTries(Shard.WHOLE.range(MANY_TRIES.tries()));
        assertTrue(MANY_TRIES.tries() / 3 <= Distribution.EXACT_LIMIT
                && whole.margins().count() > Distribution.EXACT_LIMIT, "parts exact, the whole run bucketed");
        for (int k = 1; k <= 3; k++) {
            Shard shard = new Shard(k, 3);
            new PartialSummary("test", 7, shard, Instant.EPOCH, Duration.ZERO, "machine", Map.of("java", "17"),
                    List.of(new PartialSummary.Claim(MANY_TRIES, manyTries(shard.range(MANY_TRIES.tries())),
                            Duration.ZERO))).write(dir.resolve("thirds"));
        }
        AuditRun oneRun = new AuditRun("test", 7, Instant.EPOCH, Duration.ZERO, "machine", Map.of("java", "17"),
                List.of(MANY_TRIES.verdict(whole, Duration.ZERO)));
        assertEquals(summary(oneRun), summary(PartialSummary.merge(List.of(dir.resolve("thirds")))));

        Path wholePart = new PartialSummary("test", 7, Shard.WHOLE, Instant.EPOCH, Duration.ZERO, "machine",
                Map.of("java", "17"), List.of(new PartialSummary.Claim(MANY_TRIES, whole, Duration.ZERO)))
                .write(dir.resolve("whole"));
        assertEquals(summary(oneRun), summary(PartialSummary.merge(List.of(wholePart))), "a bucketed part reads back");

        String page = ClaimPage.render(oneRun.claims().get(0));
        assertTrue(page.contains("a real quantity is counted by bucket") && page.contains("(by bucket: the middle try"),
                "the page says which figures are by bucket");
        String fewTries = ClaimPage.render(runOf(falsifiedBlock()).claims().get(0));
        assertFalse(fewTries.contains("by bucket"), "and says nothing of buckets where every value is kept");
    }

    /** A part's buckets are what a distribution of more values than it keeps writes, or the part is refused there. */
    @Test
    void malformedBucketsAreRefusedAtTheirMember() throws IOException {
        Path part = new PartialSummary("test", 7, Shard.WHOLE, Instant.EPOCH, Duration.ZERO, "machine",
                Map.of("java", "17"), List.of(new PartialSummary.Claim(MANY_TRIES,
                        manyTries(Shard.WHOLE.range(MANY_TRIES.tries())), Duration.ZERO))).write(dir);
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        JsonNode good = json.readTree(part.toFile());
        String margins = "/claims/0/block/margins/buckets";
        ObjectNode buckets = (ObjectNode) good.at(margins);
        String firstKey = buckets.fieldNames().next();
        Map<String, Consumer<ObjectNode>> damages = new LinkedHashMap<>();
        damages.put("expected a whole number as the key", b -> b.put("one", 1));
        damages.put("expected a count of at least 1 in each bucket, found 0", b -> b.put(firstKey, 0));
        damages.put("expected buckets only for more than 10000 values", b -> b.removeAll().put(firstKey, 10_000));
        damages.put("expected bucket keys from", b -> b.put(Long.toString(Long.MAX_VALUE), 1));
        damages.put("in the first bucket", b -> b.remove(firstKey));
        for (Map.Entry<String, Consumer<ObjectNode>> damage : damages.entrySet()) {
            JsonNode bad = good.deepCopy();
            damage.getValue().accept((ObjectNode) bad.at(margins));
            Files.writeString(part, json.writeValueAsString(bad));
            String refused = assertThrows(BadInputException.class, () -> PartialSummary.merge(List.of(part)))
                    .getMessage();
            assertTrue(refused.contains("claims[0].block.margins.buckets") && refused.contains(damage.getKey()),
                    refused);
        }
    }

    /** Shard {@code index} of 2 of {@link #HEADER}'s five tries, all counted, the claim taking {@code duration}. */
    private static PartialSummary part(int index, Instant startedAt, Duration duration) {
        Shard shard = new Shard(index, 2);
        Shard.Range range = shard.range(HEADER.tries());
        TryBlock block = new TryBlock();
        for (int attempt = range.from(); attempt <= range.to(); attempt++) {
            block.count(attempt, new Coverage.Sample(1, 1, -1, 1, 0.5, 0), null, false, false, Double.NaN, List.of());
        }
        return new PartialSummary("test", 7, shard, startedAt, Duration.ZERO, "machine", Map.of("java", "17"),
                List.of(new PartialSummary.Claim(HEADER, block, duration)));
    }

    /**
     * A part of no claim, which no shard writes (audit refuses a run of none): until 2026-12-01 merge took it and
     * failed writing the report, with a stack trace and exit 1.
     */
    @Test
    void aPartOfNoClaimIsRefused() throws IOException {
        Path file = new PartialSummary("test", 7, Shard.WHOLE, Instant.EPOCH, Duration.ZERO, "machine",
                Map.of("java", "17"), List.of()).write(dir);
        assertTrue(assertThrows(BadInputException.class, () -> PartialSummary.merge(List.of(file))).getMessage()
                .contains("claims: expected at least one claim: a shard runs every claim of its run"));
    }

    /**
     * A part of shard 1 of a huge count, as {@code --shard 1/999999999} writes it or a count of 2^31 - 1 edited in, is
     * missing its other shards: until 2026-12-01 merge first made an array of the count (out of heap, or a negative
     * length: a stack trace and exit 1).
     */
    @Test
    void aPartOfAHugeShardCountIsRefusedAsMissingShards() throws IOException {
        for (int count : new int[] {999_999_999, Integer.MAX_VALUE}) {
            Path file = new PartialSummary("test", 7, new Shard(1, count), Instant.EPOCH, Duration.ZERO, "machine",
                    Map.of("java", "17"), List.of(new PartialSummary.Claim(HEADER, new TryBlock(), Duration.ZERO)))
                    .write(dir);
            String refused = assertThrows(BadInputException.class, () -> PartialSummary.merge(List.of(file)))
                    .getMessage();
            assertTrue(refused.contains("shards [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21"
                    + " and " + (count - 21) + " more] of " + count + " are missing"), refused);
            Files.delete(file);
        }
    }

    /**
     * A part that is not what a shard writes is bad input naming the file, the line and the member: a count that is
     * no number (Jackson alone reads "many" as 0), a count that does not match the shard's tries, an ending outside
     * them, text where a number belongs and the other way round. None of them may become a verdict.
     */
    @Test
    void aTamperedPartIsRefusedAtItsMember() throws IOException {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        Map<String, Object[]> cases = new LinkedHashMap<>();
        cases.put("claims[0].block.counted: expected a whole number >= 0, found \"many\"",
                new Object[] {"/claims/0/block/counted", "many"});
        cases.put("claims[0].block.counted: expected 3 (tries 1..3 of this shard, up to the one that ended it)",
                new Object[] {"/claims/0/block/counted", 2});
        cases.put("claims[0].block.ending.attempt: expected a try of this shard, 1..5",
                new Object[] {"/claims/0/block/ending/attempt", 6});
        cases.put("claims[0].block: expected vacuous <= counted, inconclusive <= vacuous and proved <= counted -"
                + " vacuous, found 3 counted, 3 vacuous, 0 inconclusive, 1 proved",
                new Object[] {"/claims/0/block/vacuous", 3});
        cases.put("claims[0].block.firstVacuous.attempt: expected one of the tries counted, 1..3",
                new Object[] {"/claims/0/block/firstVacuous/attempt", 4});
        cases.put("claims[0].expected: expected one of [HOLDS, FALSIFIED], found \"HOLDZ\"",
                new Object[] {"/claims/0/expected", "HOLDZ"});
        cases.put("claims[0].title: expected text, found 7", new Object[] {"/claims/0/title", 7});
        cases.put("claims[0].tries: expected a whole number >= 0, found 5.5", new Object[] {"/claims/0/tries", 5.5});
        cases.put("claims[0].block.margins.values[0]: expected a finite number, found \"lots\"",
                new Object[] {"/claims/0/block/margins/values/0", "lots"});
        cases.put("claims[0].block.ending.evidence.figures[0].kind: expected convergence, perturbation or curves",
                new Object[] {"/claims/0/block/ending/evidence/figures/0/kind", "pie"});
        cases.put("startedAt: expected an instant", new Object[] {"/startedAt", "yesterday"});
        // an escape sequence in an id acts on the console of whoever merges: until 2026-12-02 it was printed
        cases.put("claims[0].id: expected a claim id, a file's name without .yaml: not empty, no control character",
                new Object[] {"/claims/0/id", "evil\u001b[2J"});
        // a part of another commit's build (every commit is version 0.1.0-SNAPSHOT): until 2026-12-01 it merged
        cases.put("build: written by another build of flowaudit (0123456789abcdef; this one is "
                + RunEnvironment.build() + ")", new Object[] {"/build", "0123456789abcdef"});
        // per-try data that does not fit the tries counted: until 2026-12-01 a claim that held showed margins of 5
        cases.put("claims[0].block.margins.values: expected at most one margin per try counted, 3",
                new Object[] {"/claims/0/block/margins/values", List.of(5, 5, 5, 5)});
        cases.put("claims[0].block.margins.worstTry: expected one of the tries counted, 1..3",
                new Object[] {"/claims/0/block/margins/worstTry", 99_999});
        cases.put("claims[0].block.coverage.dimensions: expected counts adding up to the tries counted, 3, found 52",
                new Object[] {"/claims/0/block/coverage/dimensions/1", 51});
        cases.put("claims[0].block.coverage.binned[1].values: expected one value per try counted, 3",
                new Object[] {"/claims/0/block/coverage/binned/1/values", List.of(1, 2)});
        PartialSummary part = new PartialSummary("test", 7, Shard.WHOLE, Instant.EPOCH, Duration.ZERO, "machine",
                Map.of("java", "17"), List.of(new PartialSummary.Claim(HEADER, falsifiedBlock(), Duration.ZERO)));
        Path file = part.write(dir);
        JsonNode written = json.readTree(file.toFile());
        for (Map.Entry<String, Object[]> tampered : cases.entrySet()) {
            JsonNode copy = written.deepCopy();
            JsonPointer member = JsonPointer.compile((String) tampered.getValue()[0]);
            JsonNode parent = copy.at(member.head());
            JsonNode value = json.valueToTree(tampered.getValue()[1]);
            if (parent.isArray()) {
                ((com.fasterxml.jackson.databind.node.ArrayNode) parent).set(member.last().getMatchingIndex(), value);
            } else {
                ((ObjectNode) parent).set(member.last().getMatchingProperty(), value);
            }
            Files.writeString(file, json.writeValueAsString(copy));
            BadInputException refused = assertThrows(BadInputException.class, () -> PartialSummary.merge(List.of(file)),
                    tampered.getKey());
            assertTrue(refused.getMessage().matches("\\Q" + file + "\\E:\\d+:\\d+: \\Q" + tampered.getKey() + "\\E.*"),
                    tampered.getKey() + " -> " + refused.getMessage());
        }
        Files.writeString(file, json.writeValueAsString(written).replaceFirst("\"seed\" : 7,", "\"seed\" : 7, \"seed\" : 8,"));
        assertTrue(assertThrows(BadInputException.class, () -> PartialSummary.merge(List.of(file))).getMessage()
                .contains("Duplicate field 'seed'"), "a member given twice");
    }

    /**
     * A claim not run in one shard (the checkpoint absent on that machine) and run in another: until 2026-11-30 the
     * merged verdict was "not run", which passes the gate without --require-model, and the counterexample shard 2 found
     * was dropped (a not-run block ends the run, as a failure does). Parts of machines with different inputs are parts
     * of different runs.
     */
    @Test
    void aClaimNotRunInOneShardAndRunInAnotherIsRefused() {
        ClaimVerdict.Header header = new ClaimVerdict.Header("m", "properties/m.yaml", "a model claim", "Layer updates",
                "u_k <= 1", Expectation.HOLDS, Rigour.OBSERVED, Map.of(), 7, 4, null, "replay m", "0123abcd");
        TryBlock notRun = new TryBlock();
        notRun.end(new TryBlock.Ending(1, Outcome.NOT_RUN, null, null, "model absent — run ./flowaudit fetch-model"));
        TryBlock falsified = new TryBlock(1, 0, 0, 0, Margins.Tally.of(Distribution.of(2), 3), new Coverage(),
                new TryStatistics.Tally(), null, null, null);
        falsified.end(new TryBlock.Ending(3, Outcome.FALSIFIED, new Counterexample("the checkpoint", Map.of("ids",
                "[0]"), "u_0 = 2", "1", 0, false), null, null));
        List<PartialSummary> parts = List.of(
                new PartialSummary("test", 7, new Shard(1, 2), Instant.EPOCH, Duration.ZERO, "without the model",
                        Map.of("java", "17"), List.of(new PartialSummary.Claim(header, notRun, Duration.ZERO))),
                new PartialSummary("test", 7, new Shard(2, 2), Instant.EPOCH, Duration.ZERO, "with the model",
                        Map.of("java", "17"), List.of(new PartialSummary.Claim(header, falsified, Duration.ZERO))));
        BadInputException refused = assertThrows(BadInputException.class, () -> PartialSummary.merge(parts,
                List.of(Path.of("part-1.json"), Path.of("part-2.json"))));
        assertTrue(refused.getMessage().contains("claim 'm' was not run in shard 1 of 2 (model absent")
                && refused.getMessage().contains("but ran in shard 2"), refused.getMessage());
    }
}
