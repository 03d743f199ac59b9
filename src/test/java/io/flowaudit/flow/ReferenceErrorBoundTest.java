package io.flowaudit.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowaudit.field.VectorField;
import io.flowaudit.num.ApfloatElement;
import io.flowaudit.num.ApfloatSystem;
import io.flowaudit.num.DoubleSystem;
import io.flowaudit.num.NumberSystem;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.math3.RealFieldElement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The reference's error bound against closed-form solutions, in apfloat at 40 digits and in double: the
 * true error at 51 points of [0, T] (the bound is uniform) must not exceed the bound, and the bound must be
 * small enough to be of use. The problems are the ones a bound from local errors alone gets wrong (without
 * the amplification the knife edge and the blow-up fail in double): growth e^10, a solution of size one on a
 * knife edge that amplifies every error e^10, one running toward a blow-up (amplification 10^6), a stiff
 * contraction, a growth rate that changes sign twenty times within [0, T] — so within a step — and is
 * sampled, not integrated, two series whose last two coefficients vanish at t = 0 while later ones do not, and a
 * pulse in time that the series at t = 0 does not see.
 */
class ReferenceErrorBoundTest {

    private static final ApfloatSystem EXACT = new ApfloatSystem(60);
    private static final ApfloatSystem DIGITS_40 = new ApfloatSystem(40);

    /** x' = rate(t, x) in one dimension, with its exact solution in 60-digit apfloat. */
    enum Problem {
        /** x' = 5x, x(0) = 1 on [0, 2]: x = e^(5t), amplification e^10. */
        GROWTH(2) {
            @Override
            <T extends RealFieldElement<T>> T rate(T t, T x) {
                return x.multiply(5);
            }

            @Override
            ApfloatElement exact(ApfloatElement t) {
                return t.multiply(5).exp();
            }
        },
        /**
         * x' = 10 (x - cos 5t) - 5 sin 5t, x(0) = 1 on [0, 1]: x = cos 5t, on a knife edge: every error is
         * amplified e^10 while the solution stays of size one.
         */
        KNIFE_EDGE(1) {
            @Override
            <T extends RealFieldElement<T>> T rate(T t, T x) {
                return x.subtract(t.multiply(5).cos()).multiply(10).subtract(t.multiply(5).sin().multiply(5));
            }

            @Override
            ApfloatElement exact(ApfloatElement t) {
                return t.multiply(5).cos();
            }
        },
        /** x' = x^2, x(0) = 1 on [0, 0.999]: x = 1/(1 - t) reaches 1000 next to its pole at t = 1. */
        TOWARD_BLOW_UP(0.999) {
            @Override
            <T extends RealFieldElement<T>> T rate(T t, T x) {
                return x.multiply(x);
            }

            @Override
            ApfloatElement exact(ApfloatElement t) {
                return t.negate().add(1).reciprocal();
            }
        },
        /** x' = -50 (x - cos t), x(0) = 0 on [0, 1]: x = (2500 cos t + 50 sin t - 2500 e^(-50t)) / 2501. */
        STIFF(1) {
            @Override
            <T extends RealFieldElement<T>> T rate(T t, T x) {
                return x.subtract(t.cos()).multiply(-50);
            }

            @Override
            ApfloatElement exact(ApfloatElement t) {
                return t.cos().multiply(2500).add(t.sin().multiply(50)).subtract(t.multiply(-50).exp().multiply(2500))
                        .divide(2501);
            }

            @Override
            double initial() {
                return 0;
            }
        },
        /**
         * x' = 7 t^6 x, x(0) = 1 on [0, 1]: x = exp(t^7), whose series at t = 0 has only every seventh term. At every
         * order the integrators use (20 in double, 45 at 38 digits, 48 at 40) its last two coefficients there
         * vanish, so the step rule sees no tail: it once took [0, 1] in one step, x(1) = 1 + 1 + 1/2 + ... + 1/6! =
         * 2.71806 against e = 2.71828, with an error bound of 10^-30.
         */
        SPARSE_SERIES(1) {
            @Override
            <T extends RealFieldElement<T>> T rate(T t, T x) {
                return t.pow(6).multiply(7).multiply(x);
            }

            @Override
            ApfloatElement exact(ApfloatElement t) {
                return t.pow(7).exp();
            }
        },
        /**
         * x' = 50 t^49 x, x(0) = 1 on [0, 1]: x = exp(t^50), whose series at t = 0 is 1 up to beyond every order
         * used; the step rule once took all of [0, 1] as the constant 1.
         */
        FLAT_SERIES(1) {
            @Override
            <T extends RealFieldElement<T>> T rate(T t, T x) {
                return t.pow(49).multiply(50).multiply(x);
            }

            @Override
            ApfloatElement exact(ApfloatElement t) {
                return t.pow(50).exp();
            }
        },
        /** x' = 20 sin(20t) x, x(0) = 1 on [0, 3]: x = exp(1 - cos 20t), growing and shrinking by e^2 in turn. */
        OSCILLATING_RATE(3) {
            @Override
            <T extends RealFieldElement<T>> T rate(T t, T x) {
                return t.multiply(20).sin().multiply(20).multiply(x);
            }

            @Override
            ApfloatElement exact(ApfloatElement t) {
                return t.multiply(20).cos().negate().add(1).exp();
            }
        },
        /**
         * x' = exp(-((t - a)/w)^2) / w, x(0) = 1 on [0, 1] with a = 0.7236, w = 0.01: x = 1 + sqrt(pi) (erf((t -
         * a)/w) + erf(a/w))/2, a step of sqrt(pi) in time 0.03. The series at t = 0 is about e^-5236 in every term,
         * and its step rule took all of [0, 1] as the constant 1: the pulse shows only in the defect at the step's
         * middle, e^-495, which a double's square does not hold and which is far below the local error of x = 1.
         */
        PULSE(new Pulse(0.7236, 0.01, 1)),
        /**
         * The pulse at w = 0.006 from x(0) = 0, where the local error has no x = 1 to make it e^-83: the series of the
         * steps before the pulse is far below the tolerance and grows many-fold per term over the step the rule
         * allowed, whose points read both lie past the pulse. Without the step's limit at |c_(N-1)| / |c_N|, x(1) came
         * out 10^-65 where it is sqrt(pi).
         */
        NARROW_PULSE(new Pulse(0.7236, 0.006, 0));

        final double horizon;
        /** The pulse a pulse problem is, whose rate and solution it states; null for the others, which state theirs. */
        private final Pulse pulse;
        /**
         * The reference in each number system, computed at its first use and shared by the tests that check it (the
         * bound on [0, T] and the estimate at T read the same solve).
         */
        private final Map<NumberSystem<?>, ReferenceFlow<?>> flows = new HashMap<>();

        Problem(double horizon) {
            this.horizon = horizon;
            this.pulse = null;
        }

        Problem(Pulse pulse) {
            this.horizon = 1;
            this.pulse = pulse;
        }

        /** x(0). */
        double initial() {
            return pulse == null ? 1 : pulse.x0();
        }

        /** The reference flow from x(0) to the horizon, in {@code numbers}. */
        @SuppressWarnings("unchecked") // keyed by the number system, so the flow's elements are its elements
        synchronized <S extends RealFieldElement<S>> ReferenceFlow<S> flow(NumberSystem<S> numbers) {
            return (ReferenceFlow<S>) flows.computeIfAbsent(numbers, n -> {
                S[] initial = numbers.array(1);
                initial[0] = numbers.fromDouble(initial());
                return ReferenceFlow.compute(field(), numbers, initial, horizon(numbers));
            });
        }

        <S extends RealFieldElement<S>> S horizon(NumberSystem<S> numbers) {
            return numbers.fromDecimal(Double.toString(horizon));
        }

        /** x' = rate(t, x): a pulse's, or the one each other problem states. */
        <T extends RealFieldElement<T>> T rate(T t, T x) {
            return pulse.rate(t);
        }

        /** The exact solution at 60 digits: a pulse's closed form, or the one each other problem states. */
        ApfloatElement exact(ApfloatElement t) {
            return pulse.exact(t);
        }

        VectorField field() {
            return new TestFields.ScalarField() {
                @Override
                public <T extends RealFieldElement<T>> T rate(T t, T x) {
                    return Problem.this.rate(t, x);
                }
            };
        }
    }

    @ParameterizedTest
    @EnumSource(Problem.class)
    void boundHoldsAt40Digits(Problem problem) {
        assertBoundHolds(problem, DIGITS_40, 29);
    }

    /** The narrow pulse excepted: in double its tail underflows to 0 before t = 0.56, and no point read sees it. */
    @ParameterizedTest
    @EnumSource(value = Problem.class, names = "NARROW_PULSE", mode = EnumSource.Mode.EXCLUDE)
    void boundHoldsInDouble(Problem problem) {
        assertBoundHolds(problem, DoubleSystem.INSTANCE, 9);
    }

    /**
     * The estimate at T alone ({@link ReferenceFlow#errorEstimateAtHorizon}, transition matrices in place of the
     * logarithmic norm) on the same problems: it must cover the error at T wherever the amplification is real, in
     * binary at 38 digits (what a 30-digit solve computes at), in apfloat at 40 and in double. The pulses, whose
     * x' does not depend on x (their transition matrices are 1), are read in binary alone: the bound's tests above
     * read them in apfloat and double, and their hundreds of steps cost seconds more here.
     */
    @ParameterizedTest
    @EnumSource(Problem.class)
    void estimateAtTheHorizonHolds(Problem problem) {
        assertHorizonEstimateHolds(problem, NumberSystem.ofDigits(38));
        if (problem.pulse == null) {
            assertHorizonEstimateHolds(problem, DIGITS_40);
            assertHorizonEstimateHolds(problem, DoubleSystem.INSTANCE);
        }
    }

    private static <S extends RealFieldElement<S>> void assertHorizonEstimateHolds(Problem problem,
            NumberSystem<S> numbers) {
        S horizon = problem.horizon(numbers);
        ReferenceFlow<S> flow = problem.flow(numbers);
        // the transition-matrix estimate itself, not only the smaller of it and the bound on [0, T]
        double estimate = TransitionErrorEstimate.atEnd(problem.field(), numbers, flow.solution());
        // compared in 60 digits, which adds no rounding beyond 10^-58
        double error = EXACT.from(flow.atHorizon()[0]).subtract(problem.exact(EXACT.from(horizon))).abs().getReal();
        assertTrue(error <= estimate, problem + " in " + numbers.name() + ": error at T " + error + " exceeds the"
                + " estimate " + estimate);
        assertEquals(Math.min(estimate, flow.errorEstimate()), flow.errorEstimateAtHorizon());
        System.out.printf("%s in %s: error at T %.3e, transition estimate at T %.3e, bound on [0, T] %.3e%n", problem,
                numbers.name(), error, estimate, flow.errorEstimate());
    }

    /**
     * A rotation, x' = y, y' = -x from (1, 0) over [0, 20]: it neither grows nor shrinks, and the bound must see
     * that. Its steps' local errors add up to about 10^-35; in the max norm the log norm would be 1, and the
     * errors of the first steps alone would grow e^20 (5 10^8), far above 10^-34.
     */
    @Test
    void rotationDoesNotCountAsGrowth() {
        ApfloatSystem apfloat = new ApfloatSystem(40);
        ApfloatElement horizon = apfloat.fromInt(20);
        ReferenceFlow<ApfloatElement> flow = ReferenceFlow.compute(TestFields.dampedRotation(0, 1), apfloat,
                new ApfloatElement[] {apfloat.one(), apfloat.zero()}, horizon);
        for (int i = 0; i <= 20; i++) {
            ApfloatElement t = EXACT.fromInt(i);
            ApfloatElement[] computed = flow.at(apfloat.fromInt(i));
            double error = Math.hypot(EXACT.from(computed[0]).subtract(t.cos()).getReal(),
                    EXACT.from(computed[1]).add(t.sin()).getReal());
            assertTrue(error <= flow.errorEstimate(), "t = " + i + ": error " + error + " exceeds " + flow.errorEstimate());
        }
        assertTrue(flow.errorEstimate() < 1e-34, "bound " + flow.errorEstimate());
    }

    /**
     * @param usefulDigits the bound must leave this many digits of the solution's largest value: 29 of 40 (so a
     *                     30-digit solve, which computes at 40, can print its digits after amplification by up to
     *                     10^6 here) and 9 of double's 16 (the amplification in double costs the same digits)
     */
    private static <S extends RealFieldElement<S>> void assertBoundHolds(Problem problem, NumberSystem<S> numbers,
            int usefulDigits) {
        S horizon = problem.horizon(numbers);
        ReferenceFlow<S> flow = problem.flow(numbers);
        double bound = flow.errorEstimate();
        double worst = 0;
        double largest = 0;
        int points = 50;
        for (int i = 0; i <= points; i++) {
            S t = horizon.multiply(i).divide(points);
            // the error against the exact solution at the same t, compared in 60 digits, so the comparison adds
            // no rounding of its own beyond 10^-58
            ApfloatElement computed = EXACT.from(flow.at(t)[0]);
            ApfloatElement exact = problem.exact(EXACT.from(t));
            double error = computed.subtract(exact).abs().getReal();
            largest = Math.max(largest, exact.abs().getReal());
            worst = Math.max(worst, error);
            assertTrue(error <= bound, problem + " in " + numbers.name() + " at t = " + t.getReal() + ": error " + error
                    + " exceeds the bound " + bound);
        }
        assertTrue(bound <= Math.pow(10, -usefulDigits) * largest, problem + " in " + numbers.name() + ": bound " + bound
                + " leaves fewer than " + usefulDigits + " digits of " + largest + " (worst error " + worst + ")");
        System.out.printf("%s in %s: worst error %.3e, bound %.3e, %d steps%n", problem, numbers.name(), worst, bound,
                flow.solution().steps());
    }
}
