package io.flowaudit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowaudit.verdict.AuditRun;
import io.flowaudit.verdict.ClaimVerdict;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class SummaryJsonTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void theSameRunGivesByteIdenticalJson() {
        // two equal runs built independently, as two audits with the same seed would build them
        assertEquals(SummaryJson.render(ReportFixtures.auditRun(), "run-a"),
                SummaryJson.render(ReportFixtures.auditRun(), "run-a"));
    }

    @Test
    void timesDurationsAndTheRunDirectoryChangeOnlyTheVolatileObject() throws Exception {
        String first = SummaryJson.render(ReportFixtures.auditRun(), "run-a");
        AuditRun later = ReportFixtures.auditRun(Instant.parse("2027-02-03T04:05:06Z"), Duration.ofMinutes(7),
                Duration.ofMillis(1));
        String second = SummaryJson.render(later, "run-b");

        assertNotEquals(first, second);
        // "volatile" is the last member, so everything before it must match byte for byte
        assertEquals(first.substring(0, first.indexOf("\"volatile\"")),
                second.substring(0, second.indexOf("\"volatile\"")));
        JsonNode varying = MAPPER.readTree(second).get("volatile");
        assertEquals("2027-02-03T04:05:06Z", varying.get("startedAt").asText());
        assertEquals(420, varying.get("durationSeconds").asInt());
        assertEquals("0.001", varying.get("claimDurationSeconds").get("euler-uniform-convergence").asText());
        assertEquals("run-b", varying.get("runDirectory").asText());
    }

    @Test
    void topLevelMembersComeInTheDocumentedOrder() throws Exception {
        JsonNode summary = MAPPER.readTree(SummaryJson.render(ReportFixtures.auditRun(), "run-a"));

        assertEquals(List.of("schemaVersion", "allMetExpectation", "counts", "command", "seed", "machine", "versions",
                "claims", "volatile"), names(summary));
        assertEquals(List.of("id", "file", "title", "theorem", "statement", "expected", "outcome", "metExpectation",
                "tries", "triesToFalsify", "observed", "vacuous", "vacuousShare", "weakEvidence", "rigour", "proved", "inconclusive", "margin", "nearestTry", "seed", "hypothesisSpace", "certifiedConstants", "figures", "coverage",
                "counterexample", "error", "replayCommand", "page"), names(summary.get("claims").get(0)));
    }

    @Test
    void verdictsAndCountsMatchTheRun() throws Exception {
        JsonNode summary = MAPPER.readTree(SummaryJson.render(ReportFixtures.auditRun(), "run-a"));

        assertEquals(SummaryJson.SCHEMA_VERSION, summary.get("schemaVersion").asInt());
        assertEquals(false, summary.get("allMetExpectation").asBoolean());
        JsonNode counts = summary.get("counts");
        assertEquals(List.of(4, 2, 1, 1, 2), List.of(counts.get("claims").asInt(), counts.get("holds").asInt(),
                counts.get("falsified").asInt(), counts.get("error").asInt(), counts.get("metExpectation").asInt()));
        JsonNode claims = summary.get("claims");
        assertEquals("falsified", claims.get(1).get("outcome").asText());
        assertEquals(23, claims.get(1).get("counterexample").get("shrinkSteps").asInt());
        assertEquals("error", claims.get(2).get("outcome").asText());
        assertTrue(claims.get(2).get("error").asText().startsWith("io.flowaudit.field.FieldEvaluationException"));
        assertTrue(claims.get(0).get("counterexample").isNull());
        assertEquals(ReportFixtures.HOSTILE_TITLE, claims.get(3).get("title").asText());
        assertEquals("01-euler-uniform-convergence.html", claims.get(0).get("page").asText());
    }

    /**
     * A claim that holds names its try nearest the bound and that try's comparison; where no figure gives a key figure
     * (until 2026-12-01 ten of the catalogue's claims that hold showed none), the comparison is the claim's "observed".
     */
    @Test
    void aClaimThatHoldsNamesItsNearestTryWhichIsItsKeyFigureWhereNoFigureGivesOne() throws Exception {
        ClaimVerdict.NearestTry nearest = new ClaimVerdict.NearestTry(4, "SA: 1 + min_i <w8, x_i> at t = 39.4 = 1.99",
                "its value at t = 39.6 = 1.99 (resolution 6e-10)");
        ClaimVerdict plotted = ReportFixtures.withNearest(ReportFixtures.eulerConverges(Duration.ZERO), nearest);
        ClaimVerdict unplotted = ReportFixtures.withNearest(ReportFixtures.withoutFigures(plotted), nearest);
        AuditRun base = ReportFixtures.auditRun();
        AuditRun run = new AuditRun(base.command(), base.seed(), base.startedAt(), base.duration(), base.machine(),
                base.versions(), List.of(plotted, unplotted));

        JsonNode claims = MAPPER.readTree(SummaryJson.render(run, "run-a")).get("claims");

        JsonNode nearestTry = claims.get(0).get("nearestTry");
        assertEquals(List.of(4, nearest.observed(), nearest.bound()), List.of(nearestTry.get("try").asInt(),
                nearestTry.get("observed").asText(), nearestTry.get("bound").asText()));
        assertTrue(claims.get(0).get("observed").asText().startsWith("order "), "the figure's key figure first");
        assertEquals(nearest.observed(), claims.get(1).get("observed").asText());
        assertTrue(MAPPER.readTree(SummaryJson.render(ReportFixtures.auditRun(), "run-a")).get("claims").get(1)
                .get("nearestTry").isNull(), "a falsified claim has a counterexample instead");
    }

    @Test
    void figuresKeepTheirDataAndAbsentValuesAreNull() throws Exception {
        JsonNode claims = MAPPER.readTree(SummaryJson.render(ReportFixtures.auditRun(), "run-a")).get("claims");

        JsonNode convergence = claims.get(0).get("figures").get(0);
        assertEquals("convergence", convergence.get("kind").asText());
        assertEquals(8, convergence.get("depths").size());
        assertEquals(0.62, convergence.get("boundConstant").asDouble());
        JsonNode perturbation = claims.get(0).get("figures").get(1);
        assertEquals("perturbation", perturbation.get("kind").asText());
        assertEquals(513, perturbation.get("distances").size());
        JsonNode withoutConstants = claims.get(3).get("figures").get(0);
        assertTrue(withoutConstants.get("boundConstant").isNull());
        assertTrue(withoutConstants.get("leadingConstant").isNull());
    }

    @Test
    void marginsAndVacuousTriesAreNumbers() throws Exception {
        JsonNode claims = MAPPER.readTree(SummaryJson.render(ReportFixtures.auditRun(), "run-a")).get("claims");

        JsonNode holds = claims.get(0);
        assertEquals(12, holds.get("vacuous").intValue());
        assertEquals(0.06, holds.get("vacuousShare").doubleValue());
        assertFalse(holds.get("weakEvidence").booleanValue());
        JsonNode margin = holds.get("margin");
        assertEquals(188, margin.get("judged").intValue());
        assertEquals(0.61, margin.get("worst").doubleValue());
        assertEquals(17, margin.get("worstTry").intValue());
        assertEquals(0.2, margin.get("median").doubleValue());
        JsonNode convergence = holds.get("figures").get(0);
        assertEquals(-0.987, convergence.get("fittedSlope").doubleValue(), "the slope falls with the errors");
        assertEquals(0.987, convergence.get("observedOrder").doubleValue());
        JsonNode errored = claims.get(2).get("margin");
        assertTrue(errored.get("worst").isNull(), "no try judged: no margin");
    }

    @Test
    void modelMapsAreWrittenWithSortedKeys() throws Exception {
        JsonNode claim = MAPPER.readTree(SummaryJson.render(ReportFixtures.auditRun(), "run-a")).get("claims").get(0);

        // given in the order dimension, K, μ, depth L, T
        assertEquals(List.of("K", "T", "depth L", "dimension", "μ"), names(claim.get("hypothesisSpace")));
    }

    @Test
    void numbersAreTheShortestDecimalsThatReadBackExactly() {
        assertEquals("0.1", Json.number(0.1));
        assertEquals("2", Json.number(2.0));
        assertEquals("-0.85", Json.number(-0.85));
        assertEquals("0.3333333333333333", Json.number(1.0 / 3));
        assertEquals("123456", Json.number(123456.0));
        assertEquals("1E-7", Json.number(1e-7));
        assertEquals("1.5E+300", Json.number(1.5e300));
        assertEquals("null", Json.number(Double.NaN));
        assertEquals("null", Json.number(Double.POSITIVE_INFINITY));
        Random random = new Random(42);
        for (int i = 0; i < 10_000; i++) {
            double value = Double.longBitsToDouble(random.nextLong());
            if (Double.isFinite(value)) {
                assertEquals(value, Double.parseDouble(Json.number(value)), () -> Json.number(value));
            }
        }
    }

    @Test
    void stringsWithQuotesAndControlCharactersReadBackUnchanged() throws Exception {
        String awkward = "a \"quoted\" \\ back\tslash\nnew line \u0001 μ ≤ 1";

        assertEquals(awkward, MAPPER.readTree(Json.write(awkward)).asText());
    }

    @Test
    void claimDurationsAreReadBackForTheNextRunsStartOrder(@TempDir Path dir) throws IOException {
        assertEquals(Map.of(), SummaryJson.claimDurations(dir), "no summary");
        Files.writeString(dir.resolve("summary.json"), "{\"claims\": [{\"id\": \"x\", \"volatile\": {\"claimDurationSeconds\":"
                + " {\"x\": 9}}}], \"volatile\": {\"claimDurationSeconds\": {\"a\": 1.5, \"b\": 0.25, \"c\": \"?\"}}}");
        assertEquals(Map.of("a", 1.5, "b", 0.25), SummaryJson.claimDurations(dir));
        Files.writeString(dir.resolve("summary.json"), "{\"claims\": [");
        assertEquals(Map.of(), SummaryJson.claimDurations(dir), "a summary cut short");
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
    /**
     * An index reads each kept run back without the members no row shows (a claim's figures, coverage, words); the
     * filter skips them inside each claim only, so a claim whose id is one of their names keeps its duration, and
     * every row reads back as from the whole document.
     */
    @Test
    void aKeptRunReadsBackItsRowsWhateverItsClaimsAreCalled(@TempDir Path dir) throws IOException {
        String rendered = SummaryJson.render(ReportFixtures.auditRun(), "run-a")
                .replace("\"euler-uniform-convergence\"", "\"figures\"");
        Path file = dir.resolve("summary.json");
        Files.writeString(file, rendered);

        KeptRuns.Run run = SummaryJson.read(file, "run-a");
        KeptRuns.Row renamed = run.claims().stream().filter(row -> row.id().equals("figures")).findFirst().orElseThrow();
        assertEquals(MAPPER.readTree(rendered).get("volatile").get("claimDurationSeconds").get("figures").asDouble(),
                renamed.durationSeconds());
        assertEquals(SummaryJson.read(rendered, "run-a"), run);
    }
}
