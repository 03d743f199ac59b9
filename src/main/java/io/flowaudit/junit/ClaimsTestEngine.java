package io.flowaudit.junit;

import io.flowaudit.audit.ClaimCatalogue;
import io.flowaudit.claim.Claim;
import io.flowaudit.input.BadInputException;
import io.flowaudit.input.InputPaths;
import io.flowaudit.verdict.Expectation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.platform.commons.support.ReflectionSupport;
import org.junit.platform.engine.EngineDiscoveryRequest;
import org.junit.platform.engine.ExecutionRequest;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestEngine;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.engine.discovery.DirectorySelector;
import org.junit.platform.engine.discovery.FileSelector;
import org.junit.platform.engine.discovery.UniqueIdSelector;
import org.junit.platform.engine.support.descriptor.EngineDescriptor;

/**
 * The flowaudit test engine (README, "Use it in your own project"): claim files as JUnit Platform tests, one test
 * per file, in the way jqwik is an engine for properties — registered through
 * {@code META-INF/services/org.junit.platform.engine.TestEngine}, configured by {@code flowaudit.*} configuration
 * parameters (from the build, {@code junit-platform.properties} or system properties; {@link EngineSettings}).
 *
 * <p>Discovery: a selected class annotated {@link AuditClaims} stands for every claim file under its folder (Maven
 * Surefire and Gradle select classes only); a selected directory for every claim file under it; a selected
 * {@code .yaml}/{@code .yml} file, or a claim's unique id, for that claim (IDEs and the console launcher). Each claim
 * is tagged {@code holds} or {@code falsified} and with the names of the folders between the claims folder and its
 * file, so {@code -Dgroups=slow} or {@code <excludedGroups>} select claims; {@code flowaudit.claims.include} and
 * {@code flowaudit.claims.exclude} select them by id. A claim file that cannot be read is a test that fails with
 * the file, line and problem (tagged with both expectations), never a discovery error; so is a class whose folder
 * holds no claim file.
 */
public final class ClaimsTestEngine implements TestEngine {

    public static final String ENGINE_ID = "flowaudit";

    @Override
    public String getId() {
        return ENGINE_ID;
    }

    @Override
    public Optional<String> getGroupId() {
        return Optional.of("io.flowaudit");
    }

    @Override
    public Optional<String> getArtifactId() {
        return Optional.of("flowaudit");
    }

    @Override
    public TestDescriptor discover(EngineDiscoveryRequest request, UniqueId uniqueId) {
        EngineDescriptor engine = new EngineDescriptor(uniqueId, "flowaudit claims");
        EngineSettings settings = EngineSettings.lenient(request.getConfigurationParameters());
        Discovered discovered = new Discovered(engine, settings);
        for (ClassSelector selector : request.getSelectorsByType(ClassSelector.class)) {
            annotated(selector::getJavaClass).ifPresent(type -> discovered.claimsOf(type, null));
        }
        for (DirectorySelector selector : request.getSelectorsByType(DirectorySelector.class)) {
            claimFiles(selector.getPath()).forEach(file -> discovered.add(engine, file, selector.getPath()));
            discovered.listedWhole = true;
        }
        for (FileSelector selector : request.getSelectorsByType(FileSelector.class)) {
            Path file = selector.getPath();
            if (isClaimFile(file)) {
                discovered.add(engine, file, file.normalize().startsWith(settings.folder().normalize())
                        ? settings.folder() : file.getParent());
            }
        }
        for (UniqueIdSelector selector : request.getSelectorsByType(UniqueIdSelector.class)) {
            discovered.select(selector.getUniqueId());
        }
        List<String> globs = EngineSettings.globs(request.getConfigurationParameters(), "claims.include");
        List<String> unmatched = IntStream.range(0, globs.size()).filter(i -> !discovered.includesMatched.contains(i))
                .mapToObj(globs::get).toList();
        int found = discovered.ids.size() + discovered.filteredOut;
        // judged only on a whole folder's listing: a rerun of one claim (Surefire's, an IDE's) lists that claim alone
        if (!unmatched.isEmpty() && found > 0 && discovered.listedWhole) {
            // a mistyped id would otherwise run nothing, or less than asked, and pass, as Surefire fails a -Dtest
            // that matches no test
            String include = EngineSettings.PREFIX + "claims.include";
            // under the first claims class, so that Surefire files the failure under it, not the last class it ran
            TestDescriptor parent = discovered.classes.values().stream().findFirst().<TestDescriptor>map(c -> c)
                    .orElse(engine);
            parent.addChild(new ClaimDescriptor(parent.getUniqueId(), include, settings.folder(), null,
                    new BadInputException(null, include + "=" + String.join(",", globs)
                            + (unmatched.size() == globs.size() ? "" : ": '" + String.join("', '", unmatched) + "'")
                            + " selects none of the " + found + " claim files found;"
                            + " expected claim ids (file names without .yaml), with * and ? as wildcards"),
                    everyExpectationTag()));
        }
        return engine;
    }

    /** The claims found so far: each claim id once, under its class when a class selected it. */
    private static final class Discovered {

        private final EngineDescriptor engine;
        private final EngineSettings settings;
        /** Each claim id found so far, with the file that has it. */
        private final Map<String, Path> ids = new LinkedHashMap<>();
        private final Map<Class<?>, ClaimsClassDescriptor> classes = new LinkedHashMap<>();
        /** Claim files found that the id filters left out. */
        private int filteredOut;
        /** The include patterns (by position) that some claim file found matched. */
        private final Set<Integer> includesMatched = new HashSet<>();
        /** Whether a whole folder was listed (a class's or a directory's), not only claims picked out one by one. */
        private boolean listedWhole;

        Discovered(EngineDescriptor engine, EngineSettings settings) {
            this.engine = engine;
            this.settings = settings;
        }

        /** The claims of an {@link AuditClaims} class, or only the one named {@code onlyId} when not null. */
        void claimsOf(Class<?> type, String onlyId) {
            AuditClaims annotation = type.getAnnotation(AuditClaims.class);
            Path folder = annotation.value().isEmpty() ? settings.folder() : Path.of(annotation.value());
            TestDescriptor parent = classes.computeIfAbsent(type, t -> {
                ClaimsClassDescriptor descriptor = new ClaimsClassDescriptor(engine.getUniqueId(), t);
                engine.addChild(descriptor);
                return descriptor;
            });
            List<Path> files = claimFiles(folder);
            listedWhole |= onlyId == null;
            files.stream().filter(file -> onlyId == null || Claim.idOf(file).equals(onlyId))
                    .forEach(file -> add(parent, file, folder));
            if (files.isEmpty() && onlyId == null && parent.getChildren().isEmpty()) {
                // audit refuses such a folder; a class of zero tests would pass a build that checked no claim
                parent.addChild(new ClaimDescriptor(parent.getUniqueId(), folder.toString(), folder, null,
                        new BadInputException(folder.toString(), "no claim files (*.yaml, *.yml) for " + type.getName()
                                + ": " + (Files.isDirectory(folder) ? "the folder holds none"
                                        : "no such folder (relative to " + Path.of("").toAbsolutePath() + ")")),
                        everyExpectationTag()));
            }
        }

        /**
         * The claim of {@code file}, once however many selectors find it. A second file with a claim id already taken
         * (the same name in another folder) is a failing test named by its path: skipped, a false claim there would
         * never run while the build passed; the report and a baseline key claims by id, so it cannot run either.
         */
        void add(TestDescriptor parent, Path file, Path folder) {
            String id = Claim.idOf(file);
            for (int i = 0; i < settings.include().size(); i++) {
                if (settings.include().get(i).matcher(id).matches()) {
                    includesMatched.add(i);
                }
            }
            if (!settings.selects(id)) {
                filteredOut++;
                return;
            }
            Path first = ids.putIfAbsent(id, file.toAbsolutePath().normalize());
            if (first == null) {
                parent.addChild(claim(parent.getUniqueId(), id, file, folder));
            } else if (!first.equals(file.toAbsolutePath().normalize())) {
                String path = folder.normalize().relativize(file.normalize()).toString();
                // tagged as a malformed file is: a build that selects a claim's expectation or folder still fails on it
                Set<TestTag> tags = new LinkedHashSet<>(everyExpectationTag());
                tags.addAll(folderTags(file, folder));
                parent.addChild(new ClaimDescriptor(parent.getUniqueId(), path, file, null,
                        new BadInputException(file.toString(), "the claim id '" + id + "' (the file's name) is already"
                                + " that of " + first + "; expected a claim file of its own name"), Set.copyOf(tags)));
            }
        }

        /** A claim's unique id, as IDEs and Surefire's reruns select it: under its class, or directly. */
        void select(UniqueId selected) {
            UniqueId engineId = engine.getUniqueId();
            if (!selected.hasPrefix(engineId)) {
                return;
            }
            List<UniqueId.Segment> segments = selected.getSegments().subList(engineId.getSegments().size(),
                    selected.getSegments().size());
            String className = null;
            String claimId = null;
            for (UniqueId.Segment segment : segments) {
                if (segment.getType().equals(ClaimsClassDescriptor.SEGMENT)) {
                    className = segment.getValue();
                } else if (segment.getType().equals(ClaimDescriptor.SEGMENT)) {
                    claimId = segment.getValue();
                }
            }
            String onlyId = claimId;
            if (className != null) {
                String name = className;
                annotated(() -> ReflectionSupport.tryToLoadClass(name).getOrThrow(RuntimeException::new))
                        .ifPresent(type -> claimsOf(type, onlyId));
            } else if (onlyId != null) {
                claimFiles(settings.folder()).stream().filter(file -> Claim.idOf(file).equals(onlyId))
                        .forEach(file -> add(engine, file, settings.folder()));
            }
        }
    }

    @Override
    public void execute(ExecutionRequest request) {
        new ClaimsExecution(request).run();
    }

    /** The class, when it loads and carries {@link AuditClaims}. */
    private static Optional<Class<?>> annotated(Supplier<Class<?>> loader) {
        try {
            Class<?> type = loader.get();
            return type.isAnnotationPresent(AuditClaims.class) ? Optional.of(type) : Optional.empty();
        } catch (RuntimeException | LinkageError e) {
            return Optional.empty(); // not ours to report: the engine that owns the class says why it cannot load
        }
    }

    /** The claim files under {@code folder}, at any depth, sorted; none when it does not exist. */
    private static List<Path> claimFiles(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(ClaimsTestEngine::isClaimFile).sorted(InputPaths.LISTING_ORDER).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the claims folder " + folder, e);
        }
    }

    private static boolean isClaimFile(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        return Claim.isClaimFileName(name) && Files.isRegularFile(file);
    }

    private static TestTag expectationTag(Expectation expected) {
        return TestTag.create(expected.name().toLowerCase(Locale.ROOT));
    }

    /** The tags of a test whose expectation is unknown: it must fail in a build that selects either one. */
    private static Set<TestTag> everyExpectationTag() {
        Set<TestTag> tags = new LinkedHashSet<>();
        Arrays.stream(Expectation.values()).forEach(expected -> tags.add(expectationTag(expected)));
        return Set.copyOf(tags);
    }

    /** Reads the claim now, so a malformed file becomes a failing test that names the file and line. */
    private static ClaimDescriptor claim(UniqueId parent, String id, Path file, Path folder) {
        Set<TestTag> tags = new LinkedHashSet<>();
        Claim claim = null;
        RuntimeException unreadable = null;
        try {
            claim = ClaimCatalogue.read(file);
            tags.add(expectationTag(claim.expected()));
        } catch (BadInputException e) {
            unreadable = e;
            tags.addAll(everyExpectationTag());
        }
        tags.addAll(folderTags(file, folder));
        return new ClaimDescriptor(parent, id, file, claim, unreadable, Set.copyOf(tags));
    }

    /** A tag for each folder between the claims folder and the file, for {@code -Dgroups=perturbation}. */
    private static Set<TestTag> folderTags(Path file, Path folder) {
        Path relative = file.normalize().startsWith(folder.normalize())
                ? folder.normalize().relativize(file.normalize().getParent() == null ? file : file.normalize()
                        .getParent())
                : Path.of("");
        Set<TestTag> tags = new LinkedHashSet<>();
        for (Path segment : relative) {
            if (TestTag.isValid(segment.toString())) {
                tags.add(TestTag.create(segment.toString()));
            }
        }
        return tags;
    }
}
