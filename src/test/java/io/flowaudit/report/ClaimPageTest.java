package io.flowaudit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowaudit.verdict.ClaimVerdict;
import io.flowaudit.verdict.Figure;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

class ClaimPageTest {

    private static final Duration TIME = Duration.ofSeconds(2);
    private static final Pattern ID = Pattern.compile("\\bid=['\"]([^'\"]+)['\"]");

    @Test
    void aHoldingClaimShowsTheTheoremItsConstantsAndFourPlots() {
        String page = ClaimPage.render(ReportFixtures.eulerConverges(TIME));

        assertTrue(page.contains("max_{0≤l≤L} |x_l − x(t_l)| ≤ C/L"));
        assertTrue(page.contains("<th>M₂</th><td>2.4</td>"));
        assertTrue(page.contains("<th>depth L</th><td>8..1024</td>"));
        assertEquals(4, count(page, "<svg"));
        assertFalse(page.contains("Shrunk counterexample"));
        // the plotted try is the one nearest its bound, not the first (TryBlock.Example#nearerThan)
        assertTrue(page.contains("Constants of the supporting try nearest its bound (the one plotted)"));
    }

    @Test
    void aHoldingClaimShowsTheComparisonOfItsTryNearestTheBound() {
        ClaimVerdict claim = ReportFixtures.withNearest(ReportFixtures.eulerConverges(TIME), new ClaimVerdict.NearestTry(17,
                "max_l |x_l - x(t_l)| at L = 64 = 0.00529", "C/L at L = 64 = 0.00912 (resolution 1.6e-12)"));

        String page = ClaimPage.render(claim);

        assertTrue(page.contains("<dt>Nearest its bound</dt><dd><span>try 17: <code>max_l |x_l - x(t_l)| at L = 64 ="
                + " 0.00529</code> against <code>C/L at L = 64 = 0.00912 (resolution 1.6e-12)</code></span></dd>"), page);
        assertFalse(ClaimPage.render(ReportFixtures.eulerConverges(TIME)).contains("Nearest its bound"));
    }

    @Test
    void plotsOnOnePageDefineDistinctIds() {
        String page = ClaimPage.render(ReportFixtures.eulerConverges(TIME));

        List<String> ids = ID.matcher(page).results().map(match -> match.group(1)).toList();
        Set<String> distinct = new HashSet<>(ids);

        assertTrue(ids.size() > 4, "each plot defines ids (its own and its clip paths)");
        assertEquals(ids.size(), distinct.size());
    }

    @Test
    void aFalsifiedClaimShowsTheWholeCounterexampleAndItsReplayCommand() {
        String page = ClaimPage.render(ReportFixtures.decayAtEveryDepth(TIME));

        for (String shown : List.of("Shrunk counterexample", "Constants of the shrunk counterexample (the one plotted)",
                "F(x) = −3.5·x, D = 1, T = 8, L = 4 (h = 2): each layer multiplies by 1 − 3.5h = −6",
                "<th>x_0</th><td>[0.01]</td>", "|x_4 − y_4| = 12.96", "|x_0 − y_0| = 0.01",
                "<dt>Shrinking</dt><dd>23 steps</dd>",
                // the margin is the falsifying try's as drawn, not the shrunk counterexample's
                "1.8 (past the bound) at try 7, as drawn: the shrunk counterexample below is a smaller instance",
                "./flowaudit audit --seed 1234567 properties/false/decay-at-every-depth.yaml")) {
            assertTrue(page.contains(shown), shown);
        }
    }

    @Test
    void anErroredClaimShowsItsErrorMessage() {
        String page = ClaimPage.render(ReportFixtures.attentionInBall(TIME));

        assertTrue(page.contains("Error: the claim could not be checked"));
        assertTrue(page.contains("softmax overflowed at t = 0.75"));
        assertTrue(page.contains("did not meet its expectation"));
        assertEquals(0, count(page, "<svg"));
    }

    @Test
    void hostileStringsAreShownAsText() {
        String page = ClaimPage.render(ReportFixtures.hostile(TIME));

        assertEquals(0, count(page, "<script"));
        assertEquals(0, count(page, "<img"));
        assertEquals(1, count(page, "<style"), "only the page's own style sheet");
        assertEquals(count(page, "<pre>"), count(page, "</pre>"), "no element closed early by a hostile string");
        assertTrue(page.contains("<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>"));
        // inside the SVG, JFreeSVG escapes the histogram's labels
        assertTrue(page.contains("&lt;/svg&gt;&lt;script&gt;alert(4)&lt;/script&gt;"));
        // code points HTML forbids are written out (until 2026-11-30 they were copied, and the page was invalid)
        assertTrue(page.contains("hostile&lt;/i&gt;\\u0001\\u009b\\ufdd0.yaml"), page);
        assertTrue(page.chars().noneMatch(c -> c == 0x01 || c == 0x9b || c == 0xfdd0));
    }

    /**
     * A point past its plotted bound by rounding (as on flow-decay-contractive, a claim that holds: 0.0005633784790020759
     * against 0.0005633784790020719) is printed with the digits that tell the two apart, and its ratio as 1 + excess:
     * until 2026-11-30 the note read "observed 5.634e−4 > bound 5.634e−4, observed/bound = 1".
     */
    @Test
    void aPointPastItsBoundByRoundingIsPrintedWithTheDigitsThatShowIt() {
        String page = ClaimPage.render(withFigure(new Figure.Perturbation("knife edge",
                List.of(1.0, 0.5633784790020759), 0.1, 0.5633784790020719, -0.5, Double.NaN)));

        assertTrue(page.contains("closest to the bound at l = 1: observed 0.56337847900208 &gt; bound"
                + " 0.56337847900207, observed/bound = 1 + 7.105e−15"), "the note");
        assertTrue(page.contains("observed/bound = 1 + 7.105e−15 at l = 1"), "the plot's label too");
    }

    /** A ratio just below 1 is not printed as a tie either. */
    @Test
    void aPointJustWithinItsBoundIsNotPrintedAsATie() {
        String page = ClaimPage.render(withFigure(new Figure.Perturbation("just within", List.of(1.0, 0.49999), 1,
                0.5, -0.7, Double.NaN)));

        assertTrue(page.contains("observed 0.49999 ≤ bound 0.5, observed/bound = 1 − 2e−5"), "the note");
    }

    /**
     * An instance whose errors are all exactly 0 (as on uniform-bound-softmax-attention, whose plotted instance is a
     * trajectory at rest): the log-log plot has no place for them, so the page says so. Until 2026-11-30 the plot
     * showed its bound line alone, with an arrow labelled "observed/bound = 0" pointing off the plot, and no word.
     */
    @Test
    void pointsALogAxisCannotPlaceAreNamedNotDroppedSilently() {
        List<Integer> depths = List.of(16, 32, 64, 128, 256, 512, 1024);
        String page = ClaimPage.render(withFigure(new Figure.Convergence("at rest", depths,
                List.of(0.0, 0.0, 0.0, 0.0, 0.0, 0.0, Double.NaN), Double.NaN, 1, 9020.0, null)));

        assertTrue(page.contains("not drawn, as a log axis has no place for them: 0 at L = 16, 0 at L = 32, 0 at L = 64,"
                + " 0 at L = 128, 0 at L = 256 and 2 more (7 of the observed points)"), "the note");
        assertFalse(page.contains("observed/bound = 0 at L = 16"), "no arrow to a point off the plot");
        assertTrue(page.contains("closest to the bound at L = 16: observed 0 ≤ bound 563.8"), "the reading stays");
    }

    /** Data a log axis can place draw no such note. */
    @Test
    void aPlotWithEveryPointDrawnHasNoNoteOfPointsLeftOut() {
        assertFalse(ClaimPage.render(ReportFixtures.eulerConverges(TIME)).contains("not drawn"));
    }

    /**
     * Theorem 5's figure reads its points against Theorem 5's bound, forcing term included: here ρ = 1, h = 0.1,
     * ε = 0.01 and |x₀ − y₀| = 0.001 give 0.002 at l = 1. Until 2026-11-30 the figure had no ε, and the page read
     * 0.0015 against Theorem 4's 0.001: "observed 0.0015 > bound 0.001, observed/bound = 1.5", past a bound the claim
     * does not state (field-perturbation-mlp, a claim that holds, read 14.34).
     */
    @Test
    void aPerturbedFieldIsReadAgainstTheorem5sBound() {
        String page = ClaimPage.render(withFigure(new Figure.Perturbation("Theorem 5", List.of(0.001, 0.0015), 0.1,
                1.0, 0.0, Double.NaN, 0.01)));

        assertTrue(page.contains("closest to the bound at l = 1: observed 0.0015 ≤ bound 0.002, observed/bound = 0.75"),
                "the note");
        assertTrue(page.contains("Theorem 5 bound ρ(h)^l·|x₀ − y₀| + h·ε·(1 − ρ^l)/(1 − ρ), ρ(h) = 1, ε = 0.01"),
                "the legend");
        assertFalse(page.contains("past the bound"));
    }

    /** The holding claim of the fixtures with {@code figure} as its only figure. */
    private static ClaimVerdict withFigure(Figure figure) {
        ClaimVerdict claim = ReportFixtures.eulerConverges(TIME);
        return new ClaimVerdict(claim.id(), claim.file(), claim.title(), claim.theorem(), claim.statement(),
                claim.expected(), claim.outcome(), claim.tries(), claim.triesToFalsify(), claim.vacuous(),
                claim.margins(), claim.seed(), claim.duration(), claim.hypothesisSpace(), claim.certifiedConstants(),
                List.of(figure), List.of(), claim.counterexample(), claim.error(), claim.replayCommand(),
                claim.statistics());
    }

    private static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }
}
