package io.flowaudit.junit;

import io.flowaudit.baseline.Baseline;
import io.flowaudit.baseline.Tolerances;
import io.flowaudit.claim.Scheduler;
import io.flowaudit.input.BadInputException;
import io.flowaudit.input.InputLimits;
import io.flowaudit.report.ReportDestination;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.platform.engine.ConfigurationParameters;

/**
 * The engine's configuration parameters, all prefixed {@code flowaudit.} as jqwik's are {@code jqwik.}: set them in
 * Surefire's {@code <configurationParameters>}, in {@code src/test/resources/junit-platform.properties}, or as system
 * properties ({@code mvn verify -Dflowaudit.seed=7}).
 *
 * <table>
 * <caption>parameters</caption>
 * <tr><td>{@code flowaudit.claims.folder}</td><td>claims folder for {@link AuditClaims} without a value (default
 * {@code src/test/claims})</td></tr>
 * <tr><td>{@code flowaudit.claims.include}, {@code .exclude}</td><td>comma-separated claim id patterns, {@code *}
 * and {@code ?} wildcards</td></tr>
 * <tr><td>{@code flowaudit.seed}, {@code flowaudit.tries}, {@code flowaudit.threads}</td><td>as {@code audit
 * --seed --tries --threads} (a claim file's {@code max-tries} bounds {@code flowaudit.tries} for that claim)</td></tr>
 * <tr><td>{@code flowaudit.report}</td><td>report directory (default {@code target/flowaudit})</td></tr>
 * <tr><td>{@code flowaudit.baseline}</td><td>baseline file to compare each claim with</td></tr>
 * <tr><td>{@code flowaudit.baseline.update}</td><td>baseline file to write after the run</td></tr>
 * <tr><td>{@code flowaudit.baseline.tolerance.NAME}</td><td>as {@code audit --tolerance NAME=VALUE}</td></tr>
 * <tr><td>{@code flowaudit.require-model}</td><td>{@code true}: a claim on the checkpoint fails when the model is
 * absent, as {@code audit --require-model} (by default it is skipped)</td></tr>
 * </table>
 */
record EngineSettings(Path folder, List<Pattern> include, List<Pattern> exclude, long seed, Integer tries,
        int threads, Path report, Path baseline, Path updateBaseline, Map<String, Double> tolerances,
        boolean requireModel) {

    static final String PREFIX = "flowaudit.";

    /**
     * What discovery needs (the folder and the id filters), never failing: a bad value elsewhere fails every test
     * when they run ({@link #of}), which names it.
     */
    static EngineSettings lenient(ConfigurationParameters parameters) {
        return new EngineSettings(folder(parameters), patterns(parameters, "claims.include"),
                patterns(parameters, "claims.exclude"), Scheduler.DEFAULT_SEED, null, 1, null, null, null, Map.of(),
                false);
    }

    /** Every parameter, checked: a bad value is bad input naming the parameter. */
    static EngineSettings of(ConfigurationParameters parameters) {
        requireKnownNames(parameters);
        long seed = get(parameters, "seed").map(value -> parse(value, "seed", Long::parseLong))
                .orElse(Scheduler.DEFAULT_SEED);
        Integer tries = get(parameters, "tries").map(value -> parse(value, "tries", Integer::parseInt)).orElse(null);
        if (tries != null && (tries < 1 || tries > InputLimits.MAX_RUN_TRIES)) {
            throw new BadInputException(null, PREFIX + "tries must be between 1 and " + InputLimits.MAX_RUN_TRIES
                    + ", got " + tries);
        }
        int threads = get(parameters, "threads").map(value -> parse(value, "threads", Integer::parseInt))
                .orElse(Scheduler.DEFAULT_THREADS);
        if (threads < 1) {
            throw new BadInputException(null, PREFIX + "threads must be at least 1, got " + threads);
        }
        Map<String, Double> tolerances = new LinkedHashMap<>();
        for (String name : Tolerances.NAMES) {
            get(parameters, "baseline.tolerance." + name).ifPresent(value -> {
                Map.Entry<String, Double> parsed = Tolerances.parse(name, value, PREFIX + "baseline.tolerance." + name);
                tolerances.put(parsed.getKey(), parsed.getValue());
            });
        }
        Tolerances.DEFAULT.with(tolerances, PREFIX + "baseline.tolerance.*");
        Path report = Path.of(get(parameters, "report").orElse("target/flowaudit"));
        // checked before any claim runs, as audit checks --report: not after all of them, with a bare path
        ReportDestination.requireWritable(report, PREFIX + "report");
        return new EngineSettings(folder(parameters), patterns(parameters, "claims.include"),
                patterns(parameters, "claims.exclude"), seed, tries, threads,
                report,
                get(parameters, "baseline").map(Path::of).orElse(null),
                get(parameters, "baseline.update").map(Path::of).orElse(null), tolerances,
                get(parameters, "require-model").map(value -> flag(value, "require-model")).orElse(false));
    }

    /**
     * Refuses a name under {@code flowaudit.claims.} or {@code flowaudit.baseline.} that is not one of the engine's:
     * a gate told {@code flowaudit.baseline.tolerance.margn=0.5} or {@code flowaudit.claims.inlcude=order-*} would
     * otherwise gate on the default tolerance, or run every claim, without a word. Other {@code flowaudit.} names
     * are left alone: flowaudit's own build passes its tests' settings under that prefix too.
     */
    private static void requireKnownNames(ConfigurationParameters parameters) {
        List<String> known = new ArrayList<>(List.of("claims.folder", "claims.include", "claims.exclude",
                "baseline.update"));
        Tolerances.NAMES.forEach(name -> known.add("baseline.tolerance." + name));
        for (String key : new TreeSet<>(parameters.keySet())) {
            String name = key.startsWith(PREFIX) ? key.substring(PREFIX.length()) : "";
            if ((name.startsWith("claims.") || name.startsWith("baseline.")) && !known.contains(name)) {
                throw new BadInputException(null, "unknown configuration parameter " + key + ", expected one of "
                        + PREFIX + String.join(", " + PREFIX, known));
            }
        }
    }

    /** Whether the id filters keep claim {@code id}: included (everything when no pattern is given), not excluded. */
    boolean selects(String id) {
        return (include.isEmpty() || include.stream().anyMatch(p -> p.matcher(id).matches()))
                && exclude.stream().noneMatch(p -> p.matcher(id).matches());
    }

    Optional<Baseline> readBaseline() {
        return Optional.ofNullable(baseline).map(Baseline::read);
    }

    private static Path folder(ConfigurationParameters parameters) {
        return Path.of(get(parameters, "claims.folder").orElse("src/test/claims"));
    }

    private static Optional<String> get(ConfigurationParameters parameters, String name) {
        return parameters.get(PREFIX + name).map(String::trim).filter(value -> !value.isEmpty());
    }

    /** The comma-separated patterns of parameter {@code name}, e.g. {@code order-*,uniform-?}, as written. */
    static List<String> globs(ConfigurationParameters parameters, String name) {
        return get(parameters, name).map(value -> Arrays.stream(value.split(",")).map(String::trim)
                .filter(glob -> !glob.isEmpty()).toList()).orElse(List.of());
    }

    /** {@link #globs} as regular expressions, in their order: only {@code *} and {@code ?} are special. */
    private static List<Pattern> patterns(ConfigurationParameters parameters, String name) {
        return globs(parameters, name).stream()
                .map(glob -> Pattern.compile(Arrays.stream(glob.split("(?=[*?])|(?<=[*?])"))
                        .map(part -> part.equals("*") ? ".*" : part.equals("?") ? "." : Pattern.quote(part))
                        .reduce("", String::concat)))
                .toList();
    }

    private static <T> T parse(String value, String name, java.util.function.Function<String, T> parser) {
        try {
            return parser.apply(value);
        } catch (NumberFormatException e) {
            throw new BadInputException(null, PREFIX + name + " must be an integer, got '" + value + "'");
        }
    }

    /** {@code true} or {@code false}, nothing else (Boolean.parseBoolean reads a typo as false). */
    private static boolean flag(String value, String name) {
        if (!value.equals("true") && !value.equals("false")) {
            throw new BadInputException(null, PREFIX + name + " must be true or false, got '" + value + "'");
        }
        return value.equals("true");
    }
}
