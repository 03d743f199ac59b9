package io.flowaudit.cli;

import io.flowaudit.flow.WorkBudget;
import io.flowaudit.input.BadInputException;
import picocli.CommandLine.Option;

/** {@code --max-reference-steps} and {@code --max-reference-seconds}: the reference solver's work budget. */
final class BudgetOptions {

    @Option(names = "--max-reference-steps", paramLabel = "N",
            description = "Taylor steps one reference solve may take (default: ${DEFAULT-VALUE}).")
    private int maxSteps = WorkBudget.DEFAULT_MAX_STEPS;

    @Option(names = "--max-reference-seconds", paramLabel = "S",
            description = "Seconds one reference flow may take (default: ${DEFAULT-VALUE}).")
    private double maxSeconds = WorkBudget.DEFAULT_MAX_SECONDS;

    /** Makes this budget the one every reference flow of the run uses. */
    void apply() {
        if (maxSteps < 1 || !(maxSeconds > 0) || Double.isInfinite(maxSeconds)) {
            throw new BadInputException(null, "--max-reference-steps must be at least 1 and --max-reference-seconds"
                    + " positive and finite, got " + maxSteps + " and " + maxSeconds);
        }
        WorkBudget.setCurrent(new WorkBudget(maxSteps, maxSeconds));
    }
}
