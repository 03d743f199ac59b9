package io.flowaudit.field.formula;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowaudit.input.BadInputException;
import io.flowaudit.num.ApfloatElement;
import io.flowaudit.num.ApfloatSystem;
import io.flowaudit.num.DoubleSystem;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.commons.math3.util.Decimal64;
import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FormulaEvaluationTest {

    private static final List<String> VARIABLES = List.of("x", "y");
    private static final ApfloatSystem DIGITS_50 = new ApfloatSystem(50);
    /** References are computed 20 digits beyond the precision under test. */
    private static final long REFERENCE_DIGITS = 70;

    private static double inDouble(String formula, double t, double x) {
        Decimal64[] state = {new Decimal64(x), new Decimal64(0)};
        return Formula.parse(formula, VARIABLES).evaluate(new Decimal64(t), state).getReal();
    }

    private static ApfloatElement inApfloat(ApfloatSystem system, String formula, String t, String x) {
        ApfloatElement[] state = {system.fromDecimal(x), system.zero()};
        return Formula.parse(formula, VARIABLES).evaluate(system.fromDecimal(t), state);
    }

    private static Apfloat reference(String decimal) {
        return new Apfloat(decimal, REFERENCE_DIGITS);
    }

    static Stream<Arguments> functions() {
        return Stream.of(
                Arguments.of("exp(1)", (Supplier<Apfloat>) () -> ApfloatMath.exp(reference("1"))),
                Arguments.of("exp(-2.5)", (Supplier<Apfloat>) () -> ApfloatMath.exp(reference("-2.5"))),
                Arguments.of("log(2)", (Supplier<Apfloat>) () -> ApfloatMath.log(reference("2"))),
                Arguments.of("sqrt(2)", (Supplier<Apfloat>) () -> ApfloatMath.sqrt(reference("2"))),
                Arguments.of("sin(1)", (Supplier<Apfloat>) () -> ApfloatMath.sin(reference("1"))),
                Arguments.of("cos(1)", (Supplier<Apfloat>) () -> ApfloatMath.cos(reference("1"))),
                // tanh(u) = (e^2u - 1) / (e^2u + 1), computed independently of tanh
                Arguments.of("tanh(0.5)", (Supplier<Apfloat>) () -> {
                    Apfloat e = ApfloatMath.exp(reference("1"));
                    return e.subtract(reference("1")).divide(e.add(reference("1")));
                }),
                Arguments.of("sigmoid(2)", (Supplier<Apfloat>) () ->
                        reference("1").divide(reference("1").add(ApfloatMath.exp(reference("-2"))))),
                Arguments.of("sigmoid(0)", (Supplier<Apfloat>) () -> reference("0.5")),
                Arguments.of("abs(-3.25)", (Supplier<Apfloat>) () -> reference("3.25")),
                Arguments.of("abs(3.25)", (Supplier<Apfloat>) () -> reference("3.25")),
                Arguments.of("pi", (Supplier<Apfloat>) () -> ApfloatMath.pi(REFERENCE_DIGITS)));
    }

    @ParameterizedTest
    @MethodSource("functions")
    void functionsAgreeWithApfloatMathTo50Digits(String formula, Supplier<Apfloat> reference) {
        Apfloat expected = reference.get();
        Apfloat actual = inApfloat(DIGITS_50, formula, "0", "0").value();
        // a relative error of 1e-48 is out of reach of anything computed through a double
        Apfloat error = ApfloatMath.abs(actual.subtract(expected));
        assertTrue(error.compareTo(new Apfloat("1e-48").multiply(ApfloatMath.abs(expected))) <= 0,
                formula + " = " + actual + ", expected " + expected);
    }

    @ParameterizedTest
    @MethodSource("functions")
    void functionsAgreeInDouble(String formula, Supplier<Apfloat> reference) {
        double expected = reference.get().doubleValue();
        assertEquals(expected, inDouble(formula, 0, 0), 4 * Math.ulp(expected));
    }

    @Test
    void sigmoidOfZeroIsExactlyOneHalf() {
        assertEquals(0.5, inDouble("sigmoid(0)", 0, 0));
        assertEquals(0, inApfloat(DIGITS_50, "sigmoid(x)", "0", "0").compareTo(DIGITS_50.fromDecimal("0.5")));
    }

    @Test
    void variablesAndTime() {
        assertEquals(0.25, inDouble("x*(1 - x)", 0, 0.5));
        assertEquals(6.0, inDouble("t*x", 2, 3));
        assertEquals(0, inApfloat(DIGITS_50, "t - x", "0.75", "0.5").compareTo(DIGITS_50.fromDecimal("0.25")));
    }

    @Test
    void aTenthIsExactlyOneTenthAtAnyPrecision() {
        ApfloatSystem digits60 = new ApfloatSystem(60);
        ApfloatElement sum = inApfloat(digits60, "0.1+0.1+0.1+0.1+0.1+0.1+0.1+0.1+0.1+0.1", "0", "0");
        assertEquals(0, sum.compareTo(digits60.one()));

        ApfloatElement tenth = inApfloat(digits60, "0.1", "0", "0");
        assertEquals(0, tenth.value().compareTo(new Apfloat("0.1")));
        // the double nearest 0.1 is 0.1000000000000000055511151231257827...
        assertNotEquals(0, tenth.compareTo(digits60.fromDouble(0.1)));
        assertEquals(0.1, inDouble("0.1", 0, 0));
    }

    @Test
    void scientificAndShortLiterals() {
        ApfloatSystem digits30 = new ApfloatSystem(30);
        String[][] literals = {{"1.5e-3", "0.0015"}, {"2.5E+2", "250"}, {".5", "0.5"}, {"5.", "5"}, {"1e3", "1000"},
            {"0.000001", "1e-6"}};
        for (String[] literal : literals) {
            assertEquals(0, inApfloat(digits30, literal[0], "0", "0").compareTo(digits30.fromDecimal(literal[1])),
                    literal[0]);
        }
        assertEquals(0.0015, inDouble("1.5e-3", 0, 0));
    }

    static Stream<Arguments> precedence() {
        return Stream.of(
                Arguments.of("-x^2", "3", "-9"),
                Arguments.of("-2^2", "0", "-4"),
                Arguments.of("2^3^2", "0", "512"),
                Arguments.of("x^-2", "2", "0.25"),
                Arguments.of("x^-2", "-2", "0.25"),
                Arguments.of("2*3+4", "0", "10"),
                Arguments.of("2+3*4", "0", "14"),
                Arguments.of("(1+2)*3", "0", "9"),
                Arguments.of("1/2/4", "0", "0.125"),
                Arguments.of("2-3-4", "0", "-5"),
                Arguments.of("2*-3", "0", "-6"),
                Arguments.of("--x", "4", "4"),
                Arguments.of("2*x^3", "-2", "-16"),
                Arguments.of("x^(1/2)", "4", "2"),
                Arguments.of("-(1 - x)*2", "3", "4"));
    }

    @ParameterizedTest
    @MethodSource("precedence")
    void precedenceAndAssociativity(String formula, String x, String expected) {
        // real powers (2^9, x^(1/2)) go through exp and log, so allow a rounding error in the last digit
        ApfloatSystem digits30 = new ApfloatSystem(30);
        Apfloat actual = inApfloat(digits30, formula, "0", x).value();
        Apfloat error = ApfloatMath.abs(actual.subtract(new Apfloat(expected, 40)));
        assertTrue(error.compareTo(new Apfloat("1e-27")) <= 0, formula + " at x = " + x + " gave " + actual);
        assertEquals(Double.parseDouble(expected), inDouble(formula, 0, Double.parseDouble(x)), 1e-15, formula);
    }

    @Test
    void syntaxTreesShowTheGrouping() {
        assertEquals("(-(x ^ 2))", Formula.parse("-x^2", VARIABLES).root().toString());
        assertEquals("(2 ^ (3 ^ 2))", Formula.parse("2^3^2", VARIABLES).root().toString());
        assertEquals("((1 / 2) / 4)", Formula.parse("1/2/4", VARIABLES).root().toString());
        assertEquals("(((2 * 3) + 4) - x)", Formula.parse("2*3+4-x", VARIABLES).root().toString());
    }

    @Test
    void integerLiteralExponentsUseIntegerPowers() {
        Expr.Variable x = new Expr.Variable("x", 0);
        assertEquals(new Expr.IntegerPower(x, 2), Formula.parse("x^2", VARIABLES).root());
        assertEquals(new Expr.IntegerPower(x, -2), Formula.parse("x^-2", VARIABLES).root());
        assertEquals(new Expr.IntegerPower(x, -2), Formula.parse("x^(-2)", VARIABLES).root());
        assertEquals(new Expr.IntegerPower(x, 3), Formula.parse("x^3.0", VARIABLES).root());
        assertEquals(new Expr.Binary(Expr.Operator.POWER, x, new Expr.Literal("0.5")),
                Formula.parse("x^0.5", VARIABLES).root());
        assertEquals(new Expr.Binary(Expr.Operator.POWER, x, new Expr.Time()), Formula.parse("x^t", VARIABLES).root());
        // an exponent too large for an int is beyond the exponent limit too
        assertThrows(BadInputException.class, () -> Formula.parse("x^1e20", VARIABLES));
    }

    @Test
    void integerPowersOfNegativeBasesWorkWhereRealPowersCannot() {
        ApfloatSystem digits30 = new ApfloatSystem(30);
        assertEquals(0, inApfloat(digits30, "x^2", "0", "-3").compareTo(digits30.fromInt(9)));
        assertThrows(ArithmeticException.class, () -> inApfloat(digits30, "x^0.5", "0", "-4"));
        assertTrue(Double.isNaN(inDouble("x^0.5", 0, -4)));
    }

    @Test
    void evaluatesInEveryNumberSystemFromTheSameTree() {
        Formula formula = Formula.parse("sigmoid(x) * exp(-t) + y", VARIABLES);
        Decimal64[] doubles = {DoubleSystem.INSTANCE.fromDecimal("0.3"), DoubleSystem.INSTANCE.fromDecimal("2")};
        ApfloatElement[] apfloats = {DIGITS_50.fromDecimal("0.3"), DIGITS_50.fromDecimal("2")};
        double inDouble = formula.evaluate(DoubleSystem.INSTANCE.fromDecimal("0.7"), doubles).getReal();
        double inApfloat = formula.evaluate(DIGITS_50.fromDecimal("0.7"), apfloats).getReal();
        assertEquals(inApfloat, inDouble, 1e-15);
        assertEquals(1 / (1 + Math.exp(-0.3)) * Math.exp(-0.7) + 2, inDouble, 1e-15);
    }
}
