package io.flowaudit.junit;

import io.flowaudit.audit.ClaimCatalogue;
import io.flowaudit.audit.ClaimSpec;
import io.flowaudit.input.BadInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
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
 * the file, line and problem, never a discovery error.
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
        // claim file -> the folder its tags are taken relative to; in selection order, each file once
        Map<Path, Path> files = new LinkedHashMap<>();
        for (ClassSelector selector : request.getSelectorsByType(ClassSelector.class)) {
            annotatedFolder(selector, settings).ifPresent(folder -> claimFiles(folder)
                    .forEach(file -> files.putIfAbsent(file, folder)));
        }
        for (DirectorySelector selector : request.getSelectorsByType(DirectorySelector.class)) {
            Path folder = selector.getPath();
            claimFiles(folder).forEach(file -> files.putIfAbsent(file, folder));
        }
        for (FileSelector selector : request.getSelectorsByType(FileSelector.class)) {
            Path file = selector.getPath();
            if (isClaimFile(file)) {
                files.putIfAbsent(file, file.normalize().startsWith(settings.folder().normalize()) ? settings.folder()
                        : file.getParent());
            }
        }
        Set<String> selectedIds = new LinkedHashSet<>();
        for (UniqueIdSelector selector : request.getSelectorsByType(UniqueIdSelector.class)) {
            claimIdOf(selector.getUniqueId(), uniqueId).ifPresent(id -> {
                selectedIds.add(id);
                claimFiles(settings.folder()).forEach(file -> files.putIfAbsent(file, settings.folder()));
            });
        }
        Set<String> ids = new LinkedHashSet<>();
        files.forEach((file, folder) -> {
            String id = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
            boolean selectedById = selectedIds.isEmpty() || selectedIds.contains(id);
            if (selectedById && settings.selects(id) && ids.add(id)) {
                engine.addChild(claim(engine.getUniqueId(), id, file, folder));
            }
        });
        return engine;
    }

    @Override
    public void execute(ExecutionRequest request) {
        new ClaimsExecution(request).run();
    }

    private static Optional<Path> annotatedFolder(ClassSelector selector, EngineSettings settings) {
        Class<?> type;
        try {
            type = selector.getJavaClass();
        } catch (RuntimeException | LinkageError e) {
            return Optional.empty(); // not ours to report: the engine that owns the class says why it cannot load
        }
        AuditClaims annotation = type.getAnnotation(AuditClaims.class);
        if (annotation == null) {
            return Optional.empty();
        }
        return Optional.of(annotation.value().isEmpty() ? settings.folder() : Path.of(annotation.value()));
    }

    /** The claim files under {@code folder}, at any depth, sorted; none when it does not exist. */
    private static List<Path> claimFiles(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(ClaimsTestEngine::isClaimFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the claims folder " + folder, e);
        }
    }

    private static boolean isClaimFile(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        return (name.endsWith(".yaml") || name.endsWith(".yml")) && Files.isRegularFile(file);
    }

    private static Optional<String> claimIdOf(UniqueId selected, UniqueId engine) {
        if (!selected.hasPrefix(engine) || selected.getSegments().size() <= engine.getSegments().size()) {
            return Optional.empty();
        }
        UniqueId.Segment claim = selected.getSegments().get(engine.getSegments().size());
        return claim.getType().equals(ClaimDescriptor.SEGMENT) ? Optional.of(claim.getValue()) : Optional.empty();
    }

    /** Reads the claim now, so a malformed file becomes a failing test that names the file and line. */
    private static ClaimDescriptor claim(UniqueId engine, String id, Path file, Path folder) {
        Set<TestTag> tags = new LinkedHashSet<>();
        ClaimSpec claim = null;
        RuntimeException unreadable = null;
        try {
            claim = ClaimCatalogue.read(file);
            tags.add(TestTag.create(claim.expected().name().toLowerCase(Locale.ROOT)));
        } catch (BadInputException e) {
            unreadable = e;
        }
        Path relative = file.normalize().startsWith(folder.normalize())
                ? folder.normalize().relativize(file.normalize().getParent() == null ? file : file.normalize()
                        .getParent())
                : Path.of("");
        for (Path segment : relative) {
            if (TestTag.isValid(segment.toString())) {
                tags.add(TestTag.create(segment.toString()));
            }
        }
        return new ClaimDescriptor(engine, id, file, claim, unreadable, Set.copyOf(tags));
    }
}
