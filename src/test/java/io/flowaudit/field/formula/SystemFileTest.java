package io.flowaudit.field.formula;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowaudit.input.BadInputException;
import io.flowaudit.num.ApfloatElement;
import io.flowaudit.num.ApfloatSystem;
import io.flowaudit.num.DoubleSystem;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SystemFileTest {

    private static final ApfloatSystem DIGITS_40 = new ApfloatSystem(40);

    private static final String LOGISTIC = String.join("\n",
            "name: logistic",
            "variables: [x]",
            "field:",
            "  x: x*(1 - x)",
            "initial:",
            "  x: 0.1",
            "horizon: 3",
            "");

    private static FormulaSystem parse(String text) {
        return SystemFile.parse(text, "sys.yaml");
    }

    private static void assertBadInput(String message, String text) {
        BadInputException e = assertThrows(BadInputException.class, () -> parse(text));
        assertEquals(message, e.getMessage());
    }

    @Test
    void readsTheLogisticExample() {
        FormulaSystem system = SystemFile.load(Path.of("examples/logistic.yaml"));
        assertEquals("logistic", system.name());
        assertEquals(List.of("x"), system.componentNames());
        assertEquals(1, system.dimension());
        assertEquals("x*(1 - x)", system.formulas().get(0).source());
        assertEquals(new BigDecimal("0.1"), system.initialValues().get(0));
        assertEquals(new BigDecimal("3"), system.horizon());

        ApfloatElement[] x0 = system.initialState(DIGITS_40);
        assertEquals(0, x0[0].compareTo(DIGITS_40.fromDecimal("0.1")));
        assertEquals(0, system.horizon(DIGITS_40).compareTo(DIGITS_40.fromInt(3)));
        // F(0.1) = 0.1 * 0.9 = 0.09 exactly, since 0.1 is read as one tenth
        assertEquals(0, system.evaluate(DIGITS_40.zero(), x0)[0].compareTo(DIGITS_40.fromDecimal("0.09")));

        double[] out = new double[1];
        system.evaluate(0.0, new double[] {0.5}, out);
        assertEquals(0.25, out[0]);
        assertEquals(0.1, system.initialState(DoubleSystem.INSTANCE)[0].getReal());
    }

    @Test
    void reloadingTheRenderedFormulasGivesTheSameSystem() {
        FormulaSystem original = SystemFile.load(Path.of("examples/rotation.yaml"));
        String rendered = String.join("\n",
                "name: " + original.name(),
                "variables: [" + String.join(", ", original.componentNames()) + "]",
                "field:",
                "  x: " + original.formulas().get(0).root(),
                "  y: " + original.formulas().get(1).root(),
                "initial:",
                "  x: " + original.initialValues().get(0),
                "  y: " + original.initialValues().get(1),
                "horizon: " + original.horizon(),
                "");
        FormulaSystem reloaded = parse(rendered);
        assertEquals(original.componentNames(), reloaded.componentNames());
        assertEquals(original.initialValues(), reloaded.initialValues());
        assertEquals(original.horizon(), reloaded.horizon());
        assertEquals(original.formulas().stream().map(Formula::root).collect(Collectors.toList()),
                reloaded.formulas().stream().map(Formula::root).collect(Collectors.toList()));
    }

    @Test
    void cosGrowthExampleHasTheClosedFormExpSinT() {
        FormulaSystem system = SystemFile.load(Path.of("examples/cos-growth.yaml"));
        assertEquals(new BigDecimal("2"), system.horizon());
        assertEquals(0, system.initialState(DIGITS_40)[0].compareTo(DIGITS_40.one()));
        for (String time : List.of("0", "0.3", "1", "1.7", "2")) {
            // x(t) = exp(sin t) solves x' = x cos t: F(t, x(t)) must equal x'(t) = cos t exp(sin t)
            ApfloatElement t = DIGITS_40.fromDecimal(time);
            ApfloatElement exact = t.sin().exp();
            ApfloatElement derivative = t.cos().multiply(exact);
            ApfloatElement field = system.evaluate(t, new ApfloatElement[] {exact})[0];
            assertTrue(field.subtract(derivative).abs().compareTo(DIGITS_40.fromDecimal("1e-38")) < 0,
                    "at t = " + time);
        }
    }

    @Test
    void rotationExampleHasTheClosedFormCosSin() {
        FormulaSystem system = SystemFile.load(Path.of("examples/rotation.yaml"));
        assertEquals(List.of("x", "y"), system.componentNames());
        assertEquals(new BigDecimal("3"), system.horizon());
        for (String time : List.of("0", "0.5", "2", "3")) {
            // (cos t, sin t) solves x' = -y, y' = x
            ApfloatElement t = DIGITS_40.fromDecimal(time);
            ApfloatElement[] field = system.evaluate(t, new ApfloatElement[] {t.cos(), t.sin()});
            assertEquals(t.sin().negate(), field[0], "x' at t = " + time);
            assertEquals(t.cos(), field[1], "y' at t = " + time);
        }
        ApfloatElement[] x0 = system.initialState(DIGITS_40);
        assertEquals(DIGITS_40.one(), x0[0]);
        assertEquals(0, x0[1].compareTo(DIGITS_40.zero()));
    }

    @Test
    void numbersMayBeWrittenAsYamlIntsFloatsOrQuotedText() {
        FormulaSystem system = parse(LOGISTIC.replace("x: 0.1", "x: 1e-3").replace("horizon: 3", "horizon: '2.5'"));
        assertEquals(0, system.initialValues().get(0).compareTo(new BigDecimal("0.001")));
        assertEquals(new BigDecimal("2.5"), system.horizon());
    }

    @Test
    void formulasMaySpanLinesInBlockScalars() {
        FormulaSystem system = parse(LOGISTIC.replace("x*(1 - x)", "|\n    x*(1 -\n      x)"));
        double[] out = new double[1];
        system.evaluate(0.0, new double[] {0.5}, out);
        assertEquals(0.25, out[0]);
    }

    static Stream<Arguments> badExamples() {
        return Stream.of(
                Arguments.of("syntax-error.yaml", "examples/bad/syntax-error.yaml:4:6: YAML syntax error: while parsing a"
                        + " flow sequence started at line 3, column 12: expected ',' or ']', but got :"),
                Arguments.of("missing-key.yaml", "examples/bad/missing-key.yaml:2:1: missing key 'horizon' at the top"
                        + " level: expected the time to integrate to, a number greater than 0"),
                Arguments.of("bad-formula.yaml", "examples/bad/bad-formula.yaml:5:13: in the formula for x: unexpected"
                        + " ')', expected a number, variable, function or '('"),
                Arguments.of("unknown-variable.yaml", "examples/bad/unknown-variable.yaml:5:8: in the formula for x:"
                        + " unknown variable 'y', expected one of x, t, pi"));
    }

    @ParameterizedTest
    @MethodSource("badExamples")
    void badExamplesAreRejectedWithTheirPosition(String file, String message) {
        BadInputException e = assertThrows(BadInputException.class,
                () -> SystemFile.load(Path.of("examples/bad", file)));
        assertEquals(message, e.getMessage());
    }

    static Stream<Arguments> missingKeys() {
        return Stream.of(
                Arguments.of("name: logistic\n", "name", "the system's name"),
                Arguments.of("variables: [x]\n", "variables", "the list of state variables, such as [x, y]"),
                Arguments.of("field:\n  x: x*(1 - x)\n", "field", "a formula for each variable, such as  x: x*(1 - x)"),
                Arguments.of("initial:\n  x: 0.1\n", "initial", "an initial value for each variable, such as  x: 0.1"),
                Arguments.of("horizon: 3\n", "horizon", "the time to integrate to, a number greater than 0"));
    }

    @ParameterizedTest
    @MethodSource("missingKeys")
    void everyKeyIsRequired(String lines, String key, String expected) {
        assertBadInput("sys.yaml:1:1: missing key '" + key + "' at the top level: expected " + expected,
                LOGISTIC.replace(lines, ""));
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                Arguments.of("unknown top-level key", LOGISTIC + "method: euler\n",
                        "sys.yaml:8:1: unknown key 'method' at the top level; allowed keys: name, variables, field,"
                                + " initial, horizon"),
                Arguments.of("formula for an undeclared variable", LOGISTIC.replace("  x: x*(1 - x)\n",
                        "  x: x*(1 - x)\n  y: 2\n"),
                        "sys.yaml:5:3: 'field' has an entry for 'y', which is not a declared variable; declared"
                                + " variables: x"),
                Arguments.of("initial value for an undeclared variable", LOGISTIC.replace("  x: 0.1\n",
                        "  x: 0.1\n  z: 1\n"),
                        "sys.yaml:7:3: 'initial' has an entry for 'z', which is not a declared variable; declared"
                                + " variables: x"),
                Arguments.of("declared variable without a formula", LOGISTIC.replace("[x]", "[x, y]"),
                        "sys.yaml:4:3: 'field' has no formula for variable 'y'"),
                Arguments.of("declared variable without an initial value",
                        LOGISTIC.replace("[x]", "[x, y]").replace("  x: x*(1 - x)\n", "  x: x*(1 - x)\n  y: x\n"),
                        "sys.yaml:7:3: 'initial' has no initial value for variable 'y'"),
                Arguments.of("duplicate variable", LOGISTIC.replace("[x]", "[x, x]"),
                        "sys.yaml:2:16: duplicate variable 'x' (first declared at line 2, column 13)"),
                Arguments.of("duplicate formula", LOGISTIC.replace("  x: x*(1 - x)\n", "  x: x*(1 - x)\n  x: 1\n"),
                        "sys.yaml:5:3: duplicate key 'x' (first given at line 4, column 3)"),
                Arguments.of("variable named t", LOGISTIC.replace("[x]", "[x, t]"),
                        "sys.yaml:2:16: 't' cannot name a variable: it is the time"),
                Arguments.of("variable named pi", LOGISTIC.replace("[x]", "[pi]"),
                        "sys.yaml:2:13: 'pi' cannot name a variable: it is the constant pi"),
                Arguments.of("variable named like a function", LOGISTIC.replace("[x]", "[tanh]"),
                        "sys.yaml:2:13: 'tanh' cannot name a variable: it is a function"),
                Arguments.of("malformed variable name", LOGISTIC.replace("[x]", "[x-1]"),
                        "sys.yaml:2:13: 'x-1' is not a valid variable name: use letters, digits and '_', starting"
                                + " with a letter or '_'"),
                Arguments.of("no variables", LOGISTIC.replace("[x]", "[]"),
                        "sys.yaml:2:12: 'variables' is empty: expected at least one variable"),
                Arguments.of("variables not a list", LOGISTIC.replace("[x]", "x"),
                        "sys.yaml:2:12: expected a list at 'variables', found the value 'x'"),
                Arguments.of("field not a mapping", LOGISTIC.replace("field:\n  x: x*(1 - x)", "field: x*(1 - x)"),
                        "sys.yaml:3:8: expected a mapping (key: value pairs) at 'field', found the value 'x*(1 - x)'"),
                Arguments.of("non-numeric initial value", LOGISTIC.replace("x: 0.1", "x: one tenth"),
                        "sys.yaml:6:6: expected a decimal number (such as 0.1, 3 or 1e-3) at 'initial.x', found"
                                + " 'one tenth'"),
                Arguments.of("non-numeric horizon", LOGISTIC.replace("horizon: 3", "horizon: .inf"),
                        "sys.yaml:7:10: expected a decimal number (such as 0.1, 3 or 1e-3) at 'horizon', found '.inf'"),
                Arguments.of("zero horizon", LOGISTIC.replace("horizon: 3", "horizon: 0"),
                        "sys.yaml:7:10: horizon must be greater than 0, found 0"),
                Arguments.of("negative horizon", LOGISTIC.replace("horizon: 3", "horizon: -1.5"),
                        "sys.yaml:7:10: horizon must be greater than 0, found -1.5"),
                Arguments.of("formula syntax error, plain scalar: column in the file",
                        LOGISTIC.replace("x*(1 - x)", "x*(1 -* x)"),
                        "sys.yaml:4:12: in the formula for x: unexpected '*', expected a number, variable, function"
                                + " or '('"),
                Arguments.of("formula syntax error in a flow mapping: column in the file",
                        LOGISTIC.replace("field:\n  x: x*(1 - x)", "field: {x: exp(x}"),
                        "sys.yaml:3:17: in the formula for x: unexpected end of formula, expected ')' after the"
                                + " argument of exp"),
                Arguments.of("formula syntax error, quoted scalar: the scalar's column, then the column in the formula",
                        LOGISTIC.replace("x*(1 - x)", "'x*(1 - x))'"),
                        "sys.yaml:4:6: in the formula for x: unexpected ')' at column 10 of the formula, expected an"
                                + " operator (+ - * / ^) or the end of the formula"),
                Arguments.of("formula syntax error, block scalar: the scalar's column, then the position in the formula",
                        LOGISTIC.replace("x*(1 - x)", "|\n    x*(1 - x) +\n    (2"),
                        "sys.yaml:4:6: in the formula for x: unexpected end of formula at line 2, column 3 of the"
                                + " formula, expected ')'"),
                Arguments.of("unknown variable in a formula", LOGISTIC.replace("x*(1 - x)", "x*(1 - y)"),
                        "sys.yaml:4:13: in the formula for x: unknown variable 'y', expected one of x, t, pi"),
                Arguments.of("unknown function in a formula", LOGISTIC.replace("x*(1 - x)", "relu(x)"),
                        "sys.yaml:4:6: in the formula for x: unknown function 'relu', expected one of exp, log, sqrt,"
                                + " sin, cos, tanh, sigmoid, abs"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void malformedSystemFilesAreRejectedWithFileLineAndColumn(String what, String text, String message) {
        assertBadInput(message, text);
    }
}
