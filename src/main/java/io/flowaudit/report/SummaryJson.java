package io.flowaudit.report;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.filter.FilteringParserDelegate;
import com.fasterxml.jackson.core.filter.TokenFilter;
import com.fasterxml.jackson.core.filter.TokenFilter.Inclusion;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowaudit.input.JsonInput;
import io.flowaudit.verdict.AuditRun;
import io.flowaudit.verdict.ClaimVerdict;
import io.flowaudit.verdict.Counterexample;
import io.flowaudit.verdict.Figure;
import io.flowaudit.verdict.Histogram;
import io.flowaudit.verdict.Margins;
import io.flowaudit.verdict.Outcome;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code summary.json}: the verdicts and figures of one run for tools, in the schema documented in
 * {@code reports/README.md}. Every key of the file is written and read here: {@link #render} writes it, {@link #read}
 * reads a kept run back for the index, {@link #claimDurations} the previous run's durations for the audit's start
 * order, and {@link #figure(Figure)} / {@link #figure(JsonInput.Member)} are the one JSON form of a figure, which a shard's
 * partial summary uses too.
 *
 * <p>Deterministic: everything that differs between two writes of the same run (the start time, durations, the run
 * directory's name) sits in the top-level {@code "volatile"} object, and the rest is byte-identical for equal runs:
 * keys in a fixed order (the model's maps sorted by key), numbers by {@link Json#number(double)}.
 */
public final class SummaryJson {

    /** Bumped whenever a field changes meaning or disappears; adding fields keeps the version. */
    public static final int SCHEMA_VERSION = 2;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A claim's members that no index row shows, left out when a kept run is read back; the rest is kept whole. */
    private static final TokenFilter NOT_IN_INDEX = new TokenFilter() {
        private final Set<String> skipped = Set.of("figures", "coverage", "hypothesisSpace", "statement",
                "certifiedConstants", "counterexample", "replayCommand", "error");
        private final TokenFilter claim = new TokenFilter() {
            @Override
            public TokenFilter includeProperty(String name) {
                return skipped.contains(name) ? null : TokenFilter.INCLUDE_ALL;
            }
        };
        private final TokenFilter claims = new TokenFilter() {
            @Override
            public TokenFilter includeElement(int index) {
                return claim;
            }
        };

        @Override
        public TokenFilter includeProperty(String name) {
            return name.equals("claims") ? claims : TokenFilter.INCLUDE_ALL;
        }
    };

    /** Only the run's volatile members, which hold the claims' durations: the rest is skipped unparsed. */
    private static final TokenFilter ONLY_VOLATILE = new TokenFilter() {
        @Override
        public TokenFilter includeProperty(String name) {
            return name.equals("volatile") ? TokenFilter.INCLUDE_ALL : null;
        }
    };

    private SummaryJson() {
    }

    /**
     * The summary of {@code run} whose claim pages are in {@code runDirectory} (relative to the reports directory).
     */
    public static String render(AuditRun run, String runDirectory) {
        return render(ReportLayout.of(run, runDirectory));
    }

    static String render(ReportLayout layout) {
        return Json.write(summary(layout));
    }

    private static Map<String, Object> summary(ReportLayout layout) {
        List<ClaimVerdict> claims = layout.entries().stream().map(ReportLayout.Entry::verdict).toList();
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("schemaVersion", SCHEMA_VERSION);
        AuditRun run = layout.run();
        summary.put("allMetExpectation", run.allMetExpectation());
        summary.put("counts", counts(claims));
        summary.put("command", run.command());
        summary.put("seed", run.seed());
        summary.put("machine", run.machine());
        summary.put("versions", new TreeMap<>(run.versions()));
        summary.put("claims", layout.entries().stream().map(SummaryJson::claim).toList());
        summary.put("volatile", volatileFields(layout));
        return summary;
    }

    private static Map<String, Object> counts(List<ClaimVerdict> claims) {
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("claims", claims.size());
        for (Outcome outcome : Outcome.values()) {
            counts.put(outcome.label(), claims.stream().filter(c -> c.outcome() == outcome).count());
        }
        counts.put("metExpectation", claims.stream().filter(ClaimVerdict::metExpectation).count());
        return counts;
    }

    private static Map<String, Object> claim(ReportLayout.Entry entry) {
        ClaimVerdict claim = entry.verdict();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", claim.id());
        json.put("file", claim.file());
        json.put("title", claim.title());
        json.put("theorem", claim.theorem());
        json.put("statement", claim.statement());
        json.put("expected", Labels.expectation(claim.expected()));
        json.put("outcome", claim.outcome().label());
        json.put("metExpectation", claim.metExpectation());
        json.put("tries", claim.tries());
        if (claim.ceiling() != null) {
            // only when the claim file's max-tries cut the run's tries, so a run that asks for no more is unchanged
            Map<String, Object> ceiling = new LinkedHashMap<>();
            ceiling.put("maxTries", claim.ceiling().maxTries());
            ceiling.put("asked", claim.ceiling().asked());
            json.put("triesCeiling", ceiling);
        }
        json.put("triesToFalsify", claim.triesToFalsify());
        json.put("observed", Readings.keyFigure(claim));
        json.put("vacuous", claim.vacuous());
        json.put("vacuousShare", claim.vacuousShare());
        json.put("weakEvidence", claim.weakEvidence());
        json.put("rigour", claim.rigour().name().toLowerCase(Locale.ROOT));
        json.put("proved", claim.proved());
        json.put("inconclusive", claim.inconclusive());
        json.put("margin", margin(claim.margins()));
        json.put("nearestTry", claim.nearest() == null ? null : nearestTry(claim.nearest()));
        json.put("seed", claim.seed());
        json.put("hypothesisSpace", new TreeMap<>(claim.hypothesisSpace()));
        json.put("certifiedConstants", new TreeMap<>(claim.certifiedConstants()));
        json.put("figures", claim.figures().stream().map(SummaryJson::figure).toList());
        json.put("coverage", claim.coverage().stream().map(SummaryJson::histogram).toList());
        json.put("counterexample", claim.counterexample() == null ? null : counterexample(claim.counterexample()));
        json.put("error", claim.error());
        json.put("replayCommand", claim.replayCommand());
        json.put("page", entry.pageFile());
        return json;
    }

    /**
     * A figure as JSON members: numbers as doubles (written by {@link Json#number} here, exactly by Jackson in a
     * partial summary), a null constant as null; {@link #figure(JsonInput.Member)} reads it back.
     */
    public static Map<String, Object> figure(Figure figure) {
        Map<String, Object> json = new LinkedHashMap<>();
        if (figure instanceof Figure.Convergence convergence) {
            json.put("kind", "convergence");
            json.put("title", convergence.title());
            json.put("depths", convergence.depths());
            json.put("errors", convergence.errors());
            json.put("fittedSlope", convergence.fittedSlope());
            json.put("observedOrder", convergence.observedOrder());
            json.put("claimedOrder", convergence.claimedOrder());
            json.put("boundConstant", convergence.boundConstant());
            json.put("leadingConstant", convergence.leadingConstant());
        } else if (figure instanceof Figure.Perturbation perturbation) {
            json.put("kind", "perturbation");
            json.put("title", perturbation.title());
            json.put("distances", perturbation.distances());
            json.put("step", perturbation.step());
            json.put("rho", perturbation.rho());
            json.put("mu", perturbation.mu());
            json.put("thresholdDepth", perturbation.thresholdDepth());
            // Theorem 5's figures only: the others' members stay what they were
            if (perturbation.fieldEpsilon() != 0) {
                json.put("fieldEpsilon", perturbation.fieldEpsilon());
            }
        } else if (figure instanceof Figure.Curves curves) {
            json.put("kind", "curves");
            json.put("title", curves.title());
            json.put("xLabel", curves.xLabel());
            json.put("yLabel", curves.yLabel());
            json.put("logX", curves.logX());
            json.put("logY", curves.logY());
            json.put("curves", curves.curves().stream().map(curve -> {
                Map<String, Object> one = new LinkedHashMap<>();
                one.put("label", curve.label());
                one.put("role", curve.role().name().toLowerCase(Locale.ROOT));
                one.put("x", curve.x());
                one.put("y", curve.y());
                return one;
            }).toList());
        }
        return json;
    }

    private static Map<String, Object> margin(Margins margins) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("judged", margins.judged());
        json.put("worst", margins.worst());
        json.put("worstTry", margins.worstTry());
        json.put("median", margins.median());
        return json;
    }

    private static Map<String, Object> histogram(Histogram histogram) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("quantity", histogram.quantity());
        json.put("bins", histogram.bins().stream().map(bin -> {
            Map<String, Object> binJson = new LinkedHashMap<>();
            binJson.put("label", bin.label());
            binJson.put("count", bin.count());
            return binJson;
        }).toList());
        return json;
    }

    private static Map<String, Object> counterexample(Counterexample counterexample) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("description", counterexample.description());
        json.put("parameters", new TreeMap<>(counterexample.parameters()));
        json.put("observed", counterexample.observed());
        json.put("bound", counterexample.bound());
        json.put("shrinkSteps", counterexample.shrinkSteps());
        json.put("shrinkBudgetSpent", counterexample.shrinkBudgetSpent());
        return json;
    }

    private static Map<String, Object> nearestTry(ClaimVerdict.NearestTry nearest) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("try", nearest.attempt());
        json.put("observed", nearest.observed());
        json.put("bound", nearest.bound());
        return json;
    }

    private static Map<String, Object> volatileFields(ReportLayout layout) {
        AuditRun run = layout.run();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("startedAt", run.startedAt().toString());
        json.put("durationSeconds", seconds(run.duration()));
        Map<String, Object> claimDurations = new LinkedHashMap<>();
        for (ClaimVerdict claim : run.claims()) {
            claimDurations.put(claim.id(), seconds(claim.duration()));
        }
        json.put("claimDurationSeconds", claimDurations);
        json.put("runDirectory", layout.runDirectory());
        return json;
    }

    /** Exact to the nanosecond, without the rounding a double would add. */
    private static BigDecimal seconds(Duration duration) {
        BigDecimal seconds = BigDecimal.valueOf(duration.toNanos()).movePointLeft(9).stripTrailingZeros();
        return seconds.scale() < 0 ? seconds.setScale(0) : seconds;
    }

    /** A figure written by {@link #figure(Figure)}: numbers as JSON numbers, or as text ("NaN", "Infinity"). */
    public static Figure figure(JsonInput.Member json) {
        String title = json.get("title").text();
        switch (json.get("kind").text()) {
            case "convergence": {
                List<Integer> depths = json.get("depths").elements().stream().map(JsonInput.Member::count).toList();
                return new Figure.Convergence(title, depths, numbers(json.get("errors")),
                        json.get("fittedSlope").numberOrNonFinite(), json.get("claimedOrder").count(),
                        optionalNumber(json.optional("boundConstant")),
                        optionalNumber(json.optional("leadingConstant")));
            }
            case "perturbation":
                return new Figure.Perturbation(title, numbers(json.get("distances")),
                        json.get("step").numberOrNonFinite(), json.get("rho").numberOrNonFinite(),
                        json.get("mu").numberOrNonFinite(), json.get("thresholdDepth").numberOrNonFinite(),
                        Objects.requireNonNullElse(optionalNumber(json.optional("fieldEpsilon")), 0.0));
            case "curves": {
                List<Figure.Curve> curves = new ArrayList<>();
                for (JsonInput.Member curve : json.get("curves").elements()) {
                    curves.add(new Figure.Curve(curve.get("label").text(), curve.get("role").oneOf(Figure.Role.class),
                            numbers(curve.get("x")), numbers(curve.get("y"))));
                }
                return new Figure.Curves(title, json.get("xLabel").text(), json.get("yLabel").text(),
                        json.get("logX").bool(), json.get("logY").bool(), curves);
            }
            default:
                throw json.get("kind").bad("expected convergence, perturbation or curves");
        }
    }

    /** A run kept in the reports directory, read back from its summary; {@code directory} is where its pages are. */
    static KeptRuns.Run read(String summaryJson, String directory) throws IOException {
        return read(JSON.getFactory().createParser(summaryJson), directory);
    }

    /** {@link #read(String, String)} of a summary file, decoded as it is parsed. */
    static KeptRuns.Run read(Path summaryFile, String directory) throws IOException {
        return read(JSON.getFactory().createParser(summaryFile.toFile()), directory);
    }

    /**
     * The members a kept run's rows need, and no more: an index reads every kept run's summary at every write, and the
     * figures, histograms and words of a claim, most of a summary's bytes, are skipped unparsed (their numbers never
     * converted), which made reading 77 kept runs several times faster.
     */
    private static KeptRuns.Run read(JsonParser source, String directory) throws IOException {
        JsonNode summary;
        try (JsonParser parser = new FilteringParserDelegate(source, NOT_IN_INDEX, Inclusion.INCLUDE_ALL_AND_PATH, true)) {
            summary = JSON.readTree(parser);
        }
        if (summary == null) {
            throw new JsonParseException(source, "an empty summary");
        }
        JsonNode volatileFields = summary.required("volatile");
        Instant startedAt = Instant.parse(volatileFields.required("startedAt").asText());
        JsonNode durations = volatileFields.path("claimDurationSeconds");
        long seed = summary.required("seed").asLong();
        List<KeptRuns.Row> rows = new ArrayList<>();
        for (JsonNode claim : summary.required("claims")) {
            String id = claim.required("id").asText();
            JsonNode margin = claim.path("margin");
            rows.add(new KeptRuns.Row(directory, startedAt, seed, id, claim.required("file").asText(),
                    claim.required("title").asText(),
                    claim.required("theorem").asText(), claim.required("outcome").asText(),
                    claim.required("expected").asText(), claim.required("metExpectation").asBoolean(),
                    claim.required("tries").asInt(), textOrNull(claim.path("observed")),
                    numberOrNull(margin.path("worst")), margin.path("worstTry").asInt(),
                    numberOrNull(margin.path("median")), claim.path("vacuous").asInt(),
                    claim.path("weakEvidence").asBoolean(),
                    claim.path("rigour").asText().equals("proved") ? claim.path("proved").asInt() : null,
                    numberOrNull(durations.path(id)), claim.required("page").asText()));
        }
        Map<String, String> versions = new LinkedHashMap<>();
        summary.required("versions").fields().forEachRemaining(entry -> versions.put(entry.getKey(),
                entry.getValue().asText()));
        return new KeptRuns.Run(directory, startedAt, volatileFields.path("durationSeconds").asDouble(),
                summary.required("command").asText(), seed,
                summary.required("machine").asText(), versions, List.copyOf(rows));
    }

    /**
     * Claim durations in seconds by id from the summary.json in {@code reportDirectory}: empty when there is none, or
     * when it cannot be read (another schema, half written). Read before the first claim starts, so only the volatile
     * members are parsed (the whole tree of a summary took 40-50 ms of that serial start).
     */
    public static Map<String, Double> claimDurations(Path reportDirectory) {
        Path summary = reportDirectory.resolve(ReportLayout.SUMMARY);
        Map<String, Double> seconds = new HashMap<>();
        if (!Files.isRegularFile(summary)) {
            return seconds;
        }
        try (JsonParser parser = new FilteringParserDelegate(JSON.getFactory().createParser(summary.toFile()),
                ONLY_VOLATILE, Inclusion.INCLUDE_ALL_AND_PATH, false)) {
            JsonNode read = JSON.readTree(parser);
            JsonNode durations = read == null ? JSON.missingNode() : read.path("volatile").path("claimDurationSeconds");
            durations.fields().forEachRemaining(entry -> {
                if (entry.getValue().isNumber()) {
                    seconds.put(entry.getKey(), entry.getValue().asDouble());
                }
            });
        } catch (IOException unreadable) {
            seconds.clear();
        }
        return seconds;
    }

    private static Double optionalNumber(JsonInput.Member json) {
        return json == null ? null : json.numberOrNonFinite();
    }

    private static List<Double> numbers(JsonInput.Member json) {
        return Arrays.stream(json.numbersOrNonFinite()).boxed().toList();
    }

    private static String textOrNull(JsonNode node) {
        return node.isTextual() ? node.asText() : null;
    }

    private static Double numberOrNull(JsonNode node) {
        return node.isNumber() ? node.asDouble() : null;
    }
}
