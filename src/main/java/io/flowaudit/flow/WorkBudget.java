package io.flowaudit.flow;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * How much work one reference flow may take: Taylor steps per integration and seconds of the solving
 * thread's CPU time for the whole computation. A field that is nearly singular, very stiff or that
 * grows like exp(exp(x)) would otherwise keep the solver busy without end. The command line raises it with
 * {@code --max-reference-steps} and {@code --max-reference-seconds}; {@link #current()} is what every
 * reference flow of this process uses.
 */
public record WorkBudget(int maxSteps, double maxSeconds) {

    public static final int DEFAULT_MAX_STEPS = 100_000;
    /**
     * A backstop against work that never ends, not a verdict: more than ten times the CPU time of the
     * slowest reference in the catalogue and the tests.
     */
    public static final double DEFAULT_MAX_SECONDS = 30;

    public static final WorkBudget DEFAULT = new WorkBudget(DEFAULT_MAX_STEPS, DEFAULT_MAX_SECONDS);

    private static volatile WorkBudget current = DEFAULT;

    public WorkBudget {
        if (maxSteps < 1 || !(maxSeconds > 0) || Double.isInfinite(maxSeconds)) {
            throw new IllegalArgumentException("a work budget needs at least one step and a positive, finite time, got "
                    + maxSteps + " steps and " + maxSeconds + " s");
        }
    }

    public static WorkBudget current() {
        return current;
    }

    public static void setCurrent(WorkBudget budget) {
        current = budget;
    }

    /** The budget's clock, started now on the calling thread. */
    Clock start() {
        return new Clock(cpuNanos() + (long) (maxSeconds * 1e9));
    }

    /**
     * The CPU time of the calling thread, not the wall clock: a machine busy with other work (a loaded
     * CI runner, the audit's own other threads) must not turn the same computation into a refusal.
     */
    private static long cpuNanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        return threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() : System.nanoTime();
    }

    /** A budget in use: the steps are counted per integration, the time across all of them. */
    final class Clock {

        private final long deadline;

        private Clock(long deadline) {
            this.deadline = deadline;
        }

        /** Throws once {@code steps} exceed the budget or the time is up. */
        void check(int steps, double t, double end) {
            if (steps > maxSteps) {
                throw new WorkBudgetExceededException("the reference solution needs more than " + maxSteps
                        + " steps before t = " + end + " (reached t = " + t + "; the field is nearly singular or very"
                        + " stiff); --max-reference-steps raises the limit");
            }
            if (cpuNanos() - deadline > 0) {
                throw new WorkBudgetExceededException("the reference solution took more than " + maxSeconds
                        + " s of CPU time before t = " + end + " (reached t = " + t + "); --max-reference-seconds raises the limit");
            }
        }
    }
}
