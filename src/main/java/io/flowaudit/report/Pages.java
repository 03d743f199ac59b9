package io.flowaudit.report;

import static j2html.TagCreator.body;
import static j2html.TagCreator.each;
import static j2html.TagCreator.head;
import static j2html.TagCreator.html;
import static j2html.TagCreator.meta;
import static j2html.TagCreator.rawHtml;
import static j2html.TagCreator.span;
import static j2html.TagCreator.style;
import static j2html.TagCreator.table;
import static j2html.TagCreator.tbody;
import static j2html.TagCreator.td;
import static j2html.TagCreator.th;
import static j2html.TagCreator.thead;
import static j2html.TagCreator.title;
import static j2html.TagCreator.tr;

import io.flowaudit.verdict.ClaimVerdict;
import j2html.Config;
import j2html.rendering.FlatHtml;
import j2html.utils.EscapeUtil;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;

import java.util.Map;

import j2html.tags.DomContent;
import j2html.tags.specialized.SpanTag;
import j2html.tags.specialized.TableTag;

/**
 * What every page of the report shares: the document frame with its inline style sheet, and the small pieces both
 * kinds of page show (verdict badges, key-value tables). Pages load nothing: no scripts, no fonts, no style sheets
 * from elsewhere, so a report opens offline and from a CI artifact.
 */
final class Pages {

    private static final String STYLE = """
            :root { --ink: #1c2430; --muted: #5f6b7a; --line: #e3e6ea; --page: #f4f5f7; --panel: #ffffff;
                    --holds: #1e7d46; --falsified: #b54a1c; --error: #8e1f2c; --unmet: #fdf1ef; }
            * { box-sizing: border-box; }
            body { margin: 0; color: var(--ink); background: var(--page);
                   font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial,
                         "DejaVu Sans", sans-serif; }
            header.masthead { background: #1f2a3a; color: #fff; padding: 22px 32px 24px; }
            header.masthead h1 { margin: 0 0 4px; font-size: 24px; font-weight: 600; overflow-wrap: anywhere; }
            header.masthead p { margin: 4px 0 0; color: #c9d2de; }
            header.masthead a { color: #c9d2de; }
            header.masthead .badges { margin-top: 12px; display: flex; gap: 8px; flex-wrap: wrap; }
            main { max-width: 1240px; margin: 0 auto; padding: 24px 32px 48px; }
            section { background: var(--panel); border: 1px solid var(--line); border-radius: 8px;
                      padding: 18px 22px; margin: 0 0 20px; }
            section.alert { border-left: 5px solid var(--error); }
            section.counterexample { border-left: 5px solid var(--falsified); }
            h2 { margin: 0 0 12px; font-size: 18px; font-weight: 600; }
            h3 { margin: 16px 0 8px; font-size: 15px; font-weight: 600; }
            a { color: #1f5fa8; }
            table { border-collapse: collapse; width: 100%; }
            th, td { text-align: left; padding: 8px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
            th { font-size: 12px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted);
                 background: #fafbfc; white-space: nowrap; }
            td.number { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
            tr.unmet td { background: var(--unmet); }
            table.pairs tbody th { text-transform: none; letter-spacing: 0; font-size: 14px; width: 30%;
                             background: none; color: var(--muted); font-weight: 500; }
            .badge { display: inline-block; padding: 1px 10px; border-radius: 999px; font-size: 13px;
                     font-weight: 600; color: #fff; white-space: nowrap; }
            .badge.holds { background: var(--holds); }
            .badge.falsified { background: var(--falsified); }
            .badge.error { background: var(--error); }
            .badge.hypothesis-refuted { background: var(--error); }
            .badge.not-run { background: var(--muted); }
            .badge.weak { background: #9a6b00; }
            td.past { color: var(--error); font-weight: 600; }
            .scroll { overflow-x: auto; }
            tr.earlier td:first-child { border-left: 4px solid #b8c0cc; }
            table.pairs td { overflow-wrap: anywhere; }
            .side-by-side > div { min-width: 0; }
            table.claims th, table.claims td { white-space: nowrap; padding: 6px 7px; }
            table.claims td.claim { max-width: 270px; overflow: hidden; text-overflow: ellipsis; }
            table.claims td.observed { max-width: 170px; overflow: hidden; text-overflow: ellipsis; }
            .badge.neutral { background: #e8ebef; color: var(--ink); }
            .met { color: var(--holds); font-weight: 600; }
            .unmet-label { color: var(--error); font-weight: 600; }
            .status { font-size: 16px; font-weight: 600; }
            .status.ok { color: #8fe0ad; }
            .status.bad { color: #ffb4a8; }
            .status.partial { color: #ffe08a; }
            .muted { color: var(--muted); font-size: 13px; }
            .claim-title { font-weight: 600; overflow-wrap: anywhere; }
            ul.space { list-style: none; margin: 0; padding: 0; font-size: 13px; }
            pre, code { font-family: ui-monospace, "SF Mono", Menlo, Consolas, "DejaVu Sans Mono", monospace;
                        font-size: 13px; }
            pre { background: #f3f4f6; border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px;
                  margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; }
            dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 6px 24px; margin: 0; }
            dl.facts dt { color: var(--muted); }
            dl.facts dd { margin: 0; overflow-wrap: anywhere; }
            header.masthead dl.facts { margin-top: 14px; }
            header.masthead dl.facts dt { color: #9fadbf; }
            header.masthead pre { background: #2a3749; border-color: #3a4a60; color: #e8edf3; }
            .figures { display: grid; gap: 28px; }
            .figures figure { max-width: 920px; }
            .histograms { display: grid; grid-template-columns: repeat(auto-fill, minmax(440px, 1fr)); gap: 20px; }
            .side-by-side { display: grid; grid-template-columns: repeat(auto-fill, minmax(400px, 1fr)); gap: 8px 28px; }
            figure { margin: 0; }
            figure svg { display: block; width: 100%; height: auto; }
            figcaption { font-weight: 600; margin-bottom: 4px; overflow-wrap: anywhere; }
            figure p { margin: 4px 0 0; }
            """;

    /** j2html's escaping, then {@link #permitted}: every text and attribute value of a page passes through it. */
    private static final Config HTML = Config.global().withTextEscaper(text -> EscapeUtil.escape(permitted(text)));

    private Pages() {
    }

    /** A complete HTML document with the report's style sheet. */
    static String document(String pageTitle, DomContent... content) {
        StringBuilder page = new StringBuilder(j2html.TagCreator.document().render());
        try {
            return html(
                    head(
                            meta().withCharset("utf-8"),
                            meta().withName("viewport").withContent("width=device-width, initial-scale=1"),
                            title(pageTitle),
                            style(rawHtml(STYLE))),
                    body(content)).withLang("en").render(FlatHtml.into(page, HTML)).toString();
        } catch (IOException e) {
            throw new UncheckedIOException("a StringBuilder does not fail", e);
        }
    }

    /**
     * {@code text} with the code points an HTML document must not hold (controls other than white space,
     * noncharacters, unpaired surrogates) written as a backslash, u and their hex digits, as messages write them. A
     * claim's title, its file's name or a tensor's may hold them (YAML's {@code "\x01"}), and until 2026-11-30 the page
     * then failed the HTML checker.
     */
    static String permitted(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            boolean forbidden = c < 0x20 && c != '\t' && c != '\n' && c != '\f' && c != '\r' || c >= 0x7F && c <= 0x9F
                    || c >= 0xFDD0 && c <= 0xFDEF || (c & 0xFFFE) == 0xFFFE
                    || c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE;
            if (forbidden) {
                out.append(String.format(Locale.ROOT, "\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    /** The verdict; a claim that holds on mostly vacuous tries is marked as weak evidence, not plain green. */
    static SpanTag outcomeBadge(ClaimVerdict claim) {
        return outcomeBadge(claim.outcome().label(), claim.weakEvidence());
    }

    static SpanTag outcomeBadge(String outcome, boolean weakEvidence) {
        return weakEvidence ? span(outcome + " · weak evidence").withClasses("badge", "weak")
                : span(outcome).withClasses("badge", outcome);
    }

    static SpanTag expectationMet(ClaimVerdict claim) {
        if (claim.notRun()) {
            return span("not run: " + claim.error());
        }
        return claim.metExpectation() ? span("met").withClass("met") : span("not met").withClass("unmet-label");
    }

    /** A two-column table of names and values, e.g. certified constants. */
    static TableTag pairs(String nameHeading, String valueHeading, Map<String, String> pairs) {
        return table(
                thead(tr(th(nameHeading), th(valueHeading))),
                tbody(each(pairs, (name, value) -> tr(th(name), td(value))))).withClass("pairs");
    }
}
