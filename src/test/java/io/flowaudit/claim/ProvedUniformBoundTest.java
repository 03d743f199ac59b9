package io.flowaudit.claim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowaudit.claim.CheckKinds.Numerics;
import io.flowaudit.field.Certificate;
import io.flowaudit.field.CertifiedField;
import io.flowaudit.field.Region;
import io.flowaudit.flow.LayerMap;
import io.flowaudit.flow.TestFields;
import io.flowaudit.num.NumberSystem;
import io.flowaudit.num.interval.Interval;
import io.flowaudit.num.interval.IntervalSystem;
import io.flowaudit.verdict.Rigour;
import java.math.BigDecimal;
import java.util.Map;
import org.apache.commons.math3.RealFieldElement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Theorem 1 decided from enclosures: the decision rule on enclosures that overlap, meet or separate, and the
 * check on fields whose certificate is right, and wrong in a way no sampling of the field would reveal.
 */
class ProvedUniformBoundTest {

    private static final IntervalSystem INTERVALS = new IntervalSystem(30);
    private static final Numerics EULER = Numerics.doubles(LayerMap.EULER);

    private static Interval interval(String lo, String hi) {
        return INTERVALS.enclosing(new BigDecimal(lo), new BigDecimal(hi));
    }

    private static ProvedUniformBound.Comparison comparison(Interval error, Interval bound) {
        return new ProvedUniformBound.Comparison(8, error, bound, "C");
    }

    @Test
    void anErrorEnclosureThatOverlapsTheBoundIsUndecided() {
        // too wide: the true error may lie on either side of C/L
        ProvedUniformBound.Comparison wide = comparison(interval("0.09", "0.11"), interval("0.1", "0.1"));
        assertFalse(wide.proved());
        assertFalse(wide.refuted());
        // the bound's own enclosure overlapping a point error is as undecided
        ProvedUniformBound.Comparison wideBound = comparison(interval("0.1", "0.1"), interval("0.0999", "0.1001"));
        assertFalse(wideBound.proved());
        assertFalse(wideBound.refuted());
    }

    @Test
    void enclosuresThatMeetAtOnePointProveTheInequalityNotItsNegation() {
        // error <= 0.1 <= bound: holds at every point, the equality included
        ProvedUniformBound.Comparison touching = comparison(interval("0.09", "0.1"), interval("0.1", "0.2"));
        assertTrue(touching.proved());
        assertFalse(touching.refuted());
        // error >= 0.1 >= bound with both containing 0.1: error = bound is possible, so not refuted
        ProvedUniformBound.Comparison meeting = comparison(interval("0.1", "0.2"), interval("0.05", "0.1"));
        assertFalse(meeting.proved());
        assertFalse(meeting.refuted());
        ProvedUniformBound.Comparison apart = comparison(interval("0.1000000000000000000000000001", "0.2"),
                interval("0.05", "0.1"));
        assertTrue(apart.refuted());
    }

    /** x' = t from 0 on [0, 1] with a certificate stating K = 0, M = 1 and this K_t; Euler's error is h t_l / 2. */
    private static CertifiedField linearInTime(double timeLipschitz) {
        return TestFields.certified(TestFields.TIME, new Certificate(0, 0, 1, timeLipschitz, Region.ball(10)),
                "linear-in-time", Map.of("K_t", timeLipschitz));
    }

    private static Evidence proved(CertifiedField field, int... ladder) {
        return new UniformBoundCheck(EULER, ladder, 1, Rigour.PROVED)
                .check(new Instance(field, new double[] {0}, null, 1, 0));
    }

    @Test
    void theAttainedBoundIsProvedWhereEveryEnclosureIsExact() {
        // h = 1/8 .. 1/32 are decimals: the layers, the solution t^2/2 and C/L = 1/(2L) are enclosed exactly
        Evidence evidence = proved(linearInTime(1), 8, 16, 32);
        assertEquals(Evidence.Finding.HOLDS, evidence.finding(), evidence.observed());
        assertTrue(evidence.proved());
        assertEquals(1, evidence.margin(), "the error equals C/L exactly");
    }

    @Test
    void theAttainedBoundIsUndecidedWhereTheEnclosuresHaveWidth() {
        // h = 1/3: the error is exactly 1/6 = C/3, but no decimal interval of it is a point
        Evidence evidence = proved(linearInTime(1), 3, 6);
        assertEquals(Evidence.Finding.INCONCLUSIVE, evidence.finding(), evidence.observed());
        assertTrue(evidence.observed().startsWith("undecided: at L = 3"), evidence.observed());
    }

    @Test
    void aTimeLipschitzConstantTenPercentTooSmallIsRefutedNeverProved() {
        // a certificate wrong where sampling cannot see it (the check trusts it): C = 0.45 against an error of C = 0.5
        Evidence evidence = proved(linearInTime(0.9), 8, 16);
        assertEquals(Evidence.Finding.REFUTED, evidence.finding(), evidence.observed());
        assertTrue(evidence.proved());
        assertTrue(evidence.observed().contains("at L = 8 in [0.0625, 0.0625]"), evidence.observed());
    }

    @Test
    void aFieldWithRightConstantsIsProvedWellInsideItsBound() {
        CertifiedField rotation = ChecksOnKnownFieldTest.dampedRotation(-0.5, 1.5, 100);
        Evidence evidence = new UniformBoundCheck(EULER, new int[] {8, 16}, 1, Rigour.PROVED)
                .check(new Instance(rotation, new double[] {1, 0.5}, null, 2, 0));
        assertEquals(Evidence.Finding.HOLDS, evidence.finding(), evidence.observed());
        assertTrue(evidence.proved());
        assertTrue(evidence.margin() < 1, "margin " + evidence.margin());
    }
    /**
     * Heun's and RK4's C (docs/theory.md, "Theorem 1 for Heun and RK4") in intervals encloses the C the observed check
     * computes in double, at the ladder's coarsest step, and the higher-order layers are proved well inside it.
     */
    @ParameterizedTest
    @EnumSource(LayerMap.class)
    void eachLayerMapIsProvedAgainstItsOwnEnclosedConstant(LayerMap map) {
        CertifiedField rotation = ChecksOnKnownFieldTest.dampedRotation(-0.5, 1.5, 100);
        Evidence evidence = new UniformBoundCheck(new Numerics(map, EULER.layers(), EULER.reference()), new int[] {4, 8},
                1, Rigour.PROVED).check(new Instance(rotation, new double[] {1, 0.5}, null, 2, 0));
        assertEquals(Evidence.Finding.HOLDS, evidence.finding(), evidence.observed());
        assertTrue(evidence.proved());
        String enclosed = evidence.constants().get("C (enclosed)");
        String[] ends = enclosed.substring(1, enclosed.length() - 1).split(", ");
        double inDouble = TheoremBounds.uniformBoundConstant(map, rotation.certificate(), 2, 4);
        assertTrue(Double.parseDouble(ends[0]) <= inDouble && inDouble <= Double.parseDouble(ends[1]),
                map + ": C = " + inDouble + " outside " + enclosed);
    }

    /** x' = x^2 from 1 on [0, 1/2]: x(t) = 1/(1 - t) <= 2, so on |x| <= 2 K = M = 4 (|2x|, |x^2|) and K_t = 0. */
    private static final CertifiedField SQUARE = TestFields.certified(new TestFields.ScalarField() {
        @Override
        public <T extends RealFieldElement<T>> T rate(T t, T x) {
            return x.multiply(x);
        }
    }, new Certificate(4, 4, 4, 0, Region.ball(2)), "square", Map.of());

    /**
     * The decision at its knife edge for every layer map, on a nonlinear field with hK = 1 at the coarsest depth, where
     * Heun's and RK4's d(z) and g(z) are far from their values at 0: the worst ratio over the ladder [2, 4] of
     * {@code max_l |x_l - x(t_l)|} to C/L, from the layer iterates in exact rational arithmetic against 1/(1 - t_l) and
     * C at 60 digits (Python's fractions and mpmath), lies strictly between the two doubles given, adjacent doubles
     * (Euler 0.146387520677731795, Heun 0.0119918374896365978, RK4 0.000213180248461053006). With C scaled by the
     * lower one the claim fails by about 1e-16 of C/L and must be refuted; scaled by the upper one it holds by as little
     * and must be proved. A 40-digit reference keeps the solution's enclosure (about 1e-21 wide at 20 digits) below
     * those margins.
     */
    @ParameterizedTest
    @CsvSource({"EULER, 0.14638752067773178, 0.1463875206777318", "HEUN, 0.011991837489636597, 0.011991837489636599",
        "RK4, 0.000213180248461053, 0.00021318024846105302"})
    void theWorstRatioIsDecidedToOneDoubleOnEitherSide(LayerMap map, double below, double above) {
        Numerics numerics = new Numerics(map, EULER.layers(), NumberSystem.ofDigits(40));
        Instance start = new Instance(SQUARE, new double[] {1}, null, 0.5, 0);
        Evidence refuted = new UniformBoundCheck(numerics, new int[] {2, 4}, below, Rigour.PROVED).check(start);
        assertEquals(Evidence.Finding.REFUTED, refuted.finding(), map + ": " + refuted.observed());
        Evidence proved = new UniformBoundCheck(numerics, new int[] {2, 4}, above, Rigour.PROVED).check(start);
        assertEquals(Evidence.Finding.HOLDS, proved.finding(), map + ": " + proved.observed());
        assertTrue(proved.proved());
    }
}
