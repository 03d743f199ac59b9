package io.flowaudit.claim;

import io.flowaudit.flow.WorkBudget;
import io.flowaudit.model.Checkpoint;
import io.flowaudit.report.PartialSummary;
import io.flowaudit.verdict.AuditRun;
import io.flowaudit.verdict.ClaimVerdict;
import io.flowaudit.verdict.RunEnvironment;
import io.flowaudit.verdict.Shard;
import io.flowaudit.verdict.TryBlock;
import io.flowaudit.verdict.ValueText;
import io.flowaudit.weights.FetchedModel;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;
import java.util.regex.Pattern;

/**
 * Runs a catalogue of claims, one verdict each, printing one line per claim as it finishes. The claim files' reader
 * ({@code audit.ClaimCatalogue}) hands it every file as far as it reads them ({@link #run(List, List)}): it resolves
 * them all ({@link Claim#readAll}) before any claim runs, then runs each claim's own pipeline ({@link Claim#verdict})
 * and returns the run for the report.
 */
public final class Scheduler {

    /** The seed used when none is given: CI gates on a fixed, replayable run. */
    public static final long DEFAULT_SEED = 20261123L;

    /**
     * Workers: every processor. Claims side by side keep them busy through a claim's serial parts (shrinking, its
     * last tries); a claim checks its tries on several only where the run has fewer claims than workers.
     */
    public static final int DEFAULT_THREADS = Runtime.getRuntime().availableProcessors();

    /** Characters a POSIX shell reads as part of a plain word (no quoting, expansion or redirection). */
    private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9_./=:,+@%-]+");

    private final long seed;
    private final Integer triesOverride;
    private final int threads;
    private final PrintStream log;
    /** Claim durations of a previous run, by id: which claims to start first ({@link StartOrder}). */
    private final Map<String, Double> previousSeconds;

    /**
     * @param seed          every claim's random search starts from this seed
     * @param triesOverride replaces every claim's tries when not null (e.g. 10 000 for an extended run), up to each
     *                      claim file's own {@code max-tries}
     * @param threads       how many tries run at once; verdicts and numbers do not depend on it
     * @param log           where verdicts and progress go
     */
    public Scheduler(long seed, Integer triesOverride, int threads, PrintStream log) {
        this(seed, triesOverride, threads, log, Map.of());
    }

    private Scheduler(long seed, Integer triesOverride, int threads, PrintStream log, Map<String, Double> previousSeconds) {
        this.seed = seed;
        this.triesOverride = triesOverride;
        this.threads = threads;
        this.log = log;
        this.previousSeconds = Map.copyOf(previousSeconds);
    }

    /**
     * This audit, starting the claims longest first by their durations in a previous run ({@link StartOrder}):
     * the order claims start in, never what they find.
     */
    public Scheduler startingLongestFirst(Map<String, Double> previousSeconds) {
        return new Scheduler(seed, triesOverride, threads, log, previousSeconds);
    }

    /** With {@link #DEFAULT_THREADS} workers. */
    public Scheduler(long seed, Integer triesOverride, PrintStream log) {
        this(seed, triesOverride, DEFAULT_THREADS, log);
    }

    /**
     * The claims of the claim files and directories {@code sources}, as their reader left them ({@code files}):
     * every one resolved before any claim runs ({@link Claim#readAll}: a malformed file fails the audit before it
     * costs any time), then run.
     */
    public AuditRun run(List<Claim.File> files, List<Path> sources) {
        return run(files, sources, verdict -> { });
    }

    /**
     * {@link #run(List, List)}, handing each verdict to {@code eachVerdict} on the worker that ran its claim as soon as
     * it is in (the command renders the claim's report page there, beside the claims still running).
     */
    public AuditRun run(List<Claim.File> files, List<Path> sources, Consumer<ClaimVerdict> eachVerdict) {
        return run(Claim.readAll(files), command(sources, seed, triesOverride), eachVerdict);
    }

    /** Shard {@code shard} of the claims of {@code sources}, resolved as {@link #run(List, List)} resolves them. */
    public PartialSummary runShard(List<Claim.File> files, List<Path> sources, Shard shard) {
        return runShard(Claim.readAll(files), command(sources, seed, triesOverride), shard);
    }

    /** These claims' run, which the report names by {@code command}. */
    public AuditRun run(List<Claim> claims, String command) {
        return run(claims, command, verdict -> { });
    }

    private AuditRun run(List<Claim> claims, String command, Consumer<ClaimVerdict> eachVerdict) {
        Instant started = Instant.now();
        announce(claims);
        List<ClaimVerdict> verdicts = new ArrayList<>();
        inClaimOrder(claims, i -> {
            ClaimVerdict verdict = checkBesideOthers(claims, i);
            eachVerdict.accept(verdict);
            return verdict;
        }, verdict -> {
            verdicts.add(verdict);
            log.println(verdict.line());
        });
        return finish(verdicts, started, command);
    }

    /** The line that opens a run: how many claims, the seed, and the tries when the run sets them. */
    public void announce(List<Claim> claims) {
        long capped = claims.stream().filter(claim -> claim.triesWhenAsked(asked(claim)) < asked(claim)).count();
        log.println("flowaudit: " + ValueText.count(claims.size(), "claim") + ", seed " + seed
                + (triesOverride == null ? "" : ", " + ValueText.count(triesOverride, "try", "tries") + " each")
                + (capped == 0 ? "" : " (fewer for " + ValueText.count((int) capped, "claim")
                        + ": their files' max-tries)"));
    }

    /** The run of these verdicts, with the line that closes it. */
    public AuditRun finish(List<ClaimVerdict> verdicts, Instant started, String command) {
        Duration duration = Duration.between(started, Instant.now());
        AuditRun run = new AuditRun(command, seed, started, duration, RunEnvironment.machine(),
                RunEnvironment.versions(), List.copyOf(verdicts));
        log.println(run.closingLine());
        return run;
    }

    /**
     * The command that runs claim files or directories {@code sources} with this seed, when not null this many tries
     * each, and the process's reference budget: what a report names, what replays one claim, and what the shards
     * of one run must share. Until 2026-11-30 it left out the budget, so a replay of a run with
     * {@code --max-reference-steps} gave another verdict and {@code merge} joined shards of different budgets, and
     * it wrote paths unquoted, so a claim file named {@code a;rm -rf ~;.yaml} made a replay command that runs more.
     */
    public static String command(List<?> sources, long seed, Integer tries) {
        StringBuilder command = new StringBuilder("java -jar target/flowaudit.jar audit");
        sources.forEach(source -> command.append(' ').append(shellWord(source.toString())));
        command.append(" --seed ").append(seed);
        if (tries != null) {
            command.append(" --tries ").append(tries);
        }
        return command.append(WorkBudget.current().commandLineOptions()).toString();
    }

    /**
     * The command that replays one claim's run of {@code tries} with {@code seed}. A claim on the checkpoint that this
     * process read from the class path (the test dependency that brings it to {@code mvn verify}) runs under the jar
     * only once {@code ./flowaudit fetch-model} has put the checkpoint in target/models, so its replay fetches it
     * first: until 2026-11-30 the replay that mvn verify printed for false-model-layer-lipschitz-just-below reported
     * the claim not run and exited 0, reproducing nothing.
     */
    static String replayCommand(Claim claim, long seed, int tries) {
        return replayCommand(claim, seed, tries, Checkpoint.source());
    }

    /** {@link #replayCommand(Claim, long, int)} with the checkpoint read from {@code checkpointSource}. */
    static String replayCommand(Claim claim, long seed, int tries, Optional<String> checkpointSource) {
        String command = command(List.of(claim.file()), seed, tries);
        boolean checkpointFromClassPath = claim.check().runsOnModel()
                && checkpointSource.filter(source -> !source.equals(FetchedModel.DIRECTORY.toString())).isPresent();
        return checkpointFromClassPath ? "./flowaudit fetch-model && " + command : command;
    }

    /** {@code word} as a POSIX shell reads it back: as it is when it holds no character the shell treats apart. */
    static String shellWord(String word) {
        return SHELL_SAFE.matcher(word).matches() ? word : "'" + word.replace("'", "'\\''") + "'";
    }

    /**
     * One claim over all its tries, on every worker (run alone: a test engine checks one claim at a time), replayed
     * by the command line; the progress line names it claim {@code index} of {@code total}.
     */
    public ClaimVerdict check(Claim claim, int index, int total) {
        return check(claim, index, total, replayCommand(claim));
    }

    /** The same, replayed by {@code replay} (a build's own command, where the jar is not at hand). */
    public ClaimVerdict check(Claim claim, int index, int total, String replay) {
        return check(claim, index, total, replay, threads);
    }

    /** Claim {@code i} of {@code claims}, which run side by side: its tries on its share of the workers. */
    private ClaimVerdict checkBesideOthers(List<Claim> claims, int i) {
        Claim claim = claims.get(i);
        return check(claim, i + 1, claims.size(), replayCommand(claim), triesWorkers(claims.size()));
    }

    /** The command that replays this run's check of {@code claim}: its seed and the tries it asks of the claim. */
    private String replayCommand(Claim claim) {
        return replayCommand(claim, seed, claim.triesWhenAsked(asked(claim)));
    }

    private ClaimVerdict check(Claim claim, int index, int total, String replay, int workers) {
        int tries = claim.triesWhenAsked(asked(claim));
        return claim.verdict(seed, asked(claim), replay, workers, new ProgressLine(log, label(claim, index, total),
                tries));
    }

    /**
     * Shard {@code shard} of every claim: the part of a run that one machine of several does, for
     * {@code flowaudit merge} to join into the run's verdicts.
     *
     * @param command the command of the whole run, which the merged report names
     */
    public PartialSummary runShard(List<Claim> claims, String command, Shard shard) {
        Instant started = Instant.now();
        log.println("flowaudit: shard " + shard + " of " + ValueText.count(claims.size(), "claim") + ", seed " + seed);
        List<PartialSummary.Claim> parts = new ArrayList<>();
        inClaimOrder(claims, i -> {
            Claim claim = claims.get(i);
            Instant start = Instant.now();
            int tries = claim.triesWhenAsked(asked(claim));
            Shard.Range range = shard.range(tries);
            ClaimVerdict.Header header = claim.header(seed, asked(claim), replayCommand(claim, seed, tries));
            TryBlock block = claim.block(seed, asked(claim), range.from(), range.to(), triesWorkers(claims.size()),
                    new ProgressLine(log, label(claim, i + 1, claims.size()), range.size()));
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
     * Starts every claim's check as {@link #run} does and returns its verdicts in claim order, to be awaited: how a
     * test engine that reports one test per claim runs the catalogue at the audit's pace.
     */
    public List<Future<ClaimVerdict>> start(List<Claim> claims) {
        return startInOrder(claims, i -> checkBesideOthers(claims, i));
    }

    /**
     * Runs claim {@code i} of {@code claims} by {@code work} ({@link #startInOrder}) and hands the results to
     * {@code done} in claim order.
     */
    private <R> void inClaimOrder(List<Claim> claims, IntFunction<R> work, Consumer<R> done) {
        List<Future<R>> results = startInOrder(claims, work);
        try {
            for (Future<R> result : results) {
                done.accept(PropertyRunner.awaited(result, "running claims"));
            }
        } finally {
            results.forEach(result -> result.cancel(true));
        }
    }

    /**
     * Starts claim {@code i} of {@code claims} by {@code work}, up to {@link #threads} claims at once (each checking
     * its tries on {@link #triesWorkers}), in {@link StartOrder}, and returns the results in claim order: a claim's
     * shrinking and its last few tries, which keep one worker busy, run beside the next claims' tries. Results do
     * not depend on it: each claim draws from its own seeds and jqwik scope. The runners end with the last claim.
     */
    private <R> List<Future<R>> startInOrder(List<Claim> claims, IntFunction<R> work) {
        ExecutorService claimRunners = Executors.newFixedThreadPool(threads);
        List<Future<R>> results = new ArrayList<>(Collections.nCopies(claims.size(), null));
        for (int index : StartOrder.of(claims, previousSeconds)) {
            results.set(index, claimRunners.submit(() -> work.apply(index)));
        }
        claimRunners.shutdown();
        return results;
    }

    /**
     * The workers each of {@code claims} claims run side by side checks its tries on: the run's share of them. The
     * claims already fill the workers; each checking its tries on every worker as well put two threads on each
     * processor, which cost the default audit on two cores 3-7 % more CPU (docs/performance.md). A run of one claim
     * spreads its tries over all of them.
     */
    private int triesWorkers(int claims) {
        return Math.max(1, threads / claims);
    }

    /**
     * The tries this run asks of the claim: its file's own, unless the run replaces them; the claim runs at most its
     * file's max-tries of them.
     */
    private int asked(Claim claim) {
        return triesOverride != null ? triesOverride : claim.tries();
    }

    /** How the progress line names a claim: {@code [3/48] uniform-bound-euler-mlp}. */
    private static String label(Claim claim, int index, int total) {
        return "[" + index + "/" + total + "] " + claim.id();
    }

    private static String partLine(String id, Shard.Range range, TryBlock block, Duration duration) {
        String ended = block.ending() == null ? ""
                : ", ended at try " + block.ending().attempt() + " (" + block.ending().outcome().name()
                        .toLowerCase(Locale.ROOT).replace('_', ' ') + ")";
        return String.format(Locale.ROOT, "     %-40s tries %d..%d: %s%s %s", id, range.from(), range.to(),
                ValueText.count(block.counted(), "try", "tries") + " counted", ended, ValueText.seconds(duration));
    }

    /**
     * Shows a long claim's progress on the log, at most every two seconds, so long runs are not silent;
     * told by every worker thread.
     */
    private static final class ProgressLine implements IntConsumer {

        private static final long INTERVAL_NANOS = 2_000_000_000L;

        private final PrintStream log;
        private final String label;
        private final int total;
        private long lastShown = System.nanoTime();

        ProgressLine(PrintStream log, String label, int total) {
            this.log = log;
            this.label = label;
            this.total = total;
        }

        @Override
        public synchronized void accept(int done) {
            long now = System.nanoTime();
            if (now - lastShown >= INTERVAL_NANOS) {
                log.println("  " + label + ": " + done + "/" + total + " tries");
                lastShown = now;
            }
        }
    }
}
