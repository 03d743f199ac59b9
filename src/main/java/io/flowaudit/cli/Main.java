package io.flowaudit.cli;

import io.flowaudit.field.FieldEvaluationException;
import io.flowaudit.flow.ReferenceRefusedException;
import io.flowaudit.flow.WorkBudgetExceededException;
import io.flowaudit.input.BadInputException;
import io.flowaudit.input.InputPaths;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The command line: {@code solve}, {@code layers}, {@code audit}, {@code merge} and {@code model}. Exit status 0 on success, 1 when an
 * audit finds a claim that did not meet its expectation, 2 on bad input or a solution the reference refuses
 * (one message, no stack trace).
 */
@Command(name = "flowaudit", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Audits numerical claims about residual networks and transformers read as ODEs.")
public final class Main implements Runnable {

    public static final int BAD_INPUT = 2;

    /**
     * The subcommands, in the order help lists them. picocli builds a command's model from its annotations by
     * reflection, and loads and verifies its own classes to do it (Java 5 class files, which the class-data-sharing
     * archive cannot hold): a command line that names one builds only that one, and a solve starts about 0.1 s
     * (CPU) sooner than with all five.
     */
    private static final Map<String, Supplier<Object>> SUBCOMMANDS = subcommands();

    private static Map<String, Supplier<Object>> subcommands() {
        Map<String, Supplier<Object>> commands = new LinkedHashMap<>();
        commands.put("solve", SolveCommand::new);
        commands.put("layers", LayersCommand::new);
        commands.put("audit", AuditCommand::new);
        commands.put("merge", MergeCommand::new);
        commands.put("model", ModelCommand::new);
        return commands;
    }

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        Charset console = consoleCharset(Charset.defaultCharset());
        if (!console.equals(Charset.defaultCharset())) {
            System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.out), true, console));
            System.setErr(new PrintStream(new FileOutputStream(FileDescriptor.err), true, console));
        }
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Characters the console lines carry: the report's dash, minus sign, inequalities and Greek constants. */
    private static final String CONSOLE_SYMBOLS = "—−≤≥μρε";

    /**
     * The charset the console is written in: the locale's, unless it cannot encode the lines' symbols, then UTF-8,
     * which terminals and CI logs read. Without a locale Java 17 writes standard output in ASCII, and the lines of
     * claims the checkpoint's absence keeps from running read "model absent ? run ./flowaudit fetch-model".
     */
    static Charset consoleCharset(Charset locale) {
        return locale.newEncoder().canEncode(CONSOLE_SYMBOLS) ? locale : StandardCharsets.UTF_8;
    }

    /** Runs the command line with the given streams; returns the exit status. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new Main());
        String named = args.length > 0 && SUBCOMMANDS.containsKey(args[0]) ? args[0] : null;
        SUBCOMMANDS.forEach((name, command) -> {
            if (named == null || named.equals(name)) {
                commandLine.addSubcommand(name, command.get());
            }
        });
        // picocli's own conversion of a name Path.of refuses says only "Malformed input" for an option and, for a
        // file among the claims, "Unmatched argument"
        commandLine.registerConverter(Path.class, text -> {
            try {
                return Path.of(text);
            } catch (InvalidPathException e) {
                throw new CommandLine.TypeConversionException(InputPaths.whyNotAPath(text));
            }
        });
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.getCommandSpec().exitCodeOnInvalidInput(BAD_INPUT);
        // picocli's own handler prints the usage after the problem, some fifty lines in a CI log for a repeated option
        // or a seed that is not a number; one line, as for every other bad input, with where the usage is
        commandLine.setParameterExceptionHandler((exception, arguments) -> {
            String problem = new BadInputException(null, unnameableFile(exception).orElse(exception.getMessage()))
                    .getMessage();
            err.println("flowaudit: " + problem + " (usage: " + exception.getCommandLine().getCommandSpec().qualifiedName()
                    + " --help)");
            return BAD_INPUT;
        });
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

    /**
     * Where files are optional (audit's, model's) picocli leaves one whose name Path.of refuses unmatched, the
     * converter's reason unsaid ("Unmatched argument at index 1"): the reason, then.
     */
    private static Optional<String> unnameableFile(CommandLine.ParameterException exception) {
        if (exception instanceof CommandLine.UnmatchedArgumentException unmatched) {
            for (String argument : unmatched.getUnmatched()) {
                try {
                    Path.of(argument);
                } catch (InvalidPathException e) {
                    return Optional.of(InputPaths.whyNotAPath(argument));
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: solve, layers, audit, merge or model");
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"flowaudit " + io.flowaudit.verdict.RunEnvironment.versions().get("flowaudit")};
        }
    }
}
