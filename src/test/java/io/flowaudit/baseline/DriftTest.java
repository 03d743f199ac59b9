package io.flowaudit.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowaudit.input.BadInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each tolerance rule on both sides of its edge, and the baseline file's round trip. */
class DriftTest {

    private static Baseline.Entry entry(String verdict, double vacuousShare, double order, double orderError,
            double constant, double p90, double seconds) {
        SortedMap<String, Double> quantiles = new TreeMap<>(Map.of("p50", p90 / 2, "p90", p90));
        return new Baseline.Entry(verdict, 40, 0, vacuousShare, 0, order, orderError, constant, quantiles, seconds,
                new TreeMap<>());
    }

    private static final Baseline.Entry BASE = entry("holds", 0.1, 1.0, 0.01, 2.0, 0.5, 3.0);

    private static List<String> moved(Baseline.Entry before, Baseline.Entry now, Map<String, Double> overrides) {
        Baseline baseline = new Baseline(1, new TreeMap<>(), new TreeMap<>(Map.of("c", before)));
        Baseline run = new Baseline(1, new TreeMap<>(), new TreeMap<>(Map.of("c", now)));
        return Drift.between(baseline, run, overrides).movements().stream().map(Drift.Movement::metric).toList();
    }

    private static List<String> moved(Baseline.Entry now) {
        return moved(BASE, now, Map.of());
    }

    @Test
    void theSameNumbersDoNotDrift() {
        assertEquals(List.of(), moved(BASE));
    }

    @Test
    void anyVerdictChangeDrifts() {
        assertEquals(List.of("verdict"), moved(entry("falsified", 0.1, 1.0, 0.01, 2.0, 0.5, 3.0)));
    }

    /** 0.1 absolute while 3 standard errors (3 sqrt(0.01^2 + 0.01^2) = 0.042) are less. */
    @Test
    void orderMayMoveByATenth() {
        assertEquals(List.of(), moved(entry("holds", 0.1, 1.099, 0.01, 2.0, 0.5, 3.0)));
        assertEquals(List.of("observed order"), moved(entry("holds", 0.1, 1.101, 0.01, 2.0, 0.5, 3.0)));
        assertEquals(List.of("observed order"), moved(entry("holds", 0.1, 0.899, 0.01, 2.0, 0.5, 3.0)));
    }

    /** With standard errors 0.1 on both sides, 3 sqrt(2) 0.1 = 0.424 is allowed, not more. */
    @Test
    void orderMayMoveByThreeStandardErrorsOfTheDifference() {
        Baseline.Entry noisy = entry("holds", 0.1, 1.0, 0.1, 2.0, 0.5, 3.0);
        assertEquals(List.of(), moved(noisy, entry("holds", 0.1, 1.42, 0.1, 2.0, 0.5, 3.0), Map.of()));
        assertEquals(List.of("observed order"), moved(noisy, entry("holds", 0.1, 1.43, 0.1, 2.0, 0.5, 3.0), Map.of()));
    }

    /**
     * {@code order-standard-errors=none} stops widening the order's tolerance, not the order's gate: until 2026-11-30
     * it ungated the order altogether (an order moved from 1.0 to 2.0 passed), where a user dropping the noisy
     * standard-error term asked for the plain 0.1. {@code order=none} stops gating the order.
     */
    @Test
    void noStandardErrorsLeaveTheOrderGatedByItsAbsoluteTolerance() {
        java.util.HashMap<String, Double> noStandardErrors = new java.util.HashMap<>();
        noStandardErrors.put("order-standard-errors", null);
        Baseline.Entry noisy = entry("holds", 0.1, 1.0, 0.1, 2.0, 0.5, 3.0);
        assertEquals(List.of(), moved(noisy, entry("holds", 0.1, 1.099, 0.1, 2.0, 0.5, 3.0), noStandardErrors));
        assertEquals(List.of("observed order"), moved(noisy, entry("holds", 0.1, 1.2, 0.1, 2.0, 0.5, 3.0),
                noStandardErrors));
        assertEquals(List.of("observed order"), moved(noisy, entry("holds", 0.1, 2.0, 0.1, 2.0, 0.5, 3.0),
                noStandardErrors));
        java.util.HashMap<String, Double> noOrder = new java.util.HashMap<>();
        noOrder.put("order", null);
        assertEquals(List.of(), moved(noisy, entry("holds", 0.1, 2.0, 0.1, 2.0, 0.5, 3.0), noOrder));
    }

    @Test
    void anOrderThatAppearsOrDisappearsDrifts() {
        assertEquals(List.of("observed order"), moved(entry("holds", 0.1, Double.NaN, Double.NaN, 2.0, 0.5, 3.0)));
    }

    /** 10 % either way by default: a constant 50 % larger is named. */
    @Test
    void constantMayMoveByTenPercent() {
        assertEquals(List.of(), moved(entry("holds", 0.1, 1.0, 0.01, 2.19, 0.5, 3.0)));
        assertEquals(List.of("fitted constant"), moved(entry("holds", 0.1, 1.0, 0.01, 2.21, 0.5, 3.0)));
        assertEquals(List.of("fitted constant"), moved(entry("holds", 0.1, 1.0, 0.01, 1.79, 0.5, 3.0)));
        assertEquals(List.of("fitted constant"), moved(entry("holds", 0.1, 1.0, 0.01, 3.0, 0.5, 3.0)));
    }

    @Test
    void eachMarginQuantileMayMoveByTenPercent() {
        assertEquals(List.of(), moved(entry("holds", 0.1, 1.0, 0.01, 2.0, 0.54, 3.0)));
        // p90 and p50 (= p90/2 here) both move 20 %
        assertEquals(List.of("margin p50", "margin p90"), moved(entry("holds", 0.1, 1.0, 0.01, 2.0, 0.6, 3.0)));
    }

    @Test
    void aVacuousShareThatGrowsDriftsOneThatFallsDoesNot() {
        assertEquals(List.of("vacuous share"), moved(entry("holds", 0.125, 1.0, 0.01, 2.0, 0.5, 3.0)));
        assertEquals(List.of(), moved(entry("holds", 0.0, 1.0, 0.01, 2.0, 0.5, 3.0)));
        assertEquals(List.of(), moved(BASE, entry("holds", 0.125, 1.0, 0.01, 2.0, 0.5, 3.0),
                Map.of("vacuous-share", 0.05)));
    }

    /**
     * A claim moved from {@code rigour: proved} to {@code observed} holds as before, on as many tries, its margins alike:
     * until 2026-11-30 nothing in the baseline said 6 of its 8 tries had been proved, and the gate passed the loss of
     * every proof (uniform-bound-proved-linear, exit 0 "no drift"). The proved share may not fall (growing is fine).
     */
    @Test
    void aProvedShareThatFallsDriftsOneThatGrowsDoesNot() {
        Baseline.Entry proved = new Baseline.Entry("holds", 8, 0, 0.25, 0.75, Double.NaN, Double.NaN, 2.0,
                BASE.marginQuantiles(), 3.0, new TreeMap<>());
        Baseline.Entry observed = new Baseline.Entry("holds", 8, 0, 0.25, 0, Double.NaN, Double.NaN, 2.0,
                BASE.marginQuantiles(), 3.0, new TreeMap<>());
        assertEquals(List.of("proved share"), moved(proved, observed, Map.of()));
        assertEquals(List.of(), moved(observed, proved, Map.of()));
        assertEquals(List.of(), moved(proved, observed, Map.of("proved-share", 0.75)));
        Baseline.Entry unrecorded = new Baseline.Entry("holds", 8, 0, 0.25, Double.NaN, Double.NaN, Double.NaN, 2.0,
                BASE.marginQuantiles(), 3.0, new TreeMap<>());
        assertEquals(List.of(), moved(unrecorded, observed, Map.of()), "a baseline from before it was recorded");
    }

    /**
     * A claim that holds on fewer tries than its baseline was tested less: until 2026-11-30 a catalogue cut from 60 to 2
     * tries passed whenever its margins happened to stay within 10 %. More tries is fine; a falsified claim stops at
     * its failure, so its tries are not compared (its verdict and try to falsify are).
     */
    @Test
    void aHoldingClaimOnFewerTriesDrifts() {
        Baseline.Entry fewer = new Baseline.Entry("holds", 2, 0, 0.1, 0, 1.0, 0.01, 2.0, BASE.marginQuantiles(), 3.0,
                new TreeMap<>());
        assertEquals(List.of("tries"), moved(BASE, fewer, Map.of()));
        assertEquals(List.of(), moved(fewer, BASE, Map.of()));
        Baseline.Entry falsifiedLate = new Baseline.Entry("falsified", 9, 9, 0, 0, 1.0, 0.01, 2.0, BASE.marginQuantiles(),
                3.0, new TreeMap<>());
        Baseline.Entry falsifiedEarly = new Baseline.Entry("falsified", 1, 1, 0, 0, 1.0, 0.01, 2.0,
                BASE.marginQuantiles(), 3.0, new TreeMap<>());
        assertEquals(List.of(), moved(falsifiedLate, falsifiedEarly, Map.of()));
    }

    @Test
    void runTimeIsRecordedButGatedOnlyOnRequest() {
        Baseline.Entry slower = entry("holds", 0.1, 1.0, 0.01, 2.0, 0.5, 30.0);
        assertEquals(List.of(), moved(slower));
        assertEquals(List.of("seconds"), moved(BASE, slower, Map.of("seconds", 1.0)));
    }

    /** A claim's own tolerance in the baseline file beats the command line's, which beats the file's global one. */
    @Test
    void toleranceLayers() {
        Baseline.Entry larger = entry("holds", 0.1, 1.0, 0.01, 2.8, 0.5, 3.0); // +40 %
        TreeMap<String, Double> own = new TreeMap<>(Map.of("constant", 0.5));
        Baseline.Entry tolerant = new Baseline.Entry("holds", 40, 0, 0.1, 0, 1.0, 0.01, 2.0, BASE.marginQuantiles(), 3.0,
                own);
        Baseline withOwn = new Baseline(1, new TreeMap<>(), new TreeMap<>(Map.of("c", tolerant)));
        Baseline withGlobal = new Baseline(1, new TreeMap<>(Map.of("constant", 0.5)), new TreeMap<>(Map.of("c", BASE)));
        Baseline run = new Baseline(1, new TreeMap<>(), new TreeMap<>(Map.of("c", larger)));
        assertTrue(!Drift.between(withOwn, run, Map.of("constant", 0.01)).drifted());
        assertTrue(!Drift.between(withGlobal, run, Map.of()).drifted());
        assertTrue(Drift.between(withGlobal, run, Map.of("constant", 0.1)).drifted());
        java.util.HashMap<String, Double> ungated = new java.util.HashMap<>();
        ungated.put("constant", null);
        assertTrue(!Drift.between(new Baseline(1, new TreeMap<>(), new TreeMap<>(Map.of("c", BASE))), run, ungated)
                .drifted());
    }

    @Test
    void claimsOnOneSideAreNotedNotCountedAndTheTableNamesWhatMoved() {
        Baseline baseline = new Baseline(1, new TreeMap<>(), new TreeMap<>(Map.of("a", BASE, "gone", BASE)));
        Baseline run = new Baseline(2, new TreeMap<>(), new TreeMap<>(Map.of("a",
                entry("holds", 0.1, 1.0, 0.01, 3.0, 0.5, 3.0), "new", BASE)));
        Drift drift = Drift.between(baseline, run, Map.of());
        assertEquals(1, drift.movements().size());
        String table = drift.table();
        assertTrue(table.contains("fitted constant") && table.contains("2.000") && table.contains("3.000"), table);
        assertTrue(table.contains("gone: in the baseline but not run") && table.contains("new: not in the baseline")
                && table.contains("seed 1"), table);
    }

    @Test
    void unknownOrNegativeTolerancesAreBadInput() {
        assertThrows(BadInputException.class, () -> Tolerances.DEFAULT.with(Map.of("constnt", 0.1), "x"));
        assertThrows(BadInputException.class, () -> Tolerances.DEFAULT.with(Map.of("constant", -0.1), "x"));
        assertThrows(BadInputException.class, () -> Tolerances.DEFAULT.with(Map.of("constant", Double.NaN), "x"));
        assertThrows(BadInputException.class, () -> Tolerances.parse("constant", "ten", "x"));
    }

    /** Written, read back: the same numbers to the last bit, keys sorted, tolerances kept on update. */
    @Test
    void baselineFileRoundTrips(@TempDir Path dir) throws Exception {
        Baseline.Entry exact = entry("holds", 1.0 / 3, 0.1 + 0.2, 1e-17, 2.0 / 3, Math.PI, 0.123);
        Baseline baseline = new Baseline(20261123, new TreeMap<>(Map.of("margin", 0.2)),
                new TreeMap<>(Map.of("b", exact, "a", entry("falsified", 0, Double.NaN, Double.NaN, Double.NaN, 1.5,
                        0.0))));
        Path file = dir.resolve("baseline.json");
        baseline.write(file);
        assertEquals(baseline, Baseline.read(file));
        String text = Files.readString(file);
        assertTrue(text.indexOf("\"a\"") < text.indexOf("\"b\"") && text.indexOf("\"claims\"") < text.indexOf("\"seed\""),
                text);
        Baseline.Entry rerun = entry("holds", 0, 1, 0.1, 1, 0.5, 1);
        Baseline updated = new Baseline(7, new TreeMap<>(), new TreeMap<>(Map.of("b", rerun))).updating(baseline);
        assertEquals(Map.of("margin", 0.2), updated.tolerances());
        assertEquals(baseline.claims().get("a"), updated.claims().get("a"), "a claim not run keeps its entry");
        assertEquals(rerun.fittedConstant(), updated.claims().get("b").fittedConstant());
    }

    /**
     * A refuting try that left the certified region has margin +infinity (Evidence.leftRegion), and so has the claim's
     * max quantile: the file holds it as "Infinity" (JSON has no such number), which until 2026-11-30 the reader refused,
     * so every later --baseline run against a baseline the tool itself wrote was exit 2.
     */
    @Test
    void anInfiniteMarginRoundTrips(@TempDir Path dir) throws Exception {
        SortedMap<String, Double> quantiles = new TreeMap<>(Map.of("p50", 0.5, "max", Double.POSITIVE_INFINITY));
        Baseline baseline = new Baseline(1, new TreeMap<>(), new TreeMap<>(Map.of("c", new Baseline.Entry("falsified",
                3, 3, 0, 0, Double.NaN, Double.NaN, Double.NaN, quantiles, 0.5, new TreeMap<>()))));
        Path file = dir.resolve("baseline.json");
        baseline.write(file);
        assertEquals(baseline, Baseline.read(file));
        assertTrue(!Drift.between(Baseline.read(file), baseline, Map.of()).drifted());
    }

    @Test
    void malformedBaselinesAreBadInputWithThePlace(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("b.json");
        Files.writeString(file, "{\n  \"claims\": {,\n}");
        BadInputException syntax = assertThrows(BadInputException.class, () -> Baseline.read(file));
        assertTrue(syntax.getMessage().startsWith(file + ":2:"), syntax.getMessage());
        Files.writeString(file, "{\"format\": \"flowaudit-baseline-1\", \"seed\": 1, \"claims\": {\"c\": {\n"
                + "\"verdict\": \"holds\", \"tries\": 1, \"triesToFalsify\": 0,\n  \"vacuousShare\": \"none\","
                + " \"observedOrder\": null, \"observedOrderStandardError\": null, \"fittedConstant\": null,"
                + " \"marginQuantiles\": {}, \"seconds\": 1}}}");
        BadInputException type = assertThrows(BadInputException.class, () -> Baseline.read(file));
        assertTrue(type.getMessage().startsWith(file + ":3:19: claims.c.vacuousShare: expected a finite number, found \"none\""),
                type.getMessage());
    }

    /** Each way a hand-edited baseline can be wrong is bad input naming the file and the place. */
    @Test
    void everyMalformedPartOfABaselineIsNamed(@TempDir Path dir) throws Exception {
        String entry = "\"verdict\": \"holds\", \"tries\": 1, \"triesToFalsify\": 0, \"vacuousShare\": 0,"
                + " \"observedOrder\": null, \"observedOrderStandardError\": null, \"fittedConstant\": null,"
                + " \"marginQuantiles\": {}, \"seconds\": 1";
        String valid = "{\"format\": \"flowaudit-baseline-1\", \"seed\": 1, \"claims\": {\"c\": {" + entry + "}}}";
        Path file = dir.resolve("b.json");
        Files.writeString(file, valid);
        assertEquals(1, Baseline.read(file).claims().size(), "the valid starting point reads");
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("[1, 2]", "not a baseline file: expected a JSON object, found an array");
        cases.put(valid.replace("flowaudit-baseline-1", "flowaudit-baseline-0"), "format: expected");
        cases.put(valid.replace("\"seed\": 1", "\"seed\": 1.5"), "seed: expected a whole number, found 1.5");
        cases.put(valid.replace("\"claims\": {\"c\": {" + entry + "}}", "\"claims\": []"),
                "claims: expected an object, found an array");
        cases.put(valid.replace("{" + entry + "}", "7"), "claims.c: expected an object, found 7");
        cases.put(valid.replace("\"holds\"", "\"hodls\""), "claims.c.verdict: expected one of [holds, falsified,"
                + " hypothesis-refuted, error], found \"hodls\"");
        cases.put(valid.replace("\"holds\"", "\"not-run\""), "claims.c.verdict: expected one of");
        cases.put(valid.replace("\"marginQuantiles\": {}", "\"marginQuantiles\": [0.5]"),
                "claims.c.marginQuantiles: expected an object, found an array");
        cases.put(valid.replace("\"tries\": 1", "\"tries\": -1"), "claims.c.tries: expected a whole number >= 0");
        cases.put(valid.replace("\"seconds\": 1", "\"seconds\": 1, \"colour\": 1"), "claims.c.colour: unknown key");
        cases.put(valid.replace("\"seconds\": 1", "\"seconds\": 1, \"tolerances\": 0.1"),
                "claims.c.tolerances: expected an object, found 0.1");
        cases.put(valid.replace("\"seconds\": 1", "\"seconds\": 1, \"tolerances\": {\"colour\": 1}"),
                "claims.c.tolerances: unknown tolerance 'colour'");
        cases.put(valid.replace("\"tries\": 1", "\"tries\": 1, \"tries\": 2"), "Duplicate field 'tries'");
        cases.put(valid.replace("\"seconds\": 1", "\"seconds\": 1e400"), "claims.c.seconds: expected a finite number,"
                + " found a number beyond a double's range");
        cases.put(valid.replace(", \"seconds\": 1", ""), "claims.c: missing [seconds]");
        for (Map.Entry<String, String> malformed : cases.entrySet()) {
            Files.writeString(file, malformed.getKey());
            BadInputException e = assertThrows(BadInputException.class, () -> Baseline.read(file), malformed.getKey());
            assertTrue(e.getMessage().startsWith(file.toString()) && e.getMessage().contains(malformed.getValue()),
                    malformed.getKey() + " -> " + e.getMessage());
        }
    }
}
