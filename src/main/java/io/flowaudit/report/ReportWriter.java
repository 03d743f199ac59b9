package io.flowaudit.report;

import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;

import io.flowaudit.verdict.AuditRun;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Writes the audit report: {@code index.html} and {@code summary.json} at the top of the reports directory, and one
 * page per claim in a run directory {@code run-<start time>/} beside them.
 *
 * <h2>Why a crash never leaves a broken report</h2>
 * Every file of the new report is first written into a fresh staging directory {@code .writing-*} inside the reports
 * directory (so that every later move is a rename within one file system). Nothing a reader sees changes until all
 * files are complete. Then:
 * <ol>
 * <li>the staging directory is renamed to its run directory (atomic: the claim pages appear all at once, in a
 * directory nothing links to yet);</li>
 * <li>{@code summary.json}, then {@code index.html}, are renamed over the old ones (each atomic: a reader sees the old
 * file or the new one, never a partial one); the new files link only to the new run directory, which is complete;</li>
 * <li>older run directories, and staging directories left by crashed writes, are deleted.</li>
 * </ol>
 * A failure before step 2 (an exception, a full disk, a killed process) leaves the previous {@code index.html},
 * {@code summary.json} and run directory untouched; an exception also removes the staging directory, and what a
 * killed process leaves is removed by the next write. The one non-atomic moment is between the two renames of
 * step 2, where a crash would pair a new {@code summary.json} with the old {@code index.html}: each is still a
 * complete report whose links resolve, because old run directories are deleted only after both renames. The files
 * are not forced to disk: the aim is surviving a crashed or interrupted run, not a power cut. One writer at a time:
 * two concurrent writes into the same directory may delete each other's run directory.
 *
 * <p>Only entries this class creates ({@code index.html}, {@code summary.json}, {@code run-*}, {@code .writing-*})
 * are ever replaced or deleted, so {@code reports/README.md} is never touched.
 */
public final class ReportWriter {

    static final String RUN_PREFIX = "run-";
    static final String STAGING_PREFIX = ".writing-";
    private static final DateTimeFormatter RUN_NAME_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT).withZone(ZoneOffset.UTC);

    /** Writes one file of the report: a seam so that tests can make the write fail midway. */
    @FunctionalInterface
    interface FileSink {
        void write(Path file, String content) throws IOException;
    }

    private final FileSink sink;

    ReportWriter(FileSink sink) {
        this.sink = sink;
    }

    /**
     * Writes the report of {@code run} into {@code reportsDir} (created if missing), replacing the previous report
     * only once the new one is complete.
     *
     * @return the path of {@code index.html}
     * @throws IOException if the report could not be written; the previous report is then left as it was
     */
    public static Path write(AuditRun run, Path reportsDir) throws IOException {
        return new ReportWriter((file, content) -> Files.writeString(file, content, StandardCharsets.UTF_8))
                .writeReport(run, reportsDir);
    }

    Path writeReport(AuditRun run, Path reportsDir) throws IOException {
        Files.createDirectories(reportsDir);
        ReportLayout layout = ReportLayout.of(run, freshRunDirectoryName(run, reportsDir));
        Path runDirectory = reportsDir.resolve(layout.runDirectory());
        // created like any directory (not as a private temporary one): it becomes the run directory readers open
        Path staging = reportsDir.resolve(STAGING_PREFIX + layout.runDirectory());
        deleteTree(staging);
        Files.createDirectory(staging);
        try {
            stage(layout, staging);
            Files.move(staging, runDirectory, ATOMIC_MOVE);
        } catch (IOException | RuntimeException | Error failure) {
            deleteTree(staging, failure);
            throw failure;
        }
        Files.move(runDirectory.resolve(ReportLayout.SUMMARY), reportsDir.resolve(ReportLayout.SUMMARY), ATOMIC_MOVE);
        Files.move(runDirectory.resolve(ReportLayout.INDEX), reportsDir.resolve(ReportLayout.INDEX), ATOMIC_MOVE);
        deleteOtherRuns(reportsDir, runDirectory);
        return reportsDir.resolve(ReportLayout.INDEX);
    }

    private void stage(ReportLayout layout, Path staging) throws IOException {
        for (ReportLayout.Entry entry : layout.entries()) {
            sink.write(staging.resolve(entry.pageFile()), ClaimPage.render(entry.verdict()));
        }
        sink.write(staging.resolve(ReportLayout.SUMMARY), SummaryJson.render(layout));
        sink.write(staging.resolve(ReportLayout.INDEX), IndexPage.render(layout));
    }

    /** Named after the run's start, so a reader can tell runs apart; a suffix keeps rewrites of one run distinct. */
    private static String freshRunDirectoryName(AuditRun run, Path reportsDir) {
        String base = RUN_PREFIX + RUN_NAME_TIME.format(run.startedAt());
        String name = base;
        for (int rewrite = 2; Files.exists(reportsDir.resolve(name)); rewrite++) {
            name = base + "-" + rewrite;
        }
        return name;
    }

    private static void deleteOtherRuns(Path reportsDir, Path current) throws IOException {
        List<Path> stale;
        try (Stream<Path> entries = Files.list(reportsDir)) {
            stale = entries.filter(entry -> !entry.equals(current) && Files.isDirectory(entry))
                    .filter(entry -> {
                        String name = entry.getFileName().toString();
                        return name.startsWith(RUN_PREFIX) || name.startsWith(STAGING_PREFIX);
                    })
                    .toList();
        }
        for (Path directory : stale) {
            deleteTree(directory);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> tree = Files.walk(root)) {
            for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** Cleans up after a failed write without hiding why it failed. */
    private static void deleteTree(Path root, Throwable failure) {
        try {
            deleteTree(root);
        } catch (IOException cleanupFailure) {
            failure.addSuppressed(cleanupFailure);
        }
    }
}
