package io.flowaudit.cli;

import io.flowaudit.audit.ClaimCatalogue;
import io.flowaudit.claim.Scheduler;
import io.flowaudit.input.BadInputException;
import io.flowaudit.input.InputLimits;
import io.flowaudit.report.ClaimPages;
import io.flowaudit.report.ReportDestination;
import io.flowaudit.report.ReportWriter;
import io.flowaudit.report.SummaryJson;
import io.flowaudit.verdict.AuditRun;
import io.flowaudit.verdict.Shard;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code audit [FILE|DIR ...]}: runs claim files, prints one verdict per claim, writes the report. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Run claim files (default: properties/), print one verdict per claim and write the report."
                + " Exit 0 when every claim met its expectation (and nothing drifted from --baseline), 1 when one"
                + " did not (or a number drifted), 2 on bad input. Claims on the real checkpoint are not run, and"
                + " counted apart, when it is absent; --require-model makes that exit 1.")
final class AuditCommand implements Callable<Integer> {

    static final String SEED_PROPERTY = "flowaudit.seed";

    @Parameters(paramLabel = "FILE|DIR", arity = "0..*", description = "Claim files or directories of them.")
    private List<Path> sources = List.of(Path.of("properties"));

    @Option(names = "--report", paramLabel = "DIR", description = "Report directory (default: ${DEFAULT-VALUE}).")
    private Path reportDirectory = Path.of("reports");

    @Option(names = "--seed", paramLabel = "S",
            description = "Seed of the random search (default: the flowaudit.seed system property, else "
                    + Scheduler.DEFAULT_SEED + ").")
    private Long seed;

    @Option(names = "--tries", paramLabel = "N", description = "Tries per claim, replacing each file's own; a claim whose"
            + " file sets max-tries runs at most that many, and says so.")
    private Integer tries;

    @Option(names = "--threads", paramLabel = "N", description = "Claims and tries checked at once (default: the available"
            + " processors, ${DEFAULT-VALUE} here); verdicts and numbers do not depend on it.")
    private int threads = Scheduler.DEFAULT_THREADS;

    @Option(names = "--shard", paramLabel = "K/N", description = "Run only part K of N of every claim's tries and"
            + " write a partial summary into the report directory, for 'flowaudit merge' to join with the other parts.")
    private String shard;

    @Mixin
    private BudgetOptions budget;

    @Mixin
    private GateOptions gates;

    @Override
    public Integer call() {
        return budget.within(this::execute);
    }

    private int execute() {
        if (tries != null && (tries < 1 || tries > InputLimits.MAX_RUN_TRIES)) {
            throw new BadInputException(null, "--tries must be between 1 and " + InputLimits.MAX_RUN_TRIES + ", got "
                    + tries);
        }
        if (threads < 1) {
            throw new BadInputException(null, "--threads must be at least 1, got " + threads);
        }
        Shard part = shard == null ? null : Shard.parse(shard);
        if (part != null && gates.requested()) {
            throw new BadInputException(null, "--shard writes a partial summary only; give --baseline, --update-baseline,"
                    + " --junit-xml, --tolerance and --require-model to merge, which sees every try");
        }
        long seed = this.seed != null ? this.seed : defaultSeed();
        // before any claim runs: a report that cannot be written must not cost a whole audit
        ReportDestination.requireWritable(reportDirectory, "--report");
        GateOptions.Prepared gate = gates.prepare();
        Scheduler audit = new Scheduler(seed, tries, threads, System.out)
                .startingLongestFirst(SummaryJson.claimDurations(reportDirectory));
        try {
            if (part != null) {
                // a part has no verdicts of its own: they are the merged run's
                Path partial = ClaimCatalogue.runShard(sources, audit, part).write(reportDirectory);
                System.out.println("flowaudit: partial summary written to " + partial);
                return 0;
            }
            ClaimPages pages = new ClaimPages();
            AuditRun run = ClaimCatalogue.run(sources, audit, pages::render);
            ReportWriter.write(run, pages, reportDirectory, System.out);
            boolean drifted = gates.finish(gate, run, System.out);
            return gates.passes(run) && !drifted ? 0 : 1;
        } catch (IOException e) {
            throw new BadInputException(reportDirectory.toString(), "could not write the report: " + e.getMessage());
        }
    }

    /** The {@code flowaudit.seed} system property, which the build's catalogue test reads too, else the fixed default. */
    static long defaultSeed() {
        String property = System.getProperty(SEED_PROPERTY);
        if (property == null) {
            return Scheduler.DEFAULT_SEED;
        }
        try {
            return Long.parseLong(property.trim());
        } catch (NumberFormatException e) {
            throw new BadInputException(null, "-D" + SEED_PROPERTY + " must be an integer, got '" + property + "'");
        }
    }
}
