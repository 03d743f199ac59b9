package io.flowaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * {@code audit --update-baseline / --baseline / --junit-xml} end to end, on x' = t, where Euler's error is exactly
 * T^2/(2L): the fitted constant max L err_L is T^2/2, so a horizon of sqrt(1.5) makes it exactly 50 % larger.
 */
class AuditGatesTest {

    private static final String CLAIM = """
            title: "Theorem 1 on x' = t, where C is attained"
            theorem: uniform-bound
            expect: %s
            tries: 1
            constant-factor: %s
            ladder: [8, 16, 32]
            field:
              system: system.yaml
              constants: {lipschitz: 0, one-sided-lipschitz: 0, bound: 2, time-lipschitz: 1}
            """;

    private static final String SYSTEM = """
            name: linear-in-time
            variables: [x]
            field:
              x: t
            initial:
              x: 0
            horizon: %s
            """;

    private record Audit(int status, String out) {
    }

    /** The audit's verdict lines go to System.out; the command's messages to its own streams. */
    private static Audit audit(Path dir, String... options) {
        String[] args = new String[options.length + 4];
        args[0] = "audit";
        args[1] = dir.resolve("tight.yaml").toString();
        args[2] = "--report";
        args[3] = dir.resolve("reports").toString();
        System.arraycopy(options, 0, args, 4, options.length);
        MainTest.Run run = MainTest.runCapturingConsole(args);
        return new Audit(run.status(), run.out() + run.err());
    }

    private static void write(Path dir, String horizon, String expect, String factor) throws Exception {
        Files.writeString(dir.resolve("system.yaml"), SYSTEM.formatted(horizon));
        Files.writeString(dir.resolve("tight.yaml"), CLAIM.formatted(expect, factor));
    }

    @Test
    void sameCommitPassesAndAConstantFiftyPercentLargerFailsNamingIt(@TempDir Path dir) throws Exception {
        write(dir, "1", "holds", "1");
        String baseline = dir.resolve("baseline.json").toString();
        Audit written = audit(dir, "--update-baseline", baseline);
        assertEquals(0, written.status(), written.out());
        assertTrue(Files.readString(Path.of(baseline)).contains("\"fittedConstant\" : 0.5"), written.out());

        Audit same = audit(dir, "--baseline", baseline);
        assertEquals(0, same.status(), same.out());
        assertTrue(same.out().contains("no drift from " + baseline + " (1 of 1 claim compared)"), same.out());

        // a baseline of another catalogue compares nothing: still no drift, but the line says so (until 2026-11-30 it
        // read "no drift" as for a full comparison, the notes aside)
        Files.writeString(Path.of(baseline + ".other"), Files.readString(Path.of(baseline)).replace("\"tight\"",
                "\"other\""));
        Audit other = audit(dir, "--baseline", baseline + ".other");
        assertEquals(0, other.status(), other.out());
        assertTrue(other.out().contains("(0 of 1 claim compared)"), other.out());

        // T = sqrt(1.5): L err_L = T^2/2 = 0.75, 50 % above 0.5; the claim itself still holds
        write(dir, "1.224744871391589", "holds", "1");
        Audit grown = audit(dir, "--baseline", baseline);
        assertEquals(1, grown.status(), grown.out());
        assertTrue(grown.out().contains("fitted constant") && grown.out().contains("0.5000")
                && grown.out().contains("0.7500"), grown.out());
        assertTrue(grown.out().contains("ok   tight"), "the claim held; only its number moved: " + grown.out());

        // a looser tolerance on the command line lets it through
        assertEquals(0, audit(dir, "--baseline", baseline, "--tolerance", "constant=0.6").status());
    }

    @Test
    void junitXmlCarriesTheCounterexampleAndReplayCommand(@TempDir Path dir) throws Exception {
        write(dir, "1", "holds", "0.5"); // C halved where C is attained: falsified, though expected to hold
        Path xml = dir.resolve("junit.xml");
        Audit missed = audit(dir, "--junit-xml", xml.toString());
        assertEquals(1, missed.status(), missed.out());
        assertTrue(missed.out().contains("exit 1: missed their expectation: tight (falsified)"), missed.out());
        Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(Files.readAllBytes(xml)));
        Element suite = document.getDocumentElement();
        assertEquals("1", suite.getAttribute("tests"));
        assertEquals("1", suite.getAttribute("failures"));
        Element testCase = (Element) suite.getElementsByTagName("testcase").item(0);
        assertEquals("tight", testCase.getAttribute("classname"));
        Element failure = (Element) testCase.getElementsByTagName("failure").item(0);
        assertEquals("falsified", failure.getAttribute("type"));
        String text = failure.getTextContent();
        assertTrue(text.contains("counterexample:") && text.contains("max_l |x_l - x(t_l)| at L = 8")
                && text.contains("replay: java -jar target/flowaudit.jar audit"), text);
    }

    @Test
    void gateFilesAreCheckedBeforeAnythingRuns(@TempDir Path dir) throws Exception {
        write(dir, "1", "holds", "1");
        Audit missing = audit(dir, "--baseline", dir.resolve("nope.json").toString());
        assertEquals(2, missing.status());
        assertTrue(missing.out().contains("nope.json: file not found") && !missing.out().contains("ok   tight"),
                missing.out());
        Audit directory = audit(dir, "--junit-xml", dir.toString());
        assertEquals(2, directory.status());
        assertTrue(directory.out().contains("--junit-xml names a directory"), directory.out());
        Audit badTolerance = audit(dir, "--tolerance", "order=-1");
        assertEquals(2, badTolerance.status());
        assertTrue(badTolerance.out().contains("tolerance 'order' must be a finite number >= 0"), badTolerance.out());
    }

    /**
     * A run's reference budget decides verdicts: x' = x cos t needs 3 Taylor steps to T = 2, so under
     * --max-reference-steps 2 the claim is an error verdict and with the default it holds. The replay command the run
     * prints must repeat the budget, or it replays another run (until 2026-11-30 it named the seed and tries only).
     */
    @Test
    void theReplayCommandRepeatsTheReferenceBudget(@TempDir Path dir) throws Exception {
        writeCosGrowthClaim(dir);
        assertEquals(0, audit(dir).status(), "holds with the default budget");
        Audit starved = audit(dir, "--max-reference-steps", "2");
        assertEquals(1, starved.status(), starved.out());
        String replay = starved.out().lines().filter(line -> line.contains("replay: ")).findFirst().orElseThrow();
        String[] replayed = replay.substring(replay.indexOf(" audit ") + " audit ".length()).split(" ");
        assertEquals("--max-reference-steps 2", String.join(" ", Arrays.copyOfRange(replayed,
                replayed.length - 2, replayed.length)), replay);
        String[] args = new String[replayed.length + 3];
        args[0] = "audit";
        System.arraycopy(replayed, 0, args, 1, replayed.length);
        args[replayed.length + 1] = "--report";
        args[replayed.length + 2] = dir.resolve("replayed").toString();
        assertEquals(1, MainTest.runCapturingConsole(args).status(), "the replay is the starved run: " + replay);
    }

    /** A claim on x' = x cos t over [0, 2], which needs 3 Taylor steps: under a budget of 2 it is an error verdict. */
    private static void writeCosGrowthClaim(Path dir) throws Exception {
        Files.writeString(dir.resolve("system.yaml"), """
                name: cos-growth
                variables: [x]
                field:
                  x: x*cos(t)
                initial:
                  x: 1
                horizon: 2
                """);
        Files.writeString(dir.resolve("tight.yaml"), CLAIM.formatted("holds", "1").replace(
                "{lipschitz: 0, one-sided-lipschitz: 0, bound: 2, time-lipschitz: 1}",
                "{lipschitz: 1, one-sided-lipschitz: 1, bound: 3.1, time-lipschitz: 3.1, region-radius: 3.1}"));
    }

    /**
     * A claim that errors where its baseline held has an error and a drift in JUnit XML: one test, counted once (as an
     * error). Until 2026-11-30 the suite said tests="1" failures="1" errors="1", more failing tests than tests, which a
     * dashboard subtracting them reads as -1 passed.
     */
    @Test
    void aClaimThatErrorsAndDriftsIsOneFailingTest(@TempDir Path dir) throws Exception {
        writeCosGrowthClaim(dir);
        String baseline = dir.resolve("baseline.json").toString();
        assertEquals(0, audit(dir, "--update-baseline", baseline).status());
        Path xml = dir.resolve("junit.xml");
        // x' = x cos t needs 3 Taylor steps to T = 2: under a budget of 2 the claim is an error verdict
        Audit starved = audit(dir, "--max-reference-steps", "2", "--baseline", baseline, "--junit-xml", xml.toString());
        assertEquals(1, starved.status(), starved.out());
        assertTrue(starved.out().contains("missed their expectation: tight (error). drifted: tight."), starved.out());
        Element suite = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(Files.readAllBytes(xml))).getDocumentElement();
        assertEquals(List.of("1", "0", "1"), List.of(suite.getAttribute("tests"), suite.getAttribute("failures"),
                suite.getAttribute("errors")), Files.readString(xml));
        Element testCase = (Element) suite.getElementsByTagName("testcase").item(0);
        assertEquals("error", ((Element) testCase.getElementsByTagName("error").item(0)).getAttribute("type"));
        assertEquals("drift", ((Element) testCase.getElementsByTagName("failure").item(0)).getAttribute("type"),
                "what moved is still said");
    }
}
