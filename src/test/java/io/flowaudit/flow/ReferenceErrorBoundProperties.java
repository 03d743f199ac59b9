package io.flowaudit.flow;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowaudit.field.VectorField;
import io.flowaudit.gen.Fields;
import io.flowaudit.num.ApfloatElement;
import io.flowaudit.num.ApfloatSystem;
import io.flowaudit.num.DoubleSystem;
import io.flowaudit.num.NumberSystem;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.commons.math3.RealFieldElement;

/**
 * The reference's error bound on the certified families the claims draw from (linear, MLP, time-dependent,
 * contractive, softmax attention): the reference in double and at 30 digits against one at 60 digits, whose
 * own bound (below 10^-50 here) is added to the allowance, at 11 points of [0, 1]; and pulses in time, which the
 * series at t = 0 does not see, against their closed form.
 */
class ReferenceErrorBoundProperties {

    private static final ApfloatSystem FINE = new ApfloatSystem(60);

    record Start(VectorField field, double[] x0) {
    }

    @Provide
    Arbitrary<Start> families() {
        return Fields.any().dimension(1, 3).lipschitz(0, 2).flatMap(f -> f.initialStates(1).map(x -> new Start(f, x)));
    }

    @Provide
    Arbitrary<Start> attention() {
        return Fields.softmaxAttention().tokens(2, 3).width(1, 2).flatMap(f ->
                f.initialStates(f.domain().initialRadius()).map(x -> new Start(f, x)));
    }

    @Property(tries = 10)
    void boundHoldsOnFamilies(@ForAll("families") Start start) {
        assertBoundHolds(start, DoubleSystem.INSTANCE);
        assertBoundHolds(start, new ApfloatSystem(30));
    }

    @Property(tries = 4)
    void boundHoldsOnSoftmaxAttention(@ForAll("attention") Start start) {
        assertBoundHolds(start, DoubleSystem.INSTANCE);
        assertBoundHolds(start, new ApfloatSystem(30));
    }

    @Provide
    Arbitrary<Pulse> pulses() {
        return Combinators.combine(Arbitraries.doubles().between(0.2, 0.95),
                Arbitraries.doubles().between(0.006, 0.05).ofScale(4), Arbitraries.of(0.0, 1.0)).as(Pulse::new);
    }

    /**
     * In binary at 38 digits (what a 30-digit solve computes at), at 11 points of [0, 1]; the closed form at 60 digits
     * errs by 10^-58 or so. Not in double: a narrow pulse's tail underflows to 0 there, where no point read sees it.
     */
    @Property(tries = 4)
    void boundHoldsOnAPulseInTime(@ForAll("pulses") Pulse pulse) {
        assertPulseBoundHolds(pulse, NumberSystem.ofDigits(38));
    }

    private static <S extends RealFieldElement<S>> void assertPulseBoundHolds(Pulse pulse, NumberSystem<S> numbers) {
        S[] initial = numbers.array(1);
        initial[0] = numbers.fromDouble(pulse.x0());
        ReferenceFlow<S> flow = ReferenceFlow.compute(pulse.field(), numbers, initial, numbers.one());
        for (int i = 0; i <= 10; i++) {
            S t = numbers.fromInt(i).divide(10);
            double error = FINE.from(flow.at(t)[0]).subtract(pulse.exact(FINE.from(t))).abs().getReal();
            assertTrue(error <= flow.errorEstimate() + 1e-55, pulse + " at t = " + t.getReal() + ": error " + error
                    + " exceeds the bound " + flow.errorEstimate());
        }
    }

    private static <S extends RealFieldElement<S>> void assertBoundHolds(Start start, NumberSystem<S> numbers) {
        ReferenceFlow<S> flow = ReferenceFlow.compute(start.field(), numbers, numbers.fromDoubles(start.x0()),
                numbers.one());
        ReferenceFlow<ApfloatElement> fine = ReferenceFlow.compute(start.field(), FINE, FINE.fromDoubles(start.x0()),
                FINE.one());
        assertTrue(fine.errorEstimate() < 1e-50, "60-digit bound " + fine.errorEstimate());
        for (int i = 0; i <= 10; i++) {
            S t = numbers.fromInt(i).divide(10);
            ApfloatElement[] exact = fine.at(FINE.from(t));
            S[] computed = flow.at(t);
            for (int k = 0; k < exact.length; k++) {
                double error = FINE.from(computed[k]).subtract(exact[k]).abs().getReal();
                assertTrue(error <= flow.errorEstimate() + fine.errorEstimate(), numbers.name() + " at t = "
                        + t.getReal() + ", component " + k + ": error " + error + " exceeds the bound "
                        + flow.errorEstimate() + " for " + start.field());
            }
        }
    }
}
