package io.flowaudit.baseline;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.flowaudit.input.BadInputException;
import io.flowaudit.input.InputFiles;
import io.flowaudit.input.InputLimits;
import io.flowaudit.verdict.ClaimVerdict;
import io.flowaudit.verdict.Outcome;
import io.flowaudit.verdict.TryStatistics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A baseline: per claim, the numbers of one run that a later run is compared with ({@link Drift}). Written as JSON
 * with sorted keys and numbers that parse back to the same double, so a changed baseline reads as a small diff in
 * review; absent numbers (no observed order, say) are {@code null}. Tolerances written into the file, for all claims
 * or one, and the claims a run did not check, are kept when the file is updated.
 *
 * @param seed       the seed of the run it records
 * @param tolerances tolerances for every claim, by name, replacing the defaults (may be empty)
 * @param claims     the claims' numbers by id
 */
public record Baseline(long seed, SortedMap<String, Double> tolerances, SortedMap<String, Entry> claims) {

    /** The file's format; a file of another format is refused rather than misread. */
    static final String FORMAT = "flowaudit-baseline-1";

    /**
     * One claim's numbers.
     *
     * @param verdict            holds, falsified, hypothesis-refuted or error
     * @param tries              tries counted
     * @param triesToFalsify     the try that refuted it (0 when none)
     * @param vacuousShare       share of the tries that could not test it
     * @param order              mean observed order (NaN when the claim fits none)
     * @param orderStandardError its standard error (NaN with fewer than two orders)
     * @param fittedConstant     max over tries of L times the uniform error (NaN when none)
     * @param marginQuantiles    quantiles of observed/(bound + resolution) by name
     * @param seconds            run time (recorded; gated only when asked)
     * @param tolerances         this claim's own tolerances by name (may be empty)
     */
    public record Entry(String verdict, int tries, int triesToFalsify, double vacuousShare, double order,
            double orderStandardError, double fittedConstant, SortedMap<String, Double> marginQuantiles, double seconds,
            SortedMap<String, Double> tolerances) {

        static Entry of(ClaimVerdict verdict) {
            TryStatistics statistics = verdict.statistics();
            return new Entry(verdict.outcome().label(), verdict.tries(),
                    verdict.triesToFalsify(), verdict.vacuousShare(), statistics.order(),
                    statistics.orderStandardError(), statistics.fittedConstant(),
                    new TreeMap<>(statistics.marginQuantiles()), verdict.duration().toMillis() / 1000.0,
                    new TreeMap<>());
        }

        Entry withTolerances(SortedMap<String, Double> kept) {
            return new Entry(verdict, tries, triesToFalsify, vacuousShare, order, orderStandardError, fittedConstant,
                    marginQuantiles, seconds, kept);
        }
    }

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    /** The verdicts a baseline records: every outcome's label but not-run (a claim not run keeps its old entry). */
    private static final List<String> VERDICTS = Arrays.stream(Outcome.values()).filter(o -> o != Outcome.NOT_RUN)
            .map(Outcome::label).toList();
    private static final List<String> TOP_KEYS = List.of("claims", "format", "seed", "tolerances");
    private static final List<String> ENTRY_KEYS = List.of("fittedConstant", "marginQuantiles", "observedOrder",
            "observedOrderStandardError", "seconds", "tolerances", "tries", "triesToFalsify", "vacuousShare",
            "verdict");

    /** The baseline of a run's verdicts. */
    public static Baseline of(long seed, List<ClaimVerdict> verdicts) {
        SortedMap<String, Entry> claims = new TreeMap<>();
        verdicts.forEach(verdict -> claims.put(verdict.id(), Entry.of(verdict)));
        return new Baseline(seed, new TreeMap<>(), claims);
    }

    /**
     * {@code previous} updated with this run: its tolerances kept, the claims run replaced, the claims not run
     * kept as they were (an audit of one claim file updates that claim only; a deleted claim's entry is deleted by
     * hand).
     */
    public Baseline updating(Baseline previous) {
        SortedMap<String, Entry> updated = new TreeMap<>(previous.claims());
        claims.forEach((id, entry) -> {
            Entry before = previous.claims().get(id);
            updated.put(id, before == null ? entry : entry.withTolerances(before.tolerances()));
        });
        return new Baseline(seed, previous.tolerances(), updated);
    }

    /** The file's text: sorted keys, two-space indentation, one number per line. */
    public String toJson() {
        Map<String, Object> top = new TreeMap<>();
        top.put("format", FORMAT);
        top.put("seed", seed);
        if (!tolerances.isEmpty()) {
            top.put("tolerances", tolerances);
        }
        Map<String, Object> entries = new TreeMap<>();
        claims.forEach((id, entry) -> {
            Map<String, Object> json = new TreeMap<>();
            json.put("verdict", entry.verdict());
            json.put("tries", entry.tries());
            json.put("triesToFalsify", entry.triesToFalsify());
            json.put("vacuousShare", finiteOrNull(entry.vacuousShare()));
            json.put("observedOrder", finiteOrNull(entry.order()));
            json.put("observedOrderStandardError", finiteOrNull(entry.orderStandardError()));
            json.put("fittedConstant", finiteOrNull(entry.fittedConstant()));
            json.put("marginQuantiles", entry.marginQuantiles());
            json.put("seconds", entry.seconds());
            if (!entry.tolerances().isEmpty()) {
                json.put("tolerances", entry.tolerances());
            }
            entries.put(id, json);
        });
        top.put("claims", entries);
        try {
            return JSON.writeValueAsString(top) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a baseline of numbers and text is always writable", e);
        }
    }

    /** Writes the file, replacing it whole: written beside it, then renamed over it. */
    public void write(Path file) throws IOException {
        Path absolute = file.toAbsolutePath();
        Path staging = absolute.resolveSibling(absolute.getFileName() + ".writing");
        Files.writeString(staging, toJson(), StandardCharsets.UTF_8);
        Files.move(staging, absolute, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** Reads a baseline file; anything malformed is bad input naming the file and the place. */
    public static Baseline read(Path file) {
        String name = file.toString();
        JsonNode root;
        try {
            root = JSON.readTree(InputFiles.readUtf8(file, InputLimits.MAX_FILE_BYTES));
        } catch (JsonProcessingException e) {
            throw new BadInputException(name, e.getLocation() == null ? 0 : e.getLocation().getLineNr(),
                    e.getLocation() == null ? 0 : e.getLocation().getColumnNr(),
                    "not a baseline file: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new BadInputException(name, "expected a baseline (a JSON object written by audit --update-baseline)");
        }
        requireKeys(root, TOP_KEYS, name, "");
        if (!FORMAT.equals(root.path("format").asText(null))) {
            throw new BadInputException(name, "format: expected \"" + FORMAT + "\" (a file written by"
                    + " audit --update-baseline)");
        }
        JsonNode seed = root.path("seed");
        if (!seed.canConvertToLong() || !seed.isIntegralNumber()) {
            throw new BadInputException(name, "seed: expected an integer");
        }
        JsonNode claims = root.path("claims");
        if (!claims.isObject()) {
            throw new BadInputException(name, "claims: expected an object of claims by id");
        }
        SortedMap<String, Entry> entries = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = claims.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> claim = it.next();
            entries.put(claim.getKey(), entry(claim.getValue(), name, "claims." + claim.getKey()));
        }
        return new Baseline(seed.asLong(), tolerances(root.get("tolerances"), name, "tolerances"), entries);
    }

    private static Entry entry(JsonNode json, String file, String path) {
        if (!json.isObject()) {
            throw new BadInputException(file, path + ": expected an object of the claim's numbers");
        }
        requireKeys(json, ENTRY_KEYS, file, path + ".");
        JsonNode verdict = json.path("verdict");
        if (!VERDICTS.contains(verdict.asText(""))) {
            throw new BadInputException(file, path + ".verdict: expected one of " + VERDICTS + ", found " + verdict);
        }
        SortedMap<String, Double> quantiles = new TreeMap<>();
        JsonNode quantileNode = json.path("marginQuantiles");
        if (!quantileNode.isObject()) {
            throw new BadInputException(file, path + ".marginQuantiles: expected an object of numbers by quantile");
        }
        quantileNode.fields().forEachRemaining(q -> quantiles.put(q.getKey(),
                number(q.getValue(), file, path + ".marginQuantiles." + q.getKey(), false)));
        return new Entry(verdict.asText(), count(json.path("tries"), file, path + ".tries"),
                count(json.path("triesToFalsify"), file, path + ".triesToFalsify"),
                number(json.path("vacuousShare"), file, path + ".vacuousShare", false),
                number(json.path("observedOrder"), file, path + ".observedOrder", true),
                number(json.path("observedOrderStandardError"), file, path + ".observedOrderStandardError", true),
                number(json.path("fittedConstant"), file, path + ".fittedConstant", true), quantiles,
                number(json.path("seconds"), file, path + ".seconds", false),
                tolerances(json.get("tolerances"), file, path + ".tolerances"));
    }

    private static SortedMap<String, Double> tolerances(JsonNode json, String file, String path) {
        SortedMap<String, Double> tolerances = new TreeMap<>();
        if (json == null) {
            return tolerances;
        }
        if (!json.isObject()) {
            throw new BadInputException(file, path + ": expected an object of tolerances by name");
        }
        json.fields().forEachRemaining(t -> tolerances.put(t.getKey(),
                t.getValue().isNull() ? null : number(t.getValue(), file, path + "." + t.getKey(), false)));
        Tolerances.DEFAULT.with(tolerances, file + ": " + path); // validates names and values
        return tolerances;
    }

    private static void requireKeys(JsonNode json, List<String> known, String file, String path) {
        Set<String> missing = new java.util.TreeSet<>(known);
        missing.remove("tolerances");
        json.fieldNames().forEachRemaining(key -> {
            if (!known.contains(key)) {
                throw new BadInputException(file, path + key + ": unknown key, expected one of " + known);
            }
            missing.remove(key);
        });
        if (!missing.isEmpty()) {
            throw new BadInputException(file, (path.isEmpty() ? "" : path.substring(0, path.length() - 1) + ": ")
                    + "missing " + missing);
        }
    }

    private static double number(JsonNode json, String file, String path, boolean nullable) {
        if (nullable && json.isNull()) {
            return Double.NaN;
        }
        if (!json.isNumber()) {
            throw new BadInputException(file, path + ": expected a number" + (nullable ? " or null" : ""));
        }
        return json.asDouble();
    }

    private static int count(JsonNode json, String file, String path) {
        if (!json.isIntegralNumber() || !json.canConvertToInt() || json.asInt() < 0) {
            throw new BadInputException(file, path + ": expected a whole number >= 0");
        }
        return json.asInt();
    }

    private static Double finiteOrNull(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
