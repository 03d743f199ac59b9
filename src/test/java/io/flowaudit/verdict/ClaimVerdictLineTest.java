package io.flowaudit.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

    private static ClaimVerdict verdict(Expectation expected, Outcome outcome, int tries, Counterexample example) {
        return new ClaimVerdict("c", "properties/c.yaml", "a claim", "Theorem 1", "statement", expected, outcome,
                tries, example == null ? 0 : 1, 0, Margins.NONE, 7L, Duration.ofMillis(100), Map.of(), Map.of(),
                List.of(), List.of(), example, null, REPLAY, TryStatistics.NONE);
    }
}
