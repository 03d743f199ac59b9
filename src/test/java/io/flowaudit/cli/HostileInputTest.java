package io.flowaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowaudit.audit.ClaimFixtures;
import io.flowaudit.claim.Claim;
import io.flowaudit.input.InputLimits;
import io.flowaudit.input.InputPaths;
import io.flowaudit.weights.DType;
import io.flowaudit.weights.SafetensorsWriter;
import io.flowaudit.weights.Tensor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The reproducers of the hostile-input campaign (issue 10), each a regression test: every one ends
 * with exit status 2 and one line naming the file, line and column, never a stack trace, a hang or an
 * out-of-memory error.
 */
@Timeout(60)
class HostileInputTest {

    @TempDir
    Path dir;

    private static final String CLAIM = ClaimFixtures.SMALL_MLP;

    private Path write(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    private Path system(String formula, String initial, String horizon) throws Exception {
        return write("system.yaml", "name: hostile\nvariables: [x]\nfield:\n  x: " + formula + "\ninitial:\n  x: "
                + initial + "\nhorizon: " + horizon + "\n");
    }

    /** Exit 2 and one line {@code flowaudit: FILE:LINE:COLUMN: ...} holding {@code fragment}. */
    static void assertRefusedAt(MainTest.Run run, Path file, String lineAndColumn, String fragment) {
        assertEquals(2, run.status(), run.out() + run.err());
        String message = run.err().strip();
        assertEquals(1, message.lines().count(), "one line, no stack trace: " + message);
        String prefix = "flowaudit: " + file + ":" + (lineAndColumn.isEmpty() ? "" : lineAndColumn + ":");
        assertTrue(message.startsWith(prefix), "expected " + prefix + "... but got " + message);
        assertTrue(Pattern.compile("^flowaudit: .+:\\d+:\\d+: ").matcher(message).find(), "no position: " + message);
        assertTrue(message.contains(fragment), "expected '" + fragment + "' in " + message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // numbers out of range
        "x | 1 | 1e-400 | 7:10 | at 'horizon', found '1e-400'",
        "x | 1 | 1e400 | 7:10 | at 'horizon'",
        "x | 1e99999999999 | 1 | 6:6 | at 'initial.x'",
        "x | 1 | 1e99999999999 | 7:10 | at 'horizon'",
        "x + 1e99999999999 | 1 | 1 | 4:10 | number '1e99999999999' out of bounds",
        // constant subexpressions that are undefined or too large
        "x + 1/0 | 1 | 1 | 4:10 | the constant (1 / 0) is undefined",
        "log(0) | 1 | 1 | 4:6 | the constant log(0) is undefined",
        "sqrt(-1) + x | 1 | 1 | 4:6 | the constant sqrt((-1)) is undefined",
        "0^-1 | 1 | 1 | 4:6 | is undefined",
        "exp(exp(exp(10))) | 1 | 1 | 4:10 | the constant exp(exp(10)) is too large",
        // and too small to be a double: a stack trace from apfloat's printing, or from binary's exp on the Taylor tape
        "exp(-12345678901234567890.5) - x | 1 | 1 | 4:6 | the constant exp((-12345678901234567890.5)) is too small",
        "exp(-3000000000) - x | 1 | 1 | 4:6 | the constant exp((-3000000000)) is too small",
        "x + 1e-200 * 1e-200 | 1 | 1 | 4:10 | the constant (1e-200 * 1e-200) is too small",
        // exponents
        "x^-2147483648 | 1 | 1 | 4:8 | exponent (-2147483648) is too large",
        "x^2147483647 | 1 | 1 | 4:8 | exponent 2147483647 is too large",
        "x^1000000000 | 1 | 1 | 4:8 | exponent 1000000000 is too large",
        "exp(x)^100000 | 1 | 1 | 4:13 | exponent 100000 is too large",
        // values that stop being finite point at their formula
        "log(x - 2) | 1 | 1 | 4:6 | non-finite value in component x at t = 0.0",
        "x | 1 | 1e9 | 4:6 | beyond 1.0E50, the largest magnitude the reference solution follows"})
    void systemFileReproducers(String formula, String initial, String horizon, String at, String fragment)
            throws Exception {
        Path file = system(formula, initial, horizon);
        assertRefusedAt(MainTest.run("solve", file.toString()), file, at, fragment);
    }

    @Test
    void everyBadExampleNamesItsFileLineAndColumn() throws Exception {
        try (var files = Files.list(Path.of("examples/bad"))) {
            for (Path file : (Iterable<Path>) files.sorted()::iterator) {
                assertRefusedAt(MainTest.run("solve", file.toString()), file, "", "");
            }
        }
    }

    @Test
    void deepFormulasAreRefusedWithoutOverflowingTheStack() throws Exception {
        for (String formula : List.of("(".repeat(10_000) + "x" + ")".repeat(10_000), "-".repeat(100_000) + "x",
                "x" + " + x".repeat(100_000), "x" + "+x".repeat(3_000), "-".repeat(3_000) + "x",
                "(".repeat(3_000) + "x" + ")".repeat(3_000), "tanh(".repeat(595) + "x" + ")".repeat(595))) {
            Path file = system(formula, "1", "1");
            MainTest.Run run = MainTest.run("solve", file.toString());
            assertRefusedAt(run, file, "4", run.err().contains("characters") ? "the limit is 10000"
                    : "nested too deeply");
        }
    }

    /**
     * The deepest nesting admitted, 199 function calls around x (200 levels, six parser frames each), parses and
     * solves on half the launcher's 1 MiB stack. At 500 levels (the limit until 2026-12-02) the fuzzing campaign's 595
     * nested tanh overflowed the launcher's stack before the limit was reached, in one state of the compiled code;
     * measured in another, 499 levels needed 512 KiB.
     */
    @Test
    void theDeepestNestingAdmittedRunsOnHalfTheLaunchersStack() throws Exception {
        int calls = InputLimits.MAX_FORMULA_NESTING - 1;
        Path file = system("tanh(".repeat(calls) + "x" + ")".repeat(calls), "0.5", "0.5");
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread thread = new Thread(null, () -> {
            try {
                outcome.set(MainTest.run("solve", file.toString(), "--digits", "10"));
            } catch (Throwable t) {
                outcome.set(t);
            }
        }, "half-the-launchers-stack", 512 << 10);
        thread.start();
        thread.join();
        MainTest.Run run = assertInstanceOf(MainTest.Run.class, outcome.get());
        assertEquals(0, run.status(), run.err());
    }

    @Test
    void deepYamlIsRefusedWithoutOverflowingTheStack() throws Exception {
        Path flow = write("flow.yaml", "name: " + "[".repeat(50_000) + "]".repeat(50_000) + "\n");
        assertRefusedAt(MainTest.run("solve", flow.toString()), flow, "1:38", "nested more than 32 deep");
        StringBuilder block = new StringBuilder();
        for (int level = 0; level < 100; level++) {
            block.append(" ".repeat(level)).append("a:\n");
        }
        Path nested = write("block.yaml", block.toString());
        assertRefusedAt(MainTest.run("solve", nested.toString()), nested, "33:33", "nested more than 32 deep");
    }

    /** exp(exp(exp(x))) blows up at once: the reference refuses where its steps collapse, never runs on. */
    @Test
    void aSolutionThatBlowsUpStopsWhereItsStepsCollapse() throws Exception {
        Path file = system("exp(exp(exp(x)))", "1", "1");
        assertRefusedAt(MainTest.run("solve", file.toString()), file, "7:10", "the step collapses");
    }

    /**
     * A horizon far beyond the solution's time scale is refused as such: {@code solve --t 1e299} on the logistic
     * equation, whose first step is about 0.5, once blamed a singularity at t = 0 ("the step collapses to 0.54").
     */
    @Test
    void aHorizonBeyondTheSolutionsTimeScaleIsNamedAsSuch() throws Exception {
        Path file = system("x*(1 - x)", "0.1", "3");
        MainTest.Run run = MainTest.run("solve", file.toString(), "--t", "1e299");
        assertRefusedAt(run, file, "", "the horizon 1.0E299 is more than 1000000000000 of the first step's length");
        assertFalse(run.err().contains("singularity"), run.err());
    }

    /**
     * The reference's refusal in {@code layers} names the file's horizon line as {@code solve}'s does: it was once
     * printed without the file, line and column.
     */
    @Test
    void layersNamesWhereTheReferenceIsRefused() throws Exception {
        // the layers stay bounded; the series' radius of convergence is about 10^-299
        Path file = system("sin(1e299*x)", "1", "1");
        assertRefusedAt(MainTest.run("layers", file.toString(), "--layers", "7"), file, "7:10", "the step collapses");
    }

    /**
     * A power with a variable exponent is exp(exponent * log(base)): a constant base at or below 0 is undefined
     * everywhere. 0^x and (-1)^x once reached the Taylor tape, whose log of the constant threw a stack trace (exit 1)
     * from solve, solve --enclose and layers alike; they are refused at the base's column.
     */
    @Test
    void aPowerOfANonPositiveConstantToAVariableIsRefusedAtItsColumn() throws Exception {
        // the formula starts at column 6 of line 4; the base's column is where its expression starts
        Map<String, String> baseColumns = Map.of("x + 0^x", "4:10", "x + (-1)^x", "4:11", "x + (2 - 2)^(t/2)", "4:11");
        for (Map.Entry<String, String> formula : baseColumns.entrySet()) {
            Path file = system(formula.getKey(), "1", "1");
            for (List<String> command : List.of(List.of("solve"), List.of("solve", "--enclose"),
                    List.of("layers", "--layers", "7"))) {
                List<String> arguments = new ArrayList<>(command);
                arguments.add(file.toString());
                assertRefusedAt(MainTest.run(arguments.toArray(String[]::new)), file, formula.getValue(),
                        "has a variable exponent and a base of");
            }
        }
    }

    /** Smooth but endless: a horizon of 10^6 at full precision stops at its time budget (CPU time). */
    @Test
    void aSolveThatWouldNotEndStopsAtItsWorkBudget() throws Exception {
        Path file = system("cos(t)", "0", "1e6");
        MainTest.Run run = MainTest.run("solve", file.toString(), "--max-reference-seconds", "1",
                "--max-reference-steps", "2000000000");
        // the refusal names the CPU-time budget: that budget, not the step count, ended the solve
        assertRefusedAt(run, file, "7:10", "the reference solution took more than 1.0 s of CPU time");
        Path stiff = system("-1000*x", "1", "1");
        assertRefusedAt(MainTest.run("solve", stiff.toString(), "--max-reference-steps", "50"), stiff, "7:10",
                "needs more than 50 steps");
    }

    @Test
    void aLayerStackThatOverflowsApfloatNamesItsFormula() throws Exception {
        Path file = system("exp(exp(exp(x)))", "5", "1");
        assertRefusedAt(MainTest.run("layers", file.toString(), "--layers", "10", "--precision", "20"), file, "4:6",
                "non-finite value in component x");
    }

    @Test
    void devicesPipesAndHugeFilesAreRefusedUnread() throws Exception {
        for (String device : List.of("/dev/zero", "/dev/stdin")) {
            MainTest.Run run = MainTest.run("solve", device);
            assertEquals(2, run.status(), run.err());
            assertTrue(run.err().contains("not a regular file"), run.err());
        }
        Path fifo = dir.resolve("fifo");
        new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor();
        MainTest.Run run = MainTest.run("solve", fifo.toString());
        assertTrue(run.status() == 2 && run.err().contains("not a regular file"), run.err());
        // until 2026-11-30 a device or pipe named as a claim or part was "no such claim file or directory"
        run = MainTest.run("audit", fifo.toString(), "--report", dir.resolve("r").toString());
        assertEquals("flowaudit: " + fifo + ": not a claim file or directory: a device or pipe, which flowaudit does not"
                + " read", run.err().strip());
        // and a pipe or directory named as a weights file was "no weights file at ..."
        Path claim = write("claim.yaml", CLAIM.replace("  family: mlp\n  dimension: [1, 2]", String.join("\n",
                "  weights: fifo", "  layer: attention", "  tokens: 2", "  tensors: {wq: w}")));
        assertRefusedAt(MainTest.run("audit", claim.toString(), "--report", dir.resolve("r").toString()), claim, "7:12",
                fifo.toAbsolutePath() + " is a directory, device or pipe, not a weights file");
        run = MainTest.run("merge", "/dev/zero");
        assertEquals("flowaudit: /dev/zero: not a partial summary or directory: a device or pipe, which flowaudit does"
                + " not read", run.err().strip());
        Path huge = write("huge.yaml", "name: a\nlong: " + "a".repeat(2 << 20) + "\n");
        assertRefusedAt(MainTest.run("solve", huge.toString()), huge, "2:1048569", "larger than 1048576 bytes");
    }

    @Test
    void yamlLevelProblemsNameTheirPosition() throws Exception {
        Path utf8 = dir.resolve("utf8.yaml");
        Files.write(utf8, "name: a\nhorizon: \u00e9\u00ff\n".getBytes(StandardCharsets.ISO_8859_1));
        assertRefusedAt(MainTest.run("solve", utf8.toString()), utf8, "2:10", "not valid UTF-8");
        Path control = write("control.yaml", "name: a\u0001b\n");
        assertRefusedAt(MainTest.run("solve", control.toString()), control, "1:8", "U+0001 is not allowed");
        StringBuilder aliases = new StringBuilder("a: &a [1, 2]\n");
        for (int i = 0; i < 60; i++) {
            aliases.append("b").append(i).append(": *a\n");
        }
        Path alias = write("alias.yaml", aliases.toString());
        assertRefusedAt(MainTest.run("solve", alias.toString()), alias, "52:6", "more than 50 aliases");
        Path key = write("key.yaml", "? [a]\n: b\n");
        assertRefusedAt(MainTest.run("solve", key.toString()), key, "1:3", "expected a key that is a single value");
        Path empty = write("empty.yaml", "# nothing\n");
        assertRefusedAt(MainTest.run("solve", empty.toString()), empty, "1:1", "no YAML document");
    }

    @Test
    void aFileThatIsNotInputIsNeverEchoed() throws Exception {
        Path passwd = write("passwd", "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1::/:/sbin/nologin\n");
        MainTest.Run run = MainTest.run("solve", passwd.toString());
        assertRefusedAt(run, passwd, "1:1", "expected a mapping");
        assertFalse(run.err().contains("root:x"), run.err());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "title: a claim | title: \"\\ud800\" | 1:8 | unpaired surrogate",
        "tries: 3 | tries: 1e9 | 4:8 | expected an integer",
        "tries: 3 | tries: 1000000000 | 4:8 | tries must be between 1 and 100000",
        "tries: 3 | tries: 3\\nmax-tries: 0 | 5:12 | max-tries must be between 1 and 10000000, got 0",
        "tries: 3 | tries: 3\\nmax-tries: 1000000000 | 5:12 | max-tries must be between 1 and 10000000",
        "tries: 3 | tries: 3\\nmax-tries: 1e3 | 5:12 | expected an integer",
        "tries: 3 | tries: 3\\nmax-tries: [1, 2] | 5:12 | expected a single value at 'max-tries', found a list",
        "tries: 3 | tries: 3\\nmax-tries: 2 | 5:12 | max-tries must be at least the file's tries (3, 100 when not given), got 2",
        "tries: 3 | max-tries: 40 | 4:12 | max-tries must be at least the file's tries (100, 100 when not given), got 40",
        "tries: 3 | tries: 3\\nmax_tries: 40 | 5:1 | max_tries",
        "ladder: [16, 32] | ladder: [2147483646, 2147483647] | 5:10 | depths must be increasing, from 1 to 65536",
        "ladder: [16, 32] | ladder: [16, 1e9] | 5:14 | expected an integer",
        "ladder: [16, 32] | ladder: [16, 1000000000] | 5:14 | from 1 to 65536",
        "dimension: [1, 2] | dimension: 1000000 | 8:14 | dimension must lie within 0..32",
        "dimension: [1, 2] | hidden-units: 1000000 | 8:17 | hidden-units must lie within 0..32",
        "dimension: [1, 2] | lipschitz: [0, 1e101] | 8:14 | Lipschitz range must satisfy 0 <= min < max <= 1.0E100",
        "family: mlp | family: contractive\\n  lipschitz: [0.1, 0.2]\\n  one-sided-lipschitz: [-3, -1] | 7:3"
                + " | no contractive field has mu <= -1.0 and K <= 0.2",
        "family: mlp\\n  dimension: [1, 2] | family: linear\\n  shape: non-normal\\n  dimension: [1, 1] | 7:3"
                + " | non-normal matrices need dimension >= 2, but the maximum is 1",
        "ladder: [16, 32] | constant-factor: 1e99999999999 | 5:18 | expected a number that is 0 or from",
        "ladder: [16, 32] | perturbation: [1, 0] | 5:15 | expected a range [min, max] with min <= max",
        "ladder: [16, 32] | perturbation: [-1, 1] | 5:15 | perturbation sizes must be at least 0",
        "ladder: [16, 32] | perturbation: [1e299, 1e299] | 5:15 | a positive maximum of at most 1.0E100",
        "ladder: [16, 32] | depth: [-1, 2] | 5:8 | depths must be between 1 and 65536",
        "ladder: [16, 32] | depth: .nan | 5:8 | expected an integer",
        "ladder: [16, 32] | perturbation: .nan | 5:15 | expected a decimal number",
        "ladder: [16, 32] | every-depth: .nan | 5:1 | 'every-depth' is not a setting of the theorem 'uniform-bound'"})
    void claimFileReproducers(String from, String to, String at, String fragment) throws Exception {
        assertRefusedBeforeAnyClaimRuns(CLAIM.replace(from.replace("\\n", "\n"), to.replace("\\n", "\n")), at,
                fragment);
    }

    /** The refined depths are multiples of the checkpoint's six layers and at most 768 (a try runs the ladder). */
    @Test
    void aDepthRefinementLadderIsCheckedWhereItIsWritten() throws Exception {
        String claim = CLAIM.replace("uniform-bound", "depth-refinement");
        assertRefusedBeforeAnyClaimRuns(claim.replace("ladder: [16, 32]", "ladder: [4096, 8192, 16384, 32768]"), "5:9",
                "the depths must double at each rung, within 1..768");
        assertRefusedBeforeAnyClaimRuns(claim.replace("ladder: [16, 32]", "ladder: [4, 8, 16, 32]"), "5:9",
                "the refined depths must be multiples of the checkpoint's 6 layers, got [4, 8, 16, 32]");
    }

    /** A bound of -1 on the layers' second differences was once read as "no bound", and the impossible claim held. */
    @Test
    void aSecondDifferenceBoundMustBePositive() throws Exception {
        assertRefusedBeforeAnyClaimRuns(CLAIM.replace("uniform-bound", "layer-updates")
                .replace("ladder: [16, 32]", "max-second-difference: -1"), "5:24",
                "max-second-difference must be positive, got -1");
    }

    /** A setting is checked by the theorem that declares it: claimed-order belongs to observed-order. */
    @Test
    void aClaimedOrderHasLimits() throws Exception {
        assertRefusedBeforeAnyClaimRuns(CLAIM.replace("uniform-bound", "observed-order")
                .replace("ladder: [16, 32]", "claimed-order: 2147483647"), "5:16", "claimed-order must be between 1 and 8");
    }

    private void assertRefusedBeforeAnyClaimRuns(String claim, String at, String fragment) throws Exception {
        Path file = write("claim.yaml", claim);
        Path reports = dir.resolve("reports");
        MainTest.Run run = MainTest.run("audit", file.toString(), "--report", reports.toString());
        assertRefusedAt(run, file, at, fragment);
        assertEquals("", run.out(), "no claim ran");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "softmax-attention | width: 1000000 | width must lie within 0..32",
        "multi-head-attention | head-width: 1000000 | head-width must lie within 0..32",
        "mlp | 'initial-radius: [1, 1e200]' | initial-radius must be at most 1.0E100, got [1.0, 1.0E200]",
        "sphere-attention | 'initial-radius: [1e200, 1e200]' | initial-radius must be at most 1.0E100"})
    void familySettingsHaveLimits(String family, String setting, String fragment) throws Exception {
        Path file = write("claim.yaml", CLAIM.replace("family: mlp\n  dimension: [1, 2]",
                "family: " + family + "\n  " + setting));
        assertRefusedAt(MainTest.run("audit", file.toString(), "--report", dir.resolve("r").toString()), file, "8",
                fragment);
    }

    @Test
    void pathsOutsideTheClaimAndWorkingDirectoriesAreNotRead() throws Exception {
        Path claims = Files.createDirectories(dir.resolve("claims"));
        Path file = Files.writeString(claims.resolve("claim.yaml"), CLAIM.replace("  family: mlp\n  dimension: [1, 2]",
                "  system: ../../../../../../../../etc/passwd\n  constants: {lipschitz: 1, bound: 1, time-lipschitz: 0}"));
        MainTest.Run run = MainTest.run("audit", file.toString(), "--report", dir.resolve("r").toString());
        assertRefusedAt(run, file, "7:11", "lies outside the claim file's directory and the working directory");
        assertFalse(run.err().contains("root:"), run.err());
    }

    /** A solution beyond the 1e50 the reference follows is named as such, not as "non-finite" (it decays here). */
    @Test
    void aSolutionBeyondTheReferencesRangeIsNamedWithItsValue() throws Exception {
        Path file = system("-x", "1e51", "1");
        assertRefusedAt(MainTest.run("solve", file.toString(), "--digits", "20"), file, "4:6",
                "component x reaches 3.678794411714423E50 at t = 1.0, beyond 1.0E50, the largest magnitude the"
                        + " reference solution follows");
    }

    /**
     * A stated system whose field cannot be evaluated at its start: an error verdict that says why, on one thread or
     * two. Until 2026-12-01 the stated constants' test threw outside the try's own error handling, and on one thread
     * the verdict read "IllegalArgumentException: Self-suppression not permitted" (the pool rethrew the exception
     * the block was already throwing).
     */
    @Test
    void aFieldThatCannotBeEvaluatedIsAnErrorThatSaysWhy() throws Exception {
        write("log.yaml", "name: log\nvariables: [x]\nfield:\n  x: log(x - 2)\ninitial:\n  x: 1\nhorizon: 1\n");
        Path claim = write("claim.yaml", CLAIM.replace("  family: mlp\n  dimension: [1, 2]", "  system: log.yaml\n"
                + "  constants: {lipschitz: 1, one-sided-lipschitz: 1, bound: 1, time-lipschitz: 1}"));
        for (String threads : List.of("1", "2")) {
            MainTest.Run run = MainTest.runCapturingConsole("audit", claim.toString(), "--threads", threads, "--report",
                    dir.resolve("r" + threads).toString());
            assertEquals(1, run.status(), run.out() + run.err());
            assertTrue(run.out().contains("error: at try 1: non-finite value in component x at t = 0.0: not a number at"
                    + " x = 1.0 (x' = log(x - 2))"), threads + " threads: " + run.out());
        }
    }

    @Test
    void emptyWeightTensorsAndHugeTokenCountsAreRefused() throws Exception {
        SafetensorsWriter.write(dir.resolve("w.safetensors"), List.of(
                Tensor.of("wq", DType.F64, new int[] {0, 4}, new double[0]),
                Tensor.matrix("wk", DType.F64, new double[][] {{1, 0}, {0, 1}})), Map.of());
        String weights = CLAIM.replace("  family: mlp\n  dimension: [1, 2]", String.join("\n",
                "  weights: w.safetensors", "  layer: attention", "  tokens: 2",
                "  tensors: {wq: wq, wk: wk, wv: wk, wo: wk}"));
        Path file = write("claim.yaml", weights);
        assertRefusedAt(MainTest.run("audit", file.toString(), "--report", dir.resolve("r").toString()), file, "10:17",
                "tensor 'wq' has shape [0, 4]");
        String valid = weights.replace("wq: wq", "wq: wk");
        Path tokens = write("tokens.yaml", valid.replace("tokens: 2", "tokens: 1000000"));
        assertRefusedAt(MainTest.run("audit", tokens.toString(), "--report", dir.resolve("r").toString()), tokens,
                "9:11", "tokens must be between 1 and 32");
        Path horizon = write("horizon.yaml", valid.replace("tokens: 2", "tokens: 2\n  horizon: 1e99999999999"));
        assertRefusedAt(MainTest.run("audit", horizon.toString(), "--report", dir.resolve("r").toString()), horizon,
                "10:12", "expected a number that is 0 or from");
    }

    /**
     * Each try certifies a weights layer with dense decompositions, O(width^3), and records the field on a Taylor tape
     * that no work budget bounds: until 2026-11-30 a 6 MB file of three 1024 x 1024 F16 projections held an audit for
     * more than 9 minutes of CPU, and 32 tokens of width 512 (3 MB) filled a 6 GB heap. A non-finite weight is named
     * with its file and tensor, at the role that reads it.
     */
    @Test
    void weightsRoleTensorsAndStatesAreBoundedAndFinite() throws Exception {
        double[][] identity = {{1, 0}, {0, 1}};
        SafetensorsWriter.write(dir.resolve("w.safetensors"), List.of(Tensor.matrix("id", DType.F64, identity),
                Tensor.matrix("tall", DType.F16, new double[257][2]), Tensor.matrix("wide", DType.F16, new double[2][33]),
                Tensor.matrix("nan", DType.F32, new double[][] {{1, 0}, {0, Double.NaN}})), Map.of());
        String weights = CLAIM.replace("  family: mlp\n  dimension: [1, 2]", String.join("\n",
                "  weights: w.safetensors", "  layer: attention", "  tokens: 2",
                "  tensors: {wq: id, wk: id, wv: id, wo: ROLE}"));
        Path tallClaim = write("tall.yaml", weights.replace("ROLE", "tall"));
        assertRefusedAt(MainTest.run("audit", tallClaim.toString(), "--report", dir.resolve("r").toString()), tallClaim,
                "10:41", "tensor 'tall' has shape [257, 2]; roles take tensors of at most 256 rows and columns");
        Path wideClaim = write("wide.yaml", weights.replace("wq: id, wk: id, wv: id, wo: ROLE", "wq: wide")
                .replace("tokens: 2", "tokens: 32"));
        assertRefusedAt(MainTest.run("audit", wideClaim.toString(), "--report", dir.resolve("r").toString()), wideClaim,
                "9:11", "32 tokens of width 33 (the columns of 'wq') make a state of 1056 numbers; a weights claim's state"
                        + " holds at most 1024");
        Path nanClaim = write("nan.yaml", weights.replace("ROLE", "nan"));
        assertRefusedAt(MainTest.run("audit", nanClaim.toString(), "--report", dir.resolve("r").toString()), nanClaim,
                "10:41", dir.resolve("w.safetensors") + ": tensor 'nan' holds NaN at element 3 (row-major); weights must be"
                        + " finite");
        assertFalse(Files.exists(dir.resolve("r").resolve("index.html")), "no claim ran");
    }

    /**
     * A claim's id is its file name, which macOS (HFS+) and zips made there store decomposed: "café" as "cafe" and a
     * combining accent. Until 2026-11-30 the same claim then had another id there than on Linux (another baseline key,
     * JUnit name and page), so a baseline recorded on one machine did not compare the claim on the other.
     */
    @Test
    void aClaimHasTheSameIdWhicheverUnicodeFormItsFileNameIsStoredIn() throws Exception {
        for (String name : List.of("caf\u00e9.yaml", "cafe\u0301.yaml")) {
            Path report = dir.resolve("r-" + name.length());
            MainTest.Run run = MainTest.run("audit", write(name, CLAIM).toString(), "--report", report.toString());
            assertEquals(0, run.status(), run.err());
            JsonNode verdict = new ObjectMapper().readTree(report.resolve("summary.json").toFile()).get("claims").get(0);
            assertEquals("caf\u00e9", verdict.get("id").textValue(), name);
        }
    }

    /**
     * A catalogue runs in the same order whichever Unicode form its names are stored in: "é.yaml" decomposed ("e" and
     * a combining accent) sorted before "f.yaml" by its bytes, composed after it, so a catalogue zipped on macOS put
     * its claims at other places in the report. Files are listed in the composed form's order, as ids are named.
     */
    @Test
    void aCatalogueIsListedInTheSameOrderWhicheverUnicodeFormItsNamesAreStoredIn() throws Exception {
        Path composed = Files.createDirectories(dir.resolve("composed"));
        Path decomposed = Files.createDirectories(dir.resolve("decomposed"));
        for (Path catalogue : List.of(composed, decomposed)) {
            Files.writeString(catalogue.resolve("f.yaml"), CLAIM);
        }
        Files.writeString(composed.resolve("\u00e9.yaml"), CLAIM);
        Files.writeString(decomposed.resolve("e\u0301.yaml"), CLAIM);
        for (Path catalogue : List.of(composed, decomposed)) {
            List<String> ids = InputPaths.filesIn(List.of(catalogue), name -> name.endsWith(".yaml"), true,
                    "claim file", "claim files", "*.yaml").stream().map(Claim::idOf).toList();
            assertEquals(List.of("f", "\u00e9"), ids, catalogue.toString());
        }
    }

    /**
     * The replay command is pasted into a shell: until 2026-11-30 it named the claim file unquoted (a file named
     * {@code a;touch x.yaml} replayed as two commands) and left out the reference budget, which decides verdicts.
     */
    @Test
    void theReplayCommandQuotesItsFileAndCarriesTheBudget() throws Exception {
        Path claim = write("it's a claim;touch x.yaml", CLAIM);
        MainTest.Run run = MainTest.run("audit", claim.toString(), "--report", dir.resolve("r").toString(),
                "--max-reference-steps", "1", "--max-reference-seconds", "30");
        assertEquals(1, run.status(), run.err());
        JsonNode verdict = new ObjectMapper().readTree(dir.resolve("r").resolve("summary.json").toFile()).get("claims")
                .get(0);
        String quoted = "'" + claim.toString().replace("'", "'\\''") + "'";
        assertEquals("java -jar target/flowaudit.jar audit " + quoted + " --seed 20261123 --tries 3"
                + " --max-reference-steps 1 --max-reference-seconds 30.0", verdict.get("replayCommand").textValue());
        assertTrue(verdict.get("error").textValue().contains("the reference solution needs more than 1 steps"),
                "the budget made the error: " + verdict.get("error"));
    }

    /** Picocli's own handler printed the usage, some fifty lines, after a repeated option or a malformed number. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--seed 1 --seed 2 | option '--seed' (S) should be specified only once (usage: flowaudit audit --help)",
        "--seed 99999999999999999999 | Invalid value for option '--seed': '99999999999999999999' is not a long",
        "--tries 3 --tries 4 | option '--tries' (N) should be specified only once",
        "--tolerance order | should be in KEY=VALUE format but was order"})
    void usageErrorsAreOneLine(String options, String fragment) {
        List<String> args = new ArrayList<>(List.of("audit", "properties/uniform-bound-euler-linear.yaml", "--report",
                dir.resolve("r").toString()));
        args.addAll(List.of(options.split(" ")));
        MainTest.Run run = MainTest.run(args.toArray(String[]::new));
        assertEquals(2, run.status(), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertTrue(run.err().startsWith("flowaudit: ") && run.err().contains(fragment), run.err());
        assertEquals("", run.out(), "no claim ran");
    }

    /** Until 2026-11-30 a claim file named with an escape sequence printed it raw at the start of its console lines. */
    @Test
    void aClaimFileNameWithAControlCharacterIsRefused() throws Exception {
        Path claim = write("clear\u001b[2Jscreen.yaml", CLAIM);
        MainTest.Run run = MainTest.run("audit", claim.toString(), "--report", dir.resolve("r").toString());
        assertEquals(2, run.status(), run.err());
        assertEquals("flowaudit: " + dir.resolve("clear\\u001b[2Jscreen.yaml") + ": the file name holds a control"
                + " character; a claim's id is its file name, printed on the console and in reports", run.err().strip());
    }

    /** Until 2026-11-30 --junit-xml naming a pipe no one read held the finished audit forever. */
    @Test
    void aPipeAsJunitXmlIsRefusedBeforeAnyClaimRuns() throws Exception {
        Path fifo = dir.resolve("fifo");
        new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor();
        MainTest.Run run = MainTest.run("audit", write("claim.yaml", CLAIM).toString(), "--report",
                dir.resolve("r").toString(), "--junit-xml", fifo.toString());
        assertEquals(2, run.status(), run.err());
        assertEquals("flowaudit: " + fifo + ": --junit-xml names a device or pipe, expected a regular file",
                run.err().strip());
        assertEquals("", run.out(), "no claim ran");
    }

    /**
     * A name Java cannot make a path of: until 2026-11-30 a claim file's was "Unmatched argument at index 1" (picocli
     * leaves an optional FILE it fails to convert unmatched) and an option's "Malformed input or input contains
     * unmappable characters". In a locale without one (LANG unset or C, as in many CI images) Java names files in
     * ASCII, so every name with é or ü is such a name; the NUL character stands for it here.
     */
    @Test
    void aNameJavaCannotMakeAPathOfIsRefusedWithTheReason() throws Exception {
        MainTest.Run run = MainTest.run("audit", "claims\0.yaml", "--report", dir.resolve("r").toString());
        assertEquals(2, run.status());
        assertEquals("flowaudit: 'claims\\u0000.yaml' is not a valid path (usage: flowaudit audit --help)", run.err().strip());
        run = MainTest.run("audit", write("claim.yaml", CLAIM).toString(), "--report", "r\0");
        assertEquals("flowaudit: Invalid value for option '--report': 'r\\u0000' is not a valid path (usage: flowaudit"
                + " audit --help)", run.err().strip());
    }

    @Test
    void aNameTheLocalesCharsetCannotSpellSaysSo() {
        String encoding = System.getProperty("sun.jnu.encoding");
        System.setProperty("sun.jnu.encoding", "ANSI_X3.4-1968");
        try {
            assertEquals("'café.yaml' is not a valid path: Java names files in the locale's charset, here ANSI_X3.4-1968,"
                    + " which cannot spell it; run flowaudit in a UTF-8 locale (LANG=C.UTF-8)",
                    InputPaths.whyNotAPath("café.yaml"));
            assertEquals("'cafe\0.yaml' is not a valid path", InputPaths.whyNotAPath("cafe\0.yaml"));
        } finally {
            System.setProperty("sun.jnu.encoding", encoding);
        }
    }

    @Test
    void anUnwritableReportIsRefusedBeforeAnyClaimRuns() throws Exception {
        Path claim = write("claim.yaml", CLAIM);
        Path existingFile = write("report.txt", "not a directory");
        for (Path report : List.of(existingFile, Path.of("/proc/nope"))) {
            MainTest.Run run = MainTest.run("audit", claim.toString(), "--report", report.toString());
            assertEquals(2, run.status(), run.err());
            assertTrue(run.err().startsWith("flowaudit: " + report + ": "), run.err());
            assertEquals(1, run.err().strip().lines().count(), run.err());
            assertEquals("", run.out(), "no claim ran");
        }
    }

    @Test
    void hugeOptionValuesAreRefused() {
        MainTest.Run run = MainTest.run("layers", "examples/logistic.yaml", "--layers", "2147483647");
        assertTrue(run.status() == 2 && run.err().contains("--layers must be between 1 and 65536"), run.err());
        run = MainTest.run("solve", "examples/logistic.yaml", "--t", "1e400");
        assertTrue(run.status() == 2 && run.err().contains("--t must be a positive decimal number"), run.err());
        run = MainTest.run("audit", "properties", "--tries", "2000000000");
        assertTrue(run.status() == 2 && run.err().contains("--tries must be between 1 and 10000000"), run.err());
        run = MainTest.run("audit", "properties", "--threads", "0");
        assertTrue(run.status() == 2 && run.err().contains("--threads must be at least 1, got 0"), run.err());
        run = MainTest.run("solve", "examples/logistic.yaml", "--max-reference-steps", "0");
        assertTrue(run.status() == 2 && run.err().contains("--max-reference-steps must be at least 1"), run.err());
    }

    @Test
    void theSeedPropertyIsTheCommandLinesDefault() {
        String before = System.getProperty(AuditCommand.SEED_PROPERTY);
        try {
            System.setProperty(AuditCommand.SEED_PROPERTY, "42");
            assertEquals(42L, AuditCommand.defaultSeed());
            System.setProperty(AuditCommand.SEED_PROPERTY, "forty-two");
            MainTest.Run run = MainTest.run("audit", "properties", "--report", dir.resolve("r").toString());
            assertTrue(run.status() == 2 && run.err().contains("-Dflowaudit.seed must be an integer"), run.err());
        } finally {
            if (before == null) {
                System.clearProperty(AuditCommand.SEED_PROPERTY);
            } else {
                System.setProperty(AuditCommand.SEED_PROPERTY, before);
            }
        }
    }
}
