package io.flowaudit.report;

import io.flowaudit.verdict.Figure;
import io.flowaudit.verdict.Histogram;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Stroke;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.math.BigDecimal;
import java.math.MathContext;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYPointerAnnotation;
import org.jfree.chart.axis.Axis;
import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTick;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.NumberTickUnitSource;
import org.jfree.chart.axis.TickType;
import org.jfree.chart.axis.TickUnit;
import org.jfree.chart.axis.TickUnitSource;
import org.jfree.chart.axis.ValueTick;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.SeriesRenderingOrder;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.text.TextUtils;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The report's charts, built from the model's figures and histograms only; {@link SvgPlot} draws them. Log axes are
 * used where the theory predicts power laws (error against depth) or exponentials (distance against layer), so the
 * predictions are straight lines.
 */
final class Charts {

    static final int WIDTH = 720;
    static final int HEIGHT = 400;

    /** The data series is the dark one; the theory's lines are coloured and dashed so they never hide it. */
    private static final Color OBSERVED = new Color(0x1f3a68);
    private static final Color FIT = new Color(0x7f8c9d);
    private static final Color BOUND = new Color(0xc0392b);
    private static final Color PREDICTION = new Color(0x1e8449);
    private static final Color MARKER = new Color(0x8e44ad);
    private static final Color GRID = new Color(0xe3e6ea);
    private static final Color AXIS = new Color(0x5f6b7a);
    private static final Color BARS = new Color(0x3b6fb6);

    private static final Stroke SOLID = new BasicStroke(2f);
    private static final Stroke DASHED = dashed(7f, 4f);
    private static final Stroke DOTTED = dashed(2f, 3f);
    private static final Stroke THIN_DASHED = dashed(4f, 4f);

    /** "SansSerif" is the logical font that JFreeSVG writes as the generic CSS family sans-serif: nothing to load. */
    private static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    private static final Font TICK_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    private static final Font LEGEND_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

    private static final String SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹";

    /** Up to this many points a marker on each still reads as a series; beyond, markers only add bytes. */
    private static final int MAX_MARKED_POINTS = 40;
    /**
     * Bounds can be orders of magnitude off the data (Theorem 1 often is); the value axis reaches at most this many
     * decades beyond the data, so the data stay readable and a far-off line visibly leaves the plot.
     */
    private static final double MAX_DECADES_BEYOND_DATA = 4;
    /** The value axis spans at least two decades so that at least two powers of ten are labelled. */
    private static final double MIN_DECADES = 2;
    /** Theory lines span at least this factor in depth. */
    private static final double MIN_DEPTH_SPAN = 4;
    /** Room left and right of the depth range, as a factor, so end points and their labels are not cut. */
    private static final double DEPTH_MARGIN = 1.15;
    /** Histograms with more bins than this, or more label characters in all, turn their labels to fit them. */
    private static final int MAX_UPRIGHT_LABELS = 12;
    private static final int MAX_UPRIGHT_CHARACTERS = 60;

    static {
        // JFreeSVG draws rotated text as <text>; JFreeChart's workaround for old raster bugs would instead emit each
        // glyph's outline, ten times the bytes and unselectable
        TextUtils.setUseDrawRotatedStringWorkaround(false);
    }

    private Charts() {
    }

    /**
     * Theorems 1 and 2 and the observed order: the uniform error against depth L, log-log, with the least-squares
     * fit, the bound C/L or the leading term when the claim has them, else a line of the claimed order through the
     * deepest error; the point closest to (or past) the bound is marked with its margin observed/bound.
     */
    static JFreeChart convergence(Figure.Convergence figure) {
        double[] depths = figure.depths().stream().mapToDouble(Integer::doubleValue).toArray();
        double[] errors = figure.errors().stream().mapToDouble(Double::doubleValue).toArray();
        double[] ends = theoryRange(depths);
        List<Line> lines = new ArrayList<>();
        lines.add(Line.data("observed uniform error", depths, errors));
        lines.add(new Line("least-squares fit, observed order " + Labels.number(figure.observedOrder())
                + " (slope " + Labels.number(figure.fittedSlope()) + ")", ends,
                fittedLine(depths, errors, figure.fittedSlope(), ends), FIT, THIN_DASHED, false));
        if (figure.boundConstant() != null) {
            double constant = figure.boundConstant();
            lines.add(new Line("Theorem 1 bound as claimed: c/L (order 1), c = " + Labels.number(constant), ends,
                    overDepth(constant, ends), BOUND, DASHED, false));
        }
        if (figure.leadingConstant() != null) {
            double constant = figure.leadingConstant();
            lines.add(new Line("leading term T·max|e₁|/L (order 1), T·max|e₁| = " + Labels.number(constant), ends,
                    overDepth(constant, ends), PREDICTION, DOTTED, false));
        }
        if (figure.boundConstant() == null && figure.leadingConstant() == null && depths.length > 0) {
            lines.add(new Line("claimed order " + figure.claimedOrder() + ": slope −" + figure.claimedOrder()
                    + " through the deepest error", ends, claimedOrderLine(depths, errors, figure.claimedOrder(), ends),
                    BOUND, DASHED, false));
        }
        Readings.worst(figure).filter(Readings.Worst::exceeds).ifPresent(worst -> lines.add(Line.violation(
                "past the bound at " + worst.where(), worst.x(), worst.observed())));
        // powers of two read as depths (8, 16, 32), not as 2³, 2⁴, 2⁵
        LogAxis depthAxis = new PlainLabelLogAxis("depth L", 2, depth -> String.valueOf(Math.round(depth)));
        depthAxis.setRange(ends[0] / DEPTH_MARGIN, ends[1] * DEPTH_MARGIN);
        JFreeChart chart = xyChart(depthAxis, powerOfTenAxis("uniform error  max over l of |x_l − x(t_l)|"), lines);
        Readings.worst(figure).filter(Charts::placeable)
                .ifPresent(worst -> annotate(chart, worst, depths.length > 0 && worst.x() < ends[1] / 2));
        if (figure.boundConstant() == null && figure.leadingConstant() == null && depths.length > 0) {
            int deepest = depths.length - 1;
            annotate(chart, "observed order " + Labels.number(figure.observedOrder()) + ", claimed "
                    + figure.claimedOrder(), depths[deepest], errors[deepest], false,
                    Math.abs(figure.observedOrder() - figure.claimedOrder()) > 0.5 ? BOUND : AXIS);
        }
        return chart;
    }

    /**
     * Theorems 3 and 4: the distance of two trajectories against layer l (log y), with the bounds ρ(h)^l·|x₀−y₀| and
     * e^{r t_l}·|x₀−y₀| where the figure has them, and a marker at the threshold depth K²T/(2|μ|) when it falls
     * inside the plot; the point closest to (or past) the bound is marked with its margin.
     */
    static JFreeChart perturbation(Figure.Perturbation figure) {
        double[] distances = figure.distances().stream().mapToDouble(Double::doubleValue).toArray();
        double[] layers = IntStream.range(0, distances.length).asDoubleStream().toArray();
        boolean perturbedField = figure.fieldEpsilon() != 0;
        String epsilon = perturbedField ? ", ε = " + Labels.number(figure.fieldEpsilon()) : "";
        List<Line> lines = new ArrayList<>();
        lines.add(Line.data("observed |x_l − y_l|", layers, distances));
        if (Double.isFinite(figure.rho()) && distances.length > 0) {
            double[] layerBound = IntStream.range(0, distances.length).mapToDouble(figure::layerBound).toArray();
            lines.add(new Line((perturbedField ? "Theorem 5 bound ρ(h)^l·|x₀ − y₀| + h·ε·(1 − ρ^l)/(1 − ρ)"
                    : "Theorem 4 bound ρ(h)^l·|x₀ − y₀|") + ", ρ(h) = " + Labels.number(figure.rho()) + epsilon,
                    layers, layerBound, BOUND, DASHED, false));
        }
        if (Double.isFinite(figure.mu()) && distances.length > 0) {
            double[] flowBound = IntStream.range(0, distances.length).mapToDouble(figure::flowBound).toArray();
            lines.add(new Line((perturbedField ? "Theorem 5 bound e^(r·t_l)·|x₀ − y₀| + ε·(e^(r·t_l) − 1)/r"
                    : "Theorem 3 bound e^(r·t_l)·|x₀ − y₀|") + ", r = " + Labels.number(figure.mu()) + epsilon,
                    layers, flowBound, PREDICTION, DOTTED, false));
        }
        Readings.Worst worst = Readings.worst(figure).orElse(null);
        if (worst != null && worst.exceeds()) {
            lines.add(Line.violation("past the bound at " + worst.where(), worst.x(), worst.observed()));
        }
        NumberAxis layerAxis = numberAxis("layer l", true);
        layerAxis.setAutoRangeIncludesZero(true);
        JFreeChart chart = xyChart(layerAxis, powerOfTenAxis("distance |x_l − y_l|"), lines);
        double threshold = figure.thresholdDepth();
        if (Double.isFinite(threshold) && threshold >= 0 && threshold <= layers.length - 1) {
            chart.getXYPlot().addDomainMarker(thresholdMarker(threshold));
        }
        if (worst != null && placeable(worst)) {
            annotate(chart, worst, worst.x() < (layers.length - 1) / 2.0);
        }
        return chart;
    }

    /**
     * Curves against one variable (the mean-field claims): observations solid, bounds dashed, predictions dotted,
     * on a log or linear value axis; several curves of one role (ellipses at successive times) are told apart by
     * shade, darkest first.
     */
    static JFreeChart curves(Figure.Curves figure) {
        List<Line> lines = new ArrayList<>();
        Map<Figure.Role, Long> ofRole = figure.curves().stream()
                .collect(Collectors.groupingBy(Figure.Curve::role, Collectors.counting()));
        Map<Figure.Role, Integer> drawn = new EnumMap<>(Figure.Role.class);
        for (Figure.Curve curve : figure.curves()) {
            double[] x = curve.x().stream().mapToDouble(Double::doubleValue).toArray();
            double[] y = curve.y().stream().mapToDouble(Double::doubleValue).toArray();
            int index = drawn.merge(curve.role(), 1, Integer::sum) - 1;
            double lightening = 0.6 * index / ofRole.get(curve.role());
            lines.add(switch (curve.role()) {
                case OBSERVED -> new Line(curve.label(), x, y, lighter(OBSERVED, lightening), SOLID, true);
                case BOUND -> new Line(curve.label(), x, y, lighter(BOUND, lightening), DASHED, false);
                case PREDICTION -> new Line(curve.label(), x, y, lighter(PREDICTION, lightening), DOTTED, false);
            });
        }
        ValueAxis xAxis = figure.logX()
                ? new PlainLabelLogAxis(figure.xLabel(), 2, x -> String.valueOf(Math.round(x)))
                : linearAxis(figure.xLabel());
        return xyChart(xAxis, figure.logY() ? powerOfTenAxis(figure.yLabel()) : linearAxis(figure.yLabel()), lines);
    }

    /** The colour mixed with white in the given share. */
    private static Color lighter(Color color, double share) {
        return new Color((int) Math.round(color.getRed() + (255 - color.getRed()) * share),
                (int) Math.round(color.getGreen() + (255 - color.getGreen()) * share),
                (int) Math.round(color.getBlue() + (255 - color.getBlue()) * share));
    }

    private static NumberAxis linearAxis(String label) {
        NumberAxis axis = numberAxis(label, false);
        axis.setAutoRangeIncludesZero(false);
        return axis;
    }

    /** A linear axis labelled alike in every locale, with whole-number ticks only if {@code integers}. */
    private static NumberAxis numberAxis(String label, boolean integers) {
        NumberAxis axis = new NumberAxis(label);
        axis.setStandardTickUnits(new RootLocaleTickUnits(integers));
        // the unit the axis starts its search from (NumberAxis.DEFAULT_TICK_UNIT, formatted "0" in the default
        // locale): the width of its label steers which unit is chosen
        axis.setTickUnit(new NumberTickUnit(1, rootLocaleFormat("0")), false, false);
        return axis;
    }

    /** How often each bin of one generated quantity occurred. */
    static JFreeChart histogram(Histogram histogram) {
        DefaultCategoryDataset counts = new DefaultCategoryDataset();
        List<Histogram.Bin> bins = histogram.bins();
        for (int i = 0; i < bins.size(); i++) {
            counts.addValue(bins.get(i).count(), "tries", new BinKey(i, bins.get(i).label()));
        }
        CategoryAxis binAxis = new CategoryAxis(histogram.quantity());
        int longestLabel = bins.stream().mapToInt(bin -> bin.label().length()).max().orElse(0);
        if (bins.size() > MAX_UPRIGHT_LABELS || bins.size() * longestLabel > MAX_UPRIGHT_CHARACTERS) {
            binAxis.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        }
        // a bin's label is its range: cut to "[2.2..." it would say nothing
        binAxis.setMaximumCategoryLabelWidthRatio(3f);
        NumberAxis countAxis = numberAxis("tries", true);
        BarRenderer renderer = new BarRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setDrawBarOutline(false);
        renderer.setSeriesPaint(0, BARS);
        renderer.setItemMargin(0);
        CategoryPlot plot = new CategoryPlot(counts, binAxis, countAxis, renderer);
        plot.setRangeGridlinePaint(GRID);
        styleAxes(binAxis, countAxis);
        return chart(plot, false);
    }

    /**
     * One drawn series: the data (solid, with markers when few), a line of the theory, or a violating point (a large
     * marker, no line).
     */
    private record Line(String label, double[] x, double[] y, Color color, Stroke stroke, boolean isData) {

        static Line data(String label, double[] x, double[] y) {
            return new Line(label, x, y, OBSERVED, SOLID, true);
        }

        static Line violation(String label, double x, double y) {
            return new Line(label, new double[] {x}, new double[] {y}, BOUND, null, false);
        }

        boolean isPoint() {
            return stroke == null;
        }
    }

    /**
     * A histogram's category: bins are told apart by position, so two bins with the same label stay two bars.
     */
    private record BinKey(int index, String label) implements Comparable<BinKey> {

        @Override
        public int compareTo(BinKey other) {
            return Integer.compare(index, other.index);
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private static JFreeChart xyChart(ValueAxis xAxis, ValueAxis yAxis, List<Line> lines) {
        boolean logY = yAxis instanceof LogAxis;
        XYSeriesCollection dataset = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        // one path per series; segment by segment, a 500-layer series alone would add a megabyte of <line> elements
        renderer.setDrawSeriesLineAsPath(true);
        for (Line line : lines) {
            XYSeries series = new XYSeries(line.label(), false, true);
            for (int i = 0; i < line.x().length; i++) {
                // a log axis cannot place zero, negative or non-finite values: such points are left out
                if ((!logY || line.y()[i] > 0) && Double.isFinite(line.y()[i]) && Double.isFinite(line.x()[i])) {
                    series.add(line.x()[i], line.y()[i]);
                }
            }
            if (series.getItemCount() == 0 && !line.isData()) {
                continue; // nothing to draw: no legend entry either
            }
            int index = dataset.getSeriesCount();
            dataset.addSeries(series);
            renderer.setSeriesPaint(index, line.color());
            if (line.isPoint()) {
                renderer.setSeriesLinesVisible(index, false);
                renderer.setSeriesShape(index, new Ellipse2D.Double(-7, -7, 14, 14));
                renderer.setSeriesShapesVisible(index, true);
                renderer.setSeriesShapesFilled(index, false);
                renderer.setSeriesOutlineStroke(index, SOLID);
                renderer.setUseOutlinePaint(false);
                renderer.setDrawOutlines(true);
                continue;
            }
            renderer.setSeriesStroke(index, line.stroke());
            renderer.setSeriesShape(index, new Ellipse2D.Double(-3.5, -3.5, 7, 7));
            renderer.setSeriesShapesVisible(index, line.isData() && series.getItemCount() <= MAX_MARKED_POINTS);
        }
        XYPlot plot = new XYPlot(dataset, xAxis, yAxis, renderer);
        // the theory's dashed lines go on top: where a bound meets the data, the data still shows between the dashes
        plot.setSeriesRenderingOrder(SeriesRenderingOrder.FORWARD);
        plot.setDomainGridlinePaint(GRID);
        plot.setRangeGridlinePaint(GRID);
        plot.setDomainGridlineStroke(new BasicStroke(1f));
        plot.setRangeGridlineStroke(new BasicStroke(1f));
        styleAxes(xAxis, yAxis);
        if (logY) {
            fitValueRange((LogAxis) yAxis, lines);
        }
        return chart(plot, true);
    }

    /** Keeps the data in view however far the bounds are, and spans enough decades to label the axis. */
    private static void fitValueRange(LogAxis axis, List<Line> lines) {
        double[] data = positiveValues(lines.stream().filter(Line::isData).toList());
        if (data.length == 0) {
            return;
        }
        double[] all = positiveValues(lines);
        double dataLow = StrictMath.log10(Arrays.stream(data).min().getAsDouble());
        double dataHigh = StrictMath.log10(Arrays.stream(data).max().getAsDouble());
        double low = Math.max(StrictMath.log10(Arrays.stream(all).min().getAsDouble()), dataLow - MAX_DECADES_BEYOND_DATA);
        double high = Math.min(StrictMath.log10(Arrays.stream(all).max().getAsDouble()), dataHigh + MAX_DECADES_BEYOND_DATA);
        double widening = Math.max(0, MIN_DECADES - (high - low)) / 2;
        double margin = 0.05 * (high - low + 2 * widening);
        axis.setRange(StrictMath.pow(10, low - widening - margin), StrictMath.pow(10, high + widening + margin));
    }

    private static double[] positiveValues(List<Line> lines) {
        return lines.stream().flatMapToDouble(line -> Arrays.stream(line.y()))
                .filter(y -> y > 0 && Double.isFinite(y)).toArray();
    }

    /** The least-squares line of log error on log L has the fitted slope and passes through the centroid. */
    private static double[] fittedLine(double[] depths, double[] errors, double slope, double[] ends) {
        double[] logIntercepts = IntStream.range(0, Math.min(depths.length, errors.length))
                .filter(i -> errors[i] > 0 && depths[i] > 0)
                .mapToDouble(i -> StrictMath.log(errors[i]) - slope * StrictMath.log(depths[i])).toArray();
        double logIntercept = Arrays.stream(logIntercepts).average().orElse(Double.NaN);
        return Arrays.stream(ends).map(depth -> StrictMath.exp(logIntercept) * StrictMath.pow(depth, slope)).toArray();
    }

    /**
     * The depths the theory's lines span: the ladder, widened to at least a factor {@value #MIN_DEPTH_SPAN} so that a
     * ladder cut short at its first depth (a falsified bound) still shows the bound as a line, not a dot.
     */
    private static double[] theoryRange(double[] depths) {
        double low = Arrays.stream(depths).min().orElse(1);
        double high = Arrays.stream(depths).max().orElse(1);
        double widening = Math.sqrt(Math.max(1, MIN_DEPTH_SPAN * low / high));
        return new double[] {low / widening, high * widening};
    }

    /** errors ∝ L^-p, through the deepest error: where a claimed order and the data part, the slopes show it. */
    private static double[] claimedOrderLine(double[] depths, double[] errors, int order, double[] ends) {
        int deepest = depths.length - 1;
        return Arrays.stream(ends).map(depth -> errors[deepest] * StrictMath.pow(depths[deepest] / depth, order)).toArray();
    }

    /** A log value axis has no place for an observed 0: an arrow to it would point off the plot. */
    private static boolean placeable(Readings.Worst worst) {
        return worst.observed() > 0;
    }

    private static void annotate(JFreeChart chart, Readings.Worst worst, boolean labelToTheRight) {
        annotate(chart, "observed/bound = " + Labels.margin(worst.ratio()) + " at " + worst.where(), worst.x(),
                worst.observed(), labelToTheRight, worst.exceeds() ? BOUND : AXIS);
    }

    /**
     * A labelled arrow to one point. Errors and distances mostly fall from left to right, so a point on the left
     * has room below and to the right, and one on the right has room above and to the left.
     */
    private static void annotate(JFreeChart chart, String label, double x, double y, boolean labelToTheRight,
            Color color) {
        XYPointerAnnotation pointer = new XYPointerAnnotation(label, x, y,
                labelToTheRight ? Math.PI / 6 : -5 * Math.PI / 6);
        pointer.setBackgroundPaint(new Color(255, 255, 255, 220));
        pointer.setFont(LEGEND_FONT);
        pointer.setPaint(color);
        pointer.setArrowPaint(color);
        pointer.setArrowStroke(new BasicStroke(1.5f));
        pointer.setTipRadius(9);
        pointer.setBaseRadius(40);
        pointer.setTextAnchor(labelToTheRight ? TextAnchor.HALF_ASCENT_LEFT : TextAnchor.HALF_ASCENT_RIGHT);
        chart.getXYPlot().addAnnotation(pointer);
    }

    private static double[] overDepth(double constant, double[] depths) {
        return Arrays.stream(depths).map(depth -> constant / depth).toArray();
    }

    private static ValueMarker thresholdMarker(double threshold) {
        ValueMarker marker = new ValueMarker(threshold, MARKER, dashed(5f, 3f));
        marker.setLabel("threshold depth K²T/(2|μ|) = " + Labels.number(threshold));
        marker.setLabelFont(LEGEND_FONT);
        marker.setLabelPaint(MARKER);
        marker.setLabelBackgroundColor(new Color(255, 255, 255, 0));
        marker.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
        marker.setLabelTextAnchor(TextAnchor.TOP_LEFT);
        marker.setLabelOffset(new RectangleInsets(6, 6, 6, 6));
        return marker;
    }

    private static LogAxis powerOfTenAxis(String label) {
        return new PlainLabelLogAxis(label, 10, value -> "10" + superscript(Math.round(StrictMath.log10(value))));
    }

    private static String superscript(long exponent) {
        StringBuilder digits = new StringBuilder();
        for (char c : Long.toString(exponent).toCharArray()) {
            digits.append(c == '-' ? '⁻' : SUPERSCRIPT_DIGITS.charAt(c - '0'));
        }
        return digits.toString();
    }

    /**
     * A log axis whose tick labels are plain strings ("10⁻³" in Unicode superscripts). JFreeChart lays out a
     * {@link LogAxis}'s own labels as attributed text, which reaches the SVG as glyph outlines instead of text.
     */
    private static final class PlainLabelLogAxis extends LogAxis {

        private final transient DoubleFunction<String> labelOfPower;

        PlainLabelLogAxis(String label, double base, DoubleFunction<String> labelOfPower) {
            super(label);
            this.labelOfPower = labelOfPower;
            setBase(base);
            // whole powers only: fractional exponents would put ticks at 10^-2.5
            setStandardTickUnits(new RootLocaleTickUnits(true));
            // LogAxis estimates its labels' widths (which steer the tick unit) from "10" and the power formatted by
            // these, which it creates in the default locale ("0" and "0.#", 9 minor ticks, as LogAxis's own)
            setBaseFormatter(rootLocaleFormat("0"));
            setTickUnit(new NumberTickUnit(1, rootLocaleFormat("0.#"), 9), false, false);
        }

        @Override
        public List<ValueTick> refreshTicks(Graphics2D g2, AxisState state, Rectangle2D dataArea,
                RectangleEdge edge) {
            List<ValueTick> plain = new ArrayList<>();
            for (Object tick : super.refreshTicks(g2, state, dataArea, edge)) {
                ValueTick logTick = (ValueTick) tick;
                String text = logTick.getTickType() == TickType.MAJOR ? labelOfPower.apply(logTick.getValue()) : "";
                plain.add(new NumberTick(logTick.getTickType(), logTick.getValue(), text, logTick.getTextAnchor(),
                        logTick.getRotationAnchor(), logTick.getAngle()));
            }
            return plain;
        }
    }

    /**
     * JFreeChart's tick units (1, 2 and 5 times a power of ten) labelled with its own patterns but Locale.ROOT's
     * digits and separators. Its {@link NumberTickUnitSource} formats labels in the default locale ("0,5" in German,
     * "١٬٥٠٠" in Arabic), so a report's charts, and their layout (the labels' widths choose the unit), depended on the
     * machine that wrote it.
     */
    private static final class RootLocaleTickUnits implements TickUnitSource {

        private final NumberTickUnitSource units;

        RootLocaleTickUnits(boolean integers) {
            units = new NumberTickUnitSource(integers);
        }

        @Override
        public TickUnit getCeilingTickUnit(double size) {
            return relabelled(units.getCeilingTickUnit(size));
        }

        @Override
        public TickUnit getCeilingTickUnit(TickUnit unit) {
            return getCeilingTickUnit(unit.getSize());
        }

        /**
         * The next unit above the given one. NumberTickUnitSource tells "the given one" by equality, which a unit
         * relabelled here never has with its own (another formatter): so by size.
         */
        @Override
        public TickUnit getLargerTickUnit(TickUnit unit) {
            TickUnit ceiling = units.getCeilingTickUnit(unit.getSize());
            return relabelled(ceiling.getSize() > unit.getSize() ? ceiling : units.getLargerTickUnit(ceiling));
        }

        private static TickUnit relabelled(TickUnit unit) {
            return new NumberTickUnit(unit.getSize(), labelFormat(unit.getSize()), unit.getMinorTickCount());
        }

        /** NumberTickUnitSource's pattern for a unit: decimals to 10⁻⁴, grouped whole numbers to 10⁶, else E. */
        private static NumberFormat labelFormat(double size) {
            BigDecimal leadingDigit = new BigDecimal(size).round(new MathContext(1));
            int power = leadingDigit.precision() - leadingDigit.scale() - 1;
            String pattern = power >= -4 && power <= -1 ? "0." + "0".repeat(-power)
                    : power >= 0 && power <= 6 ? "#,##0" : "#.######E0";
            return rootLocaleFormat(pattern);
        }
    }

    private static NumberFormat rootLocaleFormat(String pattern) {
        return new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.ROOT));
    }

    private static void styleAxes(Axis... axes) {
        for (Axis axis : axes) {
            axis.setLabelFont(LABEL_FONT);
            axis.setLabelPaint(AXIS);
            axis.setTickLabelFont(TICK_FONT);
            axis.setTickLabelPaint(AXIS);
            axis.setAxisLinePaint(AXIS);
            axis.setTickMarkPaint(AXIS);
        }
    }

    private static JFreeChart chart(Plot plot, boolean legend) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlinePaint(GRID);
        plot.setInsets(new RectangleInsets(8, 8, 8, 16));
        JFreeChart chart = new JFreeChart(null, LABEL_FONT, plot, legend);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setPadding(new RectangleInsets(4, 4, 4, 4));
        LegendTitle legendTitle = chart.getLegend();
        if (legendTitle != null) {
            legendTitle.setItemFont(LEGEND_FONT);
            legendTitle.setFrame(BlockBorder.NONE);
            legendTitle.setBackgroundPaint(Color.WHITE);
            legendTitle.setPosition(RectangleEdge.BOTTOM);
        }
        return chart;
    }

    private static Stroke dashed(float dash, float gap) {
        return new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {dash, gap}, 0f);
    }
}
