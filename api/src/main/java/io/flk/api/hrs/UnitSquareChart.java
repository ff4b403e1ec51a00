package io.flk.api.hrs;

import static org.springframework.web.util.HtmlUtils.htmlEscape;

import io.flk.domain.hrs.ModelMetrics.CurvePoint;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * An inline SVG plot of the unit square, [0, 1] on both axes, with ticks and axis labels: every chart of a model
 * card plots rates or probabilities. Values are clamped to the square so that a rounding error cannot draw
 * outside it.
 */
final class UnitSquareChart {

    private static final int LEFT = 58;
    private static final int TOP = 14;
    private static final int PLOT = 256;
    private static final int WIDTH = LEFT + PLOT + 16;
    private static final int HEIGHT = TOP + PLOT + 48;
    private static final double[] TICKS = {0, 0.25, 0.5, 0.75, 1};

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final StringBuilder marks = new StringBuilder();

    UnitSquareChart(String title, String xLabel, String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    /** The line of a model that knows nothing (chance on ROC, perfect calibration on a reliability diagram). */
    UnitSquareChart diagonal() {
        marks.append(line(0, 0, 1, 1, "reference"));
        return this;
    }

    UnitSquareChart horizontal(double y) {
        marks.append(line(0, y, 1, y, "reference"));
        return this;
    }

    UnitSquareChart curve(List<CurvePoint> points) {
        marks.append("<polyline class=\"curve\" points=\"")
                .append(points.stream().map(point -> px(point.x()) + "," + py(point.y()))
                        .collect(Collectors.joining(" ")))
                .append("\"/>");
        return this;
    }

    /** A bar over [from, to) up to {@code height}, labelled above with {@code label}. */
    UnitSquareChart bar(double from, double to, double height, String label) {
        String x = px(from);
        String y = py(height);
        String width = coordinate((clamp(to) - clamp(from)) * PLOT);
        String barHeight = coordinate(clamp(height) * PLOT);
        marks.append("<rect class=\"bin\" x=\"").append(x).append("\" y=\"").append(y).append("\" width=\"")
                .append(width).append("\" height=\"").append(barHeight).append("\"/>")
                .append("<text class=\"count\" x=\"").append(px((from + to) / 2)).append("\" y=\"")
                .append(coordinate(TOP + (1 - clamp(height)) * PLOT - 4)).append("\">").append(htmlEscape(label))
                .append("</text>");
        return this;
    }

    UnitSquareChart point(double x, double y) {
        marks.append("<circle class=\"point\" cx=\"").append(px(x)).append("\" cy=\"").append(py(y))
                .append("\" r=\"3.5\"/>");
        return this;
    }

    String svg() {
        StringBuilder svg = new StringBuilder()
                .append("<svg role=\"img\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT)
                .append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT).append("\">")
                .append("<title>").append(htmlEscape(title)).append("</title>")
                .append("<rect class=\"frame\" x=\"").append(LEFT).append("\" y=\"").append(TOP)
                .append("\" width=\"").append(PLOT).append("\" height=\"").append(PLOT).append("\"/>");
        for (double tick : TICKS) {
            String label = tickLabel(tick);
            svg.append("<line class=\"tick\" x1=\"").append(px(tick)).append("\" y1=\"").append(TOP + PLOT)
                    .append("\" x2=\"").append(px(tick)).append("\" y2=\"").append(TOP + PLOT + 5).append("\"/>")
                    .append("<text class=\"tick-label\" x=\"").append(px(tick)).append("\" y=\"")
                    .append(TOP + PLOT + 18).append("\" text-anchor=\"middle\">").append(label).append("</text>")
                    .append("<line class=\"tick\" x1=\"").append(LEFT - 5).append("\" y1=\"").append(py(tick))
                    .append("\" x2=\"").append(LEFT).append("\" y2=\"").append(py(tick)).append("\"/>")
                    .append("<text class=\"tick-label\" x=\"").append(LEFT - 8).append("\" y=\"")
                    .append(coordinate(TOP + (1 - tick) * PLOT + 4)).append("\" text-anchor=\"end\">")
                    .append(label).append("</text>");
        }
        return svg.append(marks)
                .append("<text class=\"axis-label\" x=\"").append(LEFT + PLOT / 2).append("\" y=\"")
                .append(HEIGHT - 10).append("\" text-anchor=\"middle\">").append(htmlEscape(xLabel))
                .append("</text>")
                .append("<text class=\"axis-label\" x=\"14\" y=\"").append(TOP + PLOT / 2)
                .append("\" text-anchor=\"middle\" transform=\"rotate(-90 14 ").append(TOP + PLOT / 2).append(")\">")
                .append(htmlEscape(yLabel)).append("</text>")
                .append("</svg>")
                .toString();
    }

    private static String line(double x1, double y1, double x2, double y2, String cssClass) {
        return "<line class=\"" + cssClass + "\" x1=\"" + px(x1) + "\" y1=\"" + py(y1) + "\" x2=\"" + px(x2)
                + "\" y2=\"" + py(y2) + "\"/>";
    }

    private static String px(double x) {
        return coordinate(LEFT + clamp(x) * PLOT);
    }

    /** SVG's y axis points down. */
    private static String py(double y) {
        return coordinate(TOP + (1 - clamp(y)) * PLOT);
    }

    private static String coordinate(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static String tickLabel(double tick) {
        return tick == 0 || tick == 1 ? String.valueOf((int) tick) : String.format(Locale.ROOT, "%.2f", tick);
    }

    private static double clamp(double value) {
        return Math.max(0, Math.min(1, value));
    }
}
