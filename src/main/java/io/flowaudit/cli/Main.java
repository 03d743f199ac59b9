package io.flowaudit.cli;

import io.flowaudit.field.FieldEvaluationException;
import io.flowaudit.flow.ReferenceRefusedException;
import io.flowaudit.flow.WorkBudgetExceededException;
import io.flowaudit.input.BadInputException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The command line: {@code solve}, {@code layers}, {@code audit}, {@code merge} and {@code model}. Exit status 0 on success, 1 when an
 * audit finds a claim that did not meet its expectation, 2 on bad input or a solution the reference refuses
 * (one message, no stack trace).
 */
@Command(name = "flowaudit", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Audits numerical claims about residual networks and transformers read as ODEs.",
        subcommands = {SolveCommand.class, LayersCommand.class, AuditCommand.class, MergeCommand.class,
                ModelCommand.class})
public final class Main implements Runnable {

    public static final int BAD_INPUT = 2;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given streams; returns the exit status. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.getCommandSpec().exitCodeOnInvalidInput(BAD_INPUT);
        commandLine.setExecutionExceptionHandler((exception, line, parseResult) -> {
            if (exception instanceof BadInputException || exception instanceof FieldEvaluationException
                    || exception instanceof ReferenceRefusedException
                    || exception instanceof WorkBudgetExceededException) {
                err.println("flowaudit: " + exception.getMessage());
                return BAD_INPUT;
            }
            throw exception;
        });
        return commandLine.execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: solve, layers, audit, merge or model");
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"flowaudit " + io.flowaudit.audit.RunEnvironment.versions().get("flowaudit")};
        }
    }
}
