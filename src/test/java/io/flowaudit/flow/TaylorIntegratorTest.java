package io.flowaudit.flow;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowaudit.field.FieldEvaluationException;
import io.flowaudit.field.VectorField;
import io.flowaudit.num.ApfloatElement;
import io.flowaudit.num.ApfloatSystem;
import io.flowaudit.num.DoubleSystem;
import org.apache.commons.math3.RealFieldElement;
import org.apache.commons.math3.util.Decimal64;
import org.junit.jupiter.api.Test;

class TaylorIntegratorTest {

    private final ApfloatSystem apfloat40 = new ApfloatSystem(40);

    private static double relativeError(ApfloatElement computed, ApfloatElement exact) {
        return computed.subtract(exact).abs().divide(exact.abs()).getReal();
    }

    @Test
    void logisticMatchesClosedFormTo30Digits() {
        ApfloatElement x0 = apfloat40.fromDecimal("0.1");
        ApfloatElement T = apfloat40.fromInt(3);
        ReferenceFlow<ApfloatElement> flow = ReferenceFlow.compute(TestFields.LOGISTIC, apfloat40,
                new ApfloatElement[] {x0}, T);
        ApfloatElement e = T.exp();
        ApfloatElement exact = x0.multiply(e).divide(x0.negate().add(1).add(x0.multiply(e)));
        double error = relativeError(flow.atHorizon()[0], exact);
        assertTrue(error < 1e-30, "relative error " + error);
        assertTrue(flow.errorEstimate() >= Math.abs(flow.atHorizon()[0].subtract(exact).getReal()),
                "estimate " + flow.errorEstimate() + " must bound the error");
        assertTrue(flow.errorEstimate() < 1e-25, "estimate " + flow.errorEstimate());
    }

    @Test
    void cosGrowthMatchesClosedFormEverywhere() {
        ApfloatElement T = apfloat40.fromInt(20);
        ReferenceFlow<ApfloatElement> flow = ReferenceFlow.compute(TestFields.COS_GROWTH, apfloat40,
                new ApfloatElement[] {apfloat40.one()}, T);
        for (int i = 0; i <= 40; i++) {
            ApfloatElement t = T.multiply(i).divide(40);
            double error = relativeError(flow.at(t)[0], t.sin().exp());
            assertTrue(error < 1e-30, "t=" + t + " relative error " + error);
        }
    }

    @Test
    void dampedRotationMatchesMatrixExponential() {
        ApfloatElement T = apfloat40.fromInt(10);
        double a = -0.25;
        double b = 2;
        ApfloatElement[] x0 = {apfloat40.one(), apfloat40.fromDecimal("0.5")};
        long start = System.nanoTime();
        ReferenceFlow<ApfloatElement> flow = ReferenceFlow.compute(TestFields.dampedRotation(a, b), apfloat40, x0, T);
        System.out.println("rotation: " + (System.nanoTime() - start) / 1e6 + " ms, steps "
                + flow.solution().steps() + ", order " + flow.solution().order() + ", estimate " + flow.errorEstimate());
        ApfloatElement decay = T.multiply(a).exp();
        ApfloatElement angle = T.multiply(b);
        ApfloatElement x = decay.multiply(x0[0].multiply(angle.cos()).add(x0[1].multiply(angle.sin())));
        ApfloatElement y = decay.multiply(x0[1].multiply(angle.cos()).subtract(x0[0].multiply(angle.sin())));
        ApfloatElement[] computed = flow.atHorizon();
        assertTrue(computed[0].subtract(x).abs().getReal() < 1e-31, "x error " + computed[0].subtract(x));
        assertTrue(computed[1].subtract(y).abs().getReal() < 1e-31, "y error " + computed[1].subtract(y));
    }

    /**
     * x' = |(t - 0.51)^2 - 10^-8|, x(0) = 0 on [0, 1]: the argument dips below 0 on [0.5099, 0.5101] only. x is a cubic
     * on either branch, so one step covers [0, 1]; its 64 samples of the argument (0.5, 0.515625, ...) all missed the
     * dip, and solve printed 0.0834333233333... with an estimate of 3 10^-32 against the true 1/12 - 10^-8 + (8/3) 10^-12
     * = 0.083433323336. A step must not cross a kink however narrow the dip, so the reference refuses it.
     */
    @Test
    void aKinkCrossedWithinANarrowDipIsRefused() {
        VectorField dip = new TestFields.ScalarField() {
            @Override
            public <T extends RealFieldElement<T>> T rate(T t, T x) {
                return t.subtract(0.51).multiply(t.subtract(0.51)).subtract(1e-8).abs();
            }
        };
        FieldEvaluationException refusal = assertThrows(FieldEvaluationException.class, () -> ReferenceFlow.compute(
                dip, apfloat40, new ApfloatElement[] {apfloat40.zero()}, apfloat40.one()));
        assertTrue(refusal.getMessage().contains("changes sign within a reference step"), refusal.getMessage());
    }

    /**
     * x' = sqrt(x) from 0 in double arithmetic: sqrt has no derivative at 0, so the series' second coefficient is
     * inf * 0 = NaN. Refused where the series was formed; until 2026-11-30 the NaN reached the field's evaluation at
     * the step's end, reported as "not a number" at a state of NaN.
     */
    @Test
    void aSeriesWithANonFiniteCoefficientIsRefusedWhereItWasFormed() {
        VectorField sqrt = new TestFields.ScalarField() {
            @Override
            public <T extends RealFieldElement<T>> T rate(T t, T x) {
                return x.sqrt();
            }
        };
        ReferenceRefusedException refused = assertThrows(ReferenceRefusedException.class,
                () -> ReferenceFlow.compute(sqrt, DoubleSystem.INSTANCE, new Decimal64[] {Decimal64.ZERO},
                        new Decimal64(1)));
        assertTrue(refused.getMessage().contains("past t = 0.0: the field's Taylor series at [0.0] is not a number: the"
                + " field has no derivative there"), refused.getMessage());
    }

    /** x' = x^(1/3) from 0 in apfloat: the series' recurrence divides by x = 0, reported with the state it was at. */
    @Test
    void aSeriesThatDividesByZeroNamesTheState() {
        VectorField cubeRoot = new TestFields.ScalarField() {
            @Override
            public <T extends RealFieldElement<T>> T rate(T t, T x) {
                return x.pow(1.0 / 3);
            }
        };
        FieldEvaluationException e = assertThrows(FieldEvaluationException.class,
                () -> ReferenceFlow.compute(cubeRoot, apfloat40, new ApfloatElement[] {apfloat40.zero()},
                        apfloat40.one()));
        assertTrue(e.getMessage().endsWith("in the field's Taylor series at [0.0]"), e.getMessage());
    }
}
