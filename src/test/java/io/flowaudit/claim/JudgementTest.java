package io.flowaudit.claim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowaudit.claim.Evidence.Judgement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one rule every check's comparisons go through. */
class JudgementTest {

    @Test
    void aBoundAttainedExactlyHoldsWithAMarginJustBelowOne() {
        Judgement judgement = new Judgement();
        assertTrue(judgement.atMost("e", 0.25, "C/L", 0.25, new Resolution(1e-15)));
        assertEquals(Evidence.Finding.HOLDS, judgement.finding());
        assertTrue(judgement.margin() <= 1 && judgement.margin() > 1 - 1e-12, "margin " + judgement.margin());
    }

    /**
     * Judging only the comparison {@link Judgement#closestToBound} picks finds the margin judging every one finds: here
     * a bound attained exactly (the last) beats one far from its bound and one refuted by less than its resolution; a
     * NaN observation is picked before any.
     */
    @Test
    void theComparisonClosestToItsBoundIsTheOneJudgingAllWouldFind() {
        double[] observed = {0.1, 0.25 + 1e-13, 3.0};
        double[] bound = {1.0, 0.25, 3.0};
        double[] resolution = {0, 1e-12, 0};
        Judgement every = new Judgement();
        for (int k = 0; k < observed.length; k++) {
            assertTrue(every.atMost("o" + k, observed[k], "b" + k, bound[k], new Resolution(resolution[k])));
        }
        int closest = Judgement.closestToBound(observed, bound, resolution);
        Judgement one = new Judgement();
        one.atMost("o", observed[closest], "b", bound[closest], new Resolution(resolution[closest]));
        assertEquals(every.margin(), one.margin());
        assertEquals(2, closest);
        assertEquals(1, Judgement.closestToBound(new double[] {0.1, Double.NaN, 5}, bound, resolution));
    }

    @Test
    void exceedingTheBoundByMoreThanTheResolutionRefutes() {
        Judgement judgement = new Judgement();
        assertFalse(judgement.atMost("e", 0.2501, "C/L", 0.25, new Resolution(1e-6)));
        assertEquals(Evidence.Finding.REFUTED, judgement.finding());
        assertTrue(judgement.margin() > 1);
    }

    /**
     * A refutation prints observed and bound with the digits that tell them apart (false-wasserstein-halved-rate's
     * shrunk counterexample): until 2026-11-30 both read 0.00100001, and the console line could not be checked.
     */
    @Test
    void aRefutationIsPrintedWithTheDigitsThatShowIt() {
        Judgement judgement = new Judgement();
        assertFalse(judgement.atMost("D(t)", 0.0010000110486044914, "e^{r t} D(0)", 0.0010000055242869869,
                new Resolution(2.9e-17)));
        assertEquals("D(t) = 0.001000011", judgement.observed());
        assertTrue(judgement.bound().startsWith("e^{r t} D(0) = 0.001000006 (resolution "), judgement.bound());
        Judgement plain = new Judgement();
        plain.atMost("e", 0.0625, "C/L", 0.03125, new Resolution(1e-14));
        assertEquals("e = 0.0625000", plain.observed(), "six digits when they suffice");
        // the double nearest 1.0000015 lies below it: rounded as a decimal half-up it printed 1.000002, as the observed
        Judgement nearATie = new Judgement();
        assertFalse(nearATie.atMost("u", 1.0000016, "c", 1.0000015, new Resolution(1e-15)));
        assertEquals("u = 1.000002", nearATie.observed());
        assertTrue(nearATie.bound().startsWith("c = 1.000001 (resolution "), nearATie.bound());
    }

    /** A claim that holds is described by its comparison closest to the bound, whatever came before and after. */
    @Test
    void aClaimThatHoldsIsDescribedByTheComparisonClosestToItsBound() {
        Judgement judgement = new Judgement();
        assertTrue(judgement.atMost("e at L = 16", 0.01, "C/16", 0.04, new Resolution(1e-15)));
        assertTrue(judgement.atMost("e at L = 32", 0.015, "C/32", 0.02, new Resolution(1e-15)));
        assertTrue(judgement.atMost("e at L = 64", 0.008, "C/64", 0.01, new Resolution(1e-15)));
        assertTrue(judgement.atMost("e at L = 128", 0.001, "C/128", 0.005, new Resolution(1e-15)));
        assertEquals("e at L = 64 = 0.00800000", judgement.observed());
        assertTrue(judgement.bound().startsWith("C/64 = 0.0100000 (resolution "), judgement.bound());
        assertEquals(0.8, judgement.margin(), 1e-12);
    }

    /** Comparisons in a loop describe themselves only when reported: the closest when asked for, or the refuting one. */
    @Test
    void aComparisonIsDescribedOnlyWhenReported() {
        List<String> described = new ArrayList<>();
        Judgement judgement = new Judgement();
        for (int k = 1; k <= 3; k++) {
            int time = k;
            assertTrue(judgement.atMost(() -> described.add("what " + time) ? "D at t = " + time : "", 0.1 * k,
                    () -> described.add("bound " + time) ? "B" : "", 1, new Resolution(1e-15)));
        }
        assertEquals(List.of(), described);
        assertEquals("D at t = 3 = 0.300000", judgement.observed());
        assertEquals(List.of("what 3"), described);
        Judgement refuted = new Judgement();
        assertFalse(refuted.atMost(() -> "D at t = 4", 2, () -> "B", 1, new Resolution(1e-15)));
        assertEquals("D at t = 4 = 2.00000", refuted.observed());
        assertTrue(refuted.bound().startsWith("B = 1.00000 (resolution "), refuted.bound());
    }

    @Test
    void exceedingTheBoundWithinTheResolutionIsNotARefutation() {
        Judgement judgement = new Judgement();
        assertTrue(judgement.atMost("e", 0.2501, "C/L", 0.25, new Resolution(2e-3)));
        assertEquals(Evidence.Finding.HOLDS, judgement.finding());
    }

    /** The disguised kink: an error estimate of 0.06 against a bound of 0.45/16 decides nothing. */
    @Test
    void aResolutionAboveOnePercentOfTheBoundIsVacuous() {
        Judgement judgement = new Judgement();
        assertTrue(judgement.atMost("e", 0.02, "0.1 C/L", 0.028, new Resolution(0.06)));
        assertEquals(Evidence.Finding.VACUOUS, judgement.finding());
        assertTrue(Double.isNaN(judgement.margin()));
        assertTrue(judgement.atMost("e", 0.001, "C/L", 1, new Resolution(1e-9)));
        assertEquals(Evidence.Finding.VACUOUS, judgement.finding(), "a later resolved comparison does not undo it");
    }

    /**
     * A bound that overflowed to infinity no observation can exceed: the comparison tests nothing, and the instance
     * is vacuous, as docs/theory.md says of "a bound that is infinite" (Theorem 1's check made its infinite C vacuous
     * itself; the rule did not, and Theorem 3's e^{Kt} with K T/64 > 710 counted five tries of a contractive field on
     * [0, 12000] as support, margin 0).
     */
    @Test
    void anInfiniteBoundIsVacuous() {
        Judgement judgement = new Judgement();
        assertTrue(judgement.atMost("|x(t) - y(t)|", 1e-14, "e^{K t} |x(0) - y(0)|", Double.POSITIVE_INFINITY,
                new Resolution(1e-30)));
        assertEquals(Evidence.Finding.VACUOUS, judgement.finding());
        assertTrue(Double.isNaN(judgement.margin()));
        assertFalse(judgement.atMost("e", Double.NaN, "C/L", Double.POSITIVE_INFINITY, Resolution.NONE),
                "a NaN still refutes");
    }

    @Test
    void aRefutationCountsEvenAfterAnUnresolvedComparison() {
        Judgement judgement = new Judgement();
        judgement.atMost("e", 0.02, "C/L", 0.028, new Resolution(0.06));
        assertFalse(judgement.atMost("e", 2, "C/L", 1, new Resolution(1e-9)));
        assertEquals(Evidence.Finding.REFUTED, judgement.finding());
        assertFalse(judgement.atMost("e", 0, "C/L", 1, Resolution.NONE), "nothing after a refutation is judged");
    }

    @Test
    void aNaNObservationRefutes() {
        Judgement judgement = new Judgement();
        judgement.atMost("e", Double.NaN, "C/L", 1, Resolution.NONE);
        assertEquals(Evidence.Finding.REFUTED, judgement.finding());
    }
}
