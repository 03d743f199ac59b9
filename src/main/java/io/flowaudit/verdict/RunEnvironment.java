package io.flowaudit.verdict;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/** The machine and versions a run records, so a report says where its numbers came from. */
public final class RunEnvironment {

    private RunEnvironment() {
    }

    public static String machine() {
        return System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch")
                + ", " + Runtime.getRuntime().availableProcessors() + " cores, Java " + System.getProperty("java.version")
                + " (" + System.getProperty("java.vm.name") + ")";
    }

    public static Map<String, String> versions() {
        Map<String, String> versions = new LinkedHashMap<>();
        // written by the build (resource filtering): jqwik is built with Gradle and ships no pom.properties
        versions.put("flowaudit", version("/io/flowaudit/versions.properties", "flowaudit"));
        versions.put("jqwik", version("/io/flowaudit/versions.properties", "jqwik"));
        versions.put("apfloat", version("/META-INF/maven/org.apfloat/apfloat/pom.properties", "version"));
        versions.put("commons-math3", version("/META-INF/maven/org.apache.commons/commons-math3/pom.properties",
                "version"));
        versions.put("java", System.getProperty("java.version"));
        return versions;
    }

    /**
     * Which build of flowaudit this is, beyond its version (every commit is 0.1.0-SNAPSHOT): the SHA-256 of its own
     * classes' names and contents (in a jar, their sizes and CRC-32s, read from its directory without unpacking),
     * first 16 hex digits. javac writes the same class files for the same sources on the same JDK, so shards built
     * from one commit agree, and a part from an older build, whose checks may have judged otherwise, does not.
     */
    public static String build() {
        return Build.ID;
    }

    /** Computed once, when first asked (a part written or read), not at every start. */
    private static final class Build {
        static final String ID = digestOfClasses();
    }

    private static String digestOfClasses() {
        try {
            Path source = Path.of(RunEnvironment.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            if (Files.isDirectory(source)) {
                Path classes = source.resolve("io/flowaudit");
                try (Stream<Path> walk = Files.walk(classes)) {
                    for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                        digest.update((classes.relativize(file) + "\n").getBytes(StandardCharsets.UTF_8));
                        digest.update(Files.readAllBytes(file));
                    }
                }
            } else {
                try (JarFile jar = new JarFile(source.toFile())) {
                    jar.stream().filter(entry -> entry.getName().startsWith("io/flowaudit/") && !entry.isDirectory())
                            .sorted(Comparator.comparing(JarEntry::getName))
                            .forEach(entry -> digest.update((entry.getName().substring("io/flowaudit/".length()) + " "
                                    + entry.getSize() + " " + entry.getCrc() + "\n").getBytes(StandardCharsets.UTF_8)));
                }
            }
            return HexFormat.of().formatHex(digest.digest(), 0, 8);
        } catch (IOException | URISyntaxException | NoSuchAlgorithmException | SecurityException e) {
            return "unknown";
        }
    }

    /** A version from a properties resource on the class path (kept by the shaded jar too). */
    private static String version(String resource, String key) {
        try (InputStream in = RunEnvironment.class.getResourceAsStream(resource)) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty(key, "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
