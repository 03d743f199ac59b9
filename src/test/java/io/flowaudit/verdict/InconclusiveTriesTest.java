package io.flowaudit.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Inconclusive tries (a run not at its claimed limit by the horizon) are counted among the vacuous, never as
 * support: they weaken a verdict and alone make it an error, like a proved claim's undecided tries.
 */
class InconclusiveTriesTest {

    private static final ClaimVerdict.Header HEADER = new ClaimVerdict.Header("c", "properties/c.yaml", "a claim", "Clustering",
            "statement", Expectation.HOLDS, Rigour.OBSERVED, Map.of(), 7, 4, null, "replay", "0123abcd");

    private static TryBlock tries(boolean... inconclusive) {
        TryBlock block = new TryBlock();
        for (int i = 0; i < inconclusive.length; i++) {
            block.count(i, new Coverage.Sample(2, 1, 0, 1, 1, 0), inconclusive[i] ? "undecided" : null, false,
                    inconclusive[i],
                    inconclusive[i] ? Double.NaN : 0.5, List.of());
        }
        return block;
    }

    @Test
    void inconclusiveTriesAreCountedAmongTheVacuousAndShownOnTheLine() {
        ClaimVerdict verdict = HEADER.verdict(tries(false, true, true, true), Duration.ZERO);

        assertEquals(Outcome.HOLDS, verdict.outcome());
        assertEquals(3, verdict.vacuous());
        assertEquals(3, verdict.inconclusive());
        assertTrue(verdict.weakEvidence(), "3 of 4 tries did not support the claim");
        assertTrue(verdict.line().contains("holds (4 tries, 3 inconclusive: weak evidence)"), verdict.line());
    }

    @Test
    void blocksJoinTheirInconclusiveCounts() {
        TryBlock joined = tries(true, false).then(tries(true, true));

        assertEquals(3, joined.inconclusive());
        assertEquals(3, joined.vacuous());
    }

    @Test
    void aClaimWhoseEveryTryIsInconclusiveIsAnErrorNotAPass() {
        ClaimVerdict verdict = HEADER.verdict(tries(true, true), Duration.ZERO);

        assertEquals(Outcome.ERROR, verdict.outcome());
        assertTrue(verdict.error().contains("vacuous or inconclusive (2 had not reached the claimed limit by the horizon)"),
                verdict.error());
    }

    /** Until 2026-11-30 the error listed three possible causes and named none: which one, and where, is now shown. */
    @Test
    void aClaimWhoseEveryTryIsVacuousSaysWhyItsFirstWas() {
        TryBlock first = new TryBlock();
        first.count(1, new Coverage.Sample(2, 1, 0, 1, 1, 0), "error 9.5e-07 at L = 512 is within a factor 1e6 of the"
                + " resolution 1.1e-12", false, false, Double.NaN, List.of());
        TryBlock second = new TryBlock();
        second.count(2, new Coverage.Sample(2, 1, 0, 1, 1, 0), "another reason", false, false, Double.NaN, List.of());

        ClaimVerdict verdict = HEADER.verdict(first.then(second), Duration.ZERO);

        assertEquals(Outcome.ERROR, verdict.outcome());
        assertTrue(verdict.error().endsWith("the claim was not tested; the first, try 1: error 9.5e-07 at L = 512 is"
                + " within a factor 1e6 of the resolution 1.1e-12"), verdict.error());
        assertEquals(2, new TryBlock().then(second).then(first).firstVacuous().attempt(), "the earlier block's first");
    }
}
