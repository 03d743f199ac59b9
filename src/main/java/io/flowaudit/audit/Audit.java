package io.flowaudit.audit;

import io.flowaudit.claim.Claim;
import io.flowaudit.report.ReportWriter;
import io.flowaudit.verdict.AuditRun;
import io.flowaudit.verdict.ClaimHeader;
import io.flowaudit.verdict.ClaimVerdict;
import io.flowaudit.verdict.Outcome;
import io.flowaudit.verdict.TryBlock;
import io.flowaudit.verdict.Rigour;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/** Runs a catalogue of claims, one verdict each, printing one line per claim as it finishes. */
public final class Audit {

    /** The seed used when none is given: CI gates on a fixed, replayable run. */
    public static final long DEFAULT_SEED = 20261123L;

    /**
     * Claims run at once, each checking its tries on as many workers: every processor. Claims side by
     * side keep the processors busy through a claim's serial parts (shrinking, its last tries).
     */
    public static final int DEFAULT_THREADS = Runtime.getRuntime().availableProcessors();

    private final long seed;
    private final Integer triesOverride;
    private final int threads;
    private final PrintStream log;

    /**
     * @param seed          every claim's random search starts from this seed
     * @param triesOverride replaces every claim's tries when not null (e.g. 10 000 for an extended run)
     * @param threads       how many tries run at once; verdicts and numbers do not depend on it
     * @param log           where verdicts and progress go
     */
    public Audit(long seed, Integer triesOverride, int threads, PrintStream log) {
        this.seed = seed;
        this.triesOverride = triesOverride;
        this.threads = threads;
        this.log = log;
    }

    /** With {@link #DEFAULT_THREADS} workers. */
    public Audit(long seed, Integer triesOverride, PrintStream log) {
        this(seed, triesOverride, DEFAULT_THREADS, log);
    }

    public AuditRun run(List<Claim> claims, String command) {
        Instant started = Instant.now();
        announce(claims.size());
        List<ClaimVerdict> verdicts = new ArrayList<>();
        inClaimOrder(claims, i -> check(claims.get(i), i + 1, claims.size()), verdict -> {
            verdicts.add(verdict);
            log.println(line(verdict));
        });
        return finish(verdicts, started, command);
    }

    /** The line that opens a run. */
    public void announce(int claims) {
        log.println("flowaudit: " + count(claims, "claim") + ", seed " + seed
                + (triesOverride == null ? "" : ", " + count(triesOverride, "try", "tries") + " each"));
    }

    /** The run of these verdicts, with the line that closes it. */
    public AuditRun finish(List<ClaimVerdict> verdicts, Instant started, String command) {
        Duration duration = Duration.between(started, Instant.now());
        AuditRun run = new AuditRun(command, seed, started, duration, RunEnvironment.machine(),
                RunEnvironment.versions(), List.copyOf(verdicts));
        log.println(closingLine(run));
        return run;
    }

    /** The line that closes a run: how many claims met their expectation. */
    public static String closingLine(AuditRun run) {
        long met = run.claims().stream().filter(ClaimVerdict::metExpectation).count();
        return "flowaudit: " + met + " of " + count(run.claims().size(), "claim") + " met "
                + (run.claims().size() == 1 ? "its" : "their") + " expectation in " + seconds(run.duration())
                + " (seed " + run.seed() + ")";
    }

    /** Writes the run's report (pages and summary.json) into {@code directory} and says where. */
    public Path writeReport(AuditRun run, Path directory) throws IOException {
        Path index = ReportWriter.write(run, directory);
        log.println("flowaudit: report written to " + index);
        return index;
    }

    /**
     * The command that runs claim files or directories {@code sources} with this seed and, when not null,
     * this many tries each: what a report names and what replays one claim.
     */
    public static String command(List<?> sources, long seed, Integer tries) {
        StringBuilder command = new StringBuilder("java -jar target/flowaudit.jar audit");
        sources.forEach(source -> command.append(' ').append(source));
        command.append(" --seed ").append(seed);
        if (tries != null) {
            command.append(" --tries ").append(tries);
        }
        return command.toString();
    }

    /** One claim over all its tries. */
    public ClaimVerdict check(Claim claim, int index, int total) {
        Instant start = Instant.now();
        ClaimHeader header = header(claim);
        TryBlock block = block(claim, header, Shard.WHOLE, "[" + index + "/" + total + "] " + claim.id());
        return header.verdict(block, Duration.between(start, Instant.now()));
    }

    /**
     * Shard {@code shard} of every claim: the part of a run that one machine of several does, for
     * {@code flowaudit merge} to join into the run's verdicts.
     *
     * @param command the command of the whole run, which the merged report names
     */
    public PartialSummary runShard(List<Claim> claims, String command, Shard shard) {
        Instant started = Instant.now();
        log.println("flowaudit: shard " + shard + " of " + count(claims.size(), "claim") + ", seed " + seed);
        List<PartialSummary.Claim> parts = new ArrayList<>();
        inClaimOrder(claims, i -> {
            Claim claim = claims.get(i);
            Instant start = Instant.now();
            ClaimHeader header = header(claim);
            TryBlock block = block(claim, header, shard, "[" + (i + 1) + "/" + claims.size() + "] " + claim.id());
            return new PartialSummary.Claim(header, block, Duration.between(start, Instant.now()));
        }, part -> {
            parts.add(part);
            log.println(partLine(part.header().id(), shard.range(part.header().tries()), part.block(),
                    part.duration()));
        });
        return new PartialSummary(command, seed, shard, started, Duration.between(started, Instant.now()),
                RunEnvironment.machine(), RunEnvironment.versions(), parts);
    }

    /**
     * Runs claim {@code i} of {@code claims} by {@code work}, up to {@link #threads} claims at once (each
     * checking its tries on as many workers), and hands the results to {@code done} in claim order: a
     * claim's shrinking and its last few tries, which keep one worker busy, run beside the next claims'
     * tries. Results do not depend on it: each claim draws from its own seeds and jqwik scope.
     */
    private <R> void inClaimOrder(List<Claim> claims, IntFunction<R> work, Consumer<R> done) {
        ExecutorService claimRunners = Executors.newFixedThreadPool(threads);
        try {
            List<Future<R>> results = new ArrayList<>();
            for (int i = 0; i < claims.size(); i++) {
                int index = i;
                results.add(claimRunners.submit(() -> work.apply(index)));
            }
            for (Future<R> result : results) {
                done.accept(result.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running claims", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException ? (RuntimeException) e.getCause()
                    : new IllegalStateException(e.getCause());
        } finally {
            claimRunners.shutdownNow();
        }
    }

    private ClaimHeader header(Claim claim) {
        int tries = triesOverride != null ? triesOverride : claim.tries();
        return new ClaimHeader(claim.id(), claim.file().toString(), claim.title(), claim.check().theorem(),
                claim.check().statement(), claim.expected(), claim.check().rigour(), claim.hypothesisSpace(), seed,
                tries, command(List.of(claim.file()), seed, tries));
    }

    /** The claim's tries of this shard; a failure outside every check (drawing an instance) is an error ending. */
    private TryBlock block(Claim claim, ClaimHeader header, Shard shard, String label) {
        Shard.Range range = shard.range(header.tries());
        try {
            return PropertyRunner.run(claim.instances(), claim.check(), seed, header.tries(), range, threads,
                    claim.id(), new ProgressLine(log, label, range.size()));
        } catch (RuntimeException e) {
            TryBlock failed = new TryBlock();
            failed.end(new TryBlock.Ending(range.from(), Outcome.ERROR, null, null,
                    e.getClass().getSimpleName() + ": " + e.getMessage()));
            return failed;
        }
    }

    private static String partLine(String id, Shard.Range range, TryBlock block, Duration duration) {
        String ended = block.ending() == null ? ""
                : ", ended at try " + block.ending().attempt() + " (" + block.ending().outcome().name()
                        .toLowerCase(Locale.ROOT).replace('_', ' ') + ")";
        return String.format(Locale.ROOT, "     %-40s tries %d..%d: %s%s %s", id, range.from(), range.to(),
                count(block.counted(), "try", "tries") + " counted", ended, seconds(duration));
    }

    /**
     * One claim's verdict line; a falsified claim, or one that missed its expectation, gets a second line with the
     * command that replays it.
     */
    public static String line(ClaimVerdict verdict) {
        String found = switch (verdict.outcome()) {
            case HOLDS -> "holds (" + count(verdict.tries(), "try", "tries") + vacuousPart(verdict) + ")";
            // observed and claimed side by side: the claim's own words say how they compare (a value, an order)
            case FALSIFIED -> "falsified at try " + verdict.triesToFalsify()
                    + (verdict.counterexample() == null ? "" : ", shrunk in "
                            + count(verdict.counterexample().shrinkSteps(), "step") + ": "
                            + verdict.counterexample().observed() + "; claimed: " + verdict.counterexample().bound());
            case HYPOTHESIS_REFUTED -> "hypothesis refuted: " + verdict.counterexample().description() + " ("
                    + verdict.counterexample().observed() + " at " + verdict.counterexample().parameters().get("witness")
                    + ")";
            case ERROR -> "error: " + verdict.error();
        };
        String line = String.format(Locale.ROOT, "%-4s %-40s %s [expected %s] %s",
                verdict.metExpectation() ? "ok" : "FAIL", verdict.id(), found,
                verdict.expected().name().toLowerCase(Locale.ROOT), seconds(verdict.duration()));
        boolean replayable = verdict.outcome() == Outcome.FALSIFIED || !verdict.metExpectation();
        return replayable && verdict.replayCommand() != null
                ? line + System.lineSeparator() + "     replay: " + verdict.replayCommand()
                : line;
    }

    private static String count(int n, String singular) {
        return count(n, singular, singular + "s");
    }

    private static String count(int n, String singular, String plural) {
        return n + " " + (n == 1 ? singular : plural);
    }

    private static String vacuousPart(ClaimVerdict verdict) {
        if (verdict.rigour() == Rigour.PROVED) {
            return ", " + verdict.proved() + " proved, " + verdict.vacuous() + " undecided"
                    + (verdict.weakEvidence() ? ": weak evidence" : "");
        }
        int vacuousOnly = verdict.vacuous() - verdict.inconclusive();
        return (vacuousOnly == 0 ? "" : ", " + vacuousOnly + " vacuous")
                + (verdict.inconclusive() == 0 ? "" : ", " + verdict.inconclusive() + " inconclusive")
                + (verdict.weakEvidence() ? ": weak evidence" : "");
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }
}
