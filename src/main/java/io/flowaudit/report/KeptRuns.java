package io.flowaudit.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.flowaudit.verdict.ClaimVerdict;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
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

    private static final ObjectMapper JSON = new ObjectMapper();

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
    record Row(String runDirectory, Instant runStartedAt, String id, String title, String theorem, String outcome,
            String expected, boolean metExpectation, int tries, String observed, Double worstMargin,
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
            return outcome.equals(Labels.outcome(io.flowaudit.verdict.Outcome.NOT_RUN));
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
                runs.add(parse(Files.readString(summary), directory.getFileName().toString()));
            } catch (JsonProcessingException | RuntimeException unreadable) {
                // not a summary this writer wrote (or one of an older schema): listed nowhere, deleted never
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return runs;
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

    /** A run from its summary.json text; {@code directory} is where its pages are. */
    static Run parse(String summaryJson, String directory) throws JsonProcessingException {
        JsonNode summary = JSON.readTree(summaryJson);
        JsonNode volatileFields = summary.required("volatile");
        Instant startedAt = Instant.parse(volatileFields.required("startedAt").asText());
        JsonNode durations = volatileFields.path("claimDurationSeconds");
        List<Row> rows = new ArrayList<>();
        for (JsonNode claim : summary.required("claims")) {
            String id = claim.required("id").asText();
            JsonNode margin = claim.path("margin");
            rows.add(new Row(directory, startedAt, id, claim.required("title").asText(),
                    claim.required("theorem").asText(), claim.required("outcome").asText(),
                    claim.required("expected").asText(), claim.required("metExpectation").asBoolean(),
                    claim.required("tries").asInt(), text(claim.path("observed")),
                    number(margin.path("worst")), margin.path("worstTry").asInt(), number(margin.path("median")),
                    claim.path("vacuous").asInt(), claim.path("weakEvidence").asBoolean(),
                    claim.path("rigour").asText().equals("proved") ? claim.path("proved").asInt() : null,
                    number(durations.path(id)),
                    claim.required("page").asText()));
        }
        Map<String, String> versions = new LinkedHashMap<>();
        summary.required("versions").fields().forEachRemaining(entry -> versions.put(entry.getKey(),
                entry.getValue().asText()));
        return new Run(directory, startedAt, volatileFields.path("durationSeconds").asDouble(),
                summary.required("command").asText(), summary.required("seed").asLong(),
                summary.required("machine").asText(), versions, List.copyOf(rows));
    }

    private static String text(JsonNode node) {
        return node.isTextual() ? node.asText() : null;
    }

    private static Double number(JsonNode node) {
        return node.isNumber() ? node.asDouble() : null;
    }
}
