package io.flowaudit.report;

import static j2html.TagCreator.a;
import static j2html.TagCreator.header;
import static j2html.TagCreator.main;
import static j2html.TagCreator.nav;
import static j2html.TagCreator.rawHtml;
import static j2html.TagCreator.section;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import j2html.utils.EscapeUtil;

/**
 * The project's theory document ({@code docs/theory.md}, packaged with the classes) as a page of the report, so
 * that every claim page links to the statement it checks and the link works wherever the report is opened. The
 * document uses a small subset of Markdown — headings, paragraphs, lists, fenced code, inline code, bold and
 * italics — and this renders that subset; anchors follow GitHub's rule, so the same links work on the Markdown.
 */
final class Theory {

    /** The page's name inside a run directory. */
    static final String PAGE = "theory.html";

    private static final String RESOURCE = "theory.md";
    private static final Pattern INLINE = Pattern.compile("`([^`]+)`|\\*\\*([^*]+)\\*\\*|\\*([^*]+)\\*");

    private Theory() {
    }

    /**
     * The link, from a page beside it, to the section that states {@code theorem} (a claim's theorem line), found
     * among the document's headings: the longest whose anchor begins the line's ("Theorem 2", "Energy on the
     * sphere"), else the first whose anchor begins with the line's first word ("Structure", "Clustering"); the
     * page's top when none does.
     */
    static String href(String theorem) {
        String line = slug(theorem);
        String firstWord = line.contains("-") ? line.substring(0, line.indexOf('-')) : line;
        Optional<String> section = Headings.ANCHORS.stream()
                .filter(anchor -> line.equals(anchor) || line.startsWith(anchor + "-"))
                .max(Comparator.comparingInt(String::length))
                .or(() -> Headings.ANCHORS.stream().filter(anchor -> anchor.equals(firstWord)
                        || anchor.startsWith(firstWord + "-")).findFirst());
        return section.map(anchor -> PAGE + "#" + anchor).orElse(PAGE);
    }

    /** The anchors of the document's headings (outside code), in order, read once. */
    private static final class Headings {
        static final List<String> ANCHORS = anchors(markdown());

        private static List<String> anchors(String markdown) {
            List<String> anchors = new ArrayList<>();
            boolean inCode = false;
            for (String line : markdown.lines().toList()) {
                inCode ^= line.startsWith("```");
                if (!inCode && line.startsWith("#")) {
                    anchors.add(slug(line.substring(line.indexOf(' ') + 1).trim()));
                }
            }
            return anchors;
        }
    }

    static String page() {
        return Pages.document("The theorems flowaudit checks",
                header(nav(a("← All claims").withHref("../" + ReportLayout.INDEX))).withClass("masthead"),
                main(section(rawHtml(toHtml(markdown())))).withClass("theory"));
    }

    /** The document's Markdown subset as HTML; every piece of text is escaped. */
    static String toHtml(String markdown) {
        StringBuilder html = new StringBuilder();
        List<String> lines = markdown.lines().toList();
        StringBuilder paragraph = new StringBuilder();
        boolean inList = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("```")) {
                flush(html, paragraph);
                inList = closeList(html, inList);
                html.append("<pre>");
                for (i++; i < lines.size() && !lines.get(i).startsWith("```"); i++) {
                    html.append(EscapeUtil.escape(lines.get(i))).append('\n');
                }
                html.append("</pre>\n");
            } else if (line.startsWith("#")) {
                flush(html, paragraph);
                inList = closeList(html, inList);
                int level = line.indexOf(' ');
                String text = line.substring(level + 1).trim();
                html.append("<h").append(level).append(" id=\"").append(slug(text)).append("\">")
                        .append(inline(text)).append("</h").append(level).append(">\n");
            } else if (line.startsWith("- ")) {
                flush(html, paragraph);
                if (inList) {
                    html.append("</li>\n");
                } else {
                    html.append("<ul>\n");
                    inList = true;
                }
                html.append("<li>");
                paragraph.append(line.substring(2));
            } else if (line.isBlank()) {
                flush(html, paragraph);
                inList = closeList(html, inList);
            } else {
                paragraph.append(paragraph.length() == 0 ? "" : " ").append(line.trim());
            }
        }
        flush(html, paragraph);
        closeList(html, inList);
        return html.toString();
    }

    /** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
    static String slug(String heading) {
        return heading.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} -]", "").replace(' ', '-');
    }

    private static void flush(StringBuilder html, StringBuilder paragraph) {
        if (paragraph.length() == 0) {
            return;
        }
        boolean inItem = html.length() >= 4 && html.substring(html.length() - 4).equals("<li>");
        html.append(inItem ? "" : "<p>").append(inline(paragraph.toString())).append(inItem ? "" : "</p>\n");
        paragraph.setLength(0);
    }

    private static boolean closeList(StringBuilder html, boolean inList) {
        if (inList) {
            html.append("</li>\n</ul>\n");
        }
        return false;
    }

    private static String inline(String text) {
        StringBuilder out = new StringBuilder();
        Matcher match = INLINE.matcher(text);
        int from = 0;
        while (match.find()) {
            out.append(EscapeUtil.escape(text.substring(from, match.start())));
            if (match.group(1) != null) {
                out.append("<code>").append(EscapeUtil.escape(match.group(1))).append("</code>");
            } else if (match.group(2) != null) {
                out.append("<strong>").append(EscapeUtil.escape(match.group(2))).append("</strong>");
            } else {
                out.append("<em>").append(EscapeUtil.escape(match.group(3))).append("</em>");
            }
            from = match.end();
        }
        return out.append(EscapeUtil.escape(text.substring(from))).toString();
    }

    private static String markdown() {
        try (InputStream in = Theory.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath (built from docs/)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
