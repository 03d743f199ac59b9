package io.flowaudit.flow;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * How much work one reference flow may take: Taylor steps per integration and seconds of the solving
 * thread's CPU time for the whole computation. A field that is nearly singular, very stiff or that grows like
 * exp(exp(x)) would otherwise keep the solver busy without end. {@link #current()} is what every
 * reference flow of this process uses: by default a step limit only, so that tests and library users
 * get the same result on a loaded machine as on an idle one; the command line, which runs input from
 * others, adds a time limit ({@code --max-reference-seconds}, {@code --max-reference-steps}), counted in
 * CPU time so that other work on the machine does not bring it closer.
 *
 * @param maxSeconds the time limit, or {@link Double#POSITIVE_INFINITY} for none
 */
public record WorkBudget(int maxSteps, double maxSeconds) {

    public static final int DEFAULT_MAX_STEPS = 100_000;

    /** Steps only. */
    public static final WorkBudget DEFAULT = new WorkBudget(DEFAULT_MAX_STEPS, Double.POSITIVE_INFINITY);

    /** The command line's time limit ({@code --max-reference-seconds}' default): below the 20 s a CI job may wait for one input. */
    public static final double COMMAND_LINE_MAX_SECONDS = 15;

    private static volatile WorkBudget current = DEFAULT;

    public WorkBudget {
        if (maxSteps < 1 || !(maxSeconds > 0)) {
            throw new IllegalArgumentException("a work budget needs at least one step and a positive time, got "
                    + maxSteps + " steps and " + maxSeconds + " s");
        }
    }

    public static WorkBudget current() {
        return current;
    }

    public static void setCurrent(WorkBudget budget) {
        current = budget;
    }

    /**
     * The command-line options that set this budget where it is not the command line's default (empty when it is;
     * a time limit of none, the library's, has no option), each with a leading space: a budget decides verdicts (a
     * reference that runs out of it is an error verdict), so a command that replays a run must carry it.
     */
    public String commandLineOptions() {
        String steps = maxSteps == DEFAULT_MAX_STEPS ? "" : " --max-reference-steps " + maxSteps;
        String seconds = Double.isInfinite(maxSeconds) || maxSeconds == COMMAND_LINE_MAX_SECONDS ? ""
                : " --max-reference-seconds " + maxSeconds;
        return steps + seconds;
    }

    /** The budget's clock, started now on the calling thread. */
    Clock start() {
        return new Clock(cpuNanos());
    }

    /** The CPU time of the calling thread (the wall clock where the JVM cannot measure it). */
    private static long cpuNanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        return threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() : System.nanoTime();
    }

    /** A budget in use: the steps are counted per integration, the time across all of them. */
    final class Clock {

        private final long start;

        private Clock(long start) {
            this.start = start;
        }

        /** Throws once {@code steps} exceed the budget or the time is up. */
        void check(int steps, double t, double end) {
            if (steps > maxSteps) {
                throw new WorkBudgetExceededException("the reference solution needs more than " + maxSteps
                        + " steps before t = " + end + " (reached t = " + t + "; the field is nearly singular or very"
                        + " stiff); --max-reference-steps raises the limit");
            }
            if ((cpuNanos() - start) / 1e9 > maxSeconds) {
                throw new WorkBudgetExceededException("the reference solution took more than " + maxSeconds
                        + " s of CPU time before t = " + end + " (reached t = " + t + "); --max-reference-seconds raises the limit");
            }
        }
    }
}
