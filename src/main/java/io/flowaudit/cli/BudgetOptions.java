package io.flowaudit.cli;

import io.flowaudit.flow.WorkBudget;
import io.flowaudit.input.BadInputException;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/**
 * {@code --max-reference-steps} and {@code --max-reference-seconds}: the reference solver's work budget.
 * The command line runs files from others, so it bounds time as well as steps.
 */
final class BudgetOptions {

    @Option(names = "--max-reference-steps", paramLabel = "N",
            description = "Taylor steps one reference solve may take (default: ${DEFAULT-VALUE}).")
    private int maxSteps = WorkBudget.DEFAULT_MAX_STEPS;

    @Option(names = "--max-reference-seconds", paramLabel = "S",
            description = "Seconds of CPU time one reference flow may take (default: ${DEFAULT-VALUE}).")
    private double maxSeconds = WorkBudget.COMMAND_LINE_MAX_SECONDS;

    /**
     * Runs {@code command} with this budget for every reference flow, then restores the process's
     * budget (the command line also runs in-process, in tests).
     */
    int within(Supplier<Integer> command) {
        if (maxSteps < 1 || !(maxSeconds > 0) || Double.isInfinite(maxSeconds)) {
            throw new BadInputException(null, "--max-reference-steps must be at least 1 and --max-reference-seconds"
                    + " positive and finite, got " + maxSteps + " and " + maxSeconds);
        }
        WorkBudget before = WorkBudget.current();
        WorkBudget.setCurrent(new WorkBudget(maxSteps, maxSeconds));
        try {
            return command.get();
        } finally {
            WorkBudget.setCurrent(before);
        }
    }
}
