package io.flowaudit.claim;

import io.flowaudit.field.CertifiedField;
import io.flowaudit.field.Domain;
import io.flowaudit.field.DoubleDraws;
import io.flowaudit.field.InitialStates;
import io.flowaudit.field.Reach;
import io.flowaudit.field.Region;
import io.flowaudit.field.Subject;
import io.flowaudit.input.BadInputException;
import io.flowaudit.input.InputLimits;
import io.flowaudit.input.Setting;
import io.flowaudit.input.YamlNode;
import io.flowaudit.model.Checkpoint;
import io.flowaudit.model.ModelInput;
import io.flowaudit.verdict.ClaimVerdict;
import io.flowaudit.verdict.Expectation;
import io.flowaudit.verdict.Outcome;
import io.flowaudit.verdict.TryBlock;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.IntConsumer;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.apache.commons.math3.util.MathArrays;

/**
 * One claim file, fully resolved ({@link #read}): what to check, the instances it is checked on, how often, and
 * what the file expects. The claim draws its instances itself: its fields' {@link Start}s, with perturbations and
 * depths when the check needs them, as one jqwik arbitrary whose every part shrinks toward the simple end
 * (initial states and perturbation directions toward zero components, radii and horizons toward their
 * minimum, depths toward the smallest). It runs its own tries ({@link #verdict}): each drawn instance
 * goes to {@link #check}, its evidence straight to the tries' tally ({@link TryBlock}), and the tally to
 * the {@link ClaimVerdict}.
 *
 * @param id              the file name without extension
 * @param file            the file as named
 * @param title           the claim in words
 * @param check           the theorem as a check
 * @param instances       the hypothesis space as a jqwik arbitrary
 * @param hypothesisSpace the same space in words, for the report
 * @param tries           instances to check
 * @param maxTries        the most tries any run checks, whatever it asks for (its file's {@code max-tries}: a try so
 *                        dear that 10 000 of them are out of reach), at least {@code tries}
 * @param expected        holds, or falsified (for claims false on purpose)
 * @param absentInput     why the claim cannot run on this machine (an input it names is absent, e.g. "model absent —
 *                        run ./flowaudit fetch-model"), or null: a runner then reports it not run, without drawing
 * @param inputsSha256    the SHA-256 of the claim file's bytes and of the files it reads ({@link File#inputsSha256}),
 *                        by which the shards of a run show they audited the same claim
 */
public record Claim(String id, Path file, String title, TheoremCheck check, Arbitrary<Instance> instances,
        Map<String, String> hypothesisSpace, int tries, int maxTries, Expectation expected, String absentInput,
        String inputsSha256) {

    public Claim {
        if (tries > maxTries) {
            throw new IllegalArgumentException("tries " + tries + " above max-tries " + maxTries);
        }
    }

    /** This claim, not runnable here because {@code why}. */
    public Claim withAbsentInput(String why) {
        return new Claim(id, file, title, check, instances, hypothesisSpace, tries, maxTries, expected, why,
                inputsSha256);
    }

    /** A claim file's suffix: .yaml or .yml in any case. */
    private static final Pattern CLAIM_FILE_SUFFIX = Pattern.compile("\\.ya?ml$", Pattern.CASE_INSENSITIVE);
    private static final Setting<Integer> TRIES = Setting.integerBetween("tries", 100, 1, InputLimits.MAX_TRIES);
    /**
     * The most tries any run checks ({@code audit --tries N} asks for more in an extended run): at least the file's own
     * {@code tries}, so that the run without {@code --tries} is never cut.
     */
    private static final Setting<Integer> MAX_TRIES = Setting.integerBetween("max-tries", InputLimits.MAX_RUN_TRIES, 1,
            InputLimits.MAX_RUN_TRIES);
    /** A range of perturbation sizes |x0 - y0|: 0 <= min <= max, 0 < max <= 1e100 (beyond, norms overflow). */
    private static final Setting<double[]> PERTURBATION = new Setting<>("perturbation", new double[] {1e-3, 0.5},
            node -> {
                double[] range = node.requireRange();
                if (range[0] < 0 || !(range[1] > 0) || range[1] > InitialStates.MAX_BALL_RADIUS) {
                    throw node.error("perturbation sizes must be at least 0 with a positive maximum of at most "
                            + InitialStates.MAX_BALL_RADIUS + ", got " + range(range));
                }
                return range;
            });
    /** A range of depths L within 1..MAX_LAYERS. */
    private static final Setting<int[]> DEPTH = new Setting<>("depth", new int[] {1, 64}, node -> {
        int[] range = node.requireIntRange();
        if (range[0] < 1 || range[1] > InputLimits.MAX_LAYERS) {
            throw node.error("depths must be between 1 and " + InputLimits.MAX_LAYERS + ", got " + range[0] + ".."
                    + range[1]);
        }
        return range;
    });
    /** The keys of every claim file, whatever its theorem; the others are the settings its theorem's check declares. */
    private static final List<String> CLAIM_KEYS = List.of("title", "theorem", "expect", TRIES.key(), MAX_TRIES.key(),
            "field", PERTURBATION.key(), DEPTH.key());

    /**
     * The claims of every file, resolved in their order before any runs: a malformed file fails here, naming its file
     * and line, the first in the order, never after an earlier claim has cost any time.
     *
     * @throws BadInputException for the first file that cannot be resolved, or that has the name of an earlier one
     */
    public static List<Claim> readAll(List<File> files) {
        List<Claim> claims = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (File file : files) {
            Claim claim = read(file);
            if (!ids.add(claim.id())) {
                throw new BadInputException(file.path().toString(), "another claim file has the same name '"
                        + claim.id() + "'");
            }
            claims.add(claim);
        }
        return claims;
    }

    /**
     * The claim of a claim file whose {@code field:} its reader has turned into fields (the file's other keys are read
     * here): the theorem and the settings its check declares, the expectation, the tries, and the perturbation sizes
     * and depths drawn when the check needs them.
     *
     * @throws RuntimeException the reader's own failure when it could not read the file ({@link File#unreadable})
     */
    public static Claim read(File file) {
        if (file.unreadable() != null) {
            throw file.unreadable();
        }
        return read(file.root(), file.path(), file.fields(), file.inputsSha256());
    }

    /**
     * A claim file as its reader ({@code audit.ClaimCatalogue}) left it: its top level and the fields its
     * {@code field:} names, or, for a file it could not read, why (thrown when the claims before it are resolved).
     *
     * @param root         the file's top level
     * @param inputsSha256 the SHA-256 of the file's bytes followed by those of each file its fields are read from
     *                     ({@link FieldSource#files}): a system file's formulas are not in the claim's words
     * @param unreadable   the reader's failure, or null (then {@code root}, {@code fields} and {@code inputsSha256}
     *                     are null)
     */
    public record File(Path path, YamlNode root, FieldSource fields, String inputsSha256, RuntimeException unreadable) {

        /** A file read as far as its reader reads it. */
        public File(Path path, YamlNode root, FieldSource fields, String inputsSha256) {
            this(path, root, fields, inputsSha256, null);
        }

        /** A file its reader could not read, because of {@code why}. */
        public static File unreadable(Path path, RuntimeException why) {
            return new File(path, null, null, null, why);
        }
    }

    /**
     * Whether a file of this name is a claim file: it ends in .yaml or .yml, in any case (a claim saved as X.YAML by a
     * tool on Windows or macOS, whose file systems ignore case, is read, not skipped without a word).
     */
    public static boolean isClaimFileName(String name) {
        return CLAIM_FILE_SUFFIX.matcher(name).find();
    }

    /**
     * A claim's id: its file's name without .yaml, in Unicode's composed form (NFC). macOS (HFS+) and zips made there
     * store names decomposed, "café" as "cafe" and a combining accent: the same claim had another id there than on
     * Linux, so another baseline key, JUnit name and page.
     */
    public static String idOf(Path file) {
        return Normalizer.normalize(CLAIM_FILE_SUFFIX.matcher(file.getFileName().toString()).replaceFirst(""),
                Normalizer.Form.NFC);
    }

    private static Claim read(YamlNode root, Path file, FieldSource fields, String inputsSha256) {
        String id = idOf(file);
        if (id.chars().anyMatch(Character::isISOControl)) {
            // the id starts every console line of the claim: an escape sequence in it would act on a CI log's terminal
            throw new BadInputException(file.toString(), "the file name holds a control character; a claim's id is its"
                    + " file name, printed on the console and in reports");
        }
        String title = root.require("title", "the claim in words").text();
        CheckKinds.Kind theorem = CheckKinds.kind(root.require("theorem", "one of " + CheckKinds.NAMES)
                .requireOneOf(CheckKinds.NAMES));
        requireSettingsOf(theorem, root);
        Expectation expected = root.require("expect", "holds or falsified").requireOneOf("holds", "falsified")
                .equals("holds") ? Expectation.HOLDS : Expectation.FALSIFIED;
        Setting.Values runs = Setting.Values.read(root, List.of(TRIES, MAX_TRIES));
        int tries = runs.get(TRIES);
        int maxTries = runs.get(MAX_TRIES);
        runs.node(MAX_TRIES).filter(node -> maxTries < tries).ifPresent(node -> {
            throw node.error("max-tries must be at least the file's tries (" + tries + ", 100 when not given), got "
                    + node.text());
        });
        CheckKinds.Configured configured = theorem.read(root);
        requireModelPairing(theorem, configured, fields, root);
        // read even when the theorem ignores them, so that no setting in a claim file goes unchecked
        Setting.Values draws = Setting.Values.read(root, List.of(PERTURBATION, DEPTH));
        double[] perturbation = draws.get(PERTURBATION);
        int[] depth = draws.get(DEPTH);
        Map<String, String> space = new LinkedHashMap<>(fields.describe());
        Arbitrary<Instance> instances = instancesOf(fields::starts, configured.check(), perturbation, depth, space);
        space.putAll(configured.check().describe(configured.numerics()));
        return new Claim(id, file, title, configured.check(), instances, space, tries, maxTries, expected,
                fields.absence().orElse(null), inputsSha256);
    }

    /** The tries this claim runs when a run asks for {@code asked}: no more than its {@link #maxTries()}. */
    public int triesWhenAsked(int asked) {
        return Math.min(asked, maxTries);
    }

    /**
     * This claim's verdict over the tries a run asking for {@code asked} gets, drawn from {@code seed} and checked on
     * {@code threads} workers (the verdict does not depend on them).
     *
     * @param asked         the run's tries: the file's own {@link #tries()}, or what the run gives instead; the claim
     *                      runs {@link #triesWhenAsked} of them
     * @param replayCommand the command that replays exactly this run
     * @param progress      told how many tries have been checked so far
     */
    public ClaimVerdict verdict(long seed, int asked, String replayCommand, int threads, IntConsumer progress) {
        Instant start = Instant.now();
        ClaimVerdict.Header header = header(seed, asked, replayCommand);
        return header.verdict(block(seed, asked, 1, header.tries(), threads, progress),
                Duration.between(start, Instant.now()));
    }

    /**
     * What this claim's verdict says whatever its tries find, run with {@code seed} by a run that asks for
     * {@code asked} tries: the tries it runs, and its ceiling when that cut them.
     */
    public ClaimVerdict.Header header(long seed, int asked, String replayCommand) {
        return new ClaimVerdict.Header(id, file.toString(), title, check.theorem(), checkOfRun(asked).statement(), expected,
                check.rigour(), hypothesisSpace, seed, triesWhenAsked(asked),
                ClaimVerdict.TriesCeiling.of(maxTries, asked), replayCommand, inputsSha256);
    }

    /** The check as a run asking for {@code asked} tries makes it ({@link TheoremCheck#asOneOf}). */
    private TheoremCheck checkOfRun(int asked) {
        return check.asOneOf(triesWhenAsked(asked));
    }

    /**
     * Tries {@code from..to} of this claim run with {@code seed} by a run that asks for {@code asked} tries, exactly as
     * the whole run draws and decides them: one shard's block. Try i is the same instance whatever the run's tries (see
     * {@link PropertyRunner}), and decided alike but by a statistical check, which splits its confidence over the run's
     * tries.
     */
    public TryBlock block(long seed, int asked, int from, int to, int threads, IntConsumer progress) {
        if (absentInput != null) {
            TryBlock notRun = new TryBlock();
            notRun.end(new TryBlock.Ending(from, Outcome.NOT_RUN, null, null, absentInput));
            return notRun;
        }
        return PropertyRunner.run(this, checkOfRun(asked), seed, from, to, threads, progress);
    }

    /**
     * The space of {@code starts} with perturbations of a size in {@code perturbationRange} and depths in
     * {@code depthRange}, each drawn only when {@code check} needs it (and then described in {@code space}).
     */
    private static Arbitrary<Instance> instancesOf(Function<Reach, Arbitrary<Start>> starts, TheoremCheck check,
            double[] perturbationRange, int[] depthRange, Map<String, String> space) {
        double[] perturbation = check.needsPerturbation() ? perturbationRange : null;
        int[] depth = check.needsDepth() ? depthRange : null;
        if (perturbation != null) {
            space.put("|x0 - y0|", range(perturbation));
        }
        if (depth != null) {
            space.put("depth L", depth[0] + ".." + depth[1]);
        }
        Reach reach = new Reach(perturbation == null ? 0 : perturbation[1], check.fieldPerturbation());
        Arbitrary<Integer> depths = depth == null ? Arbitraries.just(0)
                : Arbitraries.integers().between(depth[0], depth[1]);
        // the depth beside the start, so that a shrunk start keeps it; the perturbation's direction has its dimension,
        // and its size is drawn beside the direction, so that a shrunk direction keeps a shrunk size
        return Combinators.combine(starts.apply(reach), depths).flatAs((start, l) -> {
            int dimension = start.subject().dimension();
            Arbitrary<double[]> delta = perturbation == null ? Arbitraries.just(null)
                    : start.subject().perturbations(Combinators.combine(direction(dimension),
                            DoubleDraws.between(perturbation[0], perturbation[1], 6)).as((u, size) -> MathArrays
                            .scale(size, u)), perturbation);
            return delta.map(d -> new Instance(start.subject(), start.initial(), d, start.horizon(), l, start.exact()));
        });
    }

    /**
     * Where a claim's fields come from, as the claim file's reader ({@code audit.ClaimCatalogue}) found them in its
     * {@code field:}: a certified random family ({@code family: mlp} with its settings), one formula system file
     * ({@code system: path}) with constants the auditor states, a real layer's weights from a safetensors file
     * ({@code weights: path}), or the real checkpoint ({@code model: name}). Each is data, made by one of the factories
     * here: an arbitrary of fields and where their starts lie, which the claim draws ({@link #starts}) with its own
     * reach; no code of the reader runs then but the arbitrary the reader built.
     */
    public static final class FieldSource {

        private final Function<Reach, Arbitrary<Start>> starts;
        private final Map<String, String> space;
        private final List<Path> files;
        private final boolean checkpoint;
        private final Optional<String> absence;

        private FieldSource(Function<Reach, Arbitrary<Start>> starts, Map<String, String> space, List<Path> files,
                boolean checkpoint, Optional<String> absence) {
            this.starts = starts;
            this.space = Collections.unmodifiableMap(new LinkedHashMap<>(space));
            this.files = List.copyOf(files);
            this.checkpoint = checkpoint;
            this.absence = absence;
        }

        /**
         * The fields of an arbitrary, their starts drawn from these ranges ({@link Start#drawn}), with the hypothesis
         * space in words: a family's fields, or one fixed field (a weights file's layer) as an arbitrary of one.
         */
        public static FieldSource drawn(Arbitrary<? extends CertifiedField> fields, double[] initialRadius,
                double[] horizon, Map<String, String> space) {
            double[] radii = initialRadius.clone();
            double[] horizons = horizon.clone();
            return new FieldSource(reach -> Start.drawn(fields, radii, horizons, reach), space, List.of(), false,
                    Optional.empty());
        }

        /**
         * One field of a system file, started at the file's initial state over its horizon: the checks start from the
         * file's decimals ({@code exact}), exactly; the doubles serve generation and display. The file's bytes are
         * part of the claim ({@link File#inputsSha256}).
         */
        public static FieldSource stated(CertifiedField field, double[] initial, Instance.ExactStart exact,
                Path file, Map<String, String> space) {
            double radius = Region.euclideanNorm(initial);
            double horizon = exact.horizon().doubleValue();
            // not Start.drawn: nothing is drawn, and a combination of single values would spend the try's random
            // numbers differently, so the same seed would draw other depths and perturbations than it did
            return new FieldSource(reach -> {
                CertifiedField certified = field.certifiedFor(new Domain(radius, horizon).reaching(reach));
                return field.initialStates(radius).map(x0 -> new Start(certified, x0, horizon, exact));
            }, space, List.of(file), false, Optional.empty());
        }

        /**
         * The real checkpoint's inputs, each starting at its embedding over t in [0, 1] (depth's unit interval); only
         * the checks on the model run on them, and none runs where the checkpoint is {@code absent}.
         */
        public static FieldSource checkpoint(Arbitrary<ModelInput> inputs, Map<String, String> space,
                Optional<String> absent) {
            return new FieldSource(reach -> inputs.map(input -> new Start(input, input.initialState(), 1, null)), space,
                    List.of(), true, absent);
        }

        /**
         * Fields with initial states and horizons inside their certified domains, each field certified for
         * the solutions within {@code reach} of its start's.
         */
        Arbitrary<Start> starts(Reach reach) {
            return starts.apply(reach);
        }

        /** The hypothesis space in words, for the report. */
        Map<String, String> describe() {
            return space;
        }

        /**
         * The files the fields are read from besides the claim file, whose bytes are part of the claim ({@link
         * File#inputsSha256}): a system file (a weights file and the checkpoint are named by their SHA-256 in the
         * hypothesis space already).
         */
        public List<Path> files() {
            return files;
        }

        /** Whether the fields are the real checkpoint's inputs, on which only the checks on the model run. */
        boolean isCheckpoint() {
            return checkpoint;
        }

        /** Why the fields cannot be drawn on this machine (an input absent), or empty when they can. */
        Optional<String> absence() {
            return absence;
        }
    }

    /**
     * A subject (a field, or an input of the checkpoint) with its initial state and horizon, before perturbations and
     * depths are chosen; a field's certificate covers every start within the claim's {@link Reach} of the initial
     * state; {@code exact} holds the decimals a system file states them in, null for a start whose doubles are its
     * values (drawn).
     */
    record Start(Subject subject, double[] initial, double horizon, Instance.ExactStart exact) {

        /**
         * Starts of the {@code fields}: a radius from {@code initialRadius} and T from {@code horizon} drawn beside the
         * field, x_0 then drawn by the field within the radius, and the field certified for the domain of its starts
         * ({@link CertifiedField#domainOfStarts}) at the largest of each and every solution within {@code reach} of
         * them. A range that is a single value is not drawn. The radius and T are combined with the field, not drawn
         * inside a flatMap of it: jqwik redraws what a flatMap makes from the same seed when the field shrinks, and
         * only x_0, whose dimension is the field's, needs that.
         */
        private static Arbitrary<Start> drawn(Arbitrary<? extends CertifiedField> fields, double[] initialRadius,
                double[] horizon, Reach reach) {
            Arbitrary<Double> radii = initialRadius[0] == initialRadius[1] ? Arbitraries.just(initialRadius[1])
                    : DoubleDraws.between(initialRadius[0], initialRadius[1]);
            Arbitrary<Double> horizons = horizon[0] == horizon[1] ? Arbitraries.just(horizon[1])
                    : DoubleDraws.between(horizon[0], horizon[1], 3);
            return Combinators.combine(fields, radii, horizons).flatAs((field, radius, t) -> {
                CertifiedField certified = field.certifiedFor(field.domainOfStarts(initialRadius[1], horizon[1])
                        .reaching(reach));
                return field.initialStates(radius).map(x0 -> new Start(certified, x0, t, null));
            });
        }
    }

    /** A unit direction from components in [-1, 1]; the zero vector (where shrinking ends) becomes e_1. */
    private static Arbitrary<double[]> direction(int dimension) {
        return DoubleDraws.between(-1, 1, 3).list().ofSize(dimension).map(components -> {
            double[] u = components.stream().mapToDouble(Double::doubleValue).toArray();
            double norm = Math.sqrt(Arrays.stream(u).map(v -> v * v).sum());
            if (norm == 0) {
                u[0] = 1;
                return u;
            }
            return MathArrays.scale(1 / norm, u);
        });
    }

    /** A check on the real checkpoint runs on it and nothing else runs on it. */
    private static void requireModelPairing(CheckKinds.Kind theorem, CheckKinds.Configured configured,
            FieldSource fields, YamlNode root) {
        boolean onModel = fields.isCheckpoint();
        if (onModel != configured.check().runsOnModel()) {
            throw root.require("theorem", "").error(onModel
                    ? "the theorem '" + theorem.name() + "' does not run on a checkpoint; field: {model: ...} takes a"
                            + " check on the model"
                    : "the theorem '" + theorem.name() + "' runs on the real checkpoint: its field is {model: "
                            + Checkpoint.NAME + ", ...}");
        }
    }

    /**
     * Every key is a claim's own or a setting of its theorem's check: a setting only another theorem reads
     * would be ignored silently, so it is refused.
     */
    private static void requireSettingsOf(CheckKinds.Kind theorem, YamlNode root) {
        List<String> allowed = new ArrayList<>(CLAIM_KEYS);
        allowed.addAll(theorem.keys());
        for (YamlNode.Entry entry : root.entries()) {
            if (!allowed.contains(entry.key()) && CheckKinds.isSettingOfSomeCheck(entry.key())) {
                throw entry.keyNode().error("'" + entry.key() + "' is not a setting of the theorem '" + theorem.name()
                        + "'; its settings are " + String.join(", ", theorem.keys()));
            }
        }
        root.requireKeysAmong(allowed);
    }

    /** A range of doubles as the hypothesis space shows it: the value alone when both ends agree. */
    public static String range(double[] range) {
        return range[0] == range[1] ? Double.toString(range[0]) : "[" + range[0] + ", " + range[1] + "]";
    }
}
