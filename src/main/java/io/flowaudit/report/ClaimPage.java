package io.flowaudit.report;

import static j2html.TagCreator.a;
import static j2html.TagCreator.code;
import static j2html.TagCreator.dd;
import static j2html.TagCreator.div;
import static j2html.TagCreator.dl;
import static j2html.TagCreator.dt;
import static j2html.TagCreator.each;
import static j2html.TagCreator.figcaption;
import static j2html.TagCreator.figure;
import static j2html.TagCreator.h1;
import static j2html.TagCreator.h2;
import static j2html.TagCreator.h3;
import static j2html.TagCreator.header;
import static j2html.TagCreator.iff;
import static j2html.TagCreator.join;
import static j2html.TagCreator.main;
import static j2html.TagCreator.nav;
import static j2html.TagCreator.p;
import static j2html.TagCreator.pre;
import static j2html.TagCreator.rawHtml;
import static j2html.TagCreator.section;
import static j2html.TagCreator.span;
import static j2html.TagCreator.text;

import io.flowaudit.verdict.ClaimVerdict;
import io.flowaudit.verdict.Counterexample;
import io.flowaudit.verdict.Distribution;
import io.flowaudit.verdict.Figure;
import io.flowaudit.verdict.Histogram;
import io.flowaudit.verdict.Rigour;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jfree.chart.JFreeChart;

import j2html.tags.DomContent;
import j2html.tags.specialized.FigureTag;
import j2html.tags.specialized.SectionTag;

/**
 * One claim's page: the verdict, what went wrong (error or shrunk counterexample with its replay command), the
 * theorem as stated with its hypothesis space and certified constants, the figures and the coverage histograms.
 */
final class ClaimPage {

    private ClaimPage() {
    }

    static String render(ClaimVerdict claim) {
        Plots plots = new Plots();
        return Pages.document(claim.title() + " · flowaudit",
                header(
                        nav(a("← All claims").withHref("../" + ReportLayout.INDEX), span(" · "),
                                a("this run").withHref(ReportLayout.INDEX)),
                        h1(claim.title()),
                        p(claim.theorem()),
                        div(Pages.outcomeBadge(claim),
                                span("expected: " + Labels.expectation(claim.expected())).withClasses("badge",
                                        "neutral"),
                                span(claim.metExpectation() ? "met its expectation" : claim.notRun() ? "not run: " + claim.error()
                                        : "did not meet its expectation")
                                        .withClasses("badge", "neutral")).withClass("badges"))
                        .withClass("masthead"),
                main(
                        result(claim),
                        iff(Optional.ofNullable(claim.error()), ClaimPage::errorSection),
                        iff(Optional.ofNullable(claim.counterexample()), ClaimPage::counterexampleSection),
                        iff(Optional.ofNullable(claim.replayCommand()), ClaimPage::replaySection),
                        theoremSection(claim),
                        iff(!claim.figures().isEmpty(), figuresSection(claim.figures(), plots)),
                        iff(!claim.coverage().isEmpty(), coverageSection(claim, plots))));
    }

    private static SectionTag result(ClaimVerdict claim) {
        return section(
                h2("Result"),
                dl(
                        dt("Verdict"), dd(Pages.outcomeBadge(claim)),
                        dt("Expected"), dd(Labels.expectation(claim.expected())),
                        dt("Met expectation"), dd(Pages.expectationMet(claim)),
                        dt("Tries"), dd(claim.tries() + (claim.ceiling() == null ? ""
                                : " (" + claim.ceiling().describe() + ")")),
                        dt("Rigour"), dd(rigour(claim)),
                        dt(claim.rigour() == Rigour.PROVED ? "Undecided tries" : "Vacuous tries"), dd(vacuous(claim)),
                        iff(inconclusiveShown(claim), dt("Inconclusive tries")),
                        iff(inconclusiveShown(claim), dd(inconclusive(claim))),
                        dt("Worst margin"), dd(worstMargin(claim)),
                        iff(Optional.ofNullable(claim.nearest()), nearest -> dt("Nearest its bound")),
                        iff(Optional.ofNullable(claim.nearest()), nearest -> dd(nearest(nearest))),
                        dt("Median margin"), dd(Double.isNaN(claim.margins().median()) ? "—"
                                : marginName(claim) + " " + Labels.margin(claim.margins().median()) + " over "
                                        + claim.margins().judged()
                                        + (claim.margins().judged() == 1 ? " try" : " tries") + " that tested the claim"
                                        + (claim.margins().judged() > Distribution.EXACT_LIMIT
                                                ? " (by bucket: the middle try's margin, rounded up by at most 0.8 %)"
                                                : "")),
                        dt("Tries to falsify"),
                        dd(claim.triesToFalsify() == 0 ? "no counterexample found"
                                : String.valueOf(claim.triesToFalsify())),
                        dt("Seed"), dd(String.valueOf(claim.seed())),
                        dt("Time"), dd(Labels.duration(claim.duration())),
                        dt("Claim file"), dd(code(claim.file())))
                        .withClass("facts"));
    }

    /** What a margin divides: for a proved claim, the ends of two enclosures on which the decision rests. */
    private static String marginName(ClaimVerdict claim) {
        return claim.rigour() == Rigour.PROVED ? "error's upper end/bound's lower end" : "observed/(bound + resolution)";
    }

    private static DomContent rigour(ClaimVerdict claim) {
        if (claim.rigour() == Rigour.OBSERVED) {
            return text("observed: each try decided from computed values within their resolution");
        }
        return join("proved: each try decided from enclosures only (", a("Proved verdicts").withHref(Theory.PAGE
                + "#proved-verdicts"), "); " + claim.proved() + " of " + claim.tries()
                + " held at every point of their enclosures, so those instances are proved");
    }

    private static String vacuous(ClaimVerdict claim) {
        String share = claim.vacuous() + " of " + claim.tries() + " (" + Labels.percent(claim.vacuousShare())
                + (claim.rigour() == Rigour.PROVED
                        ? "): the enclosures overlap the bound (or could not be formed), neither proved nor refuted"
                        : "): could not test the claim, neither support nor refute");
        return claim.weakEvidence() ? share + "; above " + Labels.percent(ClaimVerdict.WEAK_EVIDENCE_VACUOUS_SHARE)
                + ", so the verdict is weak evidence" : share;
    }

    /** A proved claim's inconclusive tries are its undecided ones, which the row above already counts. */
    private static boolean inconclusiveShown(ClaimVerdict claim) {
        return claim.rigour() == Rigour.OBSERVED && claim.inconclusive() > 0;
    }

    private static String inconclusive(ClaimVerdict claim) {
        return claim.inconclusive() + " of " + claim.tries() + ", among the vacuous: the run had not reached the"
                + " claimed limit by the horizon, and nothing on the way violated the claim; neither support nor refutation";
    }

    /**
     * How close the closest try came to its bound, and which try: the replay command below reaches it. A falsifying
     * try's margin is that of the instance as drawn, not of the shrunk counterexample shown below it, which is another
     * instance (on false-wasserstein-halved-rate 1 + 7.851e−5 as drawn, about 1 + 5.5e−6 shrunk).
     */
    private static String worstMargin(ClaimVerdict claim) {
        if (claim.margins().judged() == 0) {
            return "—";
        }
        double worst = claim.margins().worst();
        boolean beforeShrinking = claim.counterexample() != null && claim.margins().worstTry() == claim.triesToFalsify();
        return marginName(claim) + " " + Labels.margin(worst) + (worst > 1 ? " (past the bound)" : " (within the bound)")
                + " at try " + claim.margins().worstTry()
                + (beforeShrinking ? ", as drawn: the shrunk counterexample below is a smaller instance" : "");
    }

    /** The comparison of the supporting try nearest its bound, as its check described it. */
    private static DomContent nearest(ClaimVerdict.NearestTry nearest) {
        return span(text("try " + nearest.attempt() + ": "), code(nearest.observed()), text(" against "),
                code(nearest.bound()));
    }

    private static SectionTag errorSection(String error) {
        return section(h2("Error: the claim could not be checked"), pre(error)).withClass("alert");
    }

    private static SectionTag counterexampleSection(Counterexample counterexample) {
        return section(
                h2("Shrunk counterexample"),
                pre(counterexample.description()),
                h3("Observed against the bound"),
                dl(
                        dt("Observed"), dd(code(counterexample.observed())),
                        dt("Bound"), dd(code(counterexample.bound())),
                        dt("Shrinking"), dd(counterexample.shrinking()))
                        .withClass("facts"),
                h3("Parameters"),
                Pages.pairs("Parameter", "Value", counterexample.parameters()))
                .withClass("counterexample").withId("counterexample");
    }

    private static SectionTag replaySection(String replayCommand) {
        return section(h2("Replay"), p("This command replays exactly this claim's run:"), pre(code(replayCommand)));
    }

    private static SectionTag theoremSection(ClaimVerdict claim) {
        // a claim that holds shows the supporting try nearest its bound (TryBlock.Example#nearerThan)
        String instance = claim.counterexample() != null ? "the shrunk counterexample"
                : "the supporting try nearest its bound";
        return section(
                h2("The theorem as stated"),
                p(span(claim.theorem() + " · "),
                        a("statement and proof").withHref(Theory.href(claim.theorem()))),
                pre(claim.statement()),
                div(
                        div(h3("Hypothesis space searched"),
                                keyValues("Parameter", "Range", claim.hypothesisSpace())),
                        div(h3("Constants of " + instance + " (the one plotted)"),
                                keyValues("Constant", "Value", claim.certifiedConstants())))
                        .withClass("side-by-side"));
    }

    private static DomContent keyValues(String nameHeading, String valueHeading, Map<String, String> values) {
        return values.isEmpty() ? p("none").withClass("muted") : Pages.pairs(nameHeading, valueHeading, values);
    }

    private static SectionTag figuresSection(List<Figure> figures, Plots plots) {
        return section(h2("Figures"), div(each(figures, plots::ofFigure)).withClass("figures")).withId("figures");
    }

    /** Quantities that varied get a histogram; one that took a single value is listed as fixed, not drawn as one bar. */
    private static SectionTag coverageSection(ClaimVerdict claim, Plots plots) {
        List<Histogram> histograms = claim.coverage();
        List<Histogram> varied = histograms.stream().filter(histogram -> histogram.bins().size() > 1).toList();
        Map<String, String> fixed = new LinkedHashMap<>();
        histograms.stream().filter(histogram -> histogram.bins().size() == 1)
                .forEach(histogram -> fixed.put(histogram.quantity(), histogram.bins().get(0).label()));
        return section(h2("Coverage"), p("How often each value of a generated quantity occurred across the generated"
                + " tries, as drawn (a counterexample is shrunk afterwards, so its own constants are in the table above)."
                + (claim.tries() > Distribution.EXACT_LIMIT ? " Beyond " + Distribution.EXACT_LIMIT + " tries a real"
                        + " quantity is counted by bucket: a value within 0.8 % of its size below a bin's end may count"
                        + " in the next bin." : "")),
                iff(!fixed.isEmpty(), div(h3("The same in every try"), Pages.pairs("Quantity", "Value", fixed))),
                iff(!varied.isEmpty(), div(each(varied, plots::ofHistogram)).withClass("histograms")))
                .withId("coverage");
    }

    /** Numbers the plots of one page, so that each inlined SVG defines ids no other plot on the page uses. */
    private static final class Plots {

        private int count;

        FigureTag ofFigure(Figure figure) {
            List<String> notes = new ArrayList<>();
            if (figure instanceof Figure.Convergence convergence) {
                notes.add("observed order " + Labels.number(convergence.observedOrder()) + " (least-squares slope "
                        + Labels.number(convergence.fittedSlope()) + "), claimed order " + convergence.claimedOrder());
                if (convergence.boundConstant() != null) {
                    notes.add("compared constant c = " + Labels.number(convergence.boundConstant())
                            + " (Theorem 1's C times the claim's factor)");
                }
                if (convergence.leadingConstant() != null) {
                    notes.add("T·max|e₁| = " + Labels.number(convergence.leadingConstant()));
                }
                Readings.worst(convergence).ifPresent(worst -> notes.add(margin(worst)));
                return plot(Charts.convergence(convergence), convergence.title(), withOffAxisPoints(figure, notes));
            }
            if (figure instanceof Figure.Curves curves) {
                Readings.worst(curves).ifPresent(worst -> notes.add(margin(worst)));
                return plot(Charts.curves(curves), curves.title(), withOffAxisPoints(figure, notes));
            }
            Figure.Perturbation perturbation = (Figure.Perturbation) figure;
            notes.add("h = " + Labels.number(perturbation.step()));
            if (Double.isFinite(perturbation.rho())) {
                notes.add("ρ(h) = " + Labels.number(perturbation.rho()));
            }
            notes.add("rate r = " + Labels.number(perturbation.mu()));
            if (perturbation.fieldEpsilon() != 0) {
                notes.add("field perturbed by ε = " + Labels.number(perturbation.fieldEpsilon()));
            }
            if (Double.isFinite(perturbation.thresholdDepth())) {
                notes.add("threshold depth K²T/(2|μ|) = " + Labels.number(perturbation.thresholdDepth()));
            }
            Readings.worst(perturbation).ifPresent(worst -> notes.add(margin(worst)));
            return plot(Charts.perturbation(perturbation), perturbation.title(), withOffAxisPoints(figure, notes));
        }

        private static String margin(Readings.Worst worst) {
            String[] observedAndBound = Labels.distinct(worst.observed(), worst.bound());
            return "closest to the bound at " + worst.where() + ": observed " + observedAndBound[0]
                    + (worst.exceeds() ? " > " : " ≤ ") + "bound " + observedAndBound[1]
                    + ", observed/bound = " + Labels.margin(worst.ratio());
        }

        FigureTag ofHistogram(Histogram histogram) {
            long values = histogram.bins().stream().mapToLong(Histogram.Bin::count).sum();
            return plot(Charts.histogram(histogram), histogram.quantity(), List.of(values + " values"));
        }

        /** How many of the points a log axis leaves out are named one by one. */
        private static final int NAMED_POINTS = 5;

        /** The points the plot leaves out, said in its notes: the data must never vanish without a word. */
        private static List<String> withOffAxisPoints(Figure figure, List<String> notes) {
            List<String> off = Readings.offLogAxis(figure);
            if (off.isEmpty()) {
                return notes;
            }
            List<String> all = new ArrayList<>(notes);
            all.add("not drawn, as a log axis has no place for them: " + String.join(", ",
                    off.subList(0, Math.min(off.size(), NAMED_POINTS)))
                    + (off.size() > NAMED_POINTS ? " and " + (off.size() - NAMED_POINTS) + " more" : "")
                    + " (" + off.size() + " of the observed points)");
            return all;
        }

        private FigureTag plot(JFreeChart chart, String caption, List<String> notes) {
            count++;
            return figure(
                    figcaption(caption),
                    rawHtml(SvgPlot.render(chart, "plot" + count + "-")),
                    p(String.join(" · ", notes)).withClass("muted"));
        }
    }
}
