package io.flowaudit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowaudit.verdict.Figure;
import io.flowaudit.verdict.Histogram;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.Layer;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;

class ChartsTest {

    private static final Figure.Convergence CONVERGENCE =
            (Figure.Convergence) ReportFixtures.eulerConverges(Duration.ZERO).figures().get(0);
    private static final Figure.Perturbation PERTURBATION =
            (Figure.Perturbation) ReportFixtures.eulerConverges(Duration.ZERO).figures().get(1);

    @Test
    void convergenceIsLogLogWithTheFitAndBothPredictions() {
        XYPlot plot = Charts.convergence(CONVERGENCE).getXYPlot();

        assertInstanceOf(LogAxis.class, plot.getDomainAxis());
        assertInstanceOf(LogAxis.class, plot.getRangeAxis());
        assertEquals(List.of("observed uniform error", "least-squares fit, observed order 0.987 (slope −0.987)",
                "Theorem 1 bound as claimed: c/L (order 1), c = 0.62", "leading term T·max|e₁|/L (order 1), T·max|e₁| = 0.31"),
                seriesNames(plot.getDataset()));
    }

    @Test
    void withoutConstantsALineOfTheClaimedOrderPassesThroughTheDeepestError() {
        Figure.Convergence bare = new Figure.Convergence("bare", CONVERGENCE.depths(), CONVERGENCE.errors(), -1.0, 2,
                null, null);

        XYDataset data = Charts.convergence(bare).getXYPlot().getDataset();

        assertEquals(3, data.getSeriesCount());
        assertEquals("claimed order 2: slope −2 through the deepest error", data.getSeriesKey(2));
        assertEquals(-2, slope(data, 2), 1e-12);
        double deepest = CONVERGENCE.depths().get(CONVERGENCE.depths().size() - 1);
        double atDeepest = data.getYValue(2, 1) * Math.pow(data.getXValue(2, 1) / deepest, 2);
        assertEquals(CONVERGENCE.errors().get(CONVERGENCE.errors().size() - 1), atDeepest, 1e-15);
    }

    @Test
    void theFittedLineFallsWithTheErrors() {
        XYDataset data = Charts.convergence(CONVERGENCE).getXYPlot().getDataset();

        assertEquals(-0.987, slope(data, 1), 1e-12);
        // it starts above the deepest error and ends below the shallowest: it points the way the data go
        assertTrue(data.getYValue(1, 0) > CONVERGENCE.errors().get(CONVERGENCE.errors().size() - 1));
        assertTrue(data.getYValue(1, 1) < CONVERGENCE.errors().get(0));
    }

    @Test
    void aBoundViolatedAtTheOnlyDepthIsDrawnAsALineWithTheViolatingPointMarked() {
        Figure.Convergence halved = new Figure.Convergence("halved", List.of(8), List.of(0.0625), Double.NaN, 1,
                0.25, null);

        JFreeChart chart = Charts.convergence(halved);
        XYDataset data = chart.getXYPlot().getDataset();

        List<String> names = seriesNames(data);
        int bound = names.indexOf("Theorem 1 bound as claimed: c/L (order 1), c = 0.25");
        assertTrue(data.getXValue(bound, 1) / data.getXValue(bound, 0) >= 4, "the bound spans a factor 4 in L");
        int violation = names.indexOf("past the bound at L = 8");
        assertEquals(0.0625, data.getYValue(violation, 0));
        assertEquals(List.of("observed/bound = 2 at L = 8"), annotations(chart));
    }

    @Test
    void aPerturbationPastItsBoundIsMarkedWithItsMargin() {
        Figure.Perturbation growing = (Figure.Perturbation) ReportFixtures.decayAtEveryDepth(Duration.ZERO)
                .figures().get(0);

        List<String> labels = annotations(Charts.perturbation(growing));

        assertEquals(List.of("observed/bound = 1 at l = 1"), labels);
    }

    @Test
    void perturbationHasALogDistanceAxisBothBoundsAndTheThresholdMarker() {
        XYPlot plot = Charts.perturbation(PERTURBATION).getXYPlot();

        assertInstanceOf(NumberAxis.class, plot.getDomainAxis());
        assertInstanceOf(LogAxis.class, plot.getRangeAxis());
        List<String> names = seriesNames(plot.getDataset());
        assertTrue(names.get(1).startsWith("Theorem 4 bound ρ(h)^l·|x₀ − y₀|"));
        assertTrue(names.get(2).startsWith("Theorem 3 bound e^(r·t_l)·|x₀ − y₀|"));
        // ρ^l·|x_0 − y_0| at the last layer
        int last = PERTURBATION.distances().size() - 1;
        assertEquals(Math.pow(PERTURBATION.rho(), last) * PERTURBATION.distances().get(0),
                plot.getDataset().getYValue(1, last), 1e-15);
        assertEquals(List.of(PERTURBATION.thresholdDepth()), markerPositions(Charts.perturbation(PERTURBATION)));
    }

    @Test
    void theThresholdMarkerIsLeftOutWhenUndefinedOrBeyondTheLastLayer() {
        for (double threshold : new double[] {Double.NaN, Double.POSITIVE_INFINITY, 10_000}) {
            Figure.Perturbation figure = new Figure.Perturbation("p", PERTURBATION.distances(), PERTURBATION.step(),
                    PERTURBATION.rho(), PERTURBATION.mu(), threshold);

            assertEquals(List.of(), markerPositions(Charts.perturbation(figure)), "threshold " + threshold);
        }
    }

    /** A log value axis leaves out what it cannot place; a linear one keeps negative values (an ellipse's). */
    @Test
    void curvesKeepEveryFiniteValueOnALinearAxisAndOnlyPositiveOnesOnALogAxis() {
        List<Figure.Curve> curves = List.of(
                new Figure.Curve("observed", Figure.Role.OBSERVED, List.of(0.0, 1.0, 2.0), List.of(-1.0, 0.5, 2.0)),
                new Figure.Curve("bound", Figure.Role.BOUND, List.of(0.0, 2.0), List.of(1.0, 3.0)));
        XYPlot linear = Charts.curves(new Figure.Curves("c", "x", "y", false, false, curves)).getXYPlot();
        XYPlot logarithmic = Charts.curves(new Figure.Curves("c", "x", "y", true, true, curves)).getXYPlot();

        assertInstanceOf(NumberAxis.class, linear.getRangeAxis());
        assertEquals(3, linear.getDataset().getItemCount(0));
        assertInstanceOf(LogAxis.class, logarithmic.getRangeAxis());
        assertInstanceOf(LogAxis.class, logarithmic.getDomainAxis());
        assertEquals(2, logarithmic.getDataset().getItemCount(0));
        assertEquals(2, logarithmic.getDataset().getSeriesCount());
    }

    @Test
    void zeroDistancesAreLeftOffTheLogAxis() {
        Figure.Perturbation touching = new Figure.Perturbation("p", List.of(1.0, 0.5, 0.0, 0.25), 0.5, 0.9, -0.5,
                Double.NaN);

        assertEquals(3, Charts.perturbation(touching).getXYPlot().getDataset().getItemCount(0));
    }

    @Test
    void aHistogramHasOneBarPerBinEvenWhenLabelsRepeat() {
        Histogram histogram = new Histogram("K", List.of(new Histogram.Bin("small", 3), new Histogram.Bin("small", 4),
                new Histogram.Bin("large", 5)));

        JFreeChart chart = Charts.histogram(histogram);

        assertEquals(3, chart.getCategoryPlot().getDataset().getColumnCount());
        assertEquals(4, chart.getCategoryPlot().getDataset().getValue(0, 1).intValue());
    }

    /**
     * A page must read the same wherever it was written: JFreeChart's own tick formats take the default locale's
     * digits and separators (0,5 in German, ٠٫٥ and ١٬٥٠٠ in Arabic, Devanagari digits with -u-nu-deva), and the
     * widths of those labels then move the layout too.
     */
    @Test
    void chartsAreDrawnAlikeInEveryLocale() {
        List<Figure.Curve> ellipse = List.of(new Figure.Curve("observed", Figure.Role.OBSERVED,
                List.of(0.0, 0.25, 0.5), List.of(-0.35, 0.05, 0.45)));
        Histogram counts = new Histogram("K", List.of(new Histogram.Bin("few", 10), new Histogram.Bin("many", 1500)));
        List<Supplier<JFreeChart>> charts = List.of(() -> Charts.convergence(CONVERGENCE),
                () -> Charts.perturbation(PERTURBATION),
                () -> Charts.curves(new Figure.Curves("c", "x", "y", false, false, ellipse)),
                () -> Charts.histogram(counts));
        List<String> inRoot = drawnIn(Locale.ROOT, charts);

        assertEquals(List.of("0.00", "0.05", "0.10", "0.15", "0.20", "0.25", "0.30", "0.35", "0.40", "0.45", "0.50"),
                tickLabels(inRoot.get(2), "0.00", "0.50"));
        assertEquals(List.of("1,000", "1,100", "1,200", "1,300", "1,400", "1,500"),
                tickLabels(inRoot.get(3), "1,000", "1,500"));
        for (String tag : List.of("de-DE", "tr-TR", "ar-SA", "hi-IN-u-nu-deva")) {
            assertEquals(inRoot, drawnIn(Locale.forLanguageTag(tag), charts), tag);
        }
    }

    private static List<String> drawnIn(Locale locale, List<Supplier<JFreeChart>> charts) {
        Locale before = Locale.getDefault();
        Locale.setDefault(locale);
        try {
            return charts.stream().map(chart -> SvgPlot.render(chart.get(), "p-")).toList();
        } finally {
            Locale.setDefault(before);
        }
    }

    /** The texts of an SVG from the one reading {@code first} to the next reading {@code last}, in order. */
    private static List<String> tickLabels(String svg, String first, String last) {
        List<String> texts = new ArrayList<>();
        Matcher text = Pattern.compile(">([^<>]*)</text>").matcher(svg);
        while (text.find()) {
            texts.add(text.group(1));
        }
        int from = texts.indexOf(first);
        return texts.subList(from, texts.subList(from, texts.size()).indexOf(last) + from + 1);
    }

    private static double slope(XYDataset data, int series) {
        return Math.log(data.getYValue(series, 1) / data.getYValue(series, 0))
                / Math.log(data.getXValue(series, 1) / data.getXValue(series, 0));
    }

    private static List<String> annotations(JFreeChart chart) {
        return chart.getXYPlot().getAnnotations().stream()
                .map(annotation -> ((XYTextAnnotation) annotation).getText()).toList();
    }

    private static List<String> seriesNames(XYDataset data) {
        List<String> names = new ArrayList<>();
        for (int series = 0; series < data.getSeriesCount(); series++) {
            names.add(data.getSeriesKey(series).toString());
        }
        return names;
    }

    private static List<Double> markerPositions(JFreeChart chart) {
        Collection<?> markers = chart.getXYPlot().getDomainMarkers(Layer.FOREGROUND);
        return markers == null ? List.of()
                : markers.stream().map(marker -> ((ValueMarker) marker).getValue()).toList();
    }
}
