package io.flowaudit.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowaudit.baseline.Baseline;
import io.flowaudit.baseline.Drift;
import io.flowaudit.claim.Scheduler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowaudit.claim.Claim;
import io.flowaudit.model.Checkpoint;
import io.flowaudit.report.JunitXml;
import io.flowaudit.report.ReportWriter;
import io.flowaudit.verdict.AuditRun;
import io.flowaudit.verdict.ClaimVerdict;
import io.flowaudit.verdict.Outcome;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A claim whose input is absent (the real checkpoint before {@code ./flowaudit fetch-model}) is reported not run in
 * the console, summary.json, the index and JUnit XML: never a pass, counted apart, and failing the gate only when
 * the model is required.
 */
class NotRunTest {

    @Test
    void aClaimWithAnAbsentInputIsNotRunAndNeverAPass(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("present.yaml"), ClaimFixtures.SMALL_MLP);
        Files.writeString(dir.resolve("absent.yaml"), ClaimFixtures.SMALL_MLP);
        Claim present = ClaimCatalogue.read(dir.resolve("present.yaml"));
        Claim absent = ClaimCatalogue.read(dir.resolve("absent.yaml")).withAbsentInput(Checkpoint.ABSENT);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Scheduler audit = new Scheduler(1, null, 1, new PrintStream(log, true, StandardCharsets.UTF_8));
        AuditRun run = audit.run(List.of(present, absent), "audit");

        ClaimVerdict notRun = run.claims().get(1);
        assertEquals(Outcome.NOT_RUN, notRun.outcome());
        assertEquals(0, notRun.tries());
        assertFalse(notRun.metExpectation());
        assertTrue(run.claims().get(0).metExpectation());
        assertTrue(run.passes(false));
        assertFalse(run.passes(true), "--require-model makes absence fail the gate");
        assertFalse(run.allMetExpectation());

        String console = log.toString(StandardCharsets.UTF_8);
        assertTrue(console.contains("not run: model absent — run ./flowaudit fetch-model [expected holds]"), console);
        assertFalse(console.contains("FAIL"), console);
        assertTrue(console.contains("1 of 2 claims met their expectation, 1 not run"), console);

        Path index = ReportWriter.write(run, dir.resolve("reports"));
        JsonNode summary = new ObjectMapper().readTree(index.resolveSibling("summary.json").toFile());
        assertEquals(1, summary.get("counts").get("not-run").asInt());
        assertEquals(1, summary.get("counts").get("metExpectation").asInt());
        assertFalse(summary.get("allMetExpectation").asBoolean());
        JsonNode claim = summary.get("claims").get(1);
        assertEquals("not-run", claim.get("outcome").asText());
        assertEquals(Checkpoint.ABSENT, claim.get("error").asText());
        String html = Files.readString(index);
        assertTrue(html.contains("1 not run (model absent: run ./flowaudit fetch-model)"), html);

        String xml = JunitXml.render(run, Map.of(), false);
        assertTrue(xml.contains("skipped=\"1\"") && xml.contains("failures=\"0\"") && xml.contains("errors=\"0\""), xml);
        assertTrue(xml.contains("<skipped message=\"not run: model absent"), xml);
        // under --require-model the run exits 1 for it, and the XML says so (until 2026-11-30: skipped, no failure)
        String required = JunitXml.render(run, Map.of(), true);
        assertTrue(required.contains("skipped=\"0\"") && required.contains("failures=\"0\"")
                && required.contains("errors=\"1\""), required);
        assertTrue(required.contains("<error type=\"not-run\" message=\"not run: model absent"), required);
    }

    /**
     * A claim not run keeps its baseline entry and is "in the baseline but not run", as a claim the run left out: until
     * 2026-11-30 the baseline recorded it as verdict "not-run", which its own reader refuses (every later --baseline
     * run was exit 2) and which replaced the entry a run with the model had recorded; and compared with that entry it
     * was drift "holds to not-run", failing a gate that README says a claim not run does not fail without
     * --require-model (the engine's test too, instead of being skipped).
     */
    @Test
    void aClaimNotRunKeepsItsBaselineEntryAndIsNotDrift(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("model.yaml"), ClaimFixtures.SMALL_MLP);
        Claim claim = ClaimCatalogue.read(dir.resolve("model.yaml"));
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        AuditRun withModel = new Scheduler(1, null, 1, quiet).run(List.of(claim), "audit");
        AuditRun withoutModel = new Scheduler(1, null, 1, quiet)
                .run(List.of(claim.withAbsentInput(Checkpoint.ABSENT)), "audit");
        assertEquals(Outcome.NOT_RUN, withoutModel.claims().get(0).outcome());

        Path file = dir.resolve("baseline.json");
        Baseline recorded = Baseline.of(1, withModel.claims());
        recorded.write(file);
        Baseline.of(1, withoutModel.claims()).updating(Baseline.read(file)).write(file);
        assertEquals(recorded, Baseline.read(file), "updated without the model, the entry is the one with it");
        Baseline.of(1, withoutModel.claims()).write(file);
        assertEquals(Map.of(), Baseline.read(file).claims(), "a first baseline without the model reads back");

        Drift drift = Drift.between(recorded, Baseline.of(1, withoutModel.claims()), Map.of());
        assertFalse(drift.drifted(), drift.table());
        assertEquals(List.of("model: in the baseline but not run"), drift.notes());
        assertEquals(List.of(), Drift.ofClaim(recorded, withoutModel.claims().get(0), Map.of()), "the engine's check");
    }

    /** The build's test class path carries the checkpoint (a test dependency), so claims on it run in mvn verify. */
    @Test
    void theTestClassPathHasTheModel() {
        assertTrue(Checkpoint.source().isPresent());
    }
}
