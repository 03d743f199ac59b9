package io.flowaudit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXParseException;

import nu.validator.validation.SimpleDocumentValidator;

/** Every page of a report passes the Nu HTML Checker (the W3C validator), inline SVG plots included. */
class HtmlValidityTest {

    /** The checker's full HTML schema, SVG and MathML included; read from the validator's jar, not the network. */
    private static final String HTML_SCHEMA = "http://s.validator.nu/html5-all.rnc";

    @TempDir
    static Path reports;

    @BeforeAll
    static void writeReport() throws Exception {
        ReportWriter.write(ReportFixtures.auditRun(), reports);
    }

    static Stream<Path> pages() throws Exception {
        try (Stream<Path> files = Files.walk(reports)) {
            List<Path> pages = files.filter(file -> file.toString().endsWith(".html")).sorted().toList();
            // the index, the run's own index, the theory page and one page per claim of the fixture
            assertEquals(3 + ReportFixtures.auditRun().claims().size(), pages.size());
            return pages.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("pages")
    void pageHasNoValidationErrors(Path page) throws Exception {
        List<String> errors = validationErrors(page);
        assertTrue(errors.isEmpty(), () -> page.getFileName() + ":\n" + String.join("\n", errors));
    }

    @Test
    void checkerCatchesPlotsThatShareIds(@TempDir Path scratch) throws Exception {
        // the check above proves nothing if the checker never complains: the same plot inlined twice must fail
        Path page = pages().filter(file -> file.getFileName().toString().startsWith("01-")).findFirst().orElseThrow();
        String html = Files.readString(page);
        String firstPlot = html.substring(html.indexOf("<svg"), html.indexOf("</svg>") + "</svg>".length());
        Path broken = scratch.resolve("broken.html");
        Files.writeString(broken, html.replace("</main>", firstPlot + "</main>"));
        assertTrue(validationErrors(broken).stream().anyMatch(error -> error.contains("Duplicate ID")));
    }

    /**
     * One checker for every page: loading and compiling the schema is most of a check's cost, and the checker is
     * made to be reused (each check resets it, as the validator's own command line does between files). Its
     * handler reports into the list of the page being checked; a problem with the schema, into the first page's.
     */
    private static final class Checker implements ErrorHandler {

        private final SimpleDocumentValidator validator = new SimpleDocumentValidator();
        private List<String> errors = new ArrayList<>();

        Checker() throws Exception {
            validator.setUpMainSchema(HTML_SCHEMA, this);
            validator.setUpValidatorAndParsers(this, false, false);
        }

        List<String> check(Path page) throws Exception {
            validator.checkHtmlFile(page.toFile(), true);
            List<String> pageErrors = errors;
            errors = new ArrayList<>();
            return pageErrors;
        }

        @Override
        public void warning(SAXParseException warning) {
            errors.add("warning: " + describe(warning));
        }

        @Override
        public void error(SAXParseException error) {
            errors.add("error: " + describe(error));
        }

        @Override
        public void fatalError(SAXParseException error) {
            errors.add("fatal: " + describe(error));
        }
    }

    private static Checker checker;

    private static List<String> validationErrors(Path page) throws Exception {
        if (checker == null) {
            checker = new Checker();
        }
        return checker.check(page);
    }

    private static String describe(SAXParseException problem) {
        return "line " + problem.getLineNumber() + ", column " + problem.getColumnNumber() + ": "
                + problem.getMessage();
    }
}
