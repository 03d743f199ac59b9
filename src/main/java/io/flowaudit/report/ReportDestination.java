package io.flowaudit.report;

import io.flowaudit.input.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The report directory, checked before an audit starts (by the command line and the JUnit engine alike): it must be a
 * directory this process can write in, so a run never ends, after all its claims, on a report it cannot write.
 */
public final class ReportDestination {

    private ReportDestination() {
    }

    /** @param setting what names the directory, for the message: {@code --report}, {@code flowaudit.report} */
    public static void requireWritable(Path directory, String setting) {
        if (Files.exists(directory) && !Files.isDirectory(directory)) {
            throw new BadInputException(directory.toString(), setting + " names a file, expected a directory");
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
