package io.flowaudit.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectDirectory;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The engine through the JUnit Platform launcher, as Surefire and IDEs drive it, on three claim files: one that
 * holds, one false claim expected to hold (in {@code slow/}) and one malformed.
 */
class ClaimsTestEngineTest {

    /** A nested class: Surefire's default excludes keep it out of flowaudit's own run. */
    @AuditClaims("src/test/resources/engine-claims")
    static class EngineClaims {
    }

    private static LauncherDiscoveryRequestBuilder request(Path report, DiscoverySelector selector) {
        return LauncherDiscoveryRequestBuilder.request().selectors(selector)
                .filters(EngineFilter.includeEngines(ClaimsTestEngine.ENGINE_ID))
                .configurationParameter("flowaudit.report", report.toString());
    }

    /** Each claim's test, by its container's name (the claim id), to its result. */
    private static Map<String, TestExecutionResult> run(LauncherDiscoveryRequest request) {
        Map<String, TestExecutionResult> results = new TreeMap<>();
        LauncherFactory.create().execute(request, new TestExecutionListener() {
            private TestPlan plan;

            @Override
            public void testPlanExecutionStarted(TestPlan testPlan) {
                plan = testPlan;
            }

            @Override
            public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                if (test.isTest()) {
                    results.put(plan.getParent(test).orElseThrow().getDisplayName(), result);
                }
            }
        });
        return results;
    }

    private static String failure(Map<String, TestExecutionResult> results, String claim) {
        return results.get(claim).getThrowable().orElseThrow().getMessage();
    }

    @Test
    void anAnnotatedClassRunsEachClaimAsItsOwnTest(@TempDir Path report) {
        Map<String, TestExecutionResult> results = run(request(report, selectClass(EngineClaims.class)).build());
        assertEquals(List.of("broken", "halved", "tight"), new ArrayList<>(results.keySet()));
        assertEquals(TestExecutionResult.Status.SUCCESSFUL, results.get("tight").getStatus());
        String halved = failure(results, "halved");
        assertTrue(halved.contains("expected the claim to hold but it was falsified")
                && halved.contains("replay: mvn verify -Dflowaudit.seed=20261123 -Dflowaudit.claims.include=halved")
                && !halved.contains("flowaudit.jar"), halved);
        String broken = failure(results, "broken");
        assertTrue(broken.contains("broken.yaml:2") && broken.contains("no-such-theorem"), broken);
        // as audit writes none beside a malformed claim file: a report of the others would look green (red team)
        assertFalse(Files.exists(report.resolve("index.html")), "no report beside a claim file that cannot be read");
        run(request(report, selectClass(EngineClaims.class))
                .configurationParameter("flowaudit.claims.exclude", "broken").build());
        assertTrue(Files.exists(report.resolve("index.html")), "the report of the claims that can be read");
    }

    @Test
    void tagsAndIdPatternsSelectClaims(@TempDir Path report) {
        assertEquals(List.of("halved"), List.copyOf(run(request(report, selectClass(EngineClaims.class))
                .filters(TagFilter.includeTags("slow")).build()).keySet()));
        assertEquals(List.of("tight"), List.copyOf(run(request(report, selectClass(EngineClaims.class))
                .filters(TagFilter.excludeTags("slow")).configurationParameter("flowaudit.claims.exclude", "bro*")
                .build()).keySet()));
        assertEquals(List.of("broken", "tight"), List.copyOf(run(request(report, selectClass(EngineClaims.class))
                .configurationParameter("flowaudit.claims.include", "t?ght, broken").build()).keySet()));
    }

    @Test
    void aClaimFileOrUniqueIdSelectsThatClaim(@TempDir Path report) {
        assertEquals(List.of("tight"), List.copyOf(run(request(report,
                selectFile("src/test/resources/engine-claims/tight.yaml")).build()).keySet()));
        assertEquals(List.of("halved"), List.copyOf(run(request(report, selectUniqueId("[engine:flowaudit]/[class:"
                + EngineClaims.class.getName() + "]/[claim:halved]")).build()).keySet()));
        // a rerun of one claim under an include list lists that claim alone: the other pattern is not a typo
        assertEquals(List.of("halved"), List.copyOf(run(request(report, selectUniqueId("[engine:flowaudit]/[class:"
                + EngineClaims.class.getName() + "]/[claim:halved]"))
                .configurationParameter("flowaudit.claims.include", "halved, tight").build()).keySet()));
    }

    /**
     * Two files of one claim id in different folders: the engine kept the first and dropped the second unread, so a
     * false claim in {@code b/same.yaml} behind a true one in {@code a/same.yaml} never ran and the build passed.
     */
    @Test
    void aSecondFileWithAClaimIdAlreadyTakenFailsInsteadOfVanishing(@TempDir Path dir) throws Exception {
        Path claims = dir.resolve("claims");
        String system = Path.of("examples/linear-in-time.yaml").toAbsolutePath().toString();
        for (String[] file : new String[][] {{"a", "tight.yaml"}, {"b", "slow/halved.yaml"}}) {
            Path copy = claims.resolve(file[0]).resolve("same.yaml");
            Files.createDirectories(copy.getParent());
            Files.writeString(copy, Files.readString(Path.of("src/test/resources/engine-claims", file[1]))
                    .replaceFirst("system: \\S+", "system: " + system));
        }
        Map<String, TestExecutionResult> results = run(request(dir.resolve("report"), selectDirectory(claims.toFile())).build());
        assertEquals(2, results.size(), results.toString());
        assertEquals(TestExecutionResult.Status.SUCCESSFUL, results.get("same").getStatus());
        String repeated = failure(results, "b/same.yaml");
        assertTrue(repeated.contains("same.yaml") && repeated.contains("the claim id 'same'")
                && repeated.contains("a/same.yaml"), repeated);
    }

    /** A folder that does not exist (a typo in the annotation, claims moved elsewhere), as the CLI's audit refuses it. */
    @AuditClaims("src/test/resources/no-such-claims-folder")
    static class MissingFolderClaims {
    }

    /**
     * An annotated class whose folder is missing or holds no claim file is a failing test naming the folder, as
     * {@code audit} refuses such a folder (exit 2): until 2026-11-30 it was a class of zero tests, and the build that
     * was to gate the project's claims passed having checked none.
     */
    @Test
    void anAnnotatedClassWhoseFolderHasNoClaimFilesFails(@TempDir Path dir) throws Exception {
        Map<String, TestExecutionResult> missing = run(request(dir, selectClass(MissingFolderClaims.class)).build());
        assertEquals(1, missing.size(), missing.toString());
        String message = missing.values().iterator().next().getThrowable().orElseThrow().getMessage();
        assertTrue(message.contains("src/test/resources/no-such-claims-folder") && message.contains("no claim files"),
                message);
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Files.writeString(empty.resolve("notes.txt"), "not a claim");
        Map<String, TestExecutionResult> none = run(request(dir, selectClass(MissingFolderClaims.class))
                .configurationParameter("flowaudit.claims.folder", empty.toString()).build());
        assertEquals(TestExecutionResult.Status.FAILED, none.values().iterator().next().getStatus(), none.toString());
        assertEquals(List.of("broken", "halved", "tight"), List.copyOf(run(request(dir, selectClass(EngineClaims.class))
                .configurationParameter("flowaudit.claims.folder", empty.toString()).build()).keySet()),
                "the annotation's folder is the one read, not the parameter's");
    }

    /**
     * An include pattern that selects no claim file (a mistyped id) is one failing test that names it, in a build
     * that selects either expectation; until 2026-11-30 it ran nothing and passed.
     */
    @Test
    void anIncludePatternThatSelectsNoClaimFails(@TempDir Path report) {
        Map<String, TestExecutionResult> typo = run(request(report, selectClass(EngineClaims.class))
                .configurationParameter("flowaudit.claims.include", "tigth").filters(TagFilter.includeTags("holds"))
                .build());
        assertEquals(List.of("flowaudit.claims.include"), List.copyOf(typo.keySet()));
        TestExecutionResult result = typo.values().iterator().next();
        assertEquals(TestExecutionResult.Status.FAILED, result.getStatus());
        String message = result.getThrowable().orElseThrow().getMessage();
        assertTrue(message.contains("flowaudit.claims.include=tigth selects none of the 3 claim files found"), message);
        // filed under the claims class: at the engine's top, Surefire filed it under whichever class ran last
        TestPlan plan = LauncherFactory.create().discover(request(report, selectClass(EngineClaims.class))
                .configurationParameter("flowaudit.claims.include", "tigth").build());
        TestIdentifier error = plan.getRoots().stream().flatMap(root -> plan.getDescendants(root).stream())
                .filter(TestIdentifier::isTest).findFirst().orElseThrow();
        assertEquals(Optional.of(ClassSource.from(EngineClaims.class)),
                plan.getParent(plan.getParent(error).orElseThrow()).flatMap(TestIdentifier::getSource));
        assertEquals(List.of("tight"), List.copyOf(run(request(report, selectClass(EngineClaims.class))
                .configurationParameter("flowaudit.claims.include", "ti*").build()).keySet()));
    }

    /** One mistyped pattern beside a right one fails too, naming it: until 2026-12-01 the right one ran and passed. */
    @Test
    void anIncludePatternThatSelectsNoClaimBesideOneThatDoesFails(@TempDir Path report) {
        Map<String, TestExecutionResult> results = run(request(report, selectClass(EngineClaims.class))
                .configurationParameter("flowaudit.claims.include", "tight, halvd").build());
        assertEquals(List.of("flowaudit.claims.include", "tight"), List.copyOf(results.keySet()));
        String message = failure(results, "flowaudit.claims.include");
        assertTrue(message.contains("flowaudit.claims.include=tight,halvd: 'halvd' selects none of the 3 claim files"
                + " found"), message);
        assertTrue(Files.exists(report.resolve("index.html")), "the claim that ran is reported: no file was refused");
    }

    /**
     * A claim file that cannot be read has no expectation to be tagged with, so it carries both tags: a build that
     * selects {@code -Dgroups=falsified} (or {@code holds}) still fails on it. Until 2026-11-30 it carried neither and
     * either selection dropped it; a project gating each expectation in its own job never saw the broken file.
     */
    @Test
    void aClaimFileThatCannotBeReadIsSelectedByEitherExpectation(@TempDir Path report) {
        assertEquals(List.of("broken"), List.copyOf(run(request(report, selectClass(EngineClaims.class))
                .filters(TagFilter.includeTags("falsified")).build()).keySet()));
        assertEquals(List.of("broken", "halved", "tight"), List.copyOf(run(request(report,
                selectClass(EngineClaims.class)).filters(TagFilter.includeTags("holds")).build()).keySet()));
    }

    @AuditClaims("src/test/resources/engine-duplicate-claims")
    static class DuplicateClaims {
    }

    /**
     * A second file of one claim id (tight.yaml, after copy/tight.yaml in the listing's order) fails whichever
     * expectation a build selects: until 2026-12-01 it carried no tag, and {@code -Dgroups=holds} dropped it and
     * passed (red team).
     */
    @Test
    void aDuplicateClaimIdFailsUnderEitherExpectation(@TempDir Path report) {
        for (String tag : List.of("holds", "falsified")) {
            Map<String, TestExecutionResult> results = run(request(report, selectClass(DuplicateClaims.class))
                    .filters(TagFilter.includeTags(tag)).build());
            assertTrue(results.containsKey("tight.yaml"), tag + ": " + results.keySet());
            assertEquals(TestExecutionResult.Status.FAILED, results.get("tight.yaml").getStatus(), tag);
            assertTrue(failure(results, "tight.yaml").contains("the claim id 'tight' (the file's name) is already"),
                    failure(results, "tight.yaml"));
        }
    }

    /**
     * The engine's run prints its seed before any claim, as audit does, so a passing build's log says which samples it
     * drew (until 2026-11-30 only a failing claim's message named the seed).
     */
    @Test
    void theRunPrintsItsSeed(@TempDir Path report) {
        String log = printed(request(report, selectClass(EngineClaims.class))
                .configurationParameter("flowaudit.claims.include", "tight")
                .configurationParameter("flowaudit.seed", "7").build());
        assertTrue(log.contains("flowaudit: 1 claim, seed 7") && log.indexOf("seed 7") < log.indexOf("ok   tight"), log);
    }

    /** What the run prints on System.out, where the engine writes its lines. */
    private static String printed(LauncherDiscoveryRequest request) {
        java.io.PrintStream stdout = System.out;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        try {
            System.setOut(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
            run(request);
        } finally {
            System.setOut(stdout);
        }
        return captured.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void aClassWithoutTheAnnotationHasNoClaims(@TempDir Path report) {
        assertEquals(Map.of(), run(request(report, selectClass(ClaimsTestEngineTest.class)).build()));
    }

    /** Bad configuration fails every claim with a message naming the parameter instead of running anything. */
    @Test
    void badConfigurationFailsEveryClaim(@TempDir Path report) {
        Map<List<String>, String> messages = Map.of(
                List.of("flowaudit.tries", "many"), "flowaudit.tries must be an integer, got 'many'",
                List.of("flowaudit.tries", "0"), "flowaudit.tries must be between 1 and 10000000, got 0",
                List.of("flowaudit.tries", "10000001"), "flowaudit.tries must be between 1 and 10000000, got 10000001",
                List.of("flowaudit.threads", "0"), "flowaudit.threads must be at least 1, got 0",
                List.of("flowaudit.seed", "0x1f"), "flowaudit.seed must be an integer, got '0x1f'",
                List.of("flowaudit.baseline.tolerance.order", "tight"), "tolerance 'order' must be a number or none",
                List.of("flowaudit.require-model", "yes"), "flowaudit.require-model must be true or false, got 'yes'",
                List.of("flowaudit.baseline.tolerance.margn", "0.5"), "unknown configuration parameter"
                        + " flowaudit.baseline.tolerance.margn, expected one of flowaudit.claims.folder",
                List.of("flowaudit.claims.inlcude", "tight"), "unknown configuration parameter flowaudit.claims.inlcude",
                List.of("flowaudit.report", "pom.xml"), "pom.xml: flowaudit.report names a file, expected a directory");
        messages.forEach((parameter, message) -> {
            Map<String, TestExecutionResult> results = run(request(report, selectClass(EngineClaims.class))
                    .configurationParameter(parameter.get(0), parameter.get(1)).build());
            assertEquals(3, results.size(), parameter.toString());
            results.keySet().forEach(claim -> assertTrue(failure(results, claim).contains(message),
                    parameter + ": " + failure(results, claim)));
        });
    }

    /** Baselines through configuration: written on request, then a drift fails the claim that moved. */
    @Test
    void baselinesThroughConfiguration(@TempDir Path dir) throws Exception {
        Path baseline = dir.resolve("baseline.json");
        run(request(dir, selectClass(EngineClaims.class)).configurationParameter("flowaudit.claims.include", "tight")
                .configurationParameter("flowaudit.baseline.update", baseline.toString()).build());
        assertTrue(Files.readString(baseline).contains("\"fittedConstant\" : 0.5"), Files.readString(baseline));
        Files.writeString(baseline, Files.readString(baseline).replace("\"fittedConstant\" : 0.5",
                "\"fittedConstant\" : 0.25"));
        LauncherDiscoveryRequest drifting = request(dir, selectClass(EngineClaims.class))
                .configurationParameter("flowaudit.claims.include", "tight")
                .configurationParameter("flowaudit.baseline", baseline.toString()).build();
        Map<String, TestExecutionResult> drifted = run(drifting);
        assertTrue(failure(drifted, "tight").contains("fitted constant moved from 0.2500 to 0.5000"),
                failure(drifted, "tight"));
        // the closing line counts expectations met, so the drift is said beside it
        String log = printed(drifting);
        assertTrue(log.contains("1 of 1 claim met its expectation") && log.contains("flowaudit: 1 of them drifted from"
                + " the baseline " + baseline + ", and their tests fail: tight"), log);
        assertEquals(TestExecutionResult.Status.SUCCESSFUL, run(request(dir, selectClass(EngineClaims.class))
                .configurationParameter("flowaudit.claims.include", "tight")
                .configurationParameter("flowaudit.baseline", baseline.toString())
                .configurationParameter("flowaudit.baseline.tolerance.constant", "none").build()).get("tight")
                .getStatus());
    }

    /**
     * Against a baseline, the engine notes what it compared with nothing, as audit does: a claim the baseline lacks (a
     * renamed claim file: its test passes uncompared) and a baseline of another seed. Until 2026-11-30 it said nothing.
     */
    @Test
    void aBaselineNotesClaimsItDoesNotHoldAndAnotherSeed(@TempDir Path dir) throws Exception {
        Path baseline = dir.resolve("baseline.json");
        run(request(dir, selectClass(EngineClaims.class)).configurationParameter("flowaudit.claims.include", "halved")
                .configurationParameter("flowaudit.baseline.update", baseline.toString()).build());
        String log = printed(request(dir, selectClass(EngineClaims.class))
                .configurationParameter("flowaudit.claims.include", "tight")
                .configurationParameter("flowaudit.seed", "7")
                .configurationParameter("flowaudit.baseline", baseline.toString()).build());
        assertTrue(log.contains("flowaudit: note: tight: not in the baseline (new claim)")
                && log.contains("flowaudit: note: halved: in the baseline but not run")
                && log.contains("flowaudit: note: the baseline was recorded with seed 20261123, this run used 7"), log);
    }
}
