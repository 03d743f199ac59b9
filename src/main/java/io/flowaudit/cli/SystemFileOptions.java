package io.flowaudit.cli;

import io.flowaudit.field.formula.SystemFile;
import java.nio.file.Path;
import java.util.function.Supplier;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** What {@code solve} and {@code layers} share: the system file, the digits printed and the reference's work budget. */
final class SystemFileOptions {

    @Parameters(paramLabel = "SYSTEM.yaml", description = "The system file.")
    private Path systemFile;

    @Option(names = "--digits", paramLabel = "D", description = "Significant digits printed (default: ${DEFAULT-VALUE}).")
    private int digits = 30;

    @Mixin
    private BudgetOptions budget;

    /** Runs {@code command} with the budget for every reference flow, once the budget and the digits are checked. */
    int run(Supplier<Integer> command) {
        return budget.within(() -> {
            Output.requireDigits(digits);
            return command.get();
        });
    }

    int digits() {
        return digits;
    }

    /** The system file, read and located for error messages. */
    SystemFile.Located locate() {
        return SystemFile.locate(systemFile);
    }
}
