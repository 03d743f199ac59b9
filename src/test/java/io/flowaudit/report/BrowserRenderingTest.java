package io.flowaudit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Opens a written report from disk in headless Debian Chromium: every plot must render with a real size, and no page
 * may log a console error. Runs whenever CI=true, failing if the browser is missing ({@code .ci/install-browser.sh}
 * installs it); elsewhere it is skipped, with a message, on machines without the browser.
 */
class BrowserRenderingTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** Headless, and nothing that would reach for the network on a machine that has none. */
    private static final List<String> CHROMIUM_FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu",
            "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--window-size=1280,1000");
    private static final String MISSING_BROWSER = "headless Chromium needs " + CHROMIUM + " and " + CHROMEDRIVER
            + "; .ci/install-browser.sh installs them";
    private static final String BOX_OF_EACH_SVG = """
            return Array.from(document.querySelectorAll('svg')).map(svg => {
                const bbox = svg.getBBox();
                const rect = svg.getBoundingClientRect();
                return {bboxWidth: bbox.width, bboxHeight: bbox.height, width: rect.width, height: rect.height};
            });""";

    @TempDir
    static Path workspace;
    private static Path reports;
    private static ChromeDriver browser;

    @BeforeAll
    static void openBrowser() throws IOException {
        if (!browserInstalled()) {
            if ("true".equals(System.getenv("CI"))) {
                fail(MISSING_BROWSER);
            }
            // every test then reports itself skipped; this says why in the build's output
            System.err.println("BrowserRenderingTest skipped outside CI: " + MISSING_BROWSER);
            return;
        }
        reports = workspace.resolve("reports");
        ReportWriter.write(ReportFixtures.auditRun(), reports);
        // both paths given, so Selenium Manager has nothing to look up or download
        ChromeDriverService driver = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(CHROMIUM_FLAGS);
        options.addArguments("--user-data-dir=" + Files.createDirectories(workspace.resolve("chromium-profile")));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
        browser = new ChromeDriver(driver, options);
    }

    @BeforeEach
    void needsTheBrowser() {
        Assumptions.assumeTrue(browser != null, MISSING_BROWSER);
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void theIndexShowsEveryClaimWithoutConsoleErrors() {
        open(reports.resolve("index.html"));

        List<WebElement> rows = browser.findElements(By.cssSelector("table.claims tbody tr"));
        assertEquals(ReportFixtures.auditRun().claims().size(), rows.size());
        for (WebElement row : rows) {
            // one line per claim: a row no taller than two lines of text
            assertTrue(row.getSize().getHeight() > 0 && row.getSize().getHeight() < 60, row.getText());
        }
        assertEquals(List.of(), consoleErrors());
    }

    @Test
    void everyPlotOfAClaimPageRendersWithARealSize() throws IOException {
        open(claimPage("01-"));

        List<Map<String, Number>> boxes = svgBoxes();
        assertEquals(4, boxes.size(), "two figures and two histograms");
        for (Map<String, Number> box : boxes) {
            assertTrue(box.get("bboxWidth").doubleValue() > 100 && box.get("bboxHeight").doubleValue() > 100,
                    box.toString());
            assertTrue(box.get("width").doubleValue() > 300 && box.get("height").doubleValue() > 150,
                    box.toString());
        }
        assertEquals(List.of(), consoleErrors());
    }

    @Test
    void theFittedLineRunsFromTheShallowestToTheDeepestErrorDownward() throws IOException {
        open(claimPage("01-"));

        Map<String, Map<String, Number>> ends = lineEnds();
        double fitStart = y(ends, "fitStart");
        double fitEnd = y(ends, "fitEnd");
        double dataStart = y(ends, "dataStart");
        double dataEnd = y(ends, "dataEnd");
        // screen y grows downward: falling errors and their fit both descend from left to right
        assertTrue(dataEnd > dataStart + 100, ends.toString());
        assertTrue(fitEnd > fitStart + 100, "the fit points the way the errors go: " + ends);
        // and it brackets them: each end of the fit is next to the data at that end, not a decade away
        assertTrue(Math.abs(fitStart - dataStart) < 25, ends.toString());
        assertTrue(Math.abs(fitEnd - dataEnd) < 25, ends.toString());
        assertTrue(x(ends, "fitStart") < x(ends, "fitEnd"));
    }

    @Test
    void aHostileTitleIsShownAsTextAndRunsNothing() throws IOException {
        open(claimPage("04-"));

        assertEquals(ReportFixtures.HOSTILE_TITLE, browser.findElement(By.tagName("h1")).getText());
        assertEquals(0L, ((JavascriptExecutor) browser).executeScript(
                "return document.querySelectorAll('script, img').length"));
        assertEquals(List.of(), consoleErrors());
    }

    @Test
    void aConsoleErrorWouldBeSeen() throws IOException {
        // the checks above prove nothing if errors never reach the log
        Path failing = Files.writeString(workspace.resolve("failing.html"),
                "<!DOCTYPE html><title>t</title><script>console.error('broken plot')</script>");

        open(failing);

        assertEquals(1, consoleErrors().size());
    }

    private static boolean browserInstalled() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    private static void open(Path page) {
        browser.get(page.toUri().toString());
    }

    private static Path claimPage(String prefix) throws IOException {
        try (Stream<Path> runs = Files.list(reports)) {
            Path run = runs.filter(path -> path.getFileName().toString().startsWith(ReportWriter.RUN_PREFIX))
                    .findFirst().orElseThrow();
            try (Stream<Path> pages = Files.list(run)) {
                return pages.filter(page -> page.getFileName().toString().startsWith(prefix)).findFirst()
                        .orElseThrow();
            }
        }
    }

    /**
     * Screen positions of the ends of the first plot's fitted line (its grey dashes) and of the observed series (its
     * dark solid line): of each colour, the longest path, which is the plotted one (legend samples are 14 units).
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Number>> lineEnds() {
        return (Map<String, Map<String, Number>>) ((JavascriptExecutor) browser).executeScript("""
                const svg = document.querySelector('svg');
                const longest = style => Array.from(svg.querySelectorAll('g[style*="' + style + '"] > path'))
                    .reduce((a, b) => (a && a.getTotalLength() >= b.getTotalLength()) ? a : b, null);
                const onScreen = (path, at) => {
                    const point = path.getPointAtLength(at).matrixTransform(path.getScreenCTM());
                    return {x: point.x, y: point.y};
                };
                const fit = longest('stroke:rgb(127,140,157)');
                const data = longest('stroke-width:2.0;stroke:rgb(31,58,104)');
                return {fitStart: onScreen(fit, 0), fitEnd: onScreen(fit, fit.getTotalLength()),
                        dataStart: onScreen(data, 0), dataEnd: onScreen(data, data.getTotalLength())};""");
    }

    private static double x(Map<String, Map<String, Number>> ends, String end) {
        return ends.get(end).get("x").doubleValue();
    }

    private static double y(Map<String, Map<String, Number>> ends, String end) {
        return ends.get(end).get("y").doubleValue();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Number>> svgBoxes() {
        return (List<Map<String, Number>>) ((JavascriptExecutor) browser).executeScript(BOX_OF_EACH_SVG);
    }

    private static List<String> consoleErrors() {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .toList();
    }
}
