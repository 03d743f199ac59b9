package io.flowaudit.num.interval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** Derivative enclosures where a function is not differentiable. */
class DualTest {

    @Test
    void fieldsWithJumpsHaveNoDerivativeEnclosure() {
        Dual.Variables variables = new Dual.Variables(new IntervalSystem(20), 1);
        Dual x = variables.variable(0, variables.numbers().fromDecimal("0.5"));
        ArithmeticException e = assertThrows(ArithmeticException.class, x::floor);
        assertTrue(e.getMessage().contains("jumps"), e.getMessage());
        Dual acrossZero = variables.variable(0, variables.numbers().enclosing(BigDecimal.ONE.negate(), BigDecimal.ONE));
        assertEquals(variables.numbers().enclosing(BigDecimal.ONE.negate(), BigDecimal.ONE), acrossZero.abs().partial(0),
                "abs across 0: Clarke's gradient hull [-1, 1]");
    }
}
