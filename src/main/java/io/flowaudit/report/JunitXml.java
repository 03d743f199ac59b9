package io.flowaudit.report;

import io.flowaudit.verdict.AuditRun;
import io.flowaudit.verdict.ClaimVerdict;
import io.flowaudit.verdict.Outcome;
import java.io.StringWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The run as JUnit XML (the Ant/Surefire schema CI systems read), for CI that does not run Maven: one
 * {@code testcase} per claim, named as Surefire names it under the test engine ({@code classname} the claim id,
 * {@code name} "meets its expectation"), so both routes report the same test. A claim that missed its expectation
 * is a {@code failure} (an {@code error} when its check could not run) whose text holds the counterexample and the
 * replay command; drift from a baseline is a failure of type {@code drift} listing what moved. The suite's totals
 * count each test once: one that errored and drifted is an error.
 */
public final class JunitXml {

    /** The test's name within its claim, the same as the engine's. */
    public static final String TEST_NAME = "meets its expectation";

    private JunitXml() {
    }

    /**
     * @param drift         what moved from the baseline, per claim id, one line per number (empty when not compared)
     * @param requireInputs whether a claim not run fails the run ({@code --require-model}): then it is an error, as
     *                      the exit status counts it, else skipped
     */
    public static String render(AuditRun run, Map<String, List<String>> drift, boolean requireInputs) {
        List<ClaimVerdict> claims = run.claims();
        // each test counted once: a claim that errored and drifted is an error (its drift is still written)
        Predicate<ClaimVerdict> error = c -> c.outcome() == Outcome.ERROR || c.notRun() && requireInputs;
        long errors = claims.stream().filter(error).count();
        long failures = claims.stream().filter(error.negate())
                .filter(c -> !drift.getOrDefault(c.id(), List.of()).isEmpty() || !c.metExpectation() && !c.notRun())
                .count();
        long skipped = claims.stream().filter(c -> c.notRun() && !requireInputs).count();
        StringWriter text = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(text);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("testsuite");
            xml.writeAttribute("name", "flowaudit");
            xml.writeAttribute("tests", Integer.toString(claims.size()));
            xml.writeAttribute("failures", Long.toString(failures));
            xml.writeAttribute("errors", Long.toString(errors));
            xml.writeAttribute("skipped", Long.toString(skipped));
            xml.writeAttribute("time", seconds(run.duration().toMillis()));
            xml.writeCharacters("\n  ");
            xml.writeStartElement("properties");
            property(xml, "seed", Long.toString(run.seed()));
            property(xml, "command", run.command());
            xml.writeCharacters("\n  ");
            xml.writeEndElement();
            for (ClaimVerdict claim : claims) {
                testCase(xml, claim, drift.getOrDefault(claim.id(), List.of()), requireInputs);
            }
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("writing XML into a string cannot fail", e);
        }
        return text + "\n";
    }

    private static void testCase(XMLStreamWriter xml, ClaimVerdict claim, List<String> moved, boolean requireInputs)
            throws XMLStreamException {
        xml.writeCharacters("\n  ");
        xml.writeStartElement("testcase");
        xml.writeAttribute("classname", legal(claim.id()));
        xml.writeAttribute("name", TEST_NAME);
        xml.writeAttribute("file", legal(claim.file()));
        xml.writeAttribute("time", seconds(claim.duration().toMillis()));
        if (claim.notRun() && requireInputs) {
            xml.writeCharacters("\n    ");
            xml.writeEmptyElement("error");
            xml.writeAttribute("type", claim.outcome().label());
            xml.writeAttribute("message", legal("not run: " + claim.error() + " (required: --require-model)"));
        } else if (claim.notRun()) {
            xml.writeCharacters("\n    ");
            xml.writeEmptyElement("skipped");
            xml.writeAttribute("message", legal("not run: " + claim.error()));
        } else if (!claim.metExpectation()) {
            String kind = claim.outcome() == Outcome.ERROR ? "error" : "failure";
            xml.writeCharacters("\n    ");
            xml.writeStartElement(kind);
            xml.writeAttribute("type", claim.outcome().label());
            xml.writeAttribute("message", legal(claim.missedExpectation()));
            xml.writeCharacters(legal(details(claim)));
            xml.writeEndElement();
        }
        if (!moved.isEmpty()) {
            xml.writeCharacters("\n    ");
            xml.writeStartElement("failure");
            xml.writeAttribute("type", "drift");
            xml.writeAttribute("message", legal("drifted from the baseline: " + String.join("; ", moved)));
            xml.writeCharacters(legal(String.join("\n", moved)));
            xml.writeEndElement();
        }
        xml.writeCharacters("\n  ");
        xml.writeEndElement();
    }

    /** The counterexample in full, with every parameter, and the replay command. */
    private static String details(ClaimVerdict claim) {
        StringBuilder text = new StringBuilder();
        if (claim.error() != null) {
            text.append("error: ").append(claim.error()).append('\n');
        }
        if (claim.counterexample() != null) {
            text.append("counterexample: ").append(claim.counterexample().description()).append('\n');
            claim.counterexample().parameters().forEach((name, value) ->
                    text.append("  ").append(name).append(" = ").append(value).append('\n'));
            text.append("observed: ").append(claim.counterexample().observed()).append('\n');
            text.append("claimed: ").append(claim.counterexample().bound()).append('\n');
        }
        return text.append("replay: ").append(claim.replayCommand()).toString();
    }

    private static void property(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        xml.writeCharacters("\n    ");
        xml.writeEmptyElement("property");
        xml.writeAttribute("name", name);
        xml.writeAttribute("value", legal(value));
    }

    /** XML 1.0 cannot hold most control characters, even escaped: they are written as \\uXXXX. */
    private static String legal(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            boolean allowed = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
                    || (c >= 0xE000 && c <= 0xFFFD) || c >= 0x10000;
            if (allowed) {
                out.appendCodePoint(c);
            } else {
                out.append(String.format(Locale.ROOT, "\\u%04x", c));
            }
        });
        return out.toString();
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
    }
}
