package io.flowaudit.audit;

import io.flowaudit.claim.Evidence;
import io.flowaudit.claim.Instance;
import io.flowaudit.claim.TheoremCheck;
import io.flowaudit.field.CertifiedField;
import io.flowaudit.field.StatedConstants;
import io.flowaudit.field.StatedField;
import io.flowaudit.verdict.Margins;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.RandomGenerator;
import net.jqwik.api.Shrinkable;

/**
 * Runs one claim as a property with jqwik's generators and shrinkers: {@code tries} instances drawn
 * from the claim's arbitrary (edge cases mixed in, as jqwik does), each checked; the first failure is
 * shrunk greedily — the first shrink candidate that still fails is taken, until none does — so the
 * counterexample reported is a local minimum in jqwik's shrinking order (smaller dimension, fewer
 * units, smaller weights, fewer layers).
 *
 * <p>Try i is drawn from its own {@link Random}, seeded by {@link #trySeed(long, int)} from the claim's
 * seed and i alone, so any try replays on its own and tries can run on several threads: the verdict
 * is decided by the first try (in try order) that ends the run — a refutation, a refuted stated
 * hypothesis, or a check that throws — and every count covers the tries up to it, whatever the
 * threads did beyond. A check that throws is not evidence either way: the claim's verdict is an error.
 * A field whose stated constants it exceeds is not checked at all: the claim's hypothesis is refuted.
 */
public final class PropertyRunner {

    /** Shrinking stops after this many checks; a counterexample is reported either way. */
    static final int SHRINK_CHECK_BUDGET = 400;

    /**
     * @param tries             instances counted: all of them, or those up to the one that ended the run
     * @param vacuous           of those, how many could not test the conclusion
     * @param firstFailure      the try that refuted the claim first (0 when none did)
     * @param counterexample    the shrunk failing instance and its evidence
     * @param shrinkSteps       accepted shrinking steps
     * @param example           evidence of a representative (first non-vacuous) instance, for the plots
     * @param covered           what each counted try drew, for coverage histograms
     * @param margins           how close the tries came to their bounds
     * @param refutedHypothesis a stated constant the field exceeds: the claim was not tested as stated
     * @param refutedInstance   the instance whose stated constant was exceeded
     */
    public record Result(int tries, int vacuous, int firstFailure, Failure counterexample,
            int shrinkSteps, Optional<Failure> example, List<Coverage.Sample> covered, Margins margins,
            Optional<StatedConstants.Constant> refutedHypothesis, Instance refutedInstance) {

        public boolean falsified() {
            return counterexample != null;
        }
    }

    /** An instance with what its check found. */
    public record Failure(Instance instance, Evidence evidence) {
    }

    /** A check that threw on a generated instance: an error verdict, which names the try and the instance. */
    public static final class InstanceError extends RuntimeException {

        InstanceError(int attempt, Instance instance, RuntimeException cause) {
            super("at try " + attempt + " the check threw " + cause.getClass().getSimpleName() + ": "
                    + cause.getMessage() + "; instance: " + instance, cause);
        }
    }

    /** What one try found; {@code ending} when it ends the run (refuted, hypothesis refuted or error). */
    private record Try(int index, Shrinkable<Instance> drawn, Evidence evidence,
            Optional<StatedConstants.Constant> exceeded, RuntimeException error) {

        boolean ending() {
            return error != null || exceeded.isPresent() || evidence.refutes();
        }
    }

    /** What the counts keep of a try that did not end the run: a few numbers, not the instance. */
    private record Counted(Coverage.Sample sample, Evidence.Finding finding, double margin) {
    }

    /** The earliest try (by index) of some kind seen so far, kept whole; tries come in any order. */
    private static final class Earliest {

        private Try earliest;

        synchronized void offer(Try candidate) {
            if (earliest == null || candidate.index() < earliest.index()) {
                earliest = candidate;
            }
        }

        synchronized Try get() {
            return earliest;
        }
    }

    private PropertyRunner() {
    }

    /**
     * The seed of try {@code index} (from 1): SplitMix64's finalizer applied to the claim's seed plus
     * index times the golden-ratio increment, so neighbouring tries get unrelated streams.
     */
    public static long trySeed(long claimSeed, int index) {
        long z = claimSeed + index * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * @param scope    names the jqwik scope the instances are drawn in (the claim's id)
     * @param threads  workers checking tries at once; the result does not depend on it
     * @param progress told how many tries have been checked so far
     */
    public static Result run(Arbitrary<Instance> instances, TheoremCheck check, long seed, int tries, int threads,
            String scope, IntConsumer progress) {
        return JqwikContext.run(scope, () -> {
            Counted[] counted = new Counted[tries + 1];
            Earliest ending = new Earliest();
            Earliest example = new Earliest();
            AtomicInteger firstEnding = new AtomicInteger(Integer.MAX_VALUE);
            AtomicInteger checked = new AtomicInteger();
            // jqwik's generators share stores that are not thread-safe: instances are drawn here, in try
            // order, and only the checks run on the workers
            RandomGenerator<Instance> generator = instances.generator(tries, true);
            try (Workers workers = new Workers(Math.max(1, Math.min(threads, tries)))) {
                for (int i = 1; i <= tries && i < firstEnding.get(); i++) {
                    int index = i;
                    Shrinkable<Instance> drawn = generator.next(new Random(trySeed(seed, index)));
                    Instance instance = drawn.value();
                    workers.submit(() -> {
                        Try attempt = attempt(index, drawn, instance, check);
                        counted[index] = new Counted(Coverage.Sample.of(instance),
                                attempt.evidence() == null ? null : attempt.evidence().finding(),
                                attempt.evidence() == null ? Double.NaN : attempt.evidence().margin());
                        if (attempt.ending()) {
                            ending.offer(attempt);
                            firstEnding.accumulateAndGet(index, Math::min);
                        } else if (attempt.evidence().finding() == Evidence.Finding.HOLDS) {
                            example.offer(attempt);
                        }
                        progress.accept(checked.incrementAndGet());
                    });
                }
            }
            return summarize(counted, Math.min(tries, firstEnding.get()), ending.get(), example.get(), check);
        });
    }

    /**
     * A fixed pool with at most two tasks per worker in flight, so drawing never runs far ahead of
     * checking; closing it waits for every task and rethrows what a task threw.
     */
    private static final class Workers implements AutoCloseable {

        private final ExecutorService pool;
        private final Semaphore inFlight;
        private final List<Future<?>> running = new ArrayList<>();

        Workers(int threads) {
            this.pool = Executors.newFixedThreadPool(threads);
            this.inFlight = new Semaphore(2 * threads);
        }

        void submit(Runnable task) {
            inFlight.acquireUninterruptibly();
            running.removeIf(Future::isDone);
            running.add(pool.submit(() -> {
                try {
                    task.run();
                } finally {
                    inFlight.release();
                }
            }));
        }

        @Override
        public void close() {
            try {
                for (Future<?> future : running) {
                    future.get();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while checking tries", e);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException ? (RuntimeException) e.getCause()
                        : new IllegalStateException(e.getCause());
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private static Try attempt(int index, Shrinkable<Instance> drawn, Instance instance, TheoremCheck check) {
        Optional<StatedConstants.Constant> exceeded = instance.field() instanceof StatedField
                ? ((StatedField) instance.field()).statedConstants().firstExceeded() : Optional.empty();
        if (exceeded.isPresent()) {
            return new Try(index, drawn, null, exceeded, null);
        }
        try {
            return new Try(index, drawn, check.check(instance), exceeded, null);
        } catch (RuntimeException e) {
            return new Try(index, drawn, null, exceeded, e);
        }
    }

    /**
     * Counts over tries 1..last in try order, then the try that ended the run (if any): the same
     * result on any number of threads.
     */
    private static Result summarize(Counted[] counted, int last, Try ending, Try example, TheoremCheck check) {
        List<Coverage.Sample> covered = new ArrayList<>();
        Margins.Tally margins = new Margins.Tally();
        int vacuous = 0;
        for (int i = 1; i <= last; i++) {
            covered.add(counted[i].sample());
            margins.add(i, counted[i].margin());
            if (counted[i].finding() == Evidence.Finding.VACUOUS) {
                vacuous++;
            }
        }
        if (ending == null) {
            return new Result(last, vacuous, 0, null, 0,
                    Optional.ofNullable(example).map(e -> new Failure(e.drawn().value(), e.evidence())), covered,
                    margins.summary(), Optional.empty(), null);
        }
        Instance instance = ending.drawn().value();
        if (ending.error() != null) {
            throw new InstanceError(last, instance, ending.error());
        }
        if (ending.exceeded().isPresent()) {
            return new Result(last, vacuous, 0, null, 0, Optional.empty(), covered, margins.summary(),
                    ending.exceeded(), instance);
        }
        Shrunk shrunk = shrink(ending.drawn(), new Failure(instance, ending.evidence()), check);
        return new Result(last, vacuous, last, shrunk.failure, shrunk.steps, Optional.of(shrunk.failure), covered,
                margins.summary(), Optional.empty(), null);
    }

    private record Shrunk(Failure failure, int steps) {
    }

    private static Shrunk shrink(Shrinkable<Instance> failing, Failure failure, TheoremCheck check) {
        int checks = 0;
        int steps = 0;
        Shrinkable<Instance> current = failing;
        Failure currentFailure = failure;
        boolean improved = true;
        while (improved && checks < SHRINK_CHECK_BUDGET) {
            improved = false;
            Iterator<Shrinkable<Instance>> candidates = current.shrink().iterator();
            while (candidates.hasNext() && checks < SHRINK_CHECK_BUDGET) {
                Shrinkable<Instance> candidate = candidates.next();
                checks++;
                Evidence evidence = evaluateCandidate(check, candidate.value());
                if (evidence.refutes()) {
                    current = candidate;
                    currentFailure = new Failure(candidate.value(), evidence);
                    steps++;
                    improved = true;
                    break;
                }
            }
        }
        return withFewerTokens(withoutInertComponents(new Shrunk(currentFailure, steps), check), check);
    }

    /** Then drops tokens, one at a time, as long as the smaller instance still refutes the claim. */
    private static Shrunk withFewerTokens(Shrunk shrunk, TheoremCheck check) {
        Failure failure = shrunk.failure();
        int steps = shrunk.steps();
        boolean dropped = true;
        while (dropped) {
            dropped = false;
            Instance instance = failure.instance();
            Optional<CertifiedField> fewer = instance.field().withOneTokenFewer();
            if (fewer.isEmpty()) {
                break;
            }
            int width = instance.field().dimension() - fewer.get().dimension();
            for (int token = instance.field().dimension() / width - 1; token >= 0 && !dropped; token--) {
                int removed = token;
                Instance smaller = instance.reducedTo(fewer.get(), state -> Reductions.withoutToken(state, removed,
                        width));
                Evidence evidence = evaluateCandidate(check, smaller);
                if (evidence.refutes()) {
                    failure = new Failure(smaller, evidence);
                    steps++;
                    dropped = true;
                }
            }
        }
        return new Shrunk(failure, steps);
    }

    /**
     * Then drops, one at a time, components nothing else reads, from the field and the initial state
     * (and perturbation), as long as the smaller instance still refutes the claim.
     */
    private static Shrunk withoutInertComponents(Shrunk shrunk, TheoremCheck check) {
        Failure failure = shrunk.failure();
        int steps = shrunk.steps();
        for (int index = failure.instance().field().dimension() - 1; index >= 0; index--) {
            Instance instance = failure.instance();
            int component = index;
            Optional<Instance> smaller = instance.field().withoutInertComponent(component)
                    .map(field -> instance.reducedTo(field, state -> Reductions.without(state, component)));
            if (smaller.isPresent()) {
                Evidence evidence = evaluateCandidate(check, smaller.get());
                if (evidence.refutes()) {
                    failure = new Failure(smaller.get(), evidence);
                    steps++;
                }
            }
        }
        return new Shrunk(failure, steps);
    }

    /**
     * A shrink candidate whose check cannot run (it left the family's valid parameters) is not a
     * smaller counterexample; it is skipped.
     */
    private static Evidence evaluateCandidate(TheoremCheck check, Instance instance) {
        try {
            return check.check(instance);
        } catch (RuntimeException e) {
            return Evidence.vacuous("the check could not run: " + e.getMessage());
        }
    }
}
