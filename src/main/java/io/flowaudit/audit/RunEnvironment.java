package io.flowaudit.audit;

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
        versions.put("flowaudit", mavenVersion("io.flowaudit", "flowaudit"));
        versions.put("jqwik", mavenVersion("net.jqwik", "jqwik-api"));
        versions.put("apfloat", mavenVersion("org.apfloat", "apfloat"));
        versions.put("commons-math3", mavenVersion("org.apache.commons", "commons-math3"));
        versions.put("java", System.getProperty("java.version"));
        return versions;
    }

    /** The version Maven recorded in the artifact's pom.properties (kept by the shaded jar too). */
    private static String mavenVersion(String group, String artifact) {
        String resource = "/META-INF/maven/" + group + "/" + artifact + "/pom.properties";
        try (InputStream in = RunEnvironment.class.getResourceAsStream(resource)) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
