package io.flowaudit.report;

import java.awt.geom.Rectangle2D;

import org.jfree.chart.JFreeChart;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.ViewBox;

/** Draws a chart as an {@code <svg>} element to inline in a page. */
final class SvgPlot {

    /**
     * JFreeSVG always declares its own namespace, used only by images drawn with an href hint (charts draw none);
     * HTML allows no such prefixed attribute, so the HTML checker rejects it.
     */
    private static final String JFREESVG_NAMESPACE = " xmlns:jfreesvg='http://www.jfree.org/jfreesvg/svg'";

    private SvgPlot() {
    }

    /**
     * The chart as SVG, scaling with its container (a view box, no fixed size). {@code idPrefix} starts every id
     * the element defines (its own, clip paths): plots inlined in one page need distinct prefixes, since ids are
     * page-wide in HTML.
     */
    static String render(JFreeChart chart, String idPrefix) {
        SVGGraphics2D graphics = new SVGGraphics2D(Charts.WIDTH, Charts.HEIGHT);
        graphics.setDefsKeyPrefix(idPrefix);
        // a hundredth of a pixel is finer than any screen, and full double precision would triple the page size
        graphics.setGeomDoubleConverter(SvgPlot::hundredths);
        chart.draw(graphics, new Rectangle2D.Double(0, 0, Charts.WIDTH, Charts.HEIGHT));
        String svg = graphics.getSVGElement(idPrefix + "svg", false,
                new ViewBox(0, 0, Charts.WIDTH, Charts.HEIGHT), null, null);
        return svg.replace(JFREESVG_NAMESPACE, "");
    }

    private static String hundredths(double value) {
        long scaled = Math.round(value * 100);
        String sign = scaled < 0 ? "-" : "";
        long magnitude = Math.abs(scaled);
        long whole = magnitude / 100;
        long fraction = magnitude % 100;
        if (fraction == 0) {
            return sign + whole;
        }
        String digits = fraction % 10 == 0 ? String.valueOf(fraction / 10)
                : (fraction < 10 ? "0" : "") + fraction;
        return sign + whole + "." + digits;
    }
}
