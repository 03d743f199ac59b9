package io.flowaudit.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClaimVerdictLineTest {

    private static final String REPLAY = "java -jar target/flowaudit.jar audit properties/c.yaml --seed 7 --tries 1";

    @Test
    void oneTryIsOneTryAndAClaimThatHoldsAsExpectedHasNoReplayLine() {
        String line = verdict(Expectation.HOLDS, Outcome.HOLDS, 1, null).line();

        assertTrue(line.contains("holds (1 try)"), line);
        assertFalse(line.contains("replay"), line);
    }

    @Test
    void aClaimThatHoldsOnMostlyVacuousTriesSaysSo() {
        ClaimVerdict holds = verdict(Expectation.HOLDS, Outcome.HOLDS, 60, null);
        ClaimVerdict mostlyVacuous = new ClaimVerdict(holds.id(), holds.file(), holds.title(), holds.theorem(),
                holds.statement(), holds.expected(), holds.outcome(), 60, 0, 42, Margins.NONE, 7L, holds.duration(),
                Map.of(), Map.of(), List.of(), List.of(), null, null, REPLAY, TryStatistics.NONE);

        assertTrue(mostlyVacuous.line().contains("holds (60 tries, 42 vacuous: weak evidence)"));
    }

    @Test
    void aFalsifiedClaimPrintsObservedAndClaimedWithoutAComparisonSignAndItsReplayCommand() {
        Counterexample example = new Counterexample("mlp field", Map.of(), "observed order 0.9944", "order 2", 1, false);

        List<String> lines = verdict(Expectation.FALSIFIED, Outcome.FALSIFIED, 1, example).line().lines().toList();

        assertEquals(2, lines.size());
        assertTrue(lines.get(0).contains("shrunk in 1 step: observed order 0.9944; claimed: order 2"), lines.get(0));
        assertFalse(lines.get(0).contains(" > "), lines.get(0));
        assertEquals("     replay: " + REPLAY, lines.get(1));
    }

    @Test
    void aCounterexampleWhoseShrinkingSpentItsBudgetSaysItMayNotBeMinimal() {
        Counterexample example = new Counterexample("mlp field", Map.of(), "observed order 0.9944", "order 2", 400, true);

        assertTrue(verdict(Expectation.FALSIFIED, Outcome.FALSIFIED, 1, example).line().contains("shrunk in 400 steps"
                + " (stopped at the budget of checks: a smaller counterexample may exist): observed order 0.9944"));
    }

    @Test
    void aClaimThatMissedItsExpectationPrintsItsReplayCommand() {
        String line = verdict(Expectation.FALSIFIED, Outcome.HOLDS, 60, null).line();

        assertTrue(line.startsWith("FAIL"), line);
        assertTrue(line.contains("holds (60 tries)"), line);
        assertTrue(line.endsWith("replay: " + REPLAY), line);
    }

    /**
     * A claim that held where it was meant to be falsified says how near its bound it came, and where: the try and the
     * comparison its check made there.
     */
    @Test
    void aClaimThatHeldWhereItWasMeantToFailNamesTheTryNearestItsBound() {
        ClaimVerdict.Header header = new ClaimVerdict.Header("c", "properties/c.yaml", "a claim", "Theorem 1",
                "statement", Expectation.FALSIFIED, Rigour.OBSERVED, Map.of(), 7, 2, null, REPLAY, "0123abcd");
        TryBlock block = new TryBlock();
        block.count(1, new Coverage.Sample(2, 1, 0, 1, 1, 0), null, false, false, 0.5, List.of());
        block.count(2, new Coverage.Sample(2, 1, 0, 1, 1, 0), null, false, false, 0.75, List.of());
        block.exemplify(new TryBlock.Example(2, Map.of(), List.of(), 0.75, "e at L = 64 = 0.0075",
                "C/L at L = 64 = 0.01 (resolution 1e-15)"));

        ClaimVerdict held = header.verdict(block, Duration.ZERO);

        assertEquals(new ClaimVerdict.NearestTry(2, "e at L = 64 = 0.0075", "C/L at L = 64 = 0.01 (resolution 1e-15)"),
                held.nearest());
        assertTrue(held.missedExpectation().contains("it held; nearest its bound, try 2: e at L = 64 = 0.0075; claimed:"
                + " C/L at L = 64 = 0.01 (resolution 1e-15); replay: "), held.missedExpectation());
        block.exemplify(new TryBlock.Example(2, Map.of(), List.of(), 0.75, "", ""));
        assertNull(header.verdict(block, Duration.ZERO).nearest(), "a try that made no comparison names none");
    }

    private static ClaimVerdict verdict(Expectation expected, Outcome outcome, int tries, Counterexample example) {
        return new ClaimVerdict("c", "properties/c.yaml", "a claim", "Theorem 1", "statement", expected, outcome,
                tries, example == null ? 0 : 1, 0, Margins.NONE, 7L, Duration.ofMillis(100), Map.of(), Map.of(),
                List.of(), List.of(), example, null, REPLAY, TryStatistics.NONE);
    }
}
