package io.flowaudit.field.formula;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.flowaudit.field.FieldEvaluationException;
import io.flowaudit.num.ApfloatElement;
import io.flowaudit.num.ApfloatSystem;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class FormulaSystemTest {

    private static final ApfloatSystem DIGITS_30 = new ApfloatSystem(30);

    @Test
    void logOfANegativeIsAFieldEvaluationErrorInApfloat() {
        FormulaSystem system = SystemFile.load(Path.of("examples/bad/log-of-negative.yaml"));
        FieldEvaluationException e = assertThrows(FieldEvaluationException.class,
                () -> system.evaluate(DIGITS_30.zero(), system.initialState(DIGITS_30)));
        assertEquals("x", e.component());
        assertEquals(0.0, e.time());
        assertEquals("non-finite value in component x at t = 0.0: Logarithm of negative number; result would be"
                + " complex at x = 1.0 (x' = log(x - 2))", e.getMessage());
    }

    @Test
    void logOfANegativeIsAFieldEvaluationErrorInDouble() {
        FormulaSystem system = SystemFile.load(Path.of("examples/bad/log-of-negative.yaml"));
        FieldEvaluationException e = assertThrows(FieldEvaluationException.class,
                () -> system.evaluate(0.5, new double[] {1}, new double[1]));
        assertEquals("non-finite value in component x at t = 0.5: not a number at x = 1.0 (x' = log(x - 2))",
                e.getMessage());
    }

    @Test
    void divisionByZeroNamesTheFailingComponent() {
        FormulaSystem system = SystemFile.parse(String.join("\n",
                "name: pole",
                "variables: [x, y]",
                "field: {x: '1', y: 1/(x - 1)}",
                "initial: {x: 1, y: 0}",
                "horizon: 1"), "pole.yaml");
        FieldEvaluationException e = assertThrows(FieldEvaluationException.class,
                () -> system.evaluate(DIGITS_30.fromDecimal("0.25"), system.initialState(DIGITS_30)));
        assertEquals("y", e.component());
        assertEquals(0.25, e.time());
    }

    @Test
    void constructorChecksConsistency() {
        List<String> xy = List.of("x", "y");
        Formula minusY = Formula.parse("-y", xy);
        Formula x = Formula.parse("x", xy);
        List<BigDecimal> origin = List.of(BigDecimal.ONE, BigDecimal.ZERO);
        assertEquals(2, new FormulaSystem("rotation", xy, List.of(minusY, x), origin, BigDecimal.ONE).dimension());
        assertThrows(IllegalArgumentException.class,
                () -> new FormulaSystem("short", xy, List.of(minusY), origin, BigDecimal.ONE));
        assertThrows(IllegalArgumentException.class,
                () -> new FormulaSystem("zero horizon", xy, List.of(minusY, x), origin, BigDecimal.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new FormulaSystem("other variables", List.of("a", "b"),
                List.of(minusY, x), origin, BigDecimal.ONE));
    }

    @Test
    void evaluationChecksTheStateLength() {
        FormulaSystem system = SystemFile.load(Path.of("examples/rotation.yaml"));
        assertThrows(IllegalArgumentException.class,
                () -> system.evaluate(DIGITS_30.zero(), new ApfloatElement[] {DIGITS_30.one()}));
    }
}
