package io.flowaudit.audit;

import io.flowaudit.claim.Instance;
import io.flowaudit.field.StatedConstants;
import io.flowaudit.verdict.AuditRun;
import io.flowaudit.verdict.ClaimVerdict;
import io.flowaudit.verdict.Counterexample;
import io.flowaudit.verdict.Margins;
import io.flowaudit.verdict.Outcome;
import io.flowaudit.verdict.Values;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Runs a catalogue of claims, one verdict each, printing one line per claim as it finishes. */
public final class Audit {

    /** The seed used when none is given: CI gates on a fixed, replayable run. */
    public static final long DEFAULT_SEED = 20261123L;

    /**
     * Workers checking tries: every processor but one, which the JVM's garbage collector and compiler
     * keep busy — the checks allocate heavily (apfloat numbers, Taylor coefficients), and on two cores
     * a second worker made the default audit slower (33.7 s against 30.2 s), not faster.
     */
    public static final int DEFAULT_THREADS = Math.max(1, Runtime.getRuntime().availableProcessors() - 1);

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

    public AuditRun run(List<ClaimSpec> claims, String command) {
        Instant started = Instant.now();
        log.println("flowaudit: " + count(claims.size(), "claim") + ", seed " + seed
                + (triesOverride == null ? "" : ", " + count(triesOverride, "try", "tries") + " each"));
        List<ClaimVerdict> verdicts = new ArrayList<>();
        for (int i = 0; i < claims.size(); i++) {
            ClaimVerdict verdict = check(claims.get(i), i + 1, claims.size());
            verdicts.add(verdict);
            log.println(line(verdict));
        }
        Duration duration = Duration.between(started, Instant.now());
        long met = verdicts.stream().filter(ClaimVerdict::metExpectation).count();
        log.println("flowaudit: " + met + " of " + count(verdicts.size(), "claim") + " met "
                + (verdicts.size() == 1 ? "its" : "their") + " expectation in "
                + seconds(duration) + " (seed " + seed + ")");
        return new AuditRun(command, seed, started, duration, RunEnvironment.machine(), RunEnvironment.versions(),
                verdicts);
    }

    public ClaimVerdict check(ClaimSpec claim, int index, int total) {
        int tries = triesOverride != null ? triesOverride : claim.tries();
        Instant start = Instant.now();
        String replay = "java -jar target/flowaudit.jar audit " + claim.file() + " --seed " + seed + " --tries " + tries;
        ProgressLine progress = new ProgressLine(log, "[" + index + "/" + total + "] " + claim.id(), tries);
        try {
            PropertyRunner.Result result = PropertyRunner.run(claim.instances(), claim.check(), seed, tries, threads,
                    claim.id(), progress);
            if (result.refutedHypothesis().isPresent()) {
                return refutedHypothesis(claim, result, seed, Duration.between(start, Instant.now()), replay);
            }
            if (!result.falsified() && result.vacuous() == result.tries()) {
                // a claim no instance could test has not held: it was not checked
                throw new IllegalStateException("all " + result.tries() + " instances were vacuous (errors below the"
                        + " reference's resolution or an infinite bound): the claim was not tested");
            }
            Outcome outcome = result.falsified() ? Outcome.FALSIFIED : Outcome.HOLDS;
            var example = result.example();
            return new ClaimVerdict(claim.id(), claim.file().toString(), claim.title(), claim.check().theorem(),
                    claim.check().statement(), claim.expected(), outcome, result.tries(), result.firstFailure(),
                    result.vacuous(), result.margins(), seed, Duration.between(start, Instant.now()),
                    claim.hypothesisSpace(), example.map(e -> e.evidence().constants()).orElse(Map.of()),
                    example.map(e -> e.evidence().figures()).orElse(List.of()), Coverage.of(result.covered()),
                    result.falsified() ? counterexample(result) : null, null, replay, result.statistics());
        } catch (RuntimeException e) {
            return new ClaimVerdict(claim.id(), claim.file().toString(), claim.title(), claim.check().theorem(),
                    claim.check().statement(), claim.expected(), Outcome.ERROR, 0, 0, 0, Margins.NONE, seed,
                    Duration.between(start, Instant.now()), claim.hypothesisSpace(), Map.of(), List.of(), List.of(),
                    null, e instanceof PropertyRunner.InstanceError ? e.getMessage()
                            : e.getClass().getSimpleName() + ": " + e.getMessage(), replay);
        }
    }

    /** A stated constant the field exceeds: the claim was not tested as stated; the witness is the counterexample. */
    private static ClaimVerdict refutedHypothesis(ClaimSpec claim, PropertyRunner.Result result, long seed,
            Duration duration, String replay) {
        StatedConstants.Constant constant = result.refutedHypothesis().orElseThrow();
        Instance instance = result.refutedInstance();
        Map<String, String> parameters = new LinkedHashMap<>();
        instance.field().parameters().forEach((name, value) -> parameters.put(name, Values.text(value)));
        parameters.put("witness", constant.witness());
        Counterexample witness = new Counterexample("the stated constant " + constant.name() + " = "
                + constant.stated() + " is exceeded by the field", parameters,
                "largest observed " + constant.name() + " = " + constant.observed(), "stated " + constant.stated(), 0);
        return new ClaimVerdict(claim.id(), claim.file().toString(), claim.title(), claim.check().theorem(),
                claim.check().statement(), claim.expected(), Outcome.HYPOTHESIS_REFUTED, result.tries(), 0, 0,
                Margins.NONE, seed, duration, claim.hypothesisSpace(), Map.of(), List.of(),
                Coverage.of(result.covered()), witness, null, replay, result.statistics());
    }

    private static Counterexample counterexample(PropertyRunner.Result result) {
        Instance instance = result.counterexample().instance();
        Map<String, String> parameters = new LinkedHashMap<>();
        instance.field().parameters().forEach((name, value) -> parameters.put(name, Values.text(value)));
        parameters.put("x0", Values.text(instance.initial()));
        if (instance.perturbation() != null) {
            parameters.put("x0 - y0", Values.text(instance.perturbation()));
        }
        parameters.put("T", Values.number(instance.horizon()));
        if (instance.depth() > 0) {
            parameters.put("L", Integer.toString(instance.depth()));
        }
        return new Counterexample(instance.field().family() + " field of dimension " + instance.field().dimension(),
                parameters, result.counterexample().evidence().observed(), result.counterexample().evidence().bound(),
                result.shrinkSteps());
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
        return verdict.vacuous() == 0 ? ""
                : ", " + verdict.vacuous() + " vacuous" + (verdict.weakEvidence() ? ": weak evidence" : "");
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }
}
