package io.flowaudit.baseline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.flowaudit.input.BadInputException;
import io.flowaudit.input.JsonInput;
import io.flowaudit.input.InputLimits;
import io.flowaudit.verdict.ClaimVerdict;
import io.flowaudit.verdict.Outcome;
import io.flowaudit.verdict.TryStatistics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
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
     * @param provedShare        share of the tries that held by proof (0 unless its rigour is proved; NaN in a file
     *                           written before 2026-11-30, which did not record it: not compared then)
     * @param order              mean observed order (NaN when the claim fits none)
     * @param orderStandardError its standard error (NaN with fewer than two orders)
     * @param fittedConstant     max over tries of L times the uniform error (NaN when none)
     * @param marginQuantiles    quantiles of observed/(bound + resolution) by name
     * @param seconds            run time (recorded; gated only when asked)
     * @param tolerances         this claim's own tolerances by name (may be empty)
     */
    public record Entry(String verdict, int tries, int triesToFalsify, double vacuousShare, double provedShare,
            double order,
            double orderStandardError, double fittedConstant, SortedMap<String, Double> marginQuantiles, double seconds,
            SortedMap<String, Double> tolerances) {

        static Entry of(ClaimVerdict verdict) {
            TryStatistics statistics = verdict.statistics();
            return new Entry(verdict.outcome().label(), verdict.tries(),
                    verdict.triesToFalsify(), verdict.vacuousShare(),
                    verdict.tries() == 0 ? 0 : (double) verdict.proved() / verdict.tries(), statistics.order(),
                    statistics.orderStandardError(), statistics.fittedConstant(),
                    new TreeMap<>(statistics.marginQuantiles()), verdict.duration().toMillis() / 1000.0,
                    new TreeMap<>());
        }

        Entry withTolerances(SortedMap<String, Double> kept) {
            return new Entry(verdict, tries, triesToFalsify, vacuousShare, provedShare, order, orderStandardError,
                    fittedConstant, marginQuantiles, seconds, kept);
        }
    }

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    /** The verdicts a baseline records: every outcome's label but not-run (a claim not run keeps its old entry). */
    private static final List<String> VERDICTS = Arrays.stream(Outcome.values()).filter(o -> o != Outcome.NOT_RUN)
            .map(Outcome::label).toList();
    private static final List<String> TOP_KEYS = List.of("claims", "format", "seed", "tolerances");
    private static final List<String> ENTRY_KEYS = List.of("fittedConstant", "marginQuantiles", "observedOrder",
            "observedOrderStandardError", "provedShare", "seconds", "tolerances", "tries", "triesToFalsify",
            "vacuousShare", "verdict");

    /**
     * The baseline of a run's verdicts. A claim not run (its input absent here) has no numbers to record: it is left
     * out, as a claim the run did not include, so an update keeps its old entry and a comparison notes it.
     */
    public static Baseline of(long seed, List<ClaimVerdict> verdicts) {
        SortedMap<String, Entry> claims = new TreeMap<>();
        verdicts.stream().filter(verdict -> !verdict.notRun())
                .forEach(verdict -> claims.put(verdict.id(), Entry.of(verdict)));
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
            json.put("provedShare", finiteOrNull(entry.provedShare()));
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
        JsonInput.Member root = JsonInput.read(file, InputLimits.MAX_FILE_BYTES, "a baseline file")
                .withKeys(TOP_KEYS, withoutTolerances(TOP_KEYS));
        if (!FORMAT.equals(root.get("format").text())) {
            throw root.get("format").bad("expected \"" + FORMAT + "\" (a file written by audit --update-baseline)");
        }
        SortedMap<String, Entry> entries = new TreeMap<>();
        root.get("claims").members().forEach((id, claim) -> entries.put(id, entry(claim)));
        return new Baseline(root.get("seed").wholeNumber(), tolerances(root.optional("tolerances")), entries);
    }

    private static Entry entry(JsonInput.Member json) {
        // provedShare may be absent: files written before 2026-11-30 did not record it
        json.withKeys(ENTRY_KEYS, withoutTolerances(ENTRY_KEYS).stream().filter(key -> !key.equals("provedShare"))
                .toList());
        String verdict = json.get("verdict").text();
        if (!VERDICTS.contains(verdict)) {
            throw json.get("verdict").bad("expected one of " + VERDICTS + ", found \"" + verdict + "\"");
        }
        SortedMap<String, Double> quantiles = new TreeMap<>();
        // a refuting try that left the region has margin +infinity, which the file holds as "Infinity"
        json.get("marginQuantiles").members().forEach((quantile, value) -> quantiles.put(quantile,
                value.numberOrNonFinite()));
        return new Entry(verdict, json.get("tries").count(), json.get("triesToFalsify").count(),
                json.get("vacuousShare").number(), numberOrNaN(json.optional("provedShare")),
                numberOrNaN(json.optional("observedOrder")),
                numberOrNaN(json.optional("observedOrderStandardError")),
                numberOrNaN(json.optional("fittedConstant")), quantiles, json.get("seconds").number(),
                tolerances(json.optional("tolerances")));
    }

    /** The keys a file must have: all but the tolerances, which it may leave to the defaults. */
    private static List<String> withoutTolerances(List<String> keys) {
        return keys.stream().filter(key -> !key.equals("tolerances")).toList();
    }

    /** Tolerances by name, a null one stopping that gate; empty when {@code json} is absent. */
    private static SortedMap<String, Double> tolerances(JsonInput.Member json) {
        SortedMap<String, Double> tolerances = new TreeMap<>();
        if (json == null) {
            return tolerances;
        }
        json.members().forEach((name, value) -> tolerances.put(name, value.isNull() ? null : value.number()));
        try {
            Tolerances.DEFAULT.with(tolerances, null); // validates names and values
        } catch (BadInputException e) {
            throw json.bad(e.getMessage());
        }
        return tolerances;
    }

    /** A number the file writes as null when the run had none (an order of a claim without a ladder). */
    private static double numberOrNaN(JsonInput.Member json) {
        return json == null ? Double.NaN : json.number();
    }

    private static Double finiteOrNull(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
