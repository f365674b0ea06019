package dev.rigwatch.ops.backtest;

import dev.rigwatch.events.outcome.PricePrecision;
import static dev.rigwatch.ops.backtest.ReportPage.escape;

import dev.rigwatch.events.outcome.ForwardOutcomes;
import dev.rigwatch.events.outcome.HorizonOutcome;
import dev.rigwatch.events.outcome.PricePoint;
import dev.rigwatch.ops.backtest.outcome.SignalOutcome;
import dev.rigwatch.ops.backtest.outcome.SignalQualityTable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One subject's chart on the report page, as inline SVG: the closes on a time and a price axis (log when they span
 * more than {@link ChartTicks#LOG_SCALE_RATIO}×) with grid lines, a marker at every signal and alert, and for each
 * rebound its peak and trough joined to it and its forward window shaded: from the entry close to the
 * longest horizon's exit (90 closes), or to the series' end while that is not yet reached. Each mark has a tooltip.
 */
final class ReportChart {

    static final int WIDTH = 960;
    static final int HEIGHT = 380;
    static final int LEFT = 84;
    static final int RIGHT = 16;
    static final int TOP = 40;
    static final int BOTTOM = 52;
    /** The horizons a marker's tooltip quotes: a week and a month, what a trader asks first. */
    private static final List<Integer> TOOLTIP_HORIZONS = List.of(7, 30);
    /** The report measures the standard horizons: a forward window runs to the longest. */
    private static final int LONGEST_HORIZON = Collections.max(ForwardOutcomes.STANDARD_HORIZONS);

    private final String subject;
    private final List<PricePoint> points;
    private final PricePrecision precision;
    private final Frame frame;
    private final StringBuilder svg = new StringBuilder();

    private ReportChart(String subject, List<PricePoint> points, PricePrecision precision) {
        this.subject = subject;
        this.points = points;
        this.precision = precision;
        BigDecimal min = points.stream().map(PricePoint::price).min(Comparator.naturalOrder()).orElseThrow();
        BigDecimal max = points.stream().map(PricePoint::price).max(Comparator.naturalOrder()).orElseThrow();
        Instant end = points.get(points.size() - 1).time();
        this.frame = new Frame(points.get(0).time(), end.equals(points.get(0).time()) ? end.plusSeconds(1) : end,
                min, max, ChartTicks.logScale(min, max));
    }

    /** The chart of {@code points} (in time order) with {@code marks} (the subject's findings) and their outcomes. */
    static String svg(String subject, List<PricePoint> points, List<BacktestFinding> marks,
                      Map<BacktestFinding, SignalOutcome> outcomes, PricePrecision precision) {
        if (points.isEmpty()) {
            return "<p>no prices in range</p>";
        }
        ReportChart chart = new ReportChart(subject, points, precision);
        chart.svg.append("<svg class=\"chart\" data-subject=\"").append(escape(subject)).append("\" width=\"")
                .append(WIDTH).append("\" height=\"").append(HEIGHT).append("\" viewBox=\"0 0 ").append(WIDTH)
                .append(' ').append(HEIGHT).append("\" role=\"img\" aria-label=\"").append(escape(subject))
                .append(" closes\">");
        chart.axes();
        marks.stream().filter(m -> m.type().equals("rebound")).forEach(m -> chart.forwardWindow(m, outcomes.get(m)));
        chart.closes();
        marks.stream().filter(m -> m.type().equals("rebound")).forEach(chart::peakAndTrough);
        marks.forEach(m -> chart.marker(m, outcomes.get(m)));
        chart.legend();
        return chart.svg.append("</svg>").toString();
    }

    private void axes() {
        for (ChartTicks.TimeTick tick : ChartTicks.time(frame.start(), frame.end())) {
            String x = coordinate(frame.x(tick.time()));
            svg.append("<line class=\"grid\" x1=\"").append(x).append("\" x2=\"").append(x).append("\" y1=\"").append(TOP)
                    .append("\" y2=\"").append(HEIGHT - BOTTOM).append("\"/><text class=\"time-tick\" x=\"").append(x)
                    .append("\" y=\"").append(HEIGHT - BOTTOM + 16).append("\" text-anchor=\"middle\">")
                    .append(escape(tick.label())).append("</text>");
        }
        for (BigDecimal tick : ChartTicks.price(frame.min(), frame.max(), frame.log())) {
            String y = coordinate(frame.y(tick));
            svg.append("<line class=\"grid\" x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT)
                    .append("\" y1=\"").append(y).append("\" y2=\"").append(y).append("\"/><text class=\"price-tick\" x=\"")
                    .append(LEFT - 6).append("\" y=\"").append(y).append("\" dy=\"4\" text-anchor=\"end\">")
                    .append(escape(PricePrecision.grouped(tick))).append("</text>");
        }
        svg.append("<rect class=\"plot\" x=\"").append(LEFT).append("\" y=\"").append(TOP).append("\" width=\"")
                .append(WIDTH - LEFT - RIGHT).append("\" height=\"").append(HEIGHT - TOP - BOTTOM).append("\"/>")
                .append("<text class=\"axis-title\" x=\"").append(LEFT + (WIDTH - LEFT - RIGHT) / 2).append("\" y=\"")
                .append(HEIGHT - 10).append("\" text-anchor=\"middle\">time (UTC)</text>")
                .append("<text class=\"axis-title\" transform=\"translate(16 ").append(TOP + (HEIGHT - TOP - BOTTOM) / 2)
                .append(") rotate(-90)\" text-anchor=\"middle\">price (").append(escape(precision.quote()))
                .append(frame.log() ? ", log scale" : "").append(")</text>");
    }

    private void closes() {
        svg.append("<polyline class=\"closes\" points=\"");
        for (PricePoint point : points) {
            svg.append(coordinate(frame.x(point.time()))).append(',').append(coordinate(frame.y(point.price()))).append(' ');
        }
        svg.append("\"/>");
    }

    /** From the entry close to the exit after the longest horizon, or to the series' end while that is not yet. */
    private void forwardWindow(BacktestFinding signal, SignalOutcome outcome) {
        if (outcome == null) {
            return;
        }
        Optional<HorizonOutcome> last = outcome.at(LONGEST_HORIZON);
        Instant until = last.map(HorizonOutcome::exitTime).orElse(points.get(points.size() - 1).time());
        double x = frame.x(outcome.entryTime());
        svg.append("<rect class=\"forward-window\" x=\"").append(coordinate(x)).append("\" y=\"").append(TOP)
                .append("\" width=\"").append(coordinate(frame.x(until) - x)).append("\" height=\"")
                .append(HEIGHT - TOP - BOTTOM).append("\"><title>").append(escape("after the rebound of "
                        + BacktestReport.DAY.format(signal.eventTime()) + ": entry " + BacktestReport.DAY.format(outcome.entryTime())
                        + " at " + price(outcome.entryClose()) + " to " + (last.isPresent() ? "the exit after "
                        + LONGEST_HORIZON + " closes, " : "the series' end (" + LONGEST_HORIZON + " closes not yet), ")
                        + BacktestReport.DAY.format(until))).append("</title></rect>");
    }

    private void peakAndTrough(BacktestFinding signal) {
        Optional<PricePoint> peak = signal.extreme("peak");
        Optional<PricePoint> trough = signal.extreme("trough");
        if (peak.isEmpty() || trough.isEmpty() || signal.value() == null) {
            return;
        }
        double px = frame.x(peak.get().time());
        double py = frame.y(peak.get().price());
        double tx = frame.x(trough.get().time());
        double ty = frame.y(trough.get().price());
        svg.append("<polyline class=\"rebound-path\" points=\"").append(coordinate(px)).append(',').append(coordinate(py))
                .append(' ').append(coordinate(tx)).append(',').append(coordinate(ty)).append(' ')
                .append(coordinate(frame.x(signal.eventTime()))).append(',').append(coordinate(frame.y(signal.value())))
                .append("\"/>");
        // the peak's triangle points down onto it from above, the trough's up onto it from below
        svg.append("<path class=\"peak\" d=\"M").append(coordinate(px - 5)).append(' ').append(coordinate(py - 9))
                .append(" h10 l-5 8 z\"><title>").append(escape(BacktestReport.DAY.format(peak.get().time()) + " peak at "
                        + price(peak.get().price()) + " before the rebound of " + BacktestReport.DAY.format(signal.eventTime())))
                .append("</title></path><path class=\"trough\" d=\"M").append(coordinate(tx - 5)).append(' ')
                .append(coordinate(ty + 9)).append(" h10 l-5 -8 z\"><title>")
                .append(escape(BacktestReport.DAY.format(trough.get().time()) + " trough at " + price(trough.get().price())
                        + " before the rebound of " + BacktestReport.DAY.format(signal.eventTime()))).append("</title></path>");
    }

    private void marker(BacktestFinding mark, SignalOutcome outcome) {
        BigDecimal value = mark.value() != null ? mark.value() : nearest(mark.eventTime());
        String kind = mark.isAlert() ? "alert" : mark.type();
        StringBuilder tooltip = new StringBuilder(BacktestReport.DAY.format(mark.eventTime()) + " " + mark.type()
                + " at " + price(value));
        if (outcome != null) {
            for (int windows : TOOLTIP_HORIZONS) {
                tooltip.append(", after ").append(windows).append(" closes ").append(outcome.at(windows)
                        .map(HorizonOutcome::changePct).map(SignalQualityTable::percent).orElse("not yet"));
            }
        }
        svg.append("<circle class=\"").append(escape(kind)).append("\" r=\"").append(kind.equals("alert") ? 8 : 5)
                .append("\" cx=\"").append(coordinate(frame.x(mark.eventTime()))).append("\" cy=\"")
                .append(coordinate(frame.y(value))).append("\"><title>").append(escape(tooltip.toString()))
                .append("</title></circle>");
    }

    private void legend() {
        String[][] entries = {{"closes", "close"}, {"rebound", "rebound signal"}, {"peak", "peak before it"},
                {"trough", "trough it rose from"}, {"forward-window", "its forward window"}, {"alert", "alert"},
                {"capitulation", "capitulation"}};
        int x = LEFT;
        for (String[] entry : entries) {
            svg.append(switch (entry[0]) {
                case "closes" -> "<line class=\"closes\" x1=\"" + x + "\" x2=\"" + (x + 14) + "\" y1=\"16\" y2=\"16\"/>";
                case "peak" -> "<path class=\"peak\" d=\"M" + (x + 2) + " 12 h10 l-5 8 z\"/>";
                case "trough" -> "<path class=\"trough\" d=\"M" + (x + 2) + " 20 h10 l-5 -8 z\"/>";
                case "forward-window" -> "<rect class=\"forward-window\" x=\"" + x + "\" y=\"9\" width=\"14\" height=\"14\"/>";
                default -> "<circle class=\"" + entry[0] + "\" r=\"5\" cx=\"" + (x + 7) + "\" cy=\"16\"/>";
            }).append("<text class=\"legend\" x=\"").append(x + 20).append("\" y=\"20\">").append(entry[1]).append("</text>");
            x += 20 + 7 * entry[1].length() + 16;
        }
    }

    private String price(BigDecimal value) {
        return precision.label(value) + " " + precision.quote();
    }

    private BigDecimal nearest(Instant time) {
        return points.stream().min(Comparator.comparing(p -> Math.abs(p.time().getEpochSecond() - time.getEpochSecond())))
                .orElseThrow().price();
    }

    private static String coordinate(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    /** Time and price to SVG coordinates in the plot area; anything outside the range is drawn at its edge. */
    record Frame(Instant start, Instant end, BigDecimal min, BigDecimal max, boolean log) {

        double x(Instant time) {
            double share = (double) (time.getEpochSecond() - start.getEpochSecond())
                    / (end.getEpochSecond() - start.getEpochSecond());
            return LEFT + Math.max(0, Math.min(1, share)) * (WIDTH - LEFT - RIGHT);
        }

        double y(BigDecimal price) {
            double low = scaled(min);
            double high = scaled(max);
            double share = high == low ? 0.5 : (scaled(price) - low) / (high - low);
            return HEIGHT - BOTTOM - Math.max(0, Math.min(1, share)) * (HEIGHT - TOP - BOTTOM);
        }

        private double scaled(BigDecimal price) {
            return log ? Math.log(price.doubleValue()) : price.doubleValue();
        }
    }
}
