package io.flowaudit.cli;

import io.flowaudit.input.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The report directory, checked before an audit starts: it must be a directory this process can write in. */
final class ReportDestination {

    private ReportDestination() {
    }

    static void requireWritable(Path directory) {
        if (Files.exists(directory) && !Files.isDirectory(directory)) {
            throw new BadInputException(directory.toString(), "--report names a file, expected a directory");
        }
        try {
            Files.createDirectories(directory);
            // a real write is the only portable test (permissions, read-only mounts, /proc)
            Files.delete(Files.createTempFile(directory, ".flowaudit-write-check", ".tmp"));
        } catch (IOException | UnsupportedOperationException e) {
            throw new BadInputException(directory.toString(), "cannot write the report there ("
                    + e.getClass().getSimpleName() + ")");
        }
    }
}
