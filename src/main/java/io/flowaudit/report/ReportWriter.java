package io.flowaudit.report;

import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;

import io.flowaudit.verdict.AuditRun;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Writes the audit report: one run directory {@code run-<start time>/} per run, holding that run's claim pages, its
 * {@code summary.json}, its own {@code index.html} and the theory page; and at the top of the reports directory an
 * {@code index.html} of the latest result of each claim across the kept runs, and a copy of the newest run's
 * {@code summary.json}.
 *
 * <h2>A run never destroys another run's evidence</h2>
 * Run directories are only ever added: a run of one claim file leaves the full catalogue's last run in place, and the
 * top-level index shows each claim's latest result with a link to every kept run. Pruning is by hand: delete run
 * directories; the next write's index lists what is left ({@link KeptRuns} reads the runs back from disk).
 *
 * <h2>Why a crash never leaves a broken report</h2>
 * Every file of the new run is first written into a fresh staging directory {@code .writing-*} inside the reports
 * directory (so that every later move is a rename within one file system). Nothing a reader sees changes until all
 * files are complete. Then:
 * <ol>
 * <li>the staging directory is renamed to its run directory (atomic: the run appears all at once);</li>
 * <li>{@code summary.json}, then {@code index.html}, are each written beside the old ones under a staging name and
 * renamed over them (atomic: a reader sees the old file or the new one, never a partial one);</li>
 * <li>staging entries left by crashed writes are deleted.</li>
 * </ol>
 * A failure before step 2 (an exception, a full disk, a killed process) leaves the previous {@code index.html} and
 * {@code summary.json} untouched; an exception also removes the staging directory, and what a killed process leaves
 * is removed by the next write. A run directory renamed into place before a crash is complete and is listed by the
 * next write. The files are not forced to disk: the aim is surviving a crashed or interrupted run, not a power cut.
 *
 * <h2>One writer at a time</h2>
 * A write holds an exclusive lock on {@code .lock} in the reports directory, so audits writing into one directory at
 * once (two CI jobs on a shared disk, two terminals) take turns, each adding its own run.
 *
 * <p>Only entries this class creates ({@code index.html}, {@code summary.json}, {@code run-*}, {@code .writing-*},
 * {@code .lock}) are ever written, and only {@code .writing-*} ones deleted, so {@code reports/README.md} is never
 * touched.
 */
public final class ReportWriter {

    static final String RUN_PREFIX = "run-";
    static final String STAGING_PREFIX = ".writing-";
    /** The file whose lock one writer of a reports directory holds at a time (empty; it stays). */
    static final String LOCK = ".lock";
    /** A monitor per reports directory (by real path) for this JVM's writers. */
    private static final Map<Path, Object> WRITERS = new ConcurrentHashMap<>();
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
        return files().writeReport(run, new ClaimPages(), reportsDir);
    }

    /** {@link #write(AuditRun, Path)}, then says where on {@code log}, as every runner of claims does. */
    public static Path write(AuditRun run, Path reportsDir, PrintStream log) throws IOException {
        return write(run, new ClaimPages(), reportsDir, log);
    }

    /** The same, taking the claim pages rendered ahead (as the audit renders them) from {@code pages}. */
    public static Path write(AuditRun run, ClaimPages pages, Path reportsDir, PrintStream log) throws IOException {
        Path index = files().writeReport(run, pages, reportsDir);
        log.println("flowaudit: report written to " + index);
        return index;
    }

    private static ReportWriter files() {
        return new ReportWriter((file, content) -> Files.writeString(file, content, StandardCharsets.UTF_8));
    }

    Path writeReport(AuditRun run, Path reportsDir) throws IOException {
        return writeReport(run, new ClaimPages(), reportsDir);
    }

    /**
     * Holds the reports directory's lock (another process's write waits for it) while writing: two audits into one
     * directory that started in the same second once shared a staging directory and deleted each other's files.
     */
    private Path writeReport(AuditRun run, ClaimPages pages, Path reportsDir) throws IOException {
        Files.createDirectories(reportsDir);
        // in this JVM a monitor per directory (a second FileChannel.lock of one file here would throw, not wait)
        synchronized (WRITERS.computeIfAbsent(reportsDir.toRealPath(), directory -> new Object())) {
            try (FileChannel lockFile = FileChannel.open(reportsDir.resolve(LOCK), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock held = lockFile.lock()) {
                return writeLocked(run, pages, reportsDir);
            }
        }
    }

    private Path writeLocked(AuditRun run, ClaimPages pages, Path reportsDir) throws IOException {
        ReportLayout layout = ReportLayout.of(run, freshRunDirectoryName(run, reportsDir));
        Path runDirectory = reportsDir.resolve(layout.runDirectory());
        // created like any directory (not as a private temporary one): it becomes the run directory readers open
        Path staging = reportsDir.resolve(STAGING_PREFIX + layout.runDirectory());
        deleteTree(staging);
        Files.createDirectory(staging);
        // the kept runs (a summary each to parse, which adds up as runs are kept) are read beside the staging: listed
        // before this run's directory exists, this run added from its own summary
        KeptRuns.Reading keptRuns = KeptRuns.readInBackground(reportsDir);
        Staged staged;
        try {
            staged = stage(layout, pages, staging);
            Files.move(staging, runDirectory, ATOMIC_MOVE);
        } catch (IOException | RuntimeException | Error failure) {
            deleteTree(staging, failure);
            throw failure;
        }
        replace(reportsDir, ReportLayout.SUMMARY, staged.summary());
        replace(reportsDir, ReportLayout.INDEX, IndexPage.latest(keptRuns.with(staged.run())));
        deleteLeftovers(reportsDir);
        return reportsDir.resolve(ReportLayout.INDEX);
    }

    /** A run's summary as written, and as the index reads it back (the one source of both indexes). */
    private record Staged(String summary, KeptRuns.Run run) {
    }

    /** Writes the run's files into {@code staging}; returns its summary. */
    private Staged stage(ReportLayout layout, ClaimPages rendered, Path staging) throws IOException {
        // a claim page depends on its verdict alone: the pages not rendered ahead (their charts most of the report's
        // time) are rendered on every processor, then all are written in catalogue order
        List<String> pages = layout.entries().parallelStream().map(entry -> rendered.page(entry.verdict())).toList();
        for (int i = 0; i < pages.size(); i++) {
            sink.write(staging.resolve(layout.entries().get(i).pageFile()), pages.get(i));
        }
        sink.write(staging.resolve(Theory.PAGE), Theory.page());
        String summary = SummaryJson.render(layout);
        sink.write(staging.resolve(ReportLayout.SUMMARY), summary);
        KeptRuns.Run run = SummaryJson.read(summary, layout.runDirectory());
        sink.write(staging.resolve(ReportLayout.INDEX), IndexPage.ofRun(run));
        return new Staged(summary, run);
    }

    /** Replaces one top-level file by renaming a complete copy over it. */
    private void replace(Path reportsDir, String name, String content) throws IOException {
        Path staged = reportsDir.resolve(STAGING_PREFIX + name);
        sink.write(staged, content);
        Files.move(staged, reportsDir.resolve(name), ATOMIC_MOVE);
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

    /** Staging entries of writes that were killed before they finished. */
    private static void deleteLeftovers(Path reportsDir) throws IOException {
        List<Path> leftovers;
        try (Stream<Path> entries = Files.list(reportsDir)) {
            leftovers = entries.filter(entry -> entry.getFileName().toString().startsWith(STAGING_PREFIX)).toList();
        }
        for (Path leftover : leftovers) {
            deleteTree(leftover);
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
