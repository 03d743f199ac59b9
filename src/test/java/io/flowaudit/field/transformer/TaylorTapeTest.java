package io.flowaudit.field.transformer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowaudit.flow.LayerMap;
import io.flowaudit.flow.LayerStack;
import io.flowaudit.flow.TaylorIntegrator;
import io.flowaudit.flow.TaylorSolution;
import io.flowaudit.gen.Fields;
import io.flowaudit.num.BinaryElement;
import io.flowaudit.num.BinarySystem;
import io.flowaudit.num.DoubleSystem;
import io.flowaudit.num.taylor.Tape;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import org.apache.commons.math3.util.Decimal64;

/**
 * Every family records on a Taylor tape (no value branching, only supported operations) and the Taylor
 * integrator solves it; its solution matches a fine RK4 layer stack in double.
 */
class TaylorTapeTest {

    /** The number system the audit's references take at these digits (apfloat only beyond 100). */
    private static final BinarySystem REFERENCE = new BinarySystem(20);
    private static final double HORIZON = 0.25;

    @Example
    void everyFamilyIsSolvedByTheTaylorIntegrator() {
        List<Arbitrary<? extends TransformerField>> families = List.of(Fields.softmaxAttention(),
                Fields.softmaxAttention().heads(2, 3), Fields.softmaxAttention().heads(1, 2).causal(true),
                Fields.l2Attention(), Fields.sigmoidAttention(),
                Fields.sinkhornAttention(), Fields.sphereAttention(), Fields.ffn(),
                Fields.block());
        for (Arbitrary<? extends TransformerField> family : families) {
            for (long seed = 1; seed <= 2; seed++) {
                Random random = new Random(seed);
                TransformerField field = family.generator(100).next(random).value();
                double[] start = field.initialStates(field.domain().initialRadius()).generator(100).next(random).value();
                Tape tape = Tape.record(field.dimension(), field::evaluate);
                assertTrue(tape.size() > field.dimension(), field.family() + ": tape of " + tape.size() + " nodes");
                TaylorSolution<BinaryElement> solution = TaylorIntegrator.integrate(field, REFERENCE,
                        REFERENCE.fromDoubles(start), REFERENCE.fromDouble(HORIZON), 18);
                BinaryElement[] taylor = solution.at(REFERENCE.fromDouble(HORIZON));
                double[] rk4 = LayerStack.run(field, LayerMap.RK4, DoubleSystem.INSTANCE,
                        DoubleSystem.INSTANCE.fromDoubles(start), new Decimal64(HORIZON), 400).stateAsDoubles(400);
                double error = 0;
                for (int k = 0; k < rk4.length; k++) {
                    error = Math.max(error, Math.abs(taylor[k].getReal() - rk4[k]));
                }
                assertTrue(error < 1e-10 * (1 + PlainDouble.norm(rk4)),
                        field + ": Taylor and RK4 differ by " + error);
            }
        }
    }
}
