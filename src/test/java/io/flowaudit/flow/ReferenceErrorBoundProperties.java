package io.flowaudit.flow;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowaudit.field.VectorField;
import io.flowaudit.gen.Fields;
import io.flowaudit.num.ApfloatElement;
import io.flowaudit.num.ApfloatSystem;
import io.flowaudit.num.DoubleSystem;
import io.flowaudit.num.NumberSystem;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.commons.math3.RealFieldElement;

/**
 * The reference's error bound on the certified families the claims draw from (linear, MLP, time-dependent,
 * contractive, softmax attention): the reference in double and at 30 digits against one at 60 digits, whose
 * own bound (below 10^-50 here) is added to the allowance, at 11 points of [0, 1].
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
