package io.flowaudit.audit;

import io.flowaudit.claim.Evidence;
import io.flowaudit.claim.Instance;
import io.flowaudit.claim.TheoremCheck;
import io.flowaudit.gen.Reductions;
import io.flowaudit.field.StatedConstants;
import io.flowaudit.field.StatedField;
import io.flowaudit.verdict.Margins;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.IntConsumer;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.RandomGenerator;
import net.jqwik.api.Shrinkable;

/**
 * Runs one claim as a property with jqwik's generators and shrinkers: {@code tries} instances drawn
 * from the claim's arbitrary (edge cases mixed in, as jqwik does), each checked; the first failure is
 * shrunk greedily — the first shrink candidate that still fails is taken, until none does — so the
 * counterexample reported is a local minimum in jqwik's shrinking order (smaller dimension, fewer
 * units, smaller weights, fewer layers). Everything is drawn from one {@link Random} seeded by the
 * claim's seed, so a seed replays the same instances, verdict and counterexample. A check that throws
 * is not evidence either way: the exception ends the run and the claim's verdict is an error. A field
 * whose stated constants it exceeds is not checked at all: the claim's hypothesis is refuted.
 */
public final class PropertyRunner {

    /** Shrinking stops after this many checks; a counterexample is reported either way. */
    static final int SHRINK_CHECK_BUDGET = 400;

    /**
     * @param tries          instances checked
     * @param vacuous        of those, how many could not test the conclusion
     * @param firstFailure   the try that failed first (0 when none did)
     * @param counterexample the shrunk failing instance and its evidence
     * @param shrinkSteps    accepted shrinking steps
     * @param example        evidence of a representative (first non-vacuous) instance, for the plots
     * @param generated      every instance generated, for coverage histograms
     * @param margins        how close the tries came to their bounds
     * @param refutedHypothesis a stated constant the field exceeds: the claim was not tested as stated
     */
    public record Result(int tries, int vacuous, int firstFailure, Failure counterexample,
            int shrinkSteps, Optional<Failure> example, List<Instance> generated, Margins margins,
            Optional<StatedConstants.Constant> refutedHypothesis) {

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

    private PropertyRunner() {
    }

    public static Result run(Arbitrary<Instance> instances, TheoremCheck check, long seed, int tries,
            IntConsumer progress) {
        Random random = new Random(seed);
        RandomGenerator<Instance> generator = instances.generator(tries, true);
        List<Instance> generated = new ArrayList<>();
        Failure example = null;
        int vacuous = 0;
        Margins.Tally margins = new Margins.Tally();
        for (int attempt = 1; attempt <= tries; attempt++) {
            Shrinkable<Instance> shrinkable = generator.next(random);
            Instance instance = shrinkable.value();
            generated.add(instance);
            Optional<StatedConstants.Constant> exceeded = instance.field() instanceof StatedField
                    ? ((StatedField) instance.field()).statedConstants().firstExceeded() : Optional.empty();
            if (exceeded.isPresent()) {
                return new Result(attempt, vacuous, 0, null, 0, Optional.empty(), generated, margins.summary(),
                        exceeded);
            }
            Evidence evidence;
            try {
                evidence = check.check(instance);
            } catch (RuntimeException e) {
                throw new InstanceError(attempt, instance, e);
            }
            progress.accept(attempt);
            margins.add(attempt, evidence.margin());
            switch (evidence.finding()) {
                case VACUOUS -> vacuous++;
                case REFUTED -> {
                    Shrunk shrunk = shrink(shrinkable, new Failure(instance, evidence), check);
                    return new Result(attempt, vacuous, attempt, shrunk.failure, shrunk.steps,
                            Optional.of(shrunk.failure), generated, margins.summary(),
                            Optional.empty());
                }
                case HOLDS -> {
                    if (example == null) {
                        example = new Failure(instance, evidence);
                    }
                }
            }
        }
        return new Result(tries, vacuous, 0, null, 0, Optional.ofNullable(example), generated, margins.summary(),
                Optional.empty());
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
        return withoutInertComponents(new Shrunk(currentFailure, steps), check);
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
            Optional<Instance> smaller = Reductions.withoutInertComponent(instance.field(), component)
                    .map(field -> new Instance(field, Reductions.without(instance.initial(), component),
                            instance.perturbation() == null ? null
                                    : Reductions.without(instance.perturbation(), component),
                            instance.horizon(), instance.depth()));
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
