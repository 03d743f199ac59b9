package io.flowaudit.verdict;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Properties;
import java.util.Map;

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
