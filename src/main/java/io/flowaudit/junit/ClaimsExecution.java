package io.flowaudit.junit;

import io.flowaudit.baseline.Baseline;
import io.flowaudit.baseline.Drift;
import io.flowaudit.claim.Scheduler;
import io.flowaudit.input.BadInputException;
import io.flowaudit.report.ReportWriter;
import io.flowaudit.verdict.AuditRun;
import io.flowaudit.verdict.ClaimVerdict;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.junit.platform.engine.EngineExecutionListener;
import org.junit.platform.engine.ExecutionRequest;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;

/**
 * One run of the selected claims: each claim's test passes when the claim met its expectation and, given a
 * baseline, none of its numbers moved beyond tolerance; then the report is written (and the baseline, on request),
 * so a failing claim still gets its page. Configuration that cannot be used fails every claim with its message.
 */
final class ClaimsExecution {

    private final ExecutionRequest request;
    private final EngineExecutionListener listener;

    ClaimsExecution(ExecutionRequest request) {
        this.request = request;
        this.listener = request.getEngineExecutionListener();
    }

    void run() {
        TestDescriptor engine = request.getRootTestDescriptor();
        listener.executionStarted(engine);
        List<ClaimDescriptor> claims = engine.getDescendants().stream().filter(ClaimDescriptor.class::isInstance)
                .map(ClaimDescriptor.class::cast).toList();
        EngineSettings settings;
        Baseline baseline;
        try {
            settings = EngineSettings.of(request.getConfigurationParameters());
            baseline = settings.readBaseline().orElse(null);
        } catch (BadInputException e) {
            // every claim fails with the message, so the build stops and says why
            run(engine.getChildren(), claim -> TestExecutionResult.failed(e));
            listener.executionFinished(engine, TestExecutionResult.successful());
            return;
        }
        Instant started = Instant.now();
        Scheduler audit = new Scheduler(settings.seed(), settings.tries(), settings.threads(), System.out);
        // the seed first, as audit prints it: a passing build's log says which samples it drew
        audit.announce(claims.stream().map(ClaimDescriptor::claim).filter(java.util.Objects::nonNull).toList());
        List<ClaimVerdict> verdicts = new ArrayList<>();
        List<String> drifted = new ArrayList<>();
        run(engine.getChildren(), claim -> {
            if (claim.unreadable() != null) {
                return TestExecutionResult.failed(claim.unreadable());
            }
            // replayed by the build that ran it: a project using the engine has no flowaudit jar at hand
            ClaimVerdict verdict = audit.check(claim.claim(), claims.indexOf(claim) + 1, claims.size(),
                    command(settings) + " -Dflowaudit.claims.include=" + claim.claim().id());
            verdicts.add(verdict);
            System.out.println(verdict.line());
            List<Drift.Movement> moved = baseline == null ? List.of()
                    : Drift.ofClaim(baseline, verdict, settings.tolerances());
            if (!moved.isEmpty()) {
                drifted.add(verdict.id());
            }
            return result(claim, verdict, moved, settings);
        });
        if (baseline != null) {
            // as audit notes them: claims compared with nothing (a renamed file passes uncompared), another seed
            Drift.between(baseline, Baseline.of(settings.seed(), verdicts), settings.tolerances()).notes()
                    .forEach(note -> System.out.println("flowaudit: note: " + note));
        }
        // the claim files refused (malformed, or a second file of one id), not a refused selection (an include typo)
        long refused = claims.stream().filter(claim -> claim.unreadable() != null
                && Files.isRegularFile(claim.file())).count();
        if (refused > 0) {
            // as audit writes no report when a claim file is malformed: a report of the others would show a green
            // run beside the failing build (and keep an earlier run's row for the broken claim)
            System.out.println("flowaudit: report not written: " + refused + " claim file"
                    + (refused == 1 ? " was" : "s were") + " refused (their tests fail, saying why)");
            listener.executionFinished(engine, TestExecutionResult.successful());
            return;
        }
        TestExecutionResult written = writeResults(settings, audit, started, verdicts);
        if (!drifted.isEmpty()) {
            // the closing line counts expectations met; the drift fails these claims' tests all the same
            System.out.println("flowaudit: " + drifted.size() + " of them drifted from the baseline "
                    + settings.baseline() + ", and their tests fail: " + String.join(", ", drifted));
        }
        listener.executionFinished(engine, written);
    }

    /** Runs claims and the classes holding them, in discovery order, each claim's test judged by {@code judge}. */
    private void run(Set<? extends TestDescriptor> descriptors, Function<ClaimDescriptor, TestExecutionResult> judge) {
        for (TestDescriptor descriptor : List.copyOf(descriptors)) {
            listener.executionStarted(descriptor);
            if (descriptor instanceof ClaimDescriptor claim) {
                TestDescriptor test = claim.getChildren().iterator().next();
                listener.executionStarted(test);
                listener.executionFinished(test, judge.apply(claim));
            } else {
                run(descriptor.getChildren(), judge);
            }
            listener.executionFinished(descriptor, TestExecutionResult.successful());
        }
    }

    private static TestExecutionResult result(ClaimDescriptor claim, ClaimVerdict verdict, List<Drift.Movement> moved,
            EngineSettings settings) {
        List<String> problems = new ArrayList<>();
        if (verdict.notRun() && settings.requireModel()) {
            return TestExecutionResult.failed(new AssertionError(claim.file() + ": not run: " + verdict.error()
                    + "; flowaudit.require-model=true demands it"));
        }
        if (verdict.notRun() && moved.isEmpty()) {
            // skipped, as an assumption that does not hold here: the input is absent, the claim neither met nor missed
            return TestExecutionResult.aborted(new org.opentest4j.TestAbortedException(claim.file() + ": not run: "
                    + verdict.error()));
        }
        if (!verdict.metExpectation()) {
            problems.add(verdict.missedExpectation());
        }
        if (!moved.isEmpty()) {
            problems.add("drifted from the baseline " + settings.baseline() + ": "
                    + String.join("; ", moved.stream().map(Drift.Movement::line).toList()));
        }
        return problems.isEmpty() ? TestExecutionResult.successful()
                : TestExecutionResult.failed(new AssertionError(claim.file() + ": " + String.join("; ", problems)));
    }

    /** The build command that runs these claims again with the same seed and tries. */
    private static String command(EngineSettings settings) {
        return "mvn verify -Dflowaudit.seed=" + settings.seed()
                + (settings.tries() == null ? "" : " -Dflowaudit.tries=" + settings.tries());
    }

    /** The report, and the baseline when asked; a file that cannot be written fails the engine's run. */
    private static TestExecutionResult writeResults(EngineSettings settings, Scheduler audit, Instant started,
            List<ClaimVerdict> verdicts) {
        if (verdicts.isEmpty()) {
            return TestExecutionResult.successful();
        }
        AuditRun run = audit.finish(verdicts, started, command(settings));
        try {
            ReportWriter.write(run, settings.report(), System.out);
            if (settings.updateBaseline() != null) {
                Baseline written = Baseline.of(run.seed(), verdicts);
                if (Files.exists(settings.updateBaseline())) {
                    written = written.updating(Baseline.read(settings.updateBaseline()));
                }
                written.write(settings.updateBaseline());
                System.out.println("flowaudit: baseline written to " + settings.updateBaseline());
            }
            return TestExecutionResult.successful();
        } catch (IOException | BadInputException e) {
            return TestExecutionResult.failed(e);
        }
    }
}
