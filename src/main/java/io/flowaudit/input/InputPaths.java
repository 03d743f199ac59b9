package io.flowaudit.input;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Files that one input names, such as a claim file's {@code system:} or {@code weights:}. The rule,
 * so that a claim file from others cannot make the audit read elsewhere on the machine: the path is
 * resolved against the naming file's directory, symbolic links are followed, and the file must then
 * lie inside the naming file's directory tree or the working directory's, and be a regular file.
 */
public final class InputPaths {

    private InputPaths() {
    }

    /**
     * The real path of the file {@code pathNode} names, relative to {@code namingFile}'s directory;
     * {@code what} describes it for messages ("system file").
     */
    public static Path resolveConfined(YamlNode pathNode, Path namingFile, String what) {
        Path base = namingFile.toAbsolutePath().getParent();
        Path file;
        try {
            file = base.resolve(pathNode.text()).normalize();
        } catch (InvalidPathException e) {
            throw pathNode.error("'" + pathNode.text() + "' is not a valid path");
        }
        if (!Files.isRegularFile(file)) {
            throw pathNode.error("no " + what + " at " + file);
        }
        Path real;
        try {
            real = file.toRealPath();
            if (real.startsWith(base.toRealPath()) || real.startsWith(Path.of("").toAbsolutePath().toRealPath())) {
                return real;
            }
        } catch (IOException e) {
            throw pathNode.error("cannot resolve the " + what + " path " + file);
        }
        throw pathNode.error("the " + what + " " + pathNode.text() + " lies outside the claim file's directory and the"
                + " working directory; only files inside them are read");
    }
}
