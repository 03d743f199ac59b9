package io.flowaudit.flow;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowaudit.field.VectorField;
import io.flowaudit.num.ApfloatElement;
import io.flowaudit.num.ApfloatSystem;
import java.util.function.UnaryOperator;
import org.apache.commons.math3.RealFieldElement;
import org.apache.commons.math3.util.MathArrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every Taylor recurrence of the tape, end to end: x' = g(c + t), x(0) = 0 integrates to the
 * antiderivative G(c + T) - G(c), known in closed form, to 35 digits at 40.
 */
class TaylorRecurrencesTest {

    private static final ApfloatSystem APFLOAT = new ApfloatSystem(40);

    enum Integrand {
        EXP(u -> u.exp(), u -> u.exp()),
        LOG(u -> u.log(), u -> u.multiply(u.log()).subtract(u)),
        SQRT(u -> u.sqrt(), u -> u.pow(3).sqrt().multiply(2).divide(3)),
        SIN(u -> u.sin(), u -> u.cos().negate()),
        COS(u -> u.cos(), u -> u.sin()),
        TANH(u -> u.tanh(), u -> u.cosh().log()),
        RECIPROCAL(u -> u.reciprocal(), u -> u.log()),
        REAL_POWER(u -> u.pow(APFLOAT.fromDecimal("1.5")), u -> u.pow(APFLOAT.fromDecimal("2.5")).divide(2.5)),
        INTEGER_POWER(u -> u.pow(3), u -> u.pow(4).divide(4)),
        ABS_OF_NEGATIVE(u -> u.negate().abs(), u -> u.multiply(u).divide(2)),
        QUOTIENT(u -> u.divide(u.multiply(u).add(1)), u -> u.multiply(u).add(1).log().divide(2)),
        PRODUCT_OF_TRANSCENDENTALS(u -> u.exp().multiply(u.sin()),
                u -> u.exp().multiply(u.sin().subtract(u.cos())).divide(2));

        final UnaryOperator<ApfloatElement> exactIntegrand;
        final UnaryOperator<ApfloatElement> antiderivative;

        Integrand(UnaryOperator<ApfloatElement> integrand, UnaryOperator<ApfloatElement> antiderivative) {
            this.exactIntegrand = integrand;
            this.antiderivative = antiderivative;
        }

        /** The same integrand, generically, so it records on a tape. */
        <T extends RealFieldElement<T>> T apply(T u) {
            switch (this) {
                case EXP: return u.exp();
                case LOG: return u.log();
                case SQRT: return u.sqrt();
                case SIN: return u.sin();
                case COS: return u.cos();
                case TANH: return u.tanh();
                case RECIPROCAL: return u.reciprocal();
                case REAL_POWER: return u.pow(io.flowaudit.num.Scalars.decimal(u, "1.5"));
                case INTEGER_POWER: return u.pow(3);
                case ABS_OF_NEGATIVE: return u.negate().abs();
                case QUOTIENT: return u.divide(u.multiply(u).add(1));
                default: return u.exp().multiply(u.sin());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Integrand.class)
    void integratesToTheAntiderivative(Integrand g) {
        ApfloatElement shift = APFLOAT.fromDecimal("0.75");
        ApfloatElement horizon = APFLOAT.fromDecimal("1.5");
        VectorField field = new VectorField() {
            @Override
            public int dimension() {
                return 1;
            }

            @Override
            public <T extends RealFieldElement<T>> T[] evaluate(T t, T[] x) {
                T[] out = MathArrays.buildArray(t.getField(), 1);
                out[0] = g.apply(t.add(io.flowaudit.num.Scalars.decimal(t, "0.75")));
                return out;
            }
        };
        ApfloatElement computed = ReferenceFlow.compute(field, APFLOAT, new ApfloatElement[] {APFLOAT.zero()}, horizon)
                .atHorizon()[0];
        ApfloatElement exact = g.antiderivative.apply(shift.add(horizon)).subtract(g.antiderivative.apply(shift));
        double error = computed.subtract(exact).abs().getReal();
        assertTrue(error < 1e-35, g + ": error " + error + " (computed " + computed + ", exact " + exact + ")");
        // the integrand itself agrees with its generic form (guards the enum against drift)
        assertTrue(g.exactIntegrand.apply(shift).subtract(g.apply(shift)).abs().getReal() < 1e-38, g.name());
    }
}
