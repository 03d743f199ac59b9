package io.flowaudit.report;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.flowaudit.verdict.ClaimVerdict;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;

/**
 * The runs kept in a reports directory, each read back from the {@code summary.json} inside its run directory. The
 * index is built from these alone, so it shows what is on disk: a run directory deleted by hand (the way to prune)
 * drops out of the next index, and a directory without a readable summary (not written by a complete run) is never
 * listed.
 */
final class KeptRuns {

    private KeptRuns() {
    }

    /** One kept run: its header facts and one row per claim, in catalogue order. */
    record Run(String directory, Instant startedAt, double durationSeconds, String command, long seed,
            String machine, Map<String, String> versions, List<Row> claims) {

        long unmet() {
            return claims.stream().filter(row -> !row.metExpectation() && !row.notRun()).count();
        }
    }

    /**
     * What the index shows of one claim in one run.
     *
     * @param runSeed         the seed of the run, which with the file and the tries replays the row
     * @param file            the claim file as the run named it
     * @param page            the claim page's file name inside the run directory
     * @param observed        the claim's key figure in words (an order, observed/bound), or null
     * @param worstMargin     the largest observed/(bound + resolution) over the tries, or null when the claim has no such ratio
     * @param worstTry        the try that reached it (0 when none)
     * @param medianMargin    the median observed/(bound + resolution) over the tries that tested the claim, or null
     * @param vacuous         how many tries could not test the claim
     * @param weakEvidence    it holds with more than {@link ClaimVerdict#WEAK_EVIDENCE_VACUOUS_SHARE} of its tries
     *                        vacuous
     * @param proved          how many tries held by proof, for a claim of {@code rigour: proved} (its vacuous tries
     *                        are those left undecided); null for a claim decided from observed values
     */
    record Row(String runDirectory, Instant runStartedAt, long runSeed, String id, String file, String title, String theorem,
            String outcome, String expected, boolean metExpectation, int tries, String observed, Double worstMargin,
            int worstTry, Double medianMargin, int vacuous, boolean weakEvidence, Integer proved, Double durationSeconds,
            String page) {

        String href() {
            return runDirectory + "/" + page;
        }

        double vacuousShare() {
            return tries == 0 ? 0 : (double) vacuous / tries;
        }

        /** Not run for an absent input: shown apart, neither met nor missed. */
        boolean notRun() {
            return outcome.equals(io.flowaudit.verdict.Outcome.NOT_RUN.label());
        }
    }

    /**
     * The run directories in {@code reportsDir} as they are now, their summaries parsed on another thread while the
     * caller works: a writer lists them before its own run directory exists and adds its run by {@link Reading#with}.
     */
    static Reading readInBackground(Path reportsDir) throws IOException {
        List<Path> directories;
        try (Stream<Path> entries = Files.list(reportsDir)) {
            directories = entries.filter(Files::isDirectory)
                    .filter(entry -> entry.getFileName().toString().startsWith(ReportWriter.RUN_PREFIX))
                    .toList();
        }
        return new Reading(CompletableFuture.supplyAsync(() -> read(directories)));
    }

    /** Kept runs being read. */
    static final class Reading {

        private final CompletableFuture<List<Run>> runs;

        private Reading(CompletableFuture<List<Run>> runs) {
            this.runs = runs;
        }

        /** Every run read, and {@code added}, newest first. */
        List<Run> with(Run added) throws IOException {
            List<Run> all;
            try {
                all = new ArrayList<>(runs.join());
            } catch (CompletionException e) {
                if (e.getCause() instanceof UncheckedIOException unreadable) {
                    throw unreadable.getCause();
                }
                throw e;
            }
            all.add(added);
            all.sort(Comparator.comparing(Run::startedAt).thenComparing(Run::directory).reversed());
            return all;
        }
    }

    /** The runs of those of {@code directories} that hold a readable summary. */
    private static List<Run> read(List<Path> directories) {
        List<Run> runs = new ArrayList<>();
        for (Path directory : directories) {
            Path summary = directory.resolve(ReportLayout.SUMMARY);
            if (!Files.isRegularFile(summary)) {
                continue;
            }
            try {
                runs.add(SummaryJson.read(summary, directory.getFileName().toString()));
            } catch (JsonProcessingException | RuntimeException unreadable) {
                // not a summary this writer wrote (or one of an older schema): listed nowhere, deleted never
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return runs;
    }

    /**
     * When {@code row}'s claim file was last modified, if that was after the run that produced the row started: the
     * row is then the verdict on the file as it was, which the index must not show as the file's current one (until
     * 2026-11-30 it did, marked only as from an earlier run). Null when it was not, or when the file cannot be read
     * from here (moved, or named relative to another directory): a modification time proves a change, its absence
     * proves nothing.
     */
    static Instant claimFileChangedSince(Row row) {
        try {
            Instant modified = Files.getLastModifiedTime(Path.of(row.file())).toInstant();
            return modified.isAfter(row.runStartedAt()) ? modified : null;
        } catch (IOException | InvalidPathException unreadable) {
            return null;
        }
    }

    /**
     * The latest row of each claim: every claim of the newest run, then claims only older runs checked, each from
     * the newest run that did.
     */
    static List<Row> latestOfEachClaim(List<Run> newestFirst) {
        Map<String, Row> latest = new LinkedHashMap<>();
        for (Run run : newestFirst) {
            for (Row row : run.claims()) {
                latest.putIfAbsent(row.id(), row);
            }
        }
        return List.copyOf(latest.values());
    }
}
