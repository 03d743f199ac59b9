package io.flowaudit.flow;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowaudit.field.formula.FormulaSystem;
import io.flowaudit.field.formula.SystemFile;
import io.flowaudit.num.ApfloatSystem;
import io.flowaudit.num.DoubleSystem;
import io.flowaudit.num.NumberSystem;
import org.apache.commons.math3.RealFieldElement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The error of x(T) carried by the transition matrices ({@link TransitionErrorEstimate}) against a 95-digit solve,
 * on systems whose perturbations really grow — chaos, a pendulum lingering at its saddle, a non-normal transient —
 * and on the rigid body, whose errors barely grow although its logarithmic norm says e^12: the estimate must cover
 * the error at T in each, at the 38 digits a 30-digit solve computes at, in apfloat at 15 (a 5-digit solve) and in
 * double.
 */
class TransitionErrorEstimateTest {

    private static final NumberSystem<?> TRUTH = NumberSystem.ofDigits(95);

    enum Problem {
        /** DETEST B5: two quadratic invariants, so perturbations grow only linearly, by about 20 over T. */
        RIGID_BODY("y1: y2*y3\n  y2: -y1*y3\n  y3: -0.51*y1*y2", "{y1: 0, y2: 1, y3: 1}", 20),
        /** Lorenz '63 on its attractor to T = 10: perturbations grow about e^9. */
        LORENZ("y1: 10*(y2 - y1)\n  y2: y1*(28 - y3) - y2\n  y3: y1*y2 - 8/3*y3", "{y1: 1, y2: 1, y3: 1}", 10),
        /**
         * A pendulum with energy 10^-6 below its separatrix: it creeps past the unstable top, where perturbations
         * grow e^t for some 15 time units, and swings down, where they partly shrink again.
         */
        PENDULUM_AT_ITS_SADDLE("y1: y2\n  y2: -sin(y1)", "{y1: 0, y2: 1.9999995}", 20),
        /** y1' = -y1 + 100 y2, y2' = -y2: both decay, but y2's perturbation feeds y1's, 37-fold at t = 1. */
        NON_NORMAL("y1: -y1 + 100*y2\n  y2: -y2", "{y1: 0, y2: 1}", 3);

        final FormulaSystem system;
        /** The 95-digit solve, made at the first comparison that needs it and shared by the problem's others. */
        private Truth<?> truth;

        Problem(String field, String initial, int horizon) {
            system = SystemFile.parse("name: " + name() + "\nvariables: [y1, y2" + (field.contains("y3") ? ", y3" : "")
                    + "]\nfield:\n  " + field + "\ninitial: " + initial + "\nhorizon: " + horizon + "\n", name());
        }

        synchronized Truth<?> truth() {
            if (truth == null) {
                truth = Truth.of(system, TRUTH);
            }
            return truth;
        }
    }

    @ParameterizedTest
    @EnumSource(Problem.class)
    void coversTheErrorAt38Digits(Problem problem) {
        assertCovers(problem, NumberSystem.ofDigits(38));
    }

    @ParameterizedTest
    @EnumSource(Problem.class)
    void coversTheErrorInApfloatAt15DigitsAndInDouble(Problem problem) {
        assertCovers(problem, new ApfloatSystem(15));
        assertCovers(problem, DoubleSystem.INSTANCE);
    }

    /**
     * What the estimate is for: the logarithmic norm's bound of the rigid body at 38 digits, 6·10^-31, would not let a
     * 30-digit solve print its last digit; carried by the transition matrices the error is below 10^-32, within
     * 10^5 of the true one.
     */
    @Test
    void theRigidBodysEstimateIsFarBelowTheLogarithmicNormsBound() {
        NumberSystem<?> numbers = NumberSystem.ofDigits(38);
        double[] figures = assertCovers(Problem.RIGID_BODY, numbers);
        double error = figures[0];
        double estimate = figures[1];
        double logNormBound = figures[2];
        assertTrue(estimate < 1e-32 && estimate < logNormBound / 100 && estimate < 1e5 * error,
                "error " + error + ", estimate " + estimate + ", log-norm bound " + logNormBound);
    }

    /** {error at T, the transition estimate, the bound on [0, T]}, after asserting error <= estimate. */
    private static <S extends RealFieldElement<S>> double[] assertCovers(Problem problem, NumberSystem<S> numbers) {
        FormulaSystem system = problem.system;
        ReferenceFlow<S> flow = ReferenceFlow.compute(system, numbers, system.initialState(numbers),
                system.horizon(numbers));
        double estimate = TransitionErrorEstimate.atEnd(system, numbers, flow.solution());
        double[] figures = {problem.truth().errorOf(flow.atHorizon()), estimate, flow.errorEstimate()};
        System.out.printf("%s in %s: error at T %.3e, transition estimate %.3e, log-norm bound %.3e, %d steps%n",
                system.name(), numbers.name(), figures[0], estimate, flow.errorEstimate(), flow.solution().steps());
        assertTrue(figures[0] <= estimate, system.name() + " in " + numbers.name() + ": error at T " + figures[0]
                + " exceeds the estimate " + estimate);
        // and of use: it leaves all but 10 of the working digits (the amplifications here are up to 10^7)
        double scale = 1;
        for (S value : flow.atHorizon()) {
            scale = Math.max(scale, Math.abs(value.getReal()));
        }
        assertTrue(estimate <= Math.pow(10, 10 - numbers.digits()) * scale, system.name() + " in " + numbers.name()
                + ": the estimate " + estimate + " leaves fewer than " + (numbers.digits() - 10) + " digits");
        return figures;
    }

    /** A problem's state at T from a solve at many more digits, and that solve's own error bound. */
    private record Truth<R extends RealFieldElement<R>>(NumberSystem<R> numbers, R[] atHorizon, double bound) {

        static <R extends RealFieldElement<R>> Truth<R> of(FormulaSystem system, NumberSystem<R> numbers) {
            ReferenceFlow<R> exact = ReferenceFlow.compute(system, numbers, system.initialState(numbers),
                    system.horizon(numbers));
            return new Truth<>(numbers, exact.atHorizon(), exact.errorEstimate());
        }

        /**
         * |x - truth(T)| plus the 95-digit solve's own bound, so the figure is never below the true error; the
         * 95-digit bound is 10^-80 or so, far below every estimate compared with it.
         */
        <S extends RealFieldElement<S>> double errorOf(S[] x) {
            double sumOfSquares = 0;
            for (int i = 0; i < x.length; i++) {
                double difference = numbers.from(x[i]).subtract(atHorizon[i]).getReal();
                sumOfSquares += difference * difference;
            }
            return Math.sqrt(sumOfSquares) + bound;
        }
    }
}
