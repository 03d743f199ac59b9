package io.flowaudit.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowaudit.input.BadInputException;
import io.flowaudit.input.InputPaths;
import io.flowaudit.verdict.AuditRun;
import io.flowaudit.verdict.ClaimVerdict;
import io.flowaudit.verdict.Counterexample;
import io.flowaudit.verdict.Coverage;
import io.flowaudit.verdict.Expectation;
import io.flowaudit.verdict.Figure;
import io.flowaudit.verdict.Margins;
import io.flowaudit.verdict.Outcome;
import io.flowaudit.verdict.Rigour;
import io.flowaudit.verdict.Shard;
import io.flowaudit.verdict.TryBlock;
import io.flowaudit.verdict.TryStatistics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One shard's part of an audit ({@code audit --shard K/N}), written as {@code partial-summary-K-of-N.json}:
 * for every claim, what its block of tries found, with every number needed to join the blocks exactly
 * (doubles in full, the margins and real coverage values in try order). {@link #merge} joins the parts
 * of a run into the run one machine would have made: same verdicts, counts, margins, histograms and
 * counterexamples. Each shard shrinks its own first failure, so merging re-runs nothing: the verdict
 * takes the counterexample of the earliest shard that failed, which is the run's first failing try,
 * shrunk from the same drawn instance as a whole run shrinks it.
 *
 * @param command   the whole run's command, which the merged report names
 * @param claims    every claim of the run, in run order
 */
public record PartialSummary(String command, long seed, Shard shard, Instant startedAt, Duration duration,
        String machine, Map<String, String> versions, List<Claim> claims) {

    /** Names the format in every file; bumped when a field changes meaning. */
    static final String FORMAT = "flowaudit partial summary 2";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** One claim's block of tries in this shard, and how long it took. */
    public record Claim(ClaimVerdict.Header header, TryBlock block, Duration duration) {
    }

    /** The file name of this shard's part. */
    String fileName() {
        return "partial-summary-" + shard.index() + "-of-" + shard.count() + ".json";
    }

    /** Writes this part into {@code directory} (atomically: a reader never sees half a file). */
    public Path write(Path directory) throws IOException {
        Files.createDirectories(directory);
        Path file = directory.resolve(fileName());
        Path staged = directory.resolve("." + fileName() + ".writing");
        Files.writeString(staged, JSON.writeValueAsString(toJson()), StandardCharsets.UTF_8);
        return Files.move(staged, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * The run whose shards are the partial summaries {@code sources} names: files, and the
     * {@code partial-summary-*.json} files of directories.
     *
     * @throws BadInputException naming the part that cannot be read or does not fit
     */
    public static AuditRun merge(List<Path> sources) {
        List<Path> files = InputPaths.filesIn(sources, name -> name.matches("partial-summary-.*\\.json"),
                "partial summary", "partial summaries", "partial-summary-*.json");
        return merge(files.stream().map(PartialSummary::readFile).toList(), files);
    }

    /**
     * The run whose shards are {@code parts}: one part for each of shards 1..N of the same run (seed,
     * command, versions, claims), in any order.
     *
     * @throws BadInputException naming the part that does not fit
     */
    static AuditRun merge(List<PartialSummary> parts, List<Path> files) {
        PartialSummary first = parts.get(0);
        PartialSummary[] byIndex = new PartialSummary[first.shard().count() + 1];
        for (int i = 0; i < parts.size(); i++) {
            PartialSummary part = parts.get(i);
            String file = files.get(i).toString();
            requireSame(file, "shard count", first.shard().count(), part.shard().count());
            requireSame(file, "seed", first.seed(), part.seed());
            requireSame(file, "command", first.command(), part.command());
            requireSame(file, "versions", first.versions(), part.versions());
            requireSame(file, "claims", first.claims().stream().map(c -> c.header().id()).toList(),
                    part.claims().stream().map(c -> c.header().id()).toList());
            for (int c = 0; c < part.claims().size(); c++) {
                requireSame(file, "claim '" + part.claims().get(c).header().id() + "'", first.claims().get(c).header(),
                        part.claims().get(c).header());
            }
            if (byIndex[part.shard().index()] != null) {
                throw new BadInputException(file, "shard " + part.shard() + " is given twice (the other is "
                        + files.get(parts.indexOf(byIndex[part.shard().index()])) + ")");
            }
            byIndex[part.shard().index()] = part;
        }
        List<Integer> missing = new ArrayList<>();
        for (int k = 1; k < byIndex.length; k++) {
            if (byIndex[k] == null) {
                missing.add(k);
            }
        }
        if (!missing.isEmpty()) {
            throw new BadInputException(files.toString(), "shards " + missing + " of " + first.shard().count()
                    + " are missing: every shard 1.." + first.shard().count() + " of the run is needed");
        }
        List<ClaimVerdict> verdicts = new ArrayList<>();
        for (int c = 0; c < first.claims().size(); c++) {
            TryBlock joined = new TryBlock();
            Duration duration = Duration.ZERO;
            for (int k = 1; k < byIndex.length; k++) {
                Claim part = byIndex[k].claims().get(c);
                joined = joined.then(part.block());
                duration = duration.plus(part.duration());
            }
            verdicts.add(first.claims().get(c).header().verdict(joined, duration));
        }
        Instant started = parts.stream().map(PartialSummary::startedAt).min(Comparator.naturalOrder()).orElseThrow();
        Instant ended = parts.stream().map(p -> p.startedAt().plus(p.duration())).max(Comparator.naturalOrder())
                .orElseThrow();
        String machines = String.join("; ", parts.stream().map(PartialSummary::machine).distinct().toList());
        return new AuditRun(first.command(), first.seed(), started, Duration.between(started, ended), machines,
                first.versions(), verdicts);
    }

    private static void requireSame(String file, String what, Object expected, Object found) {
        if (!expected.equals(found)) {
            throw new BadInputException(file, "this part is of another run: its " + what + " (" + found
                    + ") is not the first part's (" + expected + ")");
        }
    }

    private ObjectNode toJson() {
        ObjectNode json = JSON.createObjectNode();
        json.put("format", FORMAT);
        json.put("command", command);
        json.put("seed", seed);
        json.put("shard", shard.index());
        json.put("shards", shard.count());
        json.put("startedAt", startedAt.toString());
        json.put("durationNanos", duration.toNanos());
        json.put("machine", machine);
        json.set("versions", JSON.valueToTree(new TreeMap<>(versions)));
        ArrayNode claimsJson = json.putArray("claims");
        for (Claim claim : claims) {
            ObjectNode claimJson = claimsJson.addObject();
            header(claimJson, claim.header());
            claimJson.put("durationNanos", claim.duration().toNanos());
            block(claimJson.putObject("block"), claim.block());
        }
        return json;
    }

    private static void header(ObjectNode json, ClaimVerdict.Header header) {
        json.put("id", header.id());
        json.put("file", header.file());
        json.put("title", header.title());
        json.put("theorem", header.theorem());
        json.put("statement", header.statement());
        json.put("expected", header.expected().name());
        json.put("rigour", header.rigour().name());
        json.set("hypothesisSpace", JSON.valueToTree(header.hypothesisSpace()));
        json.put("seed", header.seed());
        json.put("tries", header.tries());
        if (header.ceiling() != null) {
            json.putObject("triesCeiling").put("maxTries", header.ceiling().maxTries())
                    .put("asked", header.ceiling().asked());
        }
        json.put("replayCommand", header.replayCommand());
    }

    private static void block(ObjectNode json, TryBlock block) {
        json.put("counted", block.counted());
        json.put("vacuous", block.vacuous());
        json.put("proved", block.proved());
        json.put("inconclusive", block.inconclusive());
        ObjectNode margins = json.putObject("margins");
        numbers(margins.putArray("values"), block.margins().values());
        margins.put("worstTry", block.margins().worstTry());
        numbers(json.putArray("statistics"), block.statistics().state());
        ObjectNode coverage = json.putObject("coverage");
        coverage.set("dimensions", JSON.valueToTree(block.coverage().dimensions()));
        coverage.set("depths", JSON.valueToTree(block.coverage().depths()));
        ArrayNode binned = coverage.putArray("binned");
        for (int i = 0; i < Coverage.BINNED.size(); i++) {
            numbers(binned.addArray(), block.coverage().binnedValues(i));
        }
        if (block.ending() != null) {
            TryBlock.Ending ending = block.ending();
            ObjectNode endingJson = json.putObject("ending");
            endingJson.put("attempt", ending.attempt());
            endingJson.put("outcome", ending.outcome().name());
            if (ending.counterexample() != null) {
                counterexample(endingJson.putObject("counterexample"), ending.counterexample());
            }
            if (ending.evidence() != null) {
                example(endingJson.putObject("evidence"), ending.evidence());
            }
            endingJson.put("error", ending.error());
        }
        if (block.example() != null) {
            example(json.putObject("example"), block.example());
        }
    }

    private static void counterexample(ObjectNode json, Counterexample counterexample) {
        json.put("description", counterexample.description());
        json.set("parameters", JSON.valueToTree(counterexample.parameters()));
        json.put("observed", counterexample.observed());
        json.put("bound", counterexample.bound());
        json.put("shrinkSteps", counterexample.shrinkSteps());
    }

    private static void example(ObjectNode json, TryBlock.Example example) {
        json.put("attempt", example.attempt());
        json.set("constants", JSON.valueToTree(example.constants()));
        ArrayNode figures = json.putArray("figures");
        example.figures().forEach(figure -> figures.add(JSON.valueToTree(SummaryJson.figure(figure))));
    }

    // doubles exactly: Jackson writes a finite double in the digits that read back to it, and JSON has no
    // NaN or infinity, so those are written as the text Double.parseDouble reads (Jackson quotes a figure's
    // non-finite members so itself)

    private static void numbers(ArrayNode json, double[] values) {
        for (double value : values) {
            if (Double.isFinite(value)) {
                json.add(value);
            } else {
                json.add(Double.toString(value));
            }
        }
    }

    private static PartialSummary readFile(Path file) {
        JsonNode json;
        try {
            json = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new BadInputException(file.toString(), "not a partial summary: " + e.getMessage().lines()
                    .findFirst().orElse(""));
        }
        if (json == null || !FORMAT.equals(json.path("format").asText())) {
            throw new BadInputException(file.toString(), "not a partial summary: expected \"format\": \"" + FORMAT
                    + "\" (written by audit --shard K/N of this version)");
        }
        try {
            return fromJson(new Reader(file), json);
        } catch (IllegalArgumentException | NullPointerException | java.time.DateTimeException e) {
            throw new BadInputException(file.toString(), "a malformed partial summary: " + e.getMessage());
        }
    }

    private static PartialSummary fromJson(Reader in, JsonNode json) {
        List<Claim> claims = new ArrayList<>();
        for (JsonNode claim : in.require(json, "claims")) {
            ClaimVerdict.Header header = new ClaimVerdict.Header(in.text(claim, "id"), in.text(claim, "file"), in.text(claim, "title"),
                    in.text(claim, "theorem"), in.text(claim, "statement"),
                    Expectation.valueOf(in.text(claim, "expected")), Rigour.valueOf(in.text(claim, "rigour")),
                    in.texts(in.require(claim, "hypothesisSpace")),
                    in.require(claim, "seed").asLong(), in.require(claim, "tries").asInt(),
                    claim.has("triesCeiling") ? new ClaimVerdict.TriesCeiling(
                            in.require(claim.get("triesCeiling"), "maxTries").asInt(),
                            in.require(claim.get("triesCeiling"), "asked").asInt()) : null,
                    in.text(claim, "replayCommand"));
            claims.add(new Claim(header, block(in, in.require(claim, "block")),
                    Duration.ofNanos(in.require(claim, "durationNanos").asLong())));
        }
        Shard shard;
        try {
            shard = new Shard(in.require(json, "shard").asInt(), in.require(json, "shards").asInt());
        } catch (IllegalArgumentException e) {
            throw new BadInputException(in.file.toString(), e.getMessage());
        }
        return new PartialSummary(in.text(json, "command"), in.require(json, "seed").asLong(), shard,
                Instant.parse(in.text(json, "startedAt")), Duration.ofNanos(in.require(json, "durationNanos").asLong()),
                in.text(json, "machine"), in.texts(in.require(json, "versions")), claims);
    }

    private static TryBlock block(Reader in, JsonNode json) {
        JsonNode margins = in.require(json, "margins");
        JsonNode coverage = in.require(json, "coverage");
        List<double[]> binned = new ArrayList<>();
        for (JsonNode values : in.require(coverage, "binned")) {
            binned.add(in.numbers(values));
        }
        if (binned.size() != Coverage.BINNED.size()) {
            throw new IllegalArgumentException("expected " + Coverage.BINNED.size() + " binned quantities");
        }
        TryBlock.Ending ending = null;
        JsonNode endingJson = json.get("ending");
        if (endingJson != null) {
            ending = new TryBlock.Ending(in.require(endingJson, "attempt").asInt(),
                    Outcome.valueOf(in.text(endingJson, "outcome")),
                    endingJson.has("counterexample") ? counterexample(in, endingJson.get("counterexample")) : null,
                    endingJson.has("evidence") ? example(in, endingJson.get("evidence")) : null,
                    endingJson.path("error").isNull() ? null : endingJson.path("error").asText());
        }
        return new TryBlock(in.require(json, "counted").asInt(), in.require(json, "vacuous").asInt(),
                in.require(json, "proved").asInt(), in.require(json, "inconclusive").asInt(),
                Margins.Tally.of(in.numbers(in.require(margins, "values")), in.require(margins, "worstTry").asInt()),
                Coverage.of(in.counts(in.require(coverage, "dimensions")), in.counts(in.require(coverage, "depths")),
                        binned),
                TryStatistics.Tally.of(in.numbers(in.require(json, "statistics"))), ending, json.has("example") ? example(in, json.get("example")) : null);
    }

    private static Counterexample counterexample(Reader in, JsonNode json) {
        return new Counterexample(in.text(json, "description"), in.texts(in.require(json, "parameters")),
                in.text(json, "observed"), in.text(json, "bound"), in.require(json, "shrinkSteps").asInt());
    }

    private static TryBlock.Example example(Reader in, JsonNode json) {
        List<Figure> figures = new ArrayList<>();
        in.require(json, "figures").forEach(figure -> figures.add(SummaryJson.figure(figure)));
        return new TryBlock.Example(in.require(json, "attempt").asInt(), in.texts(in.require(json, "constants")),
                figures);
    }

    /** Reads the members of one file, naming what is missing. */
    private record Reader(Path file) {

        JsonNode require(JsonNode json, String key) {
            JsonNode value = json.get(key);
            if (value == null || value.isNull()) {
                throw new IllegalArgumentException("missing \"" + key + "\"");
            }
            return value;
        }

        String text(JsonNode json, String key) {
            return require(json, key).asText();
        }

        Map<String, String> texts(JsonNode json) {
            Map<String, String> texts = new LinkedHashMap<>();
            json.fields().forEachRemaining(entry -> texts.put(entry.getKey(), entry.getValue().asText()));
            return texts;
        }

        Map<Integer, Long> counts(JsonNode json) {
            Map<Integer, Long> counts = new TreeMap<>();
            json.fields().forEachRemaining(entry -> counts.put(Integer.valueOf(entry.getKey()), entry.getValue().asLong()));
            return counts;
        }

        double number(JsonNode json) {
            return json.isTextual() ? Double.parseDouble(json.asText()) : json.doubleValue();
        }

        double[] numbers(JsonNode json) {
            double[] values = new double[json.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = number(json.get(i));
            }
            return values;
        }
    }
}
