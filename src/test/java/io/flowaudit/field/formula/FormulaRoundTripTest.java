package io.flowaudit.field.formula;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowaudit.input.BadInputException;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Test;

/** Writing a syntax tree as text and parsing it back gives the same tree: the parser's grouping is the tree's. */
class FormulaRoundTripTest {

    private static final List<String> VARIABLES = List.of("x", "y", "speed_2");

    @Property(tries = 500)
    void renderedTreesParseBackToThemselves(@ForAll("trees") Expr tree) {
        Formula parsed;
        try {
            parsed = Formula.parse(tree.toString(), VARIABLES);
        } catch (BadInputException e) {
            // random trees hold constants such as 0^0, 1/(1 - 1) or a huge exponent, which the parser refuses
            assertTrue(e.getMessage().contains("the constant ") || e.getMessage().contains("exponent "),
                    e.getMessage());
            return;
        }
        assertEquals(tree, parsed.root(), tree.toString());
    }

    /**
     * The exploration's shrunk tree (seed 1679792421479044922, 5 times the tries): its constant e^-(1.2·10^19) made
     * apfloat's plain notation, which writes every zero of the exponent, throw "too large to fit in a String" out of
     * the parser. It is refused where it stands, as every number below 1e-300 is.
     */
    @Test
    void aConstantTooSmallForADoubleIsRefusedNotThrown() {
        BadInputException refused = assertThrows(BadInputException.class,
                () -> Formula.parse("exp((-((0 + 12345678901234567890.5) + 0)))", VARIABLES));
        assertTrue(refused.getMessage().contains("is too small"), refused.getMessage());
    }

    @Provide
    Arbitrary<Expr> trees() {
        return tree(4);
    }

    private static Arbitrary<Expr> tree(int depth) {
        Arbitrary<Expr> leaves = Arbitraries.oneOf(
                Arbitraries.of("0", "1", "0.1", "2.5", "1e-3", ".5", "3E+2", "12345678901234567890.5")
                        .map(Expr.Literal::new),
                Arbitraries.integers().between(0, VARIABLES.size() - 1)
                        .map(index -> new Expr.Variable(VARIABLES.get(index), index)),
                Arbitraries.of(new Expr.Time(), new Expr.Pi()));
        if (depth == 0) {
            return leaves;
        }
        Arbitrary<Expr> smaller = tree(depth - 1);
        // the parser reads an integer literal exponent as an IntegerPower, never as a Binary power
        Arbitrary<Expr> realExponent = smaller.filter(e -> !(e instanceof Expr.Literal || e instanceof Expr.Negate));
        return Arbitraries.frequencyOf(
                Tuple.of(3, leaves),
                Tuple.of(1, smaller.map(Expr.Negate::new)),
                Tuple.of(3, Combinators.combine(
                        Arbitraries.of(Expr.Operator.ADD, Expr.Operator.SUBTRACT, Expr.Operator.MULTIPLY,
                                Expr.Operator.DIVIDE), smaller, smaller).as(Expr.Binary::new)),
                Tuple.of(1, Combinators.combine(smaller, realExponent)
                        .as((base, exponent) -> new Expr.Binary(Expr.Operator.POWER, base, exponent))),
                Tuple.of(1, Combinators.combine(smaller, Arbitraries.integers().between(-4, 4))
                        .as(Expr.IntegerPower::new)),
                Tuple.of(1, Combinators.combine(Arbitraries.of(MathFunction.class), smaller).as(Expr.Call::new)));
    }
}
