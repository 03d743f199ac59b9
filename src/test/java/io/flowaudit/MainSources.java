package io.flowaudit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The main sources, scanned by the tests that forbid a kind of call in them. */
final class MainSources {

    private MainSources() {
    }

    /** Each line of src/main/java where {@code call} is found, as "file:line: what it found". */
    static List<String> linesCalling(Pattern call) throws IOException {
        List<String> calls = new ArrayList<>();
        int files = 0;
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path file : sources.filter(path -> path.toString().endsWith(".java")).toList()) {
                files++;
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    Matcher found = call.matcher(lines.get(i));
                    if (found.find()) {
                        calls.add(file + ":" + (i + 1) + ": " + found.group());
                    }
                }
            }
        }
        assertTrue(files > 100, "the sources were not found");
        return calls;
    }
}
