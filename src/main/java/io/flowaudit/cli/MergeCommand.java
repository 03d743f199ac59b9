package io.flowaudit.cli;

import io.flowaudit.input.BadInputException;
import io.flowaudit.report.PartialSummary;
import io.flowaudit.report.ReportWriter;
import io.flowaudit.verdict.AuditRun;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code merge DIR...}: joins the partial summaries of one sharded audit into its report. */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = "Join the partial summaries that 'audit --shard K/N' wrote for K = 1..N into the report one"
                + " unsharded audit writes. Exit 0 when every claim met its expectation, 1 when one did not, 2 on bad"
                + " input (a missing, repeated or foreign part).")
final class MergeCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE|DIR", arity = "1..*",
            description = "Partial summaries, or directories holding partial-summary-*.json files.")
    private List<Path> sources;

    @Option(names = "--report", paramLabel = "DIR", description = "Report directory (default: ${DEFAULT-VALUE}).")
    private Path reportDirectory = Path.of("reports");

    @Option(names = "--require-model", description = "Exit 1 when a claim on the real checkpoint was not run because"
            + " the model was absent.")
    private boolean requireModel;

    @Override
    public Integer call() {
        ReportDestination.requireWritable(reportDirectory);
        AuditRun run = PartialSummary.merge(sources);
        run.claims().forEach(verdict -> System.out.println(verdict.line()));
        System.out.println(run.closingLine());
        try {
            ReportWriter.write(run, reportDirectory, System.out);
        } catch (IOException e) {
            throw new BadInputException(reportDirectory.toString(), "could not write the report: " + e.getMessage());
        }
        return run.passes(requireModel) ? 0 : 1;
    }
}
