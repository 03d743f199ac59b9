package io.flowaudit.field.formula;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.flowaudit.input.BadInputException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FormulaSyntaxErrorTest {

    private static final String OPERAND = "expected a number, variable, function or '('";
    private static final String OPERATOR = "expected an operator (+ - * / ^) or the end of the formula";

    static Stream<Arguments> errors() {
        return Stream.of(
                Arguments.of("x*(1 - )", 8, "unexpected ')' at column 8, " + OPERAND),
                Arguments.of("(1 + x))", 8, "unexpected ')' at column 8, " + OPERATOR),
                Arguments.of("1 +", 4, "unexpected end of formula at column 4, " + OPERAND),
                Arguments.of("", 1, "unexpected end of formula at column 1, " + OPERAND),
                Arguments.of("1 +   ", 4, "unexpected end of formula at column 4, " + OPERAND),
                Arguments.of("(1 + x", 7, "unexpected end of formula at column 7, expected ')'"),
                Arguments.of("exp(x", 6, "unexpected end of formula at column 6, expected ')' after the argument of exp"),
                Arguments.of("2x", 2, "unexpected 'x' at column 2, " + OPERATOR),
                Arguments.of("x ^ * 2", 5, "unexpected '*' at column 5, " + OPERAND),
                Arguments.of("x^2^", 5, "unexpected end of formula at column 5, " + OPERAND),
                Arguments.of("x + y", 5, "unknown variable 'y' at column 5, expected one of x, t, pi"),
                Arguments.of("2 * foo(x)", 5,
                        "unknown function 'foo' at column 5, expected one of exp, log, sqrt, sin, cos, tanh, sigmoid, abs"),
                Arguments.of("exp + 1", 1, "function 'exp' without an argument at column 1, expected '(' after it"),
                Arguments.of("x # 2", 3,
                        "unexpected character '#' at column 3, formulas use numbers, names, + - * / ^ and parentheses"),
                Arguments.of("x, 2", 2,
                        "unexpected character ',' at column 2, formulas use numbers, names, + - * / ^ and parentheses"),
                Arguments.of("3 * 1e", 5, "malformed number '1e' at column 5, expected digits after the exponent mark"),
                Arguments.of("2.5e+x", 1, "malformed number '2.5e+' at column 1, expected digits after the exponent mark"),
                Arguments.of("1.2.3", 4, "unexpected '.3' at column 4, " + OPERATOR),
                Arguments.of("+x", 1, "unexpected '+' at column 1, " + OPERAND));
    }

    @ParameterizedTest
    @MethodSource("errors")
    void parseErrorsNameTheColumnAndTheToken(String formula, int column, String message) {
        BadInputException e = assertThrows(BadInputException.class, () -> Formula.parse(formula, List.of("x")));
        assertEquals(message, e.getMessage());
        assertEquals(column, e.column());
    }

    @Test
    void reservedOrMalformedVariableNamesAreRefused() {
        for (String name : List.of("t", "pi", "exp", "sigmoid", "x-1", "2x", "")) {
            assertThrows(IllegalArgumentException.class, () -> Formula.parse("1", List.of(name)), name);
        }
        assertEquals("'t' cannot name a variable: it is the time", Formula.variableNameProblem("t").orElseThrow());
        assertEquals(java.util.Optional.empty(), Formula.variableNameProblem("x_1"));
    }
}
