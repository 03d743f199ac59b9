package io.flowaudit.num;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowaudit.num.interval.Dual;
import io.flowaudit.num.interval.IntervalSystem;
import io.flowaudit.num.taylor.Tape;
import io.flowaudit.num.taylor.TapeVariable;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.commons.math3.RealFieldElement;
import org.junit.jupiter.api.Test;

/** Dual numbers and the Taylor tape refuse every function with jumps, each with its own error and reason. */
class DifferentiableOnlyTest {

    @Test
    void dualNumbersRefuseTheFunctionsWithJumps() {
        Dual.Variables variables = new Dual.Variables(new IntervalSystem(20), 1);
        Dual x = variables.variable(0, variables.numbers().fromDecimal("0.5"));
        List<Map.Entry<String, UnaryOperator<Dual>>> jumps = jumpFunctions();
        for (Map.Entry<String, UnaryOperator<Dual>> jump : jumps) {
            String name = jump.getKey();
            UnaryOperator<Dual> function = jump.getValue();
            ArithmeticException e = assertThrows(ArithmeticException.class, () -> function.apply(x), name);
            assertTrue(e.getMessage().startsWith(name + " has jumps: no derivative enclosure"), e.getMessage());
        }
    }

    @Test
    void theTapeRefusesTheFunctionsWithJumps() {
        List<Map.Entry<String, UnaryOperator<TapeVariable>>> jumps = jumpFunctions();
        for (Map.Entry<String, UnaryOperator<TapeVariable>> jump : jumps) {
            String name = jump.getKey();
            UnaryOperator<TapeVariable> function = jump.getValue();
            UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                    () -> Tape.record(1, (t, x) -> new TapeVariable[] {function.apply(x[0])}),
                    name);
            assertTrue(e.getMessage().startsWith(name + " is not supported by the Taylor reference solver"),
                    e.getMessage());
        }
    }

    /** The functions with jumps, each with the name its refusal gives, applied to x (remainder: by 2, and by x). */
    private static <T extends RealFieldElement<T>> List<Map.Entry<String, UnaryOperator<T>>> jumpFunctions() {
        return List.of(Map.entry("remainder", x -> x.remainder(2.0)), Map.entry("remainder", x -> x.remainder(x)),
                Map.entry("ceil", T::ceil), Map.entry("floor", T::floor), Map.entry("rint", T::rint),
                Map.entry("signum", T::signum));
    }
}
