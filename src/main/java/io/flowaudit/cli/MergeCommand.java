package io.flowaudit.cli;

import io.flowaudit.input.BadInputException;
import io.flowaudit.report.PartialSummary;
import io.flowaudit.report.ReportDestination;
import io.flowaudit.report.ReportWriter;
import io.flowaudit.verdict.AuditRun;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code merge DIR...}: joins the partial summaries of one sharded audit into its report. */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = "Join the partial summaries that 'audit --shard K/N' wrote for K = 1..N into the report one"
                + " unsharded audit writes, and gate it as that audit would (--baseline, --junit-xml, ...). Exit 0 when"
                + " every claim met its expectation, 1 when one did not or drifted, 2 on bad input (a missing, repeated"
                + " or foreign part). Claims on the real checkpoint that no part ran (it was absent) are counted apart,"
                + " as by audit; --require-model makes that exit 1.")
final class MergeCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE|DIR", arity = "1..*",
            description = "Partial summaries, or directories holding partial-summary-*.json files.")
    private List<Path> sources;

    @Option(names = "--report", paramLabel = "DIR", description = "Report directory (default: ${DEFAULT-VALUE}).")
    private Path reportDirectory = Path.of("reports");

    /** The same gates as an unsharded audit's: the merged run is the one that sees every try. */
    @Mixin
    private GateOptions gates;

    @Override
    public Integer call() {
        ReportDestination.requireWritable(reportDirectory, "--report");
        GateOptions.Prepared gate = gates.prepare();
        AuditRun run = PartialSummary.merge(sources);
        run.claims().forEach(verdict -> System.out.println(verdict.line()));
        System.out.println(run.closingLine());
        try {
            ReportWriter.write(run, reportDirectory, System.out);
        } catch (IOException e) {
            throw new BadInputException(reportDirectory.toString(), "could not write the report: " + e.getMessage());
        }
        boolean drifted = gates.finish(gate, run, System.out);
        return gates.passes(run) && !drifted ? 0 : 1;
    }
}
