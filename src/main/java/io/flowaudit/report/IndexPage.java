package io.flowaudit.report;

import static j2html.TagCreator.a;
import static j2html.TagCreator.code;
import static j2html.TagCreator.dd;
import static j2html.TagCreator.div;
import static j2html.TagCreator.dl;
import static j2html.TagCreator.dt;
import static j2html.TagCreator.each;
import static j2html.TagCreator.h1;
import static j2html.TagCreator.h2;
import static j2html.TagCreator.header;
import static j2html.TagCreator.iff;
import static j2html.TagCreator.main;
import static j2html.TagCreator.p;
import static j2html.TagCreator.pre;
import static j2html.TagCreator.section;
import static j2html.TagCreator.span;
import static j2html.TagCreator.table;
import static j2html.TagCreator.tbody;
import static j2html.TagCreator.td;
import static j2html.TagCreator.th;
import static j2html.TagCreator.thead;
import static j2html.TagCreator.tr;

import io.flowaudit.verdict.ClaimVerdict;
import io.flowaudit.verdict.ValueText;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import j2html.tags.DomContent;
import j2html.tags.specialized.HeaderTag;
import j2html.tags.specialized.SectionTag;
import j2html.tags.specialized.TdTag;
import j2html.tags.specialized.TrTag;

/**
 * The index pages, one line per claim (verdict, observed figure, margin, vacuous share, time), those that missed
 * their expectation first. {@code reports/index.html} shows the latest result of each claim across the kept runs,
 * and lists the runs; each run directory has its own {@code index.html} of that run alone.
 */
final class IndexPage {

    static final String TITLE = "flowaudit audit report";

    private IndexPage() {
    }

    /** {@code reports/index.html}: the latest row of each claim, then every kept run, newest first. */
    static String latest(List<KeptRuns.Run> newestFirst) {
        KeptRuns.Run newest = newestFirst.get(0);
        List<KeptRuns.Row> rows = KeptRuns.latestOfEachClaim(newestFirst);
        boolean severalRuns = rows.stream().anyMatch(row -> !row.runDirectory().equals(newest.directory()));
        Map<KeptRuns.Row, Instant> changed = new HashMap<>();
        rows.forEach(row -> Optional.ofNullable(KeptRuns.claimFileChangedSince(row))
                .ifPresent(modified -> changed.put(row, modified)));
        return Pages.document(TITLE,
                masthead(TITLE, newest, rows, newest.directory() + "/", changed.size(),
                        severalRuns ? " (the latest run: " + newest.claims().size() + " of the " + rows.size()
                                + " claims below)" : ""),
                main(
                        claims(rows, KeptRuns.Row::href, newest.directory(), changed, severalRuns
                                ? "The latest result of each claim; a grey left edge marks a row from an earlier run"
                                        + " (its date on hover)."
                                : "Every claim of the latest run."),
                        runs(newestFirst)));
    }

    /** {@code run-…/index.html}: the claims of one run, whose pages sit beside it. */
    static String ofRun(KeptRuns.Run run) {
        String title = "flowaudit run of " + Labels.dateTime(run.startedAt());
        return Pages.document(title,
                masthead(title, run, run.claims(), "", 0, ""),
                main(claims(run.claims(), KeptRuns.Row::page, run.directory(), Map.of(), "Every claim of this run.")));
    }

    /**
     * {@code runDirectoryHref}: where the run's own files are, from the page ("" inside the run directory);
     * {@code runScope}: what {@code run} covers of {@code rows} when they come from several runs, since its seed and
     * command then reproduce only its own rows (until 2026-11-30 the index of 69 claims from many runs offered one
     * claim's replay as "Reproduce" without a word).
     */
    private static HeaderTag masthead(String title, KeptRuns.Run run, List<KeptRuns.Row> rows,
            String runDirectoryHref, int fromChangedFiles, String runScope) {
        long notRun = rows.stream().filter(KeptRuns.Row::notRun).count();
        long unmet = rows.stream().filter(row -> !row.metExpectation() && !row.notRun()).count();
        String claims = rows.size() == 1 ? "claim" : "claims";
        String status = (unmet == 0 && notRun == 0
                ? (rows.size() == 1 ? "The claim met its expectation" : "All " + rows.size() + " claims met their expectation")
                : unmet + " of " + rows.size() + " " + claims + " did not meet " + (rows.size() == 1 ? "its" : "their")
                        + " expectation")
                + (notRun == 0 ? "" : "; " + notRun + " not run (model absent: run ./flowaudit fetch-model)")
                + (fromChangedFiles == 0 ? "" : "; " + fromChangedFiles + " from a claim file changed since its run");
        return header(
                h1(title),
                p(status).withClasses("status", unmet > 0 ? "bad" : notRun > 0 || fromChangedFiles > 0 ? "partial" : "ok"),
                dl(
                        dt("Run"), dd(Labels.dateTime(run.startedAt()) + runScope),
                        dt("Duration"), dd(Labels.duration(seconds(run.durationSeconds()))),
                        dt("Seed"), dd(String.valueOf(run.seed())),
                        dt("Machine"), dd(run.machine()),
                        dt("Versions"), dd(versions(run.versions())),
                        dt(runScope.isEmpty() ? "Reproduce" : "Reproduce the latest run"), dd(pre(code(run.command()))),
                        dt("For tools"), dd(a(ReportLayout.SUMMARY).withHref(ReportLayout.SUMMARY)),
                        dt("Theory"), dd(a("the theorems the claims check").withHref(runDirectoryHref + Theory.PAGE)))
                        .withClass("facts"))
                .withClass("masthead");
    }

    /** {@code changed}: the rows whose claim file was modified after their run, with when. */
    private static SectionTag claims(List<KeptRuns.Row> rows, Function<KeptRuns.Row, String> href,
            String newestRun, Map<KeptRuns.Row, Instant> changed, String caption) {
        // a stable sort: within each group the catalogue order is kept
        List<KeptRuns.Row> ordered = rows.stream().sorted(Comparator.comparing(KeptRuns.Row::metExpectation)).toList();
        return section(
                h2("Claims"),
                p(caption + " Margin: the largest observed/(bound + resolution) over the tries (≤ 1: within the bound) and the"
                        + " median; vacuous: tries that could not test the claim; weak evidence: it holds with more than "
                        + Labels.percent(ClaimVerdict.WEAK_EVIDENCE_VACUOUS_SHARE) + " of the tries vacuous; proved:"
                        + " tries of a claim decided from enclosures that held by proof (its vacuous tries are those left"
                        + " undecided), — for a claim decided from observed values.")
                        .withClass("muted"),
                div(table(
                        thead(tr(th("Claim"), th("Verdict"), th("Observed"), th("Worst margin"), th("Median"),
                                th("Vacuous"), th("Proved"), th("Time"))),
                        tbody(each(ordered, row -> row(row, href.apply(row), !row.runDirectory().equals(newestRun),
                                changed.get(row)))))
                        .withClass("claims")).withClass("scroll"));
    }

    private static TrTag row(KeptRuns.Row row, String href, boolean fromEarlierRun, Instant fileChanged) {
        return tr(
                td(a(row.title()).withHref(href).withTitle(row.theorem() + " · " + row.id()
                        + (fromEarlierRun ? " · from the run of " + Labels.dateTime(row.runStartedAt()) + " (seed "
                                + row.runSeed() + ", " + ValueText.count(row.tries(), "try", "tries") + ")" : "")))
                        .withClass("claim"),
                td(verdict(row, fileChanged)),
                td(row.observed() == null ? "—" : row.observed()).withClass("observed")
                        .withCondTitle(row.observed() != null, row.observed()),
                margin(row, row.worstMargin()).withTitle(row.worstTry() == 0 ? "" : "at try " + row.worstTry()),
                margin(row, row.medianMargin()),
                td(row.vacuous() + " of " + row.tries()
                        + (row.vacuous() == 0 ? "" : " (" + Labels.percent(row.vacuousShare()) + ")"))
                        .withClass("number"),
                td(row.proved() == null ? "—" : row.proved() + " of " + row.tries()).withClass("number"),
                td(row.durationSeconds() == null ? "—" : Labels.duration(seconds(row.durationSeconds())))
                        .withClass("number"))
                .withClasses(iff(!row.metExpectation() && !row.notRun(), "unmet"), iff(fromEarlierRun, "earlier"));
    }

    /** The verdict, and whether it is of a claim file that has changed since (then it may not be the file's now). */
    private static DomContent[] verdict(KeptRuns.Row row, Instant fileChanged) {
        DomContent expectation = row.metExpectation() || row.notRun() ? span()
                : span(" expected " + row.expected()).withClass("unmet-label");
        DomContent changed = fileChanged == null ? span()
                : span(" · of an older claim file").withClass("unmet-label").withTitle(row.file() + " was modified at "
                        + Labels.dateTime(fileChanged) + ", after the run of " + Labels.dateTime(row.runStartedAt())
                        + ": this verdict is of the file as it was then; audit it again for its current one");
        return new DomContent[] {Pages.outcomeBadge(row.outcome(), row.weakEvidence()), expectation, changed};
    }

    /**
     * A margin past 1 is red where it refuted the claim; in a claim that holds it can only be past 1 within the
     * comparison's resolution, and is written 1 + excess without alarm.
     */
    private static TdTag margin(KeptRuns.Row row, Double margin) {
        if (margin == null) {
            return td("—").withClass("number");
        }
        boolean refuted = margin > 1 && !row.outcome().equals("holds");
        return td(Labels.margin(margin)).withClass(refuted ? "number past" : "number");
    }

    private static SectionTag runs(List<KeptRuns.Run> newestFirst) {
        return section(
                h2("Runs kept"),
                p("Each run keeps its own pages and summary in its directory. To prune, delete run directories"
                        + " (rm -r reports/run-…); the next audit's index lists what is left.").withClass("muted"),
                table(
                        thead(tr(th("Run"), th("Claims"), th("Did not meet expectation"), th("Command"))),
                        tbody(each(newestFirst, run -> tr(
                                td(a(Labels.dateTime(run.startedAt())).withHref(run.directory() + "/"
                                        + ReportLayout.INDEX)),
                                td(String.valueOf(run.claims().size())).withClass("number"),
                                td(String.valueOf(run.unmet())).withClass("number"),
                                td(code(run.command())))))));
    }

    private static String versions(Map<String, String> versions) {
        return new TreeMap<>(versions).entrySet().stream()
                .map(version -> version.getKey() + " " + version.getValue())
                .collect(Collectors.joining(" · "));
    }

    private static Duration seconds(double seconds) {
        return Duration.ofNanos(Math.round(seconds * 1e9));
    }
}
