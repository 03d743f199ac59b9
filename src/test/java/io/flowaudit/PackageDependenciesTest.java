package io.flowaudit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The packages of {@code src/main} depend on each other in one direction (README, "Architecture"): data flows one
 * way, so no package reaches, through any chain of others, back to itself. A package depends on another when one of
 * its files names a type of it after its package line: by import, or fully qualified in code or in a doc link.
 * A package and its subpackages are also one concept ({@code field} with {@code field.transformer}, {@code flow}
 * with {@code flow.enclosure}), and the concepts too depend on each other one way only.
 */
class PackageDependenciesTest {

    private static final Path SOURCES = Path.of("src/main/java");
    private static final Pattern PACKAGE = Pattern.compile("^package (io\\.flowaudit[\\w.]*);", Pattern.MULTILINE);
    private static final Pattern TYPE_REFERENCE = Pattern.compile("\\b(io\\.flowaudit(?:\\.[a-z]\\w*)*)\\.[A-Z]");

    @Test
    void noPackageDependsOnItselfThroughOthers() {
        Map<String, Set<String>> graph = packageGraph();
        assertTrue(graph.size() > 20, "the sources were not found: " + graph.keySet());
        assertEquals(Optional.empty(), cycle(graph), "packages that depend on each other in a circle");
    }

    @Test
    void noConceptDependsOnItselfThroughOthers() {
        Map<String, Set<String>> concepts = new TreeMap<>();
        packageGraph().forEach((from, targets) -> {
            Set<String> reached = concepts.computeIfAbsent(concept(from), key -> new TreeSet<>());
            targets.stream().map(PackageDependenciesTest::concept).filter(to -> !to.equals(concept(from)))
                    .forEach(reached::add);
        });
        assertEquals(Optional.empty(), cycle(concepts), "concepts that depend on each other in a circle");
    }

    /** The top package a package belongs to: {@code io.flowaudit.field} for {@code io.flowaudit.field.transformer}. */
    private static String concept(String packageName) {
        int end = packageName.indexOf('.', "io.flowaudit.".length());
        return end < 0 ? packageName : packageName.substring(0, end);
    }

    @Test
    void cycleFinderFindsACircleThroughThreePackagesAndNoneInALayering() {
        Map<String, Set<String>> layered = Map.of("cli", Set.of("audit", "num"), "audit", Set.of("claim"),
                "claim", Set.of("num"), "num", Set.of());
        assertEquals(Optional.empty(), cycle(layered));
        Map<String, Set<String>> circular = Map.of("cli", Set.of("audit"), "audit", Set.of("claim"),
                "claim", Set.of("model"), "model", Set.of("audit"));
        assertEquals(Optional.of(List.of("audit", "claim", "model", "audit")), cycle(circular));
    }

    /** Each main package and the other main packages its files name. */
    private static Map<String, Set<String>> packageGraph() {
        Map<String, Set<String>> graph = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".java")).toList()) {
                String text = Files.readString(file);
                Matcher declared = PACKAGE.matcher(text);
                if (!declared.find()) {
                    continue;
                }
                String from = declared.group(1);
                Set<String> targets = graph.computeIfAbsent(from, key -> new TreeSet<>());
                Matcher reference = TYPE_REFERENCE.matcher(text.substring(declared.end()));
                while (reference.find()) {
                    if (!reference.group(1).equals(from)) {
                        targets.add(reference.group(1));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return graph;
    }

    /** A circle of dependencies, as the packages along it with the first repeated at the end; empty if none. */
    private static Optional<List<String>> cycle(Map<String, Set<String>> graph) {
        Set<String> finished = new TreeSet<>();
        for (String start : new TreeSet<>(graph.keySet())) {
            Optional<List<String>> found = cycleFrom(start, graph, new ArrayList<>(), finished);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static Optional<List<String>> cycleFrom(String node, Map<String, Set<String>> graph, List<String> path,
            Set<String> finished) {
        int onPath = path.indexOf(node);
        if (onPath >= 0) {
            List<String> circle = new ArrayList<>(path.subList(onPath, path.size()));
            circle.add(node);
            return Optional.of(circle);
        }
        if (finished.contains(node)) {
            return Optional.empty();
        }
        path.add(node);
        for (String next : new TreeSet<>(graph.getOrDefault(node, Set.of()))) {
            Optional<List<String>> found = cycleFrom(next, graph, path, finished);
            if (found.isPresent()) {
                return found;
            }
        }
        path.remove(path.size() - 1);
        finished.add(node);
        return Optional.empty();
    }
}
