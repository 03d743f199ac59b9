package io.flowaudit.input;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Files that one input names, such as a claim file's {@code system:} or {@code weights:}. The rule,
 * so that a claim file from others cannot make the audit read elsewhere on the machine: the path is
 * resolved against the naming file's directory, symbolic links are followed, and the file must then
 * lie inside the naming file's directory tree or the working directory's, and be a regular file.
 */
public final class InputPaths {

    /**
     * The order of files read from a directory: by path in Unicode's composed form (NFC), as claim ids are, so a
     * catalogue whose names macOS stored decomposed ("cafe" and a combining accent) runs in the order it runs in on
     * Linux, each claim at the same place in the report.
     */
    public static final Comparator<Path> LISTING_ORDER =
            Comparator.comparing(path -> Normalizer.normalize(path.toString(), Normalizer.Form.NFC));

    private InputPaths() {
    }

    /**
     * The files {@code sources} names: files as named, and the files of named directories whose name
     * {@code wanted} accepts, at any depth when {@code atAnyDepth} (claim files, as the JUnit engine finds them),
     * sorted. {@code singular}, {@code plural} and {@code pattern} name them in errors: "no such claim file or
     * directory", "no claim files (*.yaml) found".
     */
    public static List<Path> filesIn(List<Path> sources, Predicate<String> wanted, boolean atAnyDepth, String singular,
            String plural, String pattern) {
        List<Path> files = new ArrayList<>();
        // a file named twice, or named and inside a named folder (or in two nested named folders), is read once
        Set<Path> listed = new HashSet<>();
        for (Path source : sources) {
            if (Files.isDirectory(source)) {
                try (Stream<Path> listing = atAnyDepth ? Files.walk(source) : Files.list(source)) {
                    // a directory of that name is a folder to walk, not a file; a pipe or device is named and refused
                    listing.filter(p -> wanted.test(p.getFileName().toString()) && !Files.isDirectory(p))
                            .sorted(LISTING_ORDER).filter(p -> listed.add(absolute(p))).forEach(files::add);
                } catch (IOException e) {
                    throw new BadInputException(source.toString(), "cannot list the directory: " + e.getMessage());
                } catch (UncheckedIOException e) {
                    // a walk meets a subfolder it cannot open (lost+found) while it streams
                    throw new BadInputException(source.toString(), "cannot list the directory: "
                            + e.getCause().getMessage());
                }
            } else if (Files.isRegularFile(source)) {
                if (listed.add(absolute(source))) {
                    files.add(source);
                }
            } else {
                throw new BadInputException(source.toString(), Files.exists(source)
                        ? "not a " + singular + " or directory: a device or pipe, which flowaudit does not read"
                        : "no such " + singular + " or directory");
            }
        }
        if (files.isEmpty()) {
            throw new BadInputException(sources.toString(), "no " + plural + " (" + pattern + ") found");
        }
        return files;
    }

    private static Path absolute(Path path) {
        return path.toAbsolutePath().normalize();
    }

    /**
     * Why {@code text}, which {@link Path#of} refused, names no file. Java names files in the locale's charset
     * ({@code sun.jnu.encoding}): without a locale (LANG unset or C, as in many CI images) that is ASCII, in which a
     * name such as "é.yaml" cannot be spelt, so it cannot be opened at all, however valid it is elsewhere.
     */
    public static String whyNotAPath(String text) {
        String encoding = System.getProperty("sun.jnu.encoding", "");
        boolean spelt = !Charset.isSupported(encoding) || Charset.forName(encoding).newEncoder().canEncode(text);
        return "'" + text + "' is not a valid path" + (spelt ? "" : ": Java names files in the locale's charset, here "
                + encoding + ", which cannot spell it; run flowaudit in a UTF-8 locale (LANG=C.UTF-8)");
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
            throw pathNode.error(whyNotAPath(pathNode.text()));
        }
        if (!Files.isRegularFile(file)) {
            throw pathNode.error(Files.exists(file) ? file + " is a directory, device or pipe, not a " + what
                    : "no " + what + " at " + file);
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
