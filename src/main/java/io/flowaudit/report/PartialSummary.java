package io.flowaudit.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.flowaudit.input.BadInputException;
import io.flowaudit.input.InputLimits;
import io.flowaudit.input.InputPaths;
import io.flowaudit.input.JsonInput;
import io.flowaudit.verdict.AuditRun;
import io.flowaudit.verdict.ClaimVerdict;
import io.flowaudit.verdict.Counterexample;
import io.flowaudit.verdict.Coverage;
import io.flowaudit.verdict.Distribution;
import io.flowaudit.verdict.Expectation;
import io.flowaudit.verdict.Margins;
import io.flowaudit.verdict.Outcome;
import io.flowaudit.verdict.Rigour;
import io.flowaudit.verdict.RunEnvironment;
import io.flowaudit.verdict.Shard;
import io.flowaudit.verdict.TryBlock;
import io.flowaudit.verdict.TryStatistics;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One shard's part of an audit ({@code audit --shard K/N}), written as {@code partial-summary-K-of-N.json}:
 * for every claim, what its block of tries found, with every number needed to join the blocks exactly
 * (doubles in full; the margins and real coverage values all, or by bucket beyond
 * {@link Distribution#EXACT_LIMIT} tries, so a part's size does not grow with its tries). {@link #merge} joins the
 * parts of a run into the run one machine would have made: same verdicts, counts, margins, histograms and
 * counterexamples. Each shard shrinks its own first failure, so merging re-runs nothing: the verdict
 * takes the counterexample of the earliest shard that failed, which is the run's first failing try,
 * shrunk from the same drawn instance as a whole run shrinks it.
 *
 * @param command   the whole run's command, which the merged report names
 * @param claims    every claim of the run, in run order
 */
public record PartialSummary(String command, long seed, Shard shard, Instant startedAt, Duration duration,
        String machine, Map<String, String> versions, List<Claim> claims) {

    /** Names the format in every file; bumped when a member is added (the reader requires each) or changes meaning. */
    static final String FORMAT = "flowaudit partial summary 8";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** How many missing shards a refusal names: a part of 1/999999999 must not make a message of a billion. */
    private static final int LISTED_MISSING = 20;

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
        List<Path> files = InputPaths.filesIn(sources, name -> name.matches("partial-summary-.*\\.json"), false,
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
        // by index in a map, not an array of the shard count: a part of shard 1/999999999 (which --shard accepts) or
        // a count of 2^31 - 1 must be refused as missing shards, not exhaust the heap or overflow the array's length
        Map<Integer, PartialSummary> given = new TreeMap<>();
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
                requireSameHeader(file, first.claims().get(c).header(), part.claims().get(c).header());
            }
            PartialSummary other = given.putIfAbsent(part.shard().index(), part);
            if (other != null) {
                throw new BadInputException(file, "shard " + part.shard() + " is given twice (the other is "
                        + files.get(parts.indexOf(other)) + ")");
            }
        }
        int count = first.shard().count();
        if (given.size() < count) {
            throw new BadInputException(files.toString(), "shards " + missing(given.keySet(), count) + " of " + count
                    + " are missing: every shard 1.." + count + " of the run is needed");
        }
        PartialSummary[] byIndex = new PartialSummary[count + 1];
        given.forEach((index, part) -> byIndex[index] = part);
        for (int c = 0; c < first.claims().size(); c++) {
            requireRunEverywhereOrNowhere(byIndex, c, files);
        }
        List<ClaimVerdict> verdicts = new ArrayList<>();
        for (int c = 0; c < first.claims().size(); c++) {
            TryBlock joined = new TryBlock();
            for (int k = 1; k < byIndex.length; k++) {
                joined = joined.then(byIndex[k].claims().get(c).block());
            }
            verdicts.add(first.claims().get(c).header().verdict(joined, claimDuration(byIndex, c, files)));
        }
        String machines = String.join("; ", parts.stream().map(PartialSummary::machine).distinct().toList());
        try {
            Instant started = parts.stream().map(PartialSummary::startedAt).min(Comparator.naturalOrder())
                    .orElseThrow();
            Instant ended = parts.stream().map(p -> p.startedAt().plus(p.duration())).max(Comparator.naturalOrder())
                    .orElseThrow();
            Duration took = Duration.ofNanos(Duration.between(started, ended).toNanos());
            return new AuditRun(first.command(), first.seed(), started, took, machines, first.versions(), verdicts);
        } catch (ArithmeticException | DateTimeException e) {
            throw timesBeyondOneRun(files, "from the first part's start to the last part's end");
        }
    }

    /**
     * Claim {@code c}'s time over all parts, which the report writes in nanoseconds: parts whose times add beyond that
     * (2^63 ns, 292 years, edited in) are refused, not a stack trace when the report is written.
     */
    private static Duration claimDuration(PartialSummary[] byIndex, int c, List<Path> files) {
        long nanos = 0;
        try {
            for (int k = 1; k < byIndex.length; k++) {
                nanos = Math.addExact(nanos, byIndex[k].claims().get(c).duration().toNanos());
            }
        } catch (ArithmeticException e) {
            throw timesBeyondOneRun(files, "the durations of claim '" + byIndex[1].claims().get(c).header().id() + "'");
        }
        return Duration.ofNanos(nanos);
    }

    private static BadInputException timesBeyondOneRun(List<Path> files, String what) {
        return new BadInputException(files.toString(), "the parts' times do not fit one run: " + what
                + " add up to more than 292 years, beyond what a report records in nanoseconds");
    }

    /**
     * Claim {@code c} not run in some shards (an input absent on their machine) must be not run in all: a not-run
     * block ends the joined run as a failure does, so a counterexample a later shard found would be dropped and the
     * claim reported not run, which passes the gate without --require-model.
     */
    private static void requireRunEverywhereOrNowhere(PartialSummary[] byIndex, int c, List<Path> files) {
        List<Integer> notRun = new ArrayList<>();
        List<Integer> run = new ArrayList<>();
        TryBlock.Ending absence = null;
        for (int k = 1; k < byIndex.length; k++) {
            TryBlock.Ending ending = byIndex[k].claims().get(c).block().ending();
            if (ending != null && ending.outcome() == Outcome.NOT_RUN) {
                notRun.add(k);
                absence = ending;
            } else {
                run.add(k);
            }
        }
        if (!notRun.isEmpty() && !run.isEmpty()) {
            int count = byIndex.length - 1;
            throw new BadInputException(files.toString(), "claim '" + byIndex[1].claims().get(c).header().id()
                    + "' was not run in shard " + shards(notRun, count) + " (" + absence.error() + ") but ran in shard "
                    + shards(run, count) + ": parts of machines with different inputs are parts of different runs");
        }
    }

    /** The shards 1..count not among {@code given}, the first {@link #LISTED_MISSING} of them listed. */
    private static String missing(Set<Integer> given, int count) {
        List<Integer> missing = new ArrayList<>();
        for (int k = 1; k <= count && missing.size() < LISTED_MISSING; k++) {
            if (!given.contains(k)) {
                missing.add(k);
            }
        }
        int unlisted = count - given.size() - missing.size();
        String listed = missing.toString();
        return unlisted == 0 ? listed
                : listed.substring(0, listed.length() - 1) + " and " + unlisted + " more]";
    }

    private static String shards(List<Integer> indices, int count) {
        return String.join(", ", indices.stream().map(String::valueOf).toList()) + " of " + count;
    }

    private static void requireSame(String file, String what, Object expected, Object found) {
        if (!expected.equals(found)) {
            throw new BadInputException(file, "this part is of another run: its " + what + " (" + found
                    + ") is not the first part's (" + expected + ")");
        }
    }

    /**
     * A claim's header differs where its claim file, or a file it reads, changed between the parts' runs: the error names
     * the members that differ (its tries, statement, inputs' SHA-256), not the whole header.
     */
    private static void requireSameHeader(String file, ClaimVerdict.Header expected, ClaimVerdict.Header found) {
        if (expected.equals(found)) {
            return;
        }
        List<String> differences = new ArrayList<>();
        for (RecordComponent member : ClaimVerdict.Header.class.getRecordComponents()) {
            Object theirs = memberOf(member, expected);
            Object ours = memberOf(member, found);
            if (!Objects.equals(theirs, ours)) {
                differences.add(member.getName() + " " + ours + " (the first part's: " + theirs + ")");
            }
        }
        throw new BadInputException(file, "this part is of another run: its claim '" + found.id() + "' differs in "
                + String.join("; ", differences) + ": every part must run the same claim files and the files they read"
                + " (was one changed between the parts' runs?)");
    }

    private static Object memberOf(RecordComponent member, ClaimVerdict.Header header) {
        try {
            return member.getAccessor().invoke(header);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("a claim header's public member " + member.getName() + " cannot be read", e);
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
        json.put("build", RunEnvironment.build());
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
        json.put("inputsSha256", header.inputsSha256());
    }

    private static void block(ObjectNode json, TryBlock block) {
        json.put("counted", block.counted());
        json.put("vacuous", block.vacuous());
        json.put("proved", block.proved());
        json.put("inconclusive", block.inconclusive());
        ObjectNode margins = json.putObject("margins");
        distribution(margins, block.margins().distribution());
        margins.put("worstTry", block.margins().worstTry());
        numbers(json.putArray("statistics"), block.statistics().state());
        ObjectNode coverage = json.putObject("coverage");
        coverage.set("dimensions", JSON.valueToTree(block.coverage().dimensions()));
        coverage.set("depths", JSON.valueToTree(block.coverage().depths()));
        ArrayNode binned = coverage.putArray("binned");
        for (int i = 0; i < Coverage.BINNED.size(); i++) {
            distribution(binned.addObject(), block.coverage().binned(i));
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
        if (block.firstVacuous() != null) {
            json.putObject("firstVacuous").put("attempt", block.firstVacuous().attempt())
                    .put("why", block.firstVacuous().why());
        }
    }

    /** The block's earliest vacuous try: present exactly when it counted one, and one of the tries it counted. */
    private static TryBlock.Vacuous firstVacuous(JsonInput.Member block, int vacuous, int firstTry, int lastTry) {
        JsonInput.Member json = block.optional("firstVacuous");
        if ((json != null) != (vacuous > 0)) {
            throw block.bad(vacuous > 0 ? "expected firstVacuous: the block counted " + vacuous + " vacuous tries"
                    : "expected no firstVacuous: the block counted no vacuous try");
        }
        if (json == null) {
            return null;
        }
        int attempt = json.get("attempt").count();
        if (attempt < firstTry || attempt > lastTry) {
            throw json.get("attempt").bad("expected one of the tries counted, " + firstTry + ".." + lastTry);
        }
        return new TryBlock.Vacuous(attempt, json.get("why").text());
    }

    private static void counterexample(ObjectNode json, Counterexample counterexample) {
        json.put("description", counterexample.description());
        json.set("parameters", JSON.valueToTree(counterexample.parameters()));
        json.put("observed", counterexample.observed());
        json.put("bound", counterexample.bound());
        json.put("shrinkSteps", counterexample.shrinkSteps());
        json.put("shrinkBudgetSpent", counterexample.shrinkBudgetSpent());
    }

    private static void example(ObjectNode json, TryBlock.Example example) {
        json.put("attempt", example.attempt());
        json.set("margin", exactly(example.margin()));
        json.set("constants", JSON.valueToTree(example.constants()));
        ArrayNode figures = json.putArray("figures");
        example.figures().forEach(figure -> figures.add(JSON.valueToTree(SummaryJson.figure(figure))));
        json.put("observed", example.observed());
        json.put("bound", example.bound());
    }

    // doubles exactly: Jackson writes a finite double in the digits that read back to it, and JSON has no
    // NaN or infinity, so those are written as the text Double.parseDouble reads (Jackson quotes a figure's
    // non-finite members so itself)

    /** Its values, or, beyond {@link Distribution#EXACT_LIMIT}, its extremes and the count of each bucket. */
    private static void distribution(ObjectNode json, Distribution distribution) {
        if (distribution.exact()) {
            numbers(json.putArray("values"), distribution.values());
            return;
        }
        json.set("min", exactly(distribution.min()));
        json.set("max", exactly(distribution.max()));
        json.set("buckets", JSON.valueToTree(distribution.buckets()));
    }

    private static void numbers(ArrayNode json, double[] values) {
        for (double value : values) {
            json.add(exactly(value));
        }
    }

    private static JsonNode exactly(double value) {
        return Double.isFinite(value) ? DoubleNode.valueOf(value) : TextNode.valueOf(Double.toString(value));
    }

    private static PartialSummary readFile(Path file) {
        JsonInput.Member json = JsonInput.read(file, InputLimits.MAX_PARTIAL_SUMMARY_BYTES, "a partial summary");
        try {
            return read(json);
        } catch (IllegalArgumentException e) { // a value the verdict model refuses, well-typed as it is
            throw new BadInputException(file.toString(), "a malformed partial summary: " + e.getMessage());
        }
    }

    private static PartialSummary read(JsonInput.Member json) {
        JsonInput.Member format = json.optional("format");
        if (format == null || !FORMAT.equals(format.text())) {
            throw (format == null ? json : format).bad("not a partial summary: expected \"format\": \"" + FORMAT
                    + "\" (written by audit --shard K/N of this version)");
        }
        // the merge decides each verdict from the parts' blocks with its own code: the parts' code must be the same
        JsonInput.Member build = json.get("build");
        if (!build.text().equals(RunEnvironment.build())) {
            throw build.bad("written by another build of flowaudit (" + build.text() + "; this one is "
                    + RunEnvironment.build() + "): merge the parts with the build of the commit that wrote them");
        }
        Shard shard;
        try {
            shard = new Shard(json.get("shard").count(), json.get("shards").count());
        } catch (IllegalArgumentException e) {
            throw json.get("shard").bad(e.getMessage());
        }
        List<Claim> claims = new ArrayList<>();
        for (JsonInput.Member claim : json.get("claims").elements()) {
            ClaimVerdict.Header header = header(claim);
            claims.add(new Claim(header, block(claim.get("block"), shard.range(header.tries())),
                    duration(claim.get("durationNanos"))));
        }
        if (claims.isEmpty()) {
            // audit refuses a run of no claim; the report of one could not be written (nor read back by its index)
            throw json.get("claims").bad("expected at least one claim: a shard runs every claim of its run");
        }
        return new PartialSummary(json.get("command").text(), json.get("seed").wholeNumber(), shard,
                instant(json.get("startedAt")), duration(json.get("durationNanos")),
                json.get("machine").text(), json.get("versions").texts(), claims);
    }

    private static ClaimVerdict.Header header(JsonInput.Member claim) {
        JsonInput.Member ceiling = claim.optional("triesCeiling");
        String id = claim.get("id").text();
        if (id.isEmpty() || id.chars().anyMatch(Character::isISOControl)) {
            // the id starts the claim's console line, where an escape would act on the terminal of whoever merges;
            // an audit refuses such a file name
            throw claim.get("id").bad("expected a claim id, a file's name without .yaml: not empty, no control"
                    + " character");
        }
        return new ClaimVerdict.Header(id, claim.get("file").text(), claim.get("title").text(),
                claim.get("theorem").text(), claim.get("statement").text(),
                claim.get("expected").oneOf(Expectation.class), claim.get("rigour").oneOf(Rigour.class),
                claim.get("hypothesisSpace").texts(), claim.get("seed").wholeNumber(), claim.get("tries").count(),
                ceiling == null ? null : new ClaimVerdict.TriesCeiling(ceiling.get("maxTries").count(),
                        ceiling.get("asked").count()),
                claim.get("replayCommand").text(), claim.get("inputsSha256").text());
    }

    /**
     * A claim's block of tries {@code range}, checked to be what a shard running them writes: a count for each try
     * up to the one that ended the block (without it when its draw failed or the claim did not run), or for every try.
     */
    private static TryBlock block(JsonInput.Member json, Shard.Range range) {
        JsonInput.Member endingJson = json.optional("ending");
        TryBlock.Ending ending = endingJson == null ? null : ending(endingJson, range);
        int counted = json.get("counted").count();
        int expected = ending == null ? range.size() : ending.attempt() - range.from() + 1;
        // an error or an absent input may end the block before its try is counted: a draw that failed counts the
        // tries before it (none when it was the block's first), a claim not run none
        boolean endedUncounted = ending != null && counted == expected - 1
                && (ending.outcome() == Outcome.ERROR || ending.outcome() == Outcome.NOT_RUN);
        if (counted != expected && !endedUncounted) {
            throw json.get("counted").bad("expected " + expected + " (tries " + range.from() + ".." + (range.from()
                    + expected - 1) + " of this shard" + (ending == null ? "" : ", up to the one that ended it") + ")");
        }
        int vacuous = json.get("vacuous").count();
        int inconclusive = json.get("inconclusive").count();
        int proved = json.get("proved").count();
        if (vacuous > counted || inconclusive > vacuous || proved > counted - vacuous) {
            throw json.bad("expected vacuous <= counted, inconclusive <= vacuous and proved <= counted - vacuous,"
                    + " found " + counted + " counted, " + vacuous + " vacuous, " + inconclusive + " inconclusive, "
                    + proved + " proved");
        }
        JsonInput.Member margins = json.get("margins");
        JsonInput.Member coverage = json.get("coverage");
        List<JsonInput.Member> binnedJson = coverage.get("binned").elements();
        if (binnedJson.size() != Coverage.BINNED.size()) {
            throw coverage.get("binned").bad("expected " + Coverage.BINNED.size() + " arrays, one per binned quantity "
                    + Coverage.BINNED);
        }
        // every try counted adds one sample to the coverage and at most one margin: a part with more (a margin of 5
        // among a claim's 6 tries that held, judged 52 times) or fewer is not what a shard writes
        int lastTry = range.from() + counted - 1;
        List<Distribution> binned = new ArrayList<>();
        for (JsonInput.Member values : binnedJson) {
            binned.add(distribution(values));
            if (binned.get(binned.size() - 1).count() != counted) {
                throw held(values).bad("expected one value per try counted, " + counted);
            }
        }
        Distribution marginValues = distribution(margins);
        if (marginValues.count() > counted) {
            throw held(margins).bad("expected at most one margin per try counted, " + counted);
        }
        int worstTry = margins.get("worstTry").count();
        if (marginValues.count() == 0 ? worstTry != 0 : worstTry < range.from() || worstTry > lastTry) {
            throw margins.get("worstTry").bad(marginValues.count() == 0 ? "expected 0: the block has no margin"
                    : "expected one of the tries counted, " + range.from() + ".." + lastTry);
        }
        TryBlock.Example example = json.optional("example") == null ? null : example(json.get("example"));
        if (example != null && (example.attempt() < range.from() || example.attempt() > lastTry)) {
            throw json.get("example").get("attempt").bad("expected one of the tries counted, " + range.from() + ".."
                    + lastTry);
        }
        JsonInput.Member statistics = json.get("statistics");
        try {
            return new TryBlock(counted, vacuous, proved, inconclusive, Margins.Tally.of(marginValues, worstTry),
                    Coverage.of(counts(coverage.get("dimensions"), counted), counts(coverage.get("depths"), counted),
                            binned),
                    TryStatistics.Tally.of(statistics.numbersOrNonFinite()), ending, example,
                    firstVacuous(json, vacuous, range.from(), lastTry));
        } catch (IllegalArgumentException e) {
            throw statistics.bad(e.getMessage());
        }
    }

    /** A distribution as {@link #distribution(ObjectNode, Distribution)} writes it. */
    private static Distribution distribution(JsonInput.Member json) {
        if (json.optional("buckets") == null) {
            return Distribution.of(json.get("values").numbersOrNonFinite());
        }
        SortedMap<Long, Long> buckets = new TreeMap<>();
        json.get("buckets").members().forEach((key, count) -> {
            try {
                buckets.put(Long.valueOf(key), count.wholeNumber());
            } catch (NumberFormatException e) {
                throw count.bad("expected a whole number as the key");
            }
        });
        try {
            return Distribution.ofBuckets(buckets, json.get("min").numberOrNonFinite(),
                    json.get("max").numberOrNonFinite());
        } catch (IllegalArgumentException e) {
            throw json.get("buckets").bad(e.getMessage());
        }
    }

    /** The member that holds a distribution's values: its values, or its buckets. */
    private static JsonInput.Member held(JsonInput.Member distribution) {
        return distribution.get(distribution.optional("buckets") == null ? "values" : "buckets");
    }

    private static TryBlock.Ending ending(JsonInput.Member json, Shard.Range range) {
        int attempt = json.get("attempt").count();
        // a block that ends before any try (the claim not run, a failed draw) ends at its first, even when it has none
        int last = Math.max(range.from(), range.to());
        if (attempt < range.from() || attempt > last) {
            throw json.get("attempt").bad("expected a try of this shard, " + range.from() + ".." + last);
        }
        JsonInput.Member error = json.optional("error");
        return new TryBlock.Ending(attempt, json.get("outcome").oneOf(Outcome.class),
                json.optional("counterexample") == null ? null : counterexample(json.get("counterexample")),
                json.optional("evidence") == null ? null : example(json.get("evidence")),
                error == null ? null : error.text());
    }

    private static Counterexample counterexample(JsonInput.Member json) {
        return new Counterexample(json.get("description").text(), json.get("parameters").texts(),
                json.get("observed").text(), json.get("bound").text(), json.get("shrinkSteps").count(),
                json.get("shrinkBudgetSpent").bool());
    }

    private static TryBlock.Example example(JsonInput.Member json) {
        return new TryBlock.Example(json.get("attempt").count(), json.get("constants").texts(),
                json.get("figures").elements().stream().map(SummaryJson::figure).toList(),
                json.get("margin").numberOrNonFinite(), json.get("observed").text(), json.get("bound").text());
    }

    /** Tries by value of a whole-number quantity (dimension, depth): one for each of the {@code counted} tries. */
    private static Map<Integer, Long> counts(JsonInput.Member json, int counted) {
        Map<Integer, Long> counts = new TreeMap<>();
        json.members().forEach((value, count) -> {
            try {
                counts.put(Integer.valueOf(value), (long) count.count());
            } catch (NumberFormatException e) {
                throw count.bad("expected a whole number as the key");
            }
        });
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        if (total != counted) {
            throw json.bad("expected counts adding up to the tries counted, " + counted + ", found " + total);
        }
        return counts;
    }

    /** A time a shard measured, in nanoseconds: never negative. */
    private static Duration duration(JsonInput.Member json) {
        long nanos = json.wholeNumber();
        if (nanos < 0) {
            throw json.bad("expected a duration in nanoseconds >= 0, found " + nanos);
        }
        return Duration.ofNanos(nanos);
    }

    private static Instant instant(JsonInput.Member json) {
        try {
            return Instant.parse(json.text());
        } catch (DateTimeException e) {
            throw json.bad("expected an instant such as 2026-11-30T03:55:28Z");
        }
    }
}
