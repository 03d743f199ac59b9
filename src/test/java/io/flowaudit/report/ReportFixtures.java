package io.flowaudit.report;

import io.flowaudit.verdict.AuditRun;
import io.flowaudit.verdict.ClaimVerdict;
import io.flowaudit.verdict.Counterexample;
import io.flowaudit.verdict.Expectation;
import io.flowaudit.verdict.Figure;
import io.flowaudit.verdict.Histogram;
import io.flowaudit.verdict.Margins;
import io.flowaudit.verdict.Outcome;
import io.flowaudit.verdict.TryStatistics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * A realistic audit run for the report's tests: a claim that holds with both figures and two histograms, a false
 * claim falsified as expected, a claim that errored, and a claim whose strings are hostile HTML.
 */
final class ReportFixtures {

    static final String HOSTILE_TITLE = "<script>alert(1)</script>";
    static final String HOSTILE_LABEL = "<img src=x onerror=alert(2)>";
    static final Instant STARTED_AT = Instant.parse("2026-11-23T07:22:33Z");

    private ReportFixtures() {
    }

    static AuditRun auditRun() {
        return auditRun(STARTED_AT, Duration.ofMillis(12_345), Duration.ofMillis(2_100));
    }

    /** The same run, with every time and duration chosen by the caller. */
    static AuditRun auditRun(Instant startedAt, Duration runDuration, Duration claimDuration) {
        return new AuditRun(
                "./flowaudit audit --seed 4242 properties/",
                4242L,
                startedAt,
                runDuration,
                "Linux 6.1 amd64, 2 cores, Java 17.0.15",
                versions(),
                List.of(
                        eulerConverges(claimDuration),
                        decayAtEveryDepth(claimDuration),
                        attentionInBall(claimDuration),
                        hostile(claimDuration)));
    }

    /** {@code count} claims like the first one, for timing a large report. */
    static AuditRun manyClaims(int count) {
        List<ClaimVerdict> claims = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ClaimVerdict template = i % 2 == 0 ? eulerConverges(Duration.ofSeconds(1)) : decayAtEveryDepth(Duration.ofSeconds(1));
            claims.add(withId(template, template.id() + "-" + i));
        }
        AuditRun run = auditRun();
        return new AuditRun(run.command(), run.seed(), run.startedAt(), run.duration(), run.machine(), run.versions(),
                claims);
    }

    static ClaimVerdict withId(ClaimVerdict claim, String id) {
        return new ClaimVerdict(id, claim.file(), claim.title(), claim.theorem(), claim.statement(), claim.expected(),
                claim.outcome(), claim.tries(), claim.triesToFalsify(), claim.vacuous(), claim.margins(), claim.seed(), claim.duration(),
                claim.hypothesisSpace(), claim.certifiedConstants(), claim.figures(), claim.coverage(),
                claim.counterexample(), claim.error(), claim.replayCommand(), claim.statistics());
    }

    /** {@code claim} without figures (the mean-field checks plot none that give a key figure). */
    static ClaimVerdict withoutFigures(ClaimVerdict claim) {
        return new ClaimVerdict(claim.id() + "-unplotted", claim.file(), claim.title(), claim.theorem(),
                claim.statement(), claim.expected(), claim.outcome(), claim.tries(), claim.triesToFalsify(),
                claim.vacuous(), claim.margins(), claim.seed(), claim.duration(), claim.hypothesisSpace(),
                claim.certifiedConstants(), List.of(), claim.coverage(), claim.counterexample(), claim.error(),
                claim.replayCommand(), claim.statistics());
    }

    /** {@code claim} with its nearest try's comparison, as a run of a claim that holds reports it. */
    static ClaimVerdict withNearest(ClaimVerdict claim, ClaimVerdict.NearestTry nearest) {
        return new ClaimVerdict(claim.id(), claim.file(), claim.title(), claim.theorem(), claim.statement(),
                claim.expected(), claim.outcome(), claim.tries(), claim.triesToFalsify(), claim.vacuous(),
                claim.margins(), claim.seed(), claim.duration(), claim.hypothesisSpace(), claim.certifiedConstants(),
                claim.figures(), claim.coverage(), claim.counterexample(), claim.error(), claim.replayCommand(),
                claim.statistics(), claim.rigour(), claim.proved(), claim.inconclusive(), claim.ceiling(), nearest);
    }

    private static Map<String, String> versions() {
        Map<String, String> versions = new LinkedHashMap<>();
        versions.put("flowaudit", "0.1.0-SNAPSHOT");
        versions.put("apfloat", "1.16.0");
        versions.put("jqwik", "1.10.1");
        versions.put("java", "17.0.15");
        return versions;
    }

    /** Theorem 1 on a contractive MLP: holds, with both figures and two coverage histograms (four plots). */
    static ClaimVerdict eulerConverges(Duration duration) {
        List<Integer> depths = IntStream.rangeClosed(3, 10).mapToObj(k -> 1 << k).toList();
        // error ≈ T·max|e1|/L with a second-order correction, as Theorem 2 predicts
        List<Double> errors = depths.stream().map(depth -> 0.31 / depth + 0.9 / ((double) depth * depth)).toList();
        double step = 4.0 / 512;
        List<Double> distances = IntStream.rangeClosed(0, 512)
                .mapToObj(layer -> 0.5 * Math.pow(0.9915, layer) * (1 + 0.02 * Math.sin(layer / 7.0))).toList();
        return new ClaimVerdict(
                "euler-uniform-convergence",
                "properties/euler-uniform-convergence.yaml",
                "Euler layers converge uniformly at rate 1/L",
                "Theorem 1 (uniform O(1/L) convergence)",
                "Let F be K-Lipschitz in x on a convex region Ω containing the trajectory and the layer iterates, and "
                        + "let t ↦ F(t, x(t)) be M₂-Lipschitz. Then for every depth L,\n"
                        + "    max_{0≤l≤L} |x_l − x(t_l)| ≤ C/L,  C = M₂·T·(e^{K·T} − 1)/(2K).",
                Expectation.HOLDS, Outcome.HOLDS, 200, 0, 12, new Margins(188, 0.61, 17, 0.2), 987_654_321L, duration,
                ordered("dimension", "1..8", "K", "0.1..2.0", "μ", "−2.0..0.5", "depth L", "8..1024", "T", "1..4"),
                ordered("K", "1.2", "μ", "−0.85", "M", "3.1", "M₂", "2.4", "C", "0.62"),
                List.of(
                        new Figure.Convergence("Uniform error against depth (MLP, D = 4)", depths, errors, -0.987, 1,
                                0.62, 0.31),
                        new Figure.Perturbation("Perturbation across layers (MLP, D = 4, L = 512)", distances, step,
                                Math.sqrt(1 - 2 * step * 0.85 + step * step * 1.44), -0.85, 1.44 * 4 / (2 * 0.85))),
                List.of(
                        new Histogram("dimension", IntStream.rangeClosed(1, 8)
                                .mapToObj(d -> new Histogram.Bin(String.valueOf(d), 20 + 3L * d)).toList()),
                        new Histogram("K", IntStream.range(0, 20)
                                .mapToObj(b -> new Histogram.Bin(String.format(Locale.ROOT, "%.1f–%.1f", 0.1 * b, 0.1 * (b + 1)),
                                        5 + (b * 7L) % 9)).toList())),
                null, null,
                "./flowaudit audit --seed 987654321 properties/euler-uniform-convergence.yaml", TryStatistics.NONE);
    }

    /** "Perturbations decay across layers at every depth": false on purpose, falsified below the threshold depth. */
    static ClaimVerdict decayAtEveryDepth(Duration duration) {
        List<Double> distances = IntStream.rangeClosed(0, 4).mapToObj(layer -> 0.01 * Math.pow(6, layer)).toList();
        return new ClaimVerdict(
                "decay-at-every-depth",
                "properties/false/decay-at-every-depth.yaml",
                "Contractive dynamics make perturbations decay across layers at every depth",
                "Theorem 4 (perturbations across layers), stated without its depth threshold",
                "If μ < 0 then |x_l − y_l| ≤ |x_0 − y_0| for every depth L and every layer l.",
                Expectation.FALSIFIED, Outcome.FALSIFIED, 13, 7, 0, new Margins(7, 1.8, 7, 0.4), 1_234_567L, duration,
                ordered("dimension", "1..6", "μ", "−4..−0.1", "depth L", "1..64"),
                ordered("K", "3.5", "μ", "−3.5"),
                List.of(new Figure.Perturbation("Perturbation across layers (F(x) = −3.5x, L = 4)", distances, 2.0,
                        6.0, -3.5, 12.25 * 8 / 7)),
                List.of(new Histogram("depth L", List.of(new Histogram.Bin("1–8", 9), new Histogram.Bin("9–32", 3),
                        new Histogram.Bin("33–64", 1)))),
                new Counterexample("F(x) = −3.5·x, D = 1, T = 8, L = 4 (h = 2): each layer multiplies by 1 − 3.5h = −6",
                        ordered("a", "3.5", "D", "1", "T", "8", "L", "4", "x_0", "[0.01]", "y_0", "[0]"),
                        "|x_4 − y_4| = 12.96", "|x_0 − y_0| = 0.01", 23, false),
                null,
                "./flowaudit audit --seed 1234567 properties/false/decay-at-every-depth.yaml", TryStatistics.NONE);
    }

    /** A claim whose certificate could not be computed: an error, which never meets an expectation. */
    static ClaimVerdict attentionInBall(Duration duration) {
        return new ClaimVerdict(
                "attention-stays-in-ball",
                "properties/attention-stays-in-ball.yaml",
                "Softmax attention trajectories stay in the certified ball",
                "Theorem 1 on softmax attention (constants certified on a ball of radius R)",
                "max_i |x_i(t)| ≤ e^{‖V‖t}·max_i |x_i(0)| for the flow and the Euler iterates.",
                Expectation.HOLDS, Outcome.ERROR, 3, 0, 0, Margins.NONE, 555L, duration,
                ordered("tokens n", "2..8", "width d", "2..16"),
                Map.of(),
                List.of(), List.of(), null,
                "io.flowaudit.field.FieldEvaluationException: softmax overflowed at t = 0.75 (non-finite value in "
                        + "attention weights)\n\tat io.flowaudit.field.Attention.apply(Attention.java:88)",
                "./flowaudit audit --seed 555 properties/attention-stays-in-ball.yaml", TryStatistics.NONE);
    }

    /** Every string a reader sees is hostile markup; the claim is false on purpose but was not falsified. */
    static ClaimVerdict hostile(Duration duration) {
        return new ClaimVerdict(
                "hostile-<b>id</b>",
                // controls and a noncharacter, which an HTML document must not hold (a file may be named so)
                "properties/<i>hostile</i>" + (char) 0x01 + (char) 0x9b + (char) 0xfdd0 + ".yaml",
                HOSTILE_TITLE,
                "Theorem <u>2</u> & friends",
                "x < y && y > z </pre><script>alert(3)</script>",
                Expectation.FALSIFIED, Outcome.HOLDS, 50, 0, 0, new Margins(50, 0.3, 4, 0.1), 77L, duration,
                ordered("<script>", "</td></tr>"),
                ordered("K", "<style>body{display:none}</style>"),
                List.of(new Figure.Convergence(HOSTILE_TITLE, List.of(8, 16, 32), List.of(0.01, 0.0051, 0.0026),
                        -0.98, 1, null, null)),
                List.of(new Histogram(HOSTILE_LABEL, List.of(new Histogram.Bin(HOSTILE_LABEL, 4),
                        new Histogram.Bin("</svg><script>alert(4)</script>", 2)))),
                null, null,
                "./flowaudit audit --seed 77 '<script>alert(5)</script>'", TryStatistics.NONE);
    }

    /** A map in the order given, as the audit passes them. */
    private static Map<String, String> ordered(String... namesAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return map;
    }
}
