package io.flowaudit.field.family;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowaudit.field.Domain;
import io.flowaudit.flow.LayerMap;
import io.flowaudit.flow.ReferenceFlow;
import io.flowaudit.gen.Fields;
import io.flowaudit.num.ApfloatElement;
import io.flowaudit.num.ApfloatSystem;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Every family records on a Taylor tape (no value branching, only supported operations), so the
 * arbitrary-precision reference flow runs on it and agrees with a deep double RK4 stack.
 */
class TaylorTapeProperties {

    record Start(FamilyField field, double[] x0) {
    }

    @Provide
    Arbitrary<Start> starts() {
        return Fields.any().dimension(1, 3).lipschitz(0, 2).flatMap(f -> Fields.statesInBall(f.dimension(), 1)
                .map(x -> new Start(f, x)));
    }

    @Property(tries = 8)
    void referenceFlowAgreesWithADeepRk4Stack(@ForAll("starts") Start start) {
        assertReferenceFlowAgreesWithRk4(start.field(), start.x0());
    }

    @Example
    void everyFamilyRecordsOnATape() {
        for (Arbitrary<? extends FamilyField> family : List.of(Fields.affine(), Fields.mlp(), Fields.timeDependent(),
                Fields.contractive())) {
            FamilyField field = family.sample();
            double[] x0 = new double[field.dimension()];
            x0[0] = 0.5;
            assertReferenceFlowAgreesWithRk4(field.certifiedFor(new Domain(0.5, 1)), x0);
        }
    }

    private static void assertReferenceFlowAgreesWithRk4(FamilyField field, double[] initial) {
        ApfloatSystem apfloat = new ApfloatSystem(30);
        ReferenceFlow<ApfloatElement> flow = ReferenceFlow.compute(field, apfloat, apfloat.fromDoubles(initial),
                apfloat.one());
        int layers = 2000;
        double h = 1.0 / layers;
        double[] x = initial.clone();
        double[][] workspace = LayerMap.RK4.newWorkspace(x.length);
        for (int l = 0; l < layers; l++) {
            double[] next = new double[x.length];
            LayerMap.RK4.step(field, l * h, x, h, next, workspace);
            x = next;
        }
        ApfloatElement[] exact = flow.atHorizon();
        for (int i = 0; i < x.length; i++) {
            double error = Math.abs(exact[i].getReal() - x[i]);
            assertTrue(error < 1e-9, "component " + i + " differs by " + error + " for " + field);
        }
    }
}
