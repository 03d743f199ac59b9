package io.flowaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowaudit.field.formula.FormulaSystem;
import io.flowaudit.field.formula.SystemFile;
import io.flowaudit.flow.ReferenceFlow;
import io.flowaudit.num.NumberSystem;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.math3.RealFieldElement;
import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The command line end to end: closed forms to 30 digits, exit codes, one-line errors. */
class MainTest {

    /**
     * Without a locale Java 17 writes standard output in ASCII, and "model absent — run ./flowaudit fetch-model" printed
     * as "model absent ? run ...": a charset that cannot encode the console's symbols gives way to UTF-8; one that can
     * is kept.
     */
    @Test
    void theConsoleIsWrittenInUtf8WhereTheLocaleCannotEncodeItsSymbols() {
        assertEquals(StandardCharsets.UTF_8, Main.consoleCharset(StandardCharsets.US_ASCII));
        assertEquals(StandardCharsets.UTF_8, Main.consoleCharset(StandardCharsets.ISO_8859_1));
        assertEquals(StandardCharsets.UTF_8, Main.consoleCharset(StandardCharsets.UTF_8));
        assertEquals(Charset.forName("GB18030"),
                Main.consoleCharset(Charset.forName("GB18030")));
    }


    record Run(int status, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(status, out.toString(), err.toString());
    }

    /**
     * As {@link #run}, with what the command prints to System.out (an audit's verdict lines, its gates' lines) ahead
     * of what it prints to its own out.
     */
    static Run runCapturingConsole(String... args) {
        PrintStream stdout = System.out;
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(console, true, StandardCharsets.UTF_8));
            Run run = run(args);
            return new Run(run.status(), console.toString(StandardCharsets.UTF_8) + run.out(), run.err());
        } finally {
            System.setOut(stdout);
        }
    }

    /** The value printed for {@code name}, as an exact decimal. */
    static BigDecimal value(String output, String name) {
        for (String line : output.split("\n")) {
            if (line.startsWith(name + " = ")) {
                return new BigDecimal(line.substring(name.length() + 3).trim());
            }
        }
        throw new AssertionError("no line for " + name + " in:\n" + output);
    }

    static void assertDigits(Apfloat exact, BigDecimal printed, int digits) {
        BigDecimal expected = new BigDecimal(exact.toString(false)).round(new MathContext(digits));
        assertEquals(0, expected.compareTo(printed.round(new MathContext(digits))),
                "expected " + expected + ", printed " + printed);
    }

    @Test
    void solveReproducesTheLogisticClosedFormTo30Digits() {
        Run run = run("solve", "examples/logistic.yaml");
        assertEquals(0, run.status(), run.err());
        Apfloat x0 = new Apfloat("0.1", 60);
        Apfloat e3 = ApfloatMath.exp(new Apfloat(3, 60));
        Apfloat exact = x0.multiply(e3).divide(new Apfloat(1, 60).subtract(x0).add(x0.multiply(e3)));
        assertDigits(exact, value(run.out(), "x"), 30);
        assertTrue(run.out().contains("# error-estimate: "), run.out());
    }

    /** The printed estimate bounds the error of the printed number, its last digit's rounding included. */
    @ParameterizedTest
    @CsvSource({"30", "12", "5"})
    void thePrintedEstimateCoversThePrintedNumber(int digits) {
        Run run = run("solve", "examples/logistic.yaml", "--digits", Integer.toString(digits));
        assertEquals(0, run.status(), run.err());
        Apfloat x0 = new Apfloat("0.1", 60);
        Apfloat e3 = ApfloatMath.exp(new Apfloat(3, 60));
        Apfloat exact = x0.multiply(e3).divide(new Apfloat(1, 60).subtract(x0).add(x0.multiply(e3)));
        BigDecimal actual = value(run.out(), "x").subtract(new BigDecimal(exact.toString(false))).abs();
        BigDecimal printed = new BigDecimal(run.out().substring(run.out().indexOf("# error-estimate: ") + 18).trim());
        assertTrue(actual.compareTo(printed) <= 0, "actual error " + actual + " > printed estimate " + printed);
    }

    /** Fields that are not analytic along the solution: refused, naming where the trouble starts. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "sqrt(cos(t)^2) | 3 | past t = 1.5707963 | not analytic",
        "(cos(t)^2)^0.5 | 3 | past t = 1.5707963 | not analytic",
        "sqrt(1 - t)    | 2 | past t = 0.99999   | step collapses",
        "log((t - 1)^2) | 2 | past t = 0.99999   | step collapses"})
    void solveRefusesBranchPointsAndSingularities(String formula, String horizon, String where, String why,
            @TempDir Path dir) throws Exception {
        Path system = dir.resolve("singular.yaml");
        Files.writeString(system, "name: singular\nvariables: [x]\nfield:\n  x: " + formula + "\ninitial:\n  x: 0\n"
                + "horizon: " + horizon + "\n");
        Run run = run("solve", system.toString());
        assertEquals(2, run.status(), run.out());
        assertTrue(run.err().contains(where) && run.err().contains(why), run.err());
        assertEquals("", run.out());
    }

    /**
     * A pulse's far tail, x(10^-4) = 1.47 10^-227336 for a pulse of width 10^-3 at 0.7236: the solution's error lies
     * below the doubles, and the printed estimate is the least of them, never 0, which would say every printed digit
     * is exact (until 2026-12-02 it printed 0.000e+00 beside a value wrong in its second digit).
     */
    @Test
    void anEstimateBelowTheDoublesIsNotPrintedAsZero(@TempDir Path dir) throws Exception {
        Path system = dir.resolve("pulse.yaml");
        Files.writeString(system, "name: pulse\nvariables: [x]\nfield:\n  x: 1/(0.001*sqrt(pi))*exp(-((t - 0.7236)"
                + "/0.001)^2)\ninitial:\n  x: 0\nhorizon: 0.0001\n");
        Run run = run("solve", system.toString());
        assertEquals(0, run.status(), run.err());
        double estimate = Double.parseDouble(run.out().substring(run.out().indexOf("# error-estimate: ") + 18).trim());
        assertTrue(run.out().contains("E-227336") && estimate > 0, run.out());
    }

    /** Lorenz to T = 30 amplifies the solver's rounding past 10^-5: solve says so instead of printing. */
    @Test
    void solveRefusesDigitsItCannotReach(@TempDir Path dir) throws Exception {
        Path system = dir.resolve("lorenz.yaml");
        Files.writeString(system, "name: lorenz\nvariables: [x, y, z]\nfield:\n  x: 10*(y - x)\n  y: x*(28 - z) - y\n"
                + "  z: x*y - 8/3*z\ninitial: {x: 1, y: 1, z: 1}\nhorizon: 30\n");
        Run run = run("solve", system.toString(), "--digits", "5");
        assertEquals(2, run.status(), run.out());
        assertTrue(run.err().contains("cannot reach the 5 digits asked for"), run.err());
        assertEquals("", run.out());
    }

    /**
     * The rigid body (DETEST B5) at 30 digits is computed at 38 (two 64-bit limbs), where the logarithmic norm's bound,
     * 6·10^-31, would cost the last digit: the transition matrices' estimate keeps the printed estimate within a unit
     * of the last digit, and it still covers each printed number's error against a 95-digit solve (the printed
     * estimate is the solver's Euclidean estimate plus the largest rounding of a printed value: a bound per number).
     */
    @Test
    void theRigidBodysPrintedEstimateIsWithinALastDigitAndCoversIt() {
        Run run = run("solve", "examples/benchmark/rigid-body.yaml");
        assertEquals(0, run.status(), run.err());
        FormulaSystem system = SystemFile.load(Path.of("examples/benchmark/rigid-body.yaml"));
        BigDecimal[] truth = atHorizon(system, NumberSystem.ofDigits(95));
        double worst = 0;
        for (int i = 0; i < truth.length; i++) {
            worst = Math.max(worst, value(run.out(), system.componentNames().get(i)).subtract(truth[i]).abs()
                    .doubleValue());
        }
        double printed = Double.parseDouble(run.out().substring(run.out().indexOf("# error-estimate: ") + 18).trim());
        assertTrue(worst <= printed && printed <= 1e-30, "error " + worst + ", printed estimate " + printed);
    }

    /** x(T) of a system in {@code numbers} as exact decimals (95 digits carry an error near 10^-80 here). */
    private static <T extends RealFieldElement<T>> BigDecimal[] atHorizon(FormulaSystem system, NumberSystem<T> numbers) {
        T[] state = ReferenceFlow.compute(system, numbers, system.initialState(numbers), system.horizon(numbers))
                .atHorizon();
        BigDecimal[] out = new BigDecimal[state.length];
        for (int i = 0; i < state.length; i++) {
            out[i] = new BigDecimal(numbers.format(state[i], numbers.digits()));
        }
        return out;
    }

    /**
     * x' = r (x - cos t) - sin t from x(0) = 1 is x = cos t on a knife edge that amplifies every error e^(20 r) by
     * T = 20. At rate 0.9 the estimate at 38 digits, 3·10^-29, misses 10^-30, so solve computes again at 40
     * (4·10^-31) and prints cos 20 to 30 digits; at rate 1.1 (1.3·10^-29 at 40 digits) it refuses.
     */
    @ParameterizedTest
    @CsvSource({"0.9, 0", "1.1, 2"})
    void solveRetriesAtTenGuardDigitsWhenEightMissAndRefusesBeyond(String rate, int status, @TempDir Path dir)
            throws Exception {
        Path system = dir.resolve("knife-edge.yaml");
        Files.writeString(system, "name: knife-edge\nvariables: [x]\nfield:\n  x: " + rate + "*(x - cos(t)) - sin(t)\n"
                + "initial:\n  x: 1\nhorizon: 20\n");
        Run run = run("solve", system.toString());
        assertEquals(status, run.status(), run.out() + run.err());
        if (status == 0) {
            assertDigits(ApfloatMath.cos(new Apfloat(20, 60)), value(run.out(), "x"), 30);
        } else {
            assertTrue(run.err().contains("cannot reach the 30 digits asked for"), run.err());
        }
    }

    @Test
    void solveReproducesExpOfSinAtAChosenTime() {
        Run run = run("solve", "examples/cos-growth.yaml", "--t", "1.5", "--digits", "35");
        assertEquals(0, run.status(), run.err());
        assertDigits(ApfloatMath.exp(ApfloatMath.sin(new Apfloat("1.5", 70))), value(run.out(), "x"), 35);
    }

    @Test
    void layersReproduceTheRotationClosedFormWithRk4InApfloat() {
        Run run = run("layers", "examples/rotation.yaml", "--layers", "4000", "--method", "rk4", "--precision", "50");
        assertEquals(0, run.status(), run.err());
        Apfloat three = new Apfloat(3, 60);
        // RK4's global error at h = 3/4000 is about h^4 ~ 3e-13: the printed x_L matches cos 3 to 12 digits
        assertDigits(ApfloatMath.cos(three), value(run.out(), "x"), 12);
        assertDigits(ApfloatMath.sin(three), value(run.out(), "y"), 12);
    }

    @ParameterizedTest
    @CsvSource({"euler, 1", "heun, 2", "rk4, 4"})
    void layerErrorsShrinkAtTheMethodsOrder(String method, int order) {
        double coarse = maxError(method, 40);
        double fine = maxError(method, 80);
        assertEquals(order, Math.log(coarse / fine) / Math.log(2), 0.15, method + ": " + coarse + ", " + fine);
    }

    private static double maxError(String method, int layers) {
        Run run = run("layers", "examples/logistic.yaml", "--layers", Integer.toString(layers), "--method", method,
                "--precision", "40");
        assertEquals(0, run.status(), run.err());
        String marker = "# max-error-over-layers: ";
        return Double.parseDouble(run.out().substring(run.out().indexOf(marker) + marker.length()).trim());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "examples/bad/syntax-error.yaml | examples/bad/syntax-error.yaml:4:6: YAML syntax error",
        "examples/bad/missing-key.yaml | examples/bad/missing-key.yaml:2:1: missing key 'horizon'",
        "examples/bad/bad-formula.yaml | examples/bad/bad-formula.yaml:5:13: in the formula for x: unexpected ')'",
        "examples/bad/unknown-variable.yaml | examples/bad/unknown-variable.yaml:5:8: in the formula for x: unknown variable 'y'",
        "examples/bad/log-of-negative.yaml | examples/bad/log-of-negative.yaml:5:6: non-finite value in component x at t = 0.0",
        "examples/bad/undefined-constant.yaml | examples/bad/undefined-constant.yaml:5:10: in the formula for x: the constant log(0) is undefined",
        "examples/bad/number-out-of-range.yaml | examples/bad/number-out-of-range.yaml:8:10: expected a number that is 0 or from 1e-299",
        "examples/bad/too-deep.yaml | examples/bad/too-deep.yaml:6:206: in the formula for x: the formula is nested too deeply",
        "no-such-file.yaml | no-such-file.yaml: file not found"})
    void badInputIsOneLineAndExitTwo(String file, String message) {
        Run run = run("solve", file);
        assertEquals(2, run.status());
        assertTrue(run.err().startsWith("flowaudit: ") && run.err().contains(message), run.err());
        assertEquals(1, run.err().strip().lines().count(), "one line, no stack trace: " + run.err());
    }

    @Test
    void aLayerStackThatBlowsUpNamesComponentAndTime(@TempDir Path dir) throws Exception {
        Path system = dir.resolve("blow-up.yaml");
        Files.writeString(system, "name: blow-up\nvariables: [x]\nfield:\n  x: x^2\ninitial:\n  x: 10\nhorizon: 1\n");
        Run run = run("layers", system.toString(), "--layers", "4");
        assertEquals(2, run.status());
        // the exact solution 10/(1 - 10 t) blows up at t = 0.1, where the reference's steps collapse
        assertTrue(run.err().contains("cannot follow x past t = 0.09999"), run.err());
        assertTrue(run.err().contains("blow-up"), run.err());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "layers examples/logistic.yaml --layers 0 | --layers must be between 1 and 65536",
        "layers examples/logistic.yaml --layers 5 --method midpoint | unknown layer map 'midpoint'",
        "layers examples/logistic.yaml --layers 5 --precision quad | --precision must be double or a number of digits",
        "solve examples/logistic.yaml --t -1 | --t must be a positive decimal number",
        "solve examples/logistic.yaml --digits 0 | --digits must be between 1 and 1000",
        "solve | Missing required parameter",
        "frobnicate | Unmatched argument"})
    void badOptionsExitTwo(String args, String message) {
        Run run = run(args.split(" "));
        assertEquals(2, run.status());
        assertTrue(run.err().contains(message), run.err());
    }

    @Test
    void helpWorks() {
        Run run = run("--help");
        assertEquals(0, run.status());
        assertTrue(run.out().contains("solve") && run.out().contains("layers") && run.out().contains("audit"));
    }
}
