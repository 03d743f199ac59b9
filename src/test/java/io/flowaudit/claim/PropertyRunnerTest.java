package io.flowaudit.claim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowaudit.claim.Evidence.Judgement;
import io.flowaudit.field.CertifiedField;
import io.flowaudit.report.PartialSummary;
import io.flowaudit.verdict.ClaimVerdict;
import io.flowaudit.verdict.Counterexample;
import io.flowaudit.verdict.Expectation;
import io.flowaudit.verdict.Outcome;
import io.flowaudit.verdict.Rigour;
import io.flowaudit.verdict.Shard;
import io.flowaudit.verdict.TryBlock;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Shrinkable;
import net.jqwik.api.ShrinkingDistance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner's seeds and its shrinking (the runs themselves are in AuditDeterminismTest). */
class PropertyRunnerTest {

    private static final CertifiedField ROTATION = ChecksOnKnownFieldTest.dampedRotation(-0.5, 1.5, 1e6);

    /** Try i depends on the claim's seed and i alone: neighbouring tries and seeds get unrelated streams. */
    @Test
    void trySeedsAreDistinct() {
        Set<Long> seen = new HashSet<>();
        for (long seed = 0; seed < 10; seed++) {
            for (int i = 1; i <= 1000; i++) {
                seen.add(PropertyRunner.trySeed(seed, i));
            }
        }
        assertEquals(10_000, seen.size());
    }

    /**
     * A run asked for one thread draws and checks on that thread alone (the baseline a user compares more threads
     * against); with two, the checks run on two workers beside the drawing thread, to the same result.
     */
    @Test
    void oneThreadChecksOnTheDrawingThreadAndMoreDoNotChangeTheResult() {
        Arbitrary<Instance> points = Arbitraries.integers().between(0, 1000)
                .map(x -> new Instance(ROTATION, new double[] {x, 0}, null, 1, 0));
        Map<Integer, TryBlock> blocks = new HashMap<>();
        for (int threads : new int[] {1, 2}) {
            Set<Thread> checkers = ConcurrentHashMap.newKeySet();
            TheoremCheck sum = sumBelow100(new ArrayList<>());
            TheoremCheck recorded = checkOf(sum.theorem(), instance -> {
                checkers.add(Thread.currentThread());
                return sum.check(instance);
            });
            blocks.put(threads, PropertyRunner.run(points, recorded, 11, 50, 1, 40, threads, "points", tries -> { }));
            assertEquals(threads == 1, checkers.equals(Set.of(Thread.currentThread())), threads + ": " + checkers);
        }
        assertEquals(Outcome.FALSIFIED, blocks.get(1).ending().outcome());
        assertEquals(blocks.get(1).ending().attempt(), blocks.get(2).ending().attempt());
        assertEquals(blocks.get(1).ending().counterexample().parameters(),
                blocks.get(2).ending().counterexample().parameters());
    }

    /**
     * An Error in a check (a stack overflow, an assertion) is not a try's finding: it ends the run of the block, the
     * same with one thread as with two, where a pool used to drop it with the finished task that threw it.
     */
    @Test
    void anErrorInACheckEndsTheBlockWhateverTheThreads() {
        Arbitrary<Instance> points = Arbitraries.integers().between(0, 1000)
                .map(x -> new Instance(ROTATION, new double[] {x, 0}, null, 1, 0));
        for (int threads : new int[] {1, 2}) {
            AtomicInteger checked = new AtomicInteger();
            TheoremCheck failing = checkOf("fails at the third try", instance -> {
                if (checked.incrementAndGet() == 3) {
                    throw new AssertionError("the third check");
                }
                return Evidence.of(new Judgement(), Map.of(), List.of());
            });
            IllegalStateException ended = assertThrows(IllegalStateException.class,
                    () -> PropertyRunner.run(points, failing, 11, 50, 1, 40, threads, "points", tries -> { }));
            assertTrue(ended.getCause() instanceof AssertionError, threads + ": " + ended);
        }
    }

    /**
     * A draw that fails after the block's first try ends it as an error with the tries before it counted, not the one
     * that could not be drawn: its part must read back, and merge into the verdict the whole run gives. Until
     * 2026-12-01 merge took a failed draw to count nothing, or the try that ended the block, and refused the part.
     */
    @Test
    void aBlockWhoseDrawFailsAfterItsFirstTryReadsBackFromItsPart(@TempDir Path dir) throws IOException {
        Arbitrary<Instance> points = Arbitraries.integers().between(0, 1000).map(x -> {
            if (x > 900) {
                throw new IllegalArgumentException("no field for " + x);
            }
            return new Instance(ROTATION, new double[] {x, 0}, null, 1, 0);
        });
        TheoremCheck holds = checkOf("holds", instance -> Evidence.of(new Judgement(), Map.of(), List.of()));
        TryBlock whole = PropertyRunner.run(points, holds, 11, 50, 1, 50, 1, "points", tries -> { });
        assertEquals(Outcome.ERROR, whole.ending().outcome());
        assertTrue(whole.ending().attempt() > 1 && whole.counted() == whole.ending().attempt() - 1,
                "the tries before the failed draw are counted: " + whole.counted() + " of " + whole.ending().attempt());
        ClaimVerdict.Header header = new ClaimVerdict.Header("points", "points.yaml", "points", "holds", "holds",
                Expectation.HOLDS, Rigour.OBSERVED, Map.of(), 11, 50, null, "replay", "0123abcd");
        Path part = new PartialSummary("test", 11, Shard.WHOLE, Instant.EPOCH, Duration.ZERO, "machine", Map.of(),
                List.of(new PartialSummary.Claim(header, whole, Duration.ZERO))).write(dir);
        assertEquals(header.verdict(whole, Duration.ZERO), PartialSummary.merge(List.of(part)).claims().get(0));
    }

    /** Equal instances have equal texts; any double that differs, even 0 from -0, makes them differ. */
    @Test
    void theExactTextTellsInstancesApart() {
        Instance instance = new Instance(ROTATION, new double[] {0.1, 0}, null, 1, 0);
        assertEquals(PropertyRunner.exactText(instance),
                PropertyRunner.exactText(new Instance(ROTATION, new double[] {0.1, 0}, null, 1, 0)));
        assertNotEquals(PropertyRunner.exactText(instance),
                PropertyRunner.exactText(new Instance(ROTATION, new double[] {0.1, -0.0}, null, 1, 0)));
        assertNotEquals(PropertyRunner.exactText(instance),
                PropertyRunner.exactText(new Instance(ROTATION, new double[] {Math.nextUp(0.1), 0}, null, 1, 0)));
        assertNotEquals(PropertyRunner.exactText(instance),
                PropertyRunner.exactText(new Instance(ChecksOnKnownFieldTest.dampedRotation(-0.5, 1.4, 1e6),
                        new double[] {0.1, 0}, null, 1, 0)));
    }

    /**
     * Shrinking a pair of integers whose sum must stay below 100: jqwik offers some candidates more than once (the
     * claim's instances come through a flatMap, as the catalogue's do), and no instance is checked twice, yet the
     * counterexample is a local minimum: each component one less no longer refutes.
     */
    @Test
    void shrinkingChecksEachInstanceOnce() {
        List<String> checked = new ArrayList<>();
        Arbitrary<Instance> pairs = Arbitraries.integers().between(0, 1000).flatMap(x -> Arbitraries.integers()
                .between(0, 1000).map(y -> new Instance(ROTATION, new double[] {x, y}, null, 1, 0)));
        TryBlock block = PropertyRunner.run(pairs, sumBelow100(checked), 7, 50, 1, 50, 2, "pairs", tries -> { });

        assertEquals(Outcome.FALSIFIED, block.ending().outcome());
        assertTrue(block.ending().counterexample().shrinkSteps() > 0, "the failure was shrunk");
        assertEquals(checked.size(), new HashSet<>(checked).size(), "an instance checked twice");
        String x0 = block.ending().counterexample().parameters().get("x0");
        assertEquals(100, sumOf(x0), "a local minimum has x + y = 100: " + x0);
        assertFalse(block.ending().counterexample().shrinkBudgetSpent(), "no nearer candidate refutes a local minimum");
    }

    /**
     * A failing instance that cannot shrink, made by a flatMap whose left side can (as the catalogue's mean-field
     * claims, where every setting is fixed): jqwik offers the same instance again, first, and it is not checked a
     * second time — the try's finding is the candidate's.
     */
    @Test
    void theFailingInstanceOfferedAgainIsNotCheckedAgain() {
        List<String> checked = new ArrayList<>();
        Instance fixed = new Instance(ROTATION, new double[] {400, 500}, null, 1, 0);
        Arbitrary<Instance> unshrinkable = Arbitraries.integers().between(1, 1000)
                .flatMap(unused -> Arbitraries.just(fixed));
        TryBlock block = PropertyRunner.run(unshrinkable, sumBelow100(checked), 7, 1, 1, 1, 1, "fixed", tries -> { });

        assertEquals(Outcome.FALSIFIED, block.ending().outcome());
        assertTrue(block.ending().counterexample().shrinkSteps() > 0, "jqwik offered the instance again");
        assertEquals(List.of(PropertyRunner.exactText(fixed)), checked, "checked once, by its try");
        assertEquals("[400, 500]", block.ending().counterexample().parameters().get("x0"));
    }

    /**
     * Candidates no nearer jqwik's target than the counterexample are not taken, even when they refute: here each
     * instance offers only its mirror image, at the same distance, and the runner went back and forth between the two
     * until its check budget was spent.
     */
    @Test
    void aCandidateNoNearerTheTargetIsNotAStep() {
        List<String> checked = new ArrayList<>();
        Arbitrary<Instance> mirrored = Arbitraries.fromGenerator(random -> new Mirrored(400, 500));
        TryBlock block = PropertyRunner.run(mirrored, sumBelow100(checked), 7, 1, 1, 1, 1, "mirrored", tries -> { });

        assertEquals(Outcome.FALSIFIED, block.ending().outcome());
        assertEquals(0, block.ending().counterexample().shrinkSteps());
        assertEquals("[400, 500]", block.ending().counterexample().parameters().get("x0"));
    }

    /**
     * A failure whose one candidate is always one nearer and still refutes (jqwik's small steps, as
     * {@code false-decay-faster-than-mu} takes at seed 1): shrinking stops at its budget, one step a check, and the
     * counterexample says that a smaller one may exist.
     */
    @Test
    void shrinkingStoppedByItsBudgetSaysSo() {
        Arbitrary<Instance> countdown = Arbitraries.fromGenerator(random -> new Countdown(1000));
        TryBlock block = PropertyRunner.run(countdown, sumBelow100(new ArrayList<>()), 7, 1, 1, 1, 1, "countdown",
                tries -> { });

        Counterexample counterexample = block.ending().counterexample();
        assertEquals(PropertyRunner.SHRINK_CHECK_BUDGET, counterexample.shrinkSteps());
        assertEquals("[600, 0]", counterexample.parameters().get("x0"));
        assertTrue(counterexample.shrinkBudgetSpent());
    }

    /** The state (x, 0), whose one shrinking candidate is (x - 1, 0). */
    private record Countdown(int x) implements Shrinkable<Instance> {

        @Override
        public Instance value() {
            return new Instance(ROTATION, new double[] {x, 0}, null, 1, 0);
        }

        @Override
        public Stream<Shrinkable<Instance>> shrink() {
            return Stream.of(new Countdown(x - 1));
        }

        @Override
        public ShrinkingDistance distance() {
            return ShrinkingDistance.of(x);
        }
    }

    /** The state (x, y), whose one shrinking candidate is (y, x) at the same distance. */
    private record Mirrored(int x, int y) implements Shrinkable<Instance> {

        @Override
        public Instance value() {
            return new Instance(ROTATION, new double[] {x, y}, null, 1, 0);
        }

        @Override
        public Stream<Shrinkable<Instance>> shrink() {
            return Stream.of(new Mirrored(y, x));
        }

        @Override
        public ShrinkingDistance distance() {
            return ShrinkingDistance.of(x + y);
        }
    }

    /** The claim x + y < 100 on an instance's initial state, recording the exact text of every instance checked. */
    private static TheoremCheck sumBelow100(List<String> checked) {
        return checkOf("x + y < 100", instance -> {
            synchronized (checked) {
                checked.add(PropertyRunner.exactText(instance));
            }
            Judgement judgement = new Judgement();
            judgement.atMost("x + y", instance.initial()[0] + instance.initial()[1], "99", 99, Resolution.NONE);
            return Evidence.of(judgement, Map.of(), List.of());
        });
    }

    /** A check of this theorem line, stated as itself. */
    private static TheoremCheck checkOf(String theorem, Function<Instance, Evidence> check) {
        return new TheoremCheck() {
            @Override
            public String theorem() {
                return theorem;
            }

            @Override
            public String statement() {
                return theorem;
            }

            @Override
            public Evidence check(Instance instance) {
                return check.apply(instance);
            }
        };
    }

    private static int sumOf(String vector) {
        String[] parts = vector.substring(1, vector.length() - 1).split(", ");
        return Integer.parseInt(parts[0]) + Integer.parseInt(parts[1]);
    }
}
