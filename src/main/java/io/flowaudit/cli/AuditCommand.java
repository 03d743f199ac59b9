package io.flowaudit.cli;

import io.flowaudit.audit.Audit;
import io.flowaudit.audit.ClaimCatalogue;
import io.flowaudit.audit.ClaimSpec;
import io.flowaudit.report.ReportWriter;
import io.flowaudit.verdict.AuditRun;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code audit [FILE|DIR ...]}: runs claim files, prints one verdict per claim, writes the report. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Run claim files (default: properties/), print one verdict per claim and write the report."
                + " Exit 0 when every claim met its expectation, 1 when one did not, 2 on bad input.")
final class AuditCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE|DIR", arity = "0..*", description = "Claim files or directories of them.")
    private List<Path> sources = List.of(Path.of("properties"));

    @Option(names = "--report", paramLabel = "DIR", description = "Report directory (default: ${DEFAULT-VALUE}).")
    private Path reportDirectory = Path.of("reports");

    @Option(names = "--seed", paramLabel = "S", description = "Seed of the random search (default: ${DEFAULT-VALUE}).")
    private long seed = Audit.DEFAULT_SEED;

    @Option(names = "--tries", paramLabel = "N", description = "Tries per claim, replacing each file's own.")
    private Integer tries;

    @Option(names = "--threads", paramLabel = "N", description = "Tries checked at once (default: the available"
            + " processors, ${DEFAULT-VALUE} here); verdicts and numbers do not depend on it.")
    private int threads = Runtime.getRuntime().availableProcessors();

    @Override
    public Integer call() {
        if (tries != null && tries < 1) {
            throw new io.flowaudit.input.BadInputException(null, "--tries must be at least 1, got " + tries);
        }
        if (threads < 1) {
            throw new io.flowaudit.input.BadInputException(null, "--threads must be at least 1, got " + threads);
        }
        List<ClaimSpec> claims = ClaimCatalogue.load(sources);
        PrintStream log = System.out;
        AuditRun run = new Audit(seed, tries, threads, log).run(claims, command());
        try {
            Path index = ReportWriter.write(run, reportDirectory);
            log.println("flowaudit: report written to " + index);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the report to " + reportDirectory, e);
        }
        return run.allMetExpectation() ? 0 : 1;
    }

    private String command() {
        StringBuilder command = new StringBuilder("java -jar target/flowaudit.jar audit");
        sources.forEach(source -> command.append(' ').append(source));
        command.append(" --seed ").append(seed);
        if (tries != null) {
            command.append(" --tries ").append(tries);
        }
        return command.toString();
    }
}
