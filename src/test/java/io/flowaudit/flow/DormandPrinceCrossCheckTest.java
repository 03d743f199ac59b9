package io.flowaudit.flow;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowaudit.field.VectorField;
import io.flowaudit.num.ApfloatElement;
import io.flowaudit.num.ApfloatSystem;
import io.flowaudit.num.BinaryElement;
import io.flowaudit.num.BinarySystem;
import org.apache.commons.math3.RealFieldElement;
import org.apache.commons.math3.ode.FieldExpandableODE;
import org.apache.commons.math3.ode.FieldODEState;
import org.apache.commons.math3.ode.FirstOrderFieldDifferentialEquations;
import org.apache.commons.math3.ode.nonstiff.DormandPrince853FieldIntegrator;
import org.apache.commons.math3.util.MathArrays;
import org.junit.jupiter.api.Test;

/**
 * The Taylor reference against an independent method in independent arithmetic: the reference in apfloat, and
 * commons-math3's Dormand-Prince 8(5,3) field integrator over the binary system (the reference's own from 17 to 100
 * digits; its functions are checked against apfloat in BinarySystemTest), both at 40 digits, on a nonlinear,
 * non-autonomous 3-D system without a closed form.
 */
class DormandPrinceCrossCheckTest {

    private static final ApfloatSystem APFLOAT = new ApfloatSystem(40);
    private static final BinarySystem BINARY = new BinarySystem(40);
    private static final double[] X0 = {0.5, -1, 0.25};

    /** A small tanh network with a time-varying input. */
    private static final VectorField FIELD = new VectorField() {
        @Override
        public int dimension() {
            return 3;
        }

        @Override
        public <T extends RealFieldElement<T>> T[] evaluate(T t, T[] x) {
            T[] out = MathArrays.buildArray(t.getField(), 3);
            out[0] = x[1].multiply(0.5).subtract(x[2]).tanh().subtract(x[0].multiply(0.25));
            out[1] = x[0].add(t.sin().multiply(0.5)).tanh().multiply(1.5);
            out[2] = x[0].multiply(x[1]).multiply(0.25).subtract(x[2].multiply(0.5));
            return out;
        }
    };

    @Test
    void taylorAgreesWithDormandPrince853() {
        ApfloatElement horizon = APFLOAT.fromInt(3);
        ApfloatElement[] initial = APFLOAT.fromDoubles(X0);
        ApfloatElement[] taylor = ReferenceFlow.compute(FIELD, APFLOAT, initial, horizon).atHorizon();

        DormandPrince853FieldIntegrator<BinaryElement> integrator = new DormandPrince853FieldIntegrator<>(BINARY,
                1e-8, 1, 1e-18, 1e-18);
        FirstOrderFieldDifferentialEquations<BinaryElement> equations =
                new FirstOrderFieldDifferentialEquations<BinaryElement>() {
                    @Override
                    public int getDimension() {
                        return 3;
                    }

                    @Override
                    public void init(BinaryElement t0, BinaryElement[] y0, BinaryElement finalTime) {
                    }

                    @Override
                    public BinaryElement[] computeDerivatives(BinaryElement t, BinaryElement[] y) {
                        return FIELD.evaluate(t, y);
                    }
                };
        BinaryElement[] dormandPrince = integrator.integrate(new FieldExpandableODE<>(equations),
                new FieldODEState<>(BINARY.zero(), BINARY.fromDoubles(X0)),
                BINARY.fromInt(3)).getState();
        for (int i = 0; i < 3; i++) {
            double difference = taylor[i].subtract(APFLOAT.from(dormandPrince[i])).abs().getReal();
            // Dormand-Prince was asked for 1e-18 per step; its global error stays well below 1e-14
            assertTrue(difference < 1e-14, "component " + i + ": difference " + difference);
        }
    }
}
