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
import static j2html.TagCreator.li;
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
import static j2html.TagCreator.ul;

import io.flowaudit.verdict.AuditRun;
import io.flowaudit.verdict.ClaimVerdict;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import j2html.tags.specialized.HeaderTag;
import j2html.tags.specialized.TrTag;

/** {@code index.html}: the run's header and one row per claim, those that missed their expectation first. */
final class IndexPage {

    static final String TITLE = "flowaudit audit report";

    private IndexPage() {
    }

    static String render(ReportLayout layout) {
        // a stable sort: within each group the catalogue order is kept
        List<ReportLayout.Entry> rows = layout.entries().stream()
                .sorted(Comparator.comparing(entry -> entry.verdict().metExpectation()))
                .toList();
        return Pages.document(TITLE,
                masthead(layout.run()),
                main(section(
                        h2("Claims"),
                        table(
                                thead(tr(th("Claim"), th("Verdict"), th("Expected"), th("Met expectation"),
                                        th("Tries"), th("Tries to falsify"), th("Seed"), th("Time"),
                                        th("Hypothesis space"))),
                                tbody(each(rows, entry -> row(layout, entry)))))));
    }

    private static HeaderTag masthead(AuditRun run) {
        long unmet = run.claims().stream().filter(claim -> !claim.metExpectation()).count();
        String status = unmet == 0
                ? "All " + run.claims().size() + " claims met their expectation"
                : unmet + " of " + run.claims().size() + " claims did not meet their expectation";
        return header(
                h1(TITLE),
                p(status).withClasses("status", unmet == 0 ? "ok" : "bad"),
                dl(
                        dt("Date"), dd(Labels.dateTime(run.startedAt())),
                        dt("Duration"), dd(Labels.duration(run.duration())),
                        dt("Seed"), dd(String.valueOf(run.seed())),
                        dt("Machine"), dd(run.machine()),
                        dt("Versions"), dd(versions(run.versions())),
                        dt("Reproduce"), dd(pre(code(run.command()))),
                        dt("For tools"), dd(a(ReportLayout.SUMMARY).withHref(ReportLayout.SUMMARY)))
                        .withClass("facts"))
                .withClass("masthead");
    }

    private static String versions(Map<String, String> versions) {
        return new TreeMap<>(versions).entrySet().stream()
                .map(version -> version.getKey() + " " + version.getValue())
                .collect(Collectors.joining(" · "));
    }

    private static TrTag row(ReportLayout layout, ReportLayout.Entry entry) {
        ClaimVerdict claim = entry.verdict();
        return tr(
                td(
                        div(a(claim.title()).withHref(layout.pageHref(entry))).withClass("claim-title"),
                        div(claim.theorem()).withClass("muted"),
                        div(code(claim.id())).withClass("muted")),
                td(Pages.outcomeBadge(claim)),
                td(Labels.expectation(claim.expected())),
                td(Pages.expectationMet(claim)),
                td(String.valueOf(claim.tries())).withClass("number"),
                td(claim.triesToFalsify() == 0 ? "—" : String.valueOf(claim.triesToFalsify())).withClass("number"),
                td(String.valueOf(claim.seed())).withClass("number"),
                td(Labels.duration(claim.duration())).withClass("number"),
                td(ul(each(claim.hypothesisSpace(), (name, range) -> li(span(name).withClass("muted"), span(" " + range))))
                        .withClass("space")))
                .withCondClass(!claim.metExpectation(), "unmet");
    }
}
