package io.flowaudit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

/**
 * Where {@code mvn verify}'s CPU goes, per test class: the process CPU time (user + system, every thread: the class's
 * own, its workers, the JIT compilers and the collector) and the wall time from the class's start to its end, one
 * line per class appended to the file {@code -Dflowaudit.test-cpu} names (pom.xml: {@code
 * target/test-cpu-FORK.tsv}, one per Surefire fork, which runs one class at a time; each build's first line
 * replaces the file). On a loaded machine the wall
 * time measures the load; the CPU time is the figure. Registered for every run in {@code
 * META-INF/services/org.junit.platform.launcher.TestExecutionListener}; without the property it records nothing. A
 * class with tests of two engines (Jupiter's {@code @Test} and jqwik's {@code @Property}) gets one line per engine; a
 * class that runs other classes through a launcher of its own ({@code junit.ClaimsTestEngineTest}) is timed whole,
 * its nested classes not at all.
 */
public final class ClassCpuTimes implements TestExecutionListener {

    private static final String FILE = System.getProperty("flowaudit.test-cpu");
    /** The class being timed in this JVM, or null; one at a time, so nested launches are not timed. */
    private static String timed;
    private static long startCpu;
    private static long startWall;
    /** Whether this JVM wrote its first line yet: the first replaces what an earlier build left in the file. */
    private static boolean written;

    @Override
    public void executionStarted(TestIdentifier identifier) {
        synchronized (ClassCpuTimes.class) {
            if (FILE != null && timed == null && identifier.getSource().orElse(null) instanceof ClassSource) {
                timed = identifier.getUniqueId();
                startCpu = processCpuNanos();
                startWall = System.nanoTime();
            }
        }
    }

    @Override
    public void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
        synchronized (ClassCpuTimes.class) {
            if (identifier.getUniqueId().equals(timed)) {
                String line = String.format(Locale.ROOT, "%s\t%.2f\t%.2f%n",
                        ((ClassSource) identifier.getSource().orElseThrow()).getClassName(),
                        (processCpuNanos() - startCpu) / 1e9, (System.nanoTime() - startWall) / 1e9);
                timed = null;
                try {
                    Files.writeString(Path.of(FILE), line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                            written ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING);
                    written = true;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
