package io.flowaudit.cli;

import io.flowaudit.baseline.Baseline;
import io.flowaudit.baseline.Drift;
import io.flowaudit.baseline.Tolerances;
import io.flowaudit.input.BadInputException;
import io.flowaudit.report.JunitXml;
import io.flowaudit.verdict.AuditRun;
import io.flowaudit.verdict.ValueText;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The audit's CI gates: comparison with a baseline ({@code --baseline}), rewriting it ({@code --update-baseline},
 * only on request), and JUnit XML ({@code --junit-xml}). Everything they read or write is checked before any claim
 * runs, so a typo costs a second, not an audit.
 */
final class GateOptions {

    @Option(names = "--baseline", paramLabel = "FILE",
            description = "Compare with this baseline; exit 1 when a number moved beyond its tolerance.")
    private Path baseline;

    @Option(names = "--update-baseline", paramLabel = "FILE",
            description = "Write this run's baseline to FILE (its tolerances, and claims not run, are kept).")
    private Path updateBaseline;

    @Option(names = "--junit-xml", paramLabel = "FILE", description = "Write JUnit XML, one test case per claim.")
    private Path junitXml;

    @Option(names = "--tolerance", paramLabel = "NAME=VALUE",
            description = "Replace a drift tolerance for every claim: order, order-standard-errors, constant, margin,"
                    + " vacuous-share, proved-share, seconds (a number, or none to stop gating it).")
    private Map<String, String> tolerances = new LinkedHashMap<>();

    @Option(names = "--require-model", description = "Exit 1 when a claim on the real checkpoint was not run because"
            + " the model is absent (without it such claims are counted as not run and the exit status ignores them).")
    private boolean requireModel;

    /** What was read before the run. */
    record Prepared(Baseline baseline, Baseline previous, Map<String, Double> overrides) {
    }

    /** Whether any gate was asked for. */
    boolean requested() {
        return baseline != null || updateBaseline != null || junitXml != null || !tolerances.isEmpty() || requireModel;
    }

    /** Whether the run passes the gate, drift aside: claims not run for an absent model fail it only when required. */
    boolean passes(AuditRun run) {
        return run.passes(requireModel);
    }

    /** Reads the baselines and checks every destination; bad input before anything runs. */
    Prepared prepare() {
        Map<String, Double> overrides = new LinkedHashMap<>();
        tolerances.forEach((name, value) -> {
            Map.Entry<String, Double> parsed = Tolerances.parse(name, value, "--tolerance");
            overrides.put(parsed.getKey(), parsed.getValue());
        });
        Tolerances.DEFAULT.with(overrides, "--tolerance");
        requireWritableFile(updateBaseline, "--update-baseline");
        requireWritableFile(junitXml, "--junit-xml");
        Baseline compared = baseline == null ? null : Baseline.read(baseline);
        Baseline previous = updateBaseline != null && Files.exists(updateBaseline) ? Baseline.read(updateBaseline)
                : null;
        return new Prepared(compared, previous, overrides);
    }

    /**
     * After the run: the drift table, then the files asked for.
     *
     * @return whether a number drifted beyond its tolerance
     */
    boolean finish(Prepared prepared, AuditRun run, PrintStream log) {
        Baseline now = Baseline.of(run.seed(), run.claims());
        Drift drift = prepared.baseline() == null ? new Drift(List.of(), List.of())
                : Drift.between(prepared.baseline(), now, prepared.overrides());
        if (prepared.baseline() != null) {
            // how many claims the gate compared: a baseline of another catalogue compares none, with no drift
            int compared = (int) now.claims().keySet().stream().filter(prepared.baseline().claims()::containsKey)
                    .count();
            String scope = " (" + compared + " of " + ValueText.count(now.claims().size(), "claim") + " compared)";
            log.print(drift.drifted()
                    ? "flowaudit: " + drift.movements().size() + (drift.movements().size() == 1 ? " number" : " numbers")
                            + " moved beyond tolerance from " + baseline + scope + ":\n" + drift.table()
                    : "flowaudit: no drift from " + baseline + scope + "\n" + drift.table());
        }
        if (updateBaseline != null) {
            write(updateBaseline, "--update-baseline", () -> (prepared.previous() == null ? now
                    : now.updating(prepared.previous())).write(updateBaseline));
            log.println("flowaudit: baseline written to " + updateBaseline);
        }
        if (junitXml != null) {
            write(junitXml, "--junit-xml", () -> Files.writeString(junitXml,
                    JunitXml.render(run, drift.linesByClaim(), requireModel), StandardCharsets.UTF_8));
            log.println("flowaudit: JUnit XML written to " + junitXml);
        }
        log.println(outcome(run, drift));
        return drift.drifted();
    }

    /** The last line: the exit status and why, naming the claims that missed or drifted, and counting those not run. */
    private String outcome(AuditRun run, Drift drift) {
        List<String> missed = run.claims().stream().filter(c -> !c.metExpectation() && (requireModel || !c.notRun()))
                .map(c -> c.id() + " (" + c.outcome().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ")")
                .toList();
        String notRun = run.notRun() == 0 || requireModel ? ""
                : "; " + run.notRun() + " not run (model absent: ./flowaudit fetch-model, or --require-model to fail)";
        if (missed.isEmpty() && !drift.drifted()) {
            return "flowaudit: exit 0: every claim " + (run.notRun() == 0 ? "" : "run ") + "met its expectation" + notRun;
        }
        StringBuilder line = new StringBuilder("flowaudit: exit 1:");
        if (!missed.isEmpty()) {
            line.append(" missed their expectation: ").append(String.join(", ", missed)).append('.');
        }
        if (drift.drifted()) {
            line.append(" drifted: ").append(String.join(", ", drift.linesByClaim().keySet())).append('.');
        }
        return line.toString();
    }

    private interface Write {
        void run() throws IOException;
    }

    private static void write(Path file, String option, Write write) {
        try {
            write.run();
        } catch (IOException e) {
            throw new BadInputException(file.toString(), option + ": could not write the file ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    private static void requireWritableFile(Path file, String option) {
        if (file == null) {
            return;
        }
        if (Files.isDirectory(file)) {
            throw new BadInputException(file.toString(), option + " names a directory, expected a file");
        }
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            // writing into a pipe no one reads would hold the finished audit forever
            throw new BadInputException(file.toString(), option + " names a device or pipe, expected a regular file");
        }
        Path directory = file.toAbsolutePath().getParent();
        if (!Files.isDirectory(directory) || !Files.isWritable(directory)) {
            throw new BadInputException(file.toString(), option + ": the directory " + directory
                    + " does not exist or cannot be written");
        }
    }
}
