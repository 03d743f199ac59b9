package io.flowaudit.report;

import io.flowaudit.verdict.AuditRun;
import io.flowaudit.verdict.ClaimVerdict;
import io.flowaudit.verdict.Counterexample;
import io.flowaudit.verdict.Figure;
import io.flowaudit.verdict.Histogram;
import io.flowaudit.verdict.Margins;
import io.flowaudit.verdict.Outcome;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code summary.json}: the verdicts and figures of one run for tools, in the schema documented in
 * {@code reports/README.md}.
 *
 * <p>Deterministic: everything that differs between two writes of the same run (the start time, durations, the run
 * directory's name) sits in the top-level {@code "volatile"} object, and the rest is byte-identical for equal runs:
 * keys in a fixed order (the model's maps sorted by key), numbers by {@link Json#number(double)}.
 */
public final class SummaryJson {

    /** Bumped whenever a field changes meaning or disappears; adding fields keeps the version. */
    public static final int SCHEMA_VERSION = 2;

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
        summary.put("allMetExpectation", claims.stream().allMatch(ClaimVerdict::metExpectation));
        summary.put("counts", counts(claims));
        AuditRun run = layout.run();
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
            counts.put(Labels.outcome(outcome), claims.stream().filter(c -> c.outcome() == outcome).count());
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
        json.put("outcome", Labels.outcome(claim.outcome()));
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

    private static Map<String, Object> figure(Figure figure) {
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
}
