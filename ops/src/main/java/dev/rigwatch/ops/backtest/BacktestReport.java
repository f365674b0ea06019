package dev.rigwatch.ops.backtest;

import dev.rigwatch.events.outcome.PricePoint;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.rigwatch.events.outcome.ForwardOutcomes;
import dev.rigwatch.ops.backtest.outcome.OutcomeColumns;
import dev.rigwatch.ops.backtest.outcome.RuleSummary;
import dev.rigwatch.ops.backtest.outcome.SignalOutcome;
import dev.rigwatch.ops.backtest.outcome.SignalQuality;
import dev.rigwatch.ops.backtest.outcome.SignalQualityTable;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What a backtest found, in three forms: a summary for the terminal, a CSV with one row per signal or alert, and a
 * self-contained HTML page (inline SVG, no scripts, no external files) charting each subject's price with a marker
 * where each signal fired. Each form says what followed the signals ({@link SignalQuality}): forward changes after
 * 1, 7, 30 and 90 closes of the subject's charted series, against holding from every close and random entries.
 *
 * @param from       start of the replayed range (inclusive)
 * @param to         end of the replayed range (exclusive)
 * @param parameters the parameters the run used, as {@code name → value}, printed in every form
 * @param series     each subject's closes, in time order
 * @param findings   every signal and alert, in event-time order
 */
public record BacktestReport(Instant from, Instant to, Map<String, String> parameters,
                             Map<String, List<PricePoint>> series, List<BacktestFinding> findings) {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm'Z'").withZone(ZoneOffset.UTC);
    private static final List<String> FIXED_COLUMNS = List.of("event_time", "type", "subject", "interval", "value");
    private static final int CHART_WIDTH = 960;
    private static final int CHART_HEIGHT = 280;
    private static final int MARGIN = 48;
    /** Beyond this max/min ratio a linear axis flattens the early years (ETH: $0.43 to $4,800): use a log axis. */
    private static final double LOG_SCALE_RATIO = 20;

    public BacktestReport {
        parameters = Collections.unmodifiableSortedMap(new TreeMap<>(parameters)); // printed in name order
        series = new TreeMap<>(series);
        findings = findings.stream().sorted(Comparator.comparing(BacktestFinding::eventTime)
                .thenComparing(BacktestFinding::subject).thenComparing(BacktestFinding::type)).toList();
    }

    /** How many findings of each type per subject, e.g. {@code import:ETH-USD → {rebound=9, alert:signal:rebound=9}}. */
    public Map<String, Map<String, Long>> countsBySubject() {
        Map<String, Map<String, Long>> counts = new TreeMap<>();
        for (BacktestFinding finding : findings) {
            counts.computeIfAbsent(finding.subject(), s -> new TreeMap<>()).merge(finding.type(), 1L, Long::sum);
        }
        return counts;
    }

    public void printSummary(PrintStream out) {
        out.printf("backtest %s → %s%n", DAY.format(from), DAY.format(to));
        parameters.forEach((name, value) -> out.printf("  %-34s %s%n", name, value));
        out.printf("%d price series, %d signals and alerts%n", series.size(), findings.size());
        for (BacktestFinding finding : findings) {
            out.printf("  %s  %-22s %-24s %-4s %s%n", DAY.format(finding.eventTime()), finding.type(), finding.subject(),
                    finding.interval(), finding.value() == null ? "" : finding.value().toPlainString());
        }
        out.println("counts per subject:");
        countsBySubject().forEach((subject, byType) -> out.printf("  %-24s %s%n", subject, byType));
        out.println("signal quality (after n closes of each subject's series):");
        for (RuleSummary rule : signalQuality()) {
            out.printf("  %s %s %s: %d signals (%d unmeasured), %s%n", rule.subject(), rule.type(), rule.interval(),
                    rule.signals(), rule.unmeasured(), rule.verdict());
            rule.horizons().forEach(h -> out.printf("    %s%n", h.describe()));
        }
    }

    /** What followed each rule's signals on each subject, with the report's fixed bootstrap seed. */
    public List<RuleSummary> signalQuality() {
        return SignalQuality.standard(SignalQuality.REPORT_SEED).summarise(findings, series);
    }

    /** One row per finding: the fixed columns, then every field any finding has (empty where a finding has none). */
    public void writeCsv(Path file) throws IOException {
        TreeSet<String> fieldNames = new TreeSet<>();
        findings.forEach(f -> fieldNames.addAll(f.fields().keySet()));
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
        FIXED_COLUMNS.forEach(schema::addColumn);
        fieldNames.forEach(schema::addColumn);
        ForwardOutcomes forward = ForwardOutcomes.standard();
        List<String> outcomeColumns = OutcomeColumns.names(forward.horizons());
        outcomeColumns.stream().filter(name -> !fieldNames.contains(name)).forEach(schema::addColumn);
        CsvMapper mapper = new CsvMapper();
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             SequenceWriter rows = mapper.writer(schema.build()).writeValues(writer)) {
            for (BacktestFinding finding : findings) {
                Map<String, String> row = new LinkedHashMap<>();
                row.put("event_time", finding.eventTime().toString());
                row.put("type", finding.type());
                row.put("subject", finding.subject());
                row.put("interval", finding.interval());
                row.put("value", finding.value() == null ? "" : finding.value().toPlainString());
                fieldNames.forEach(name -> row.put(name, finding.fields().getOrDefault(name, "")));
                List<PricePoint> closes = series.getOrDefault(finding.subject(), List.of());
                row.putAll(OutcomeColumns.values(SignalQuality.onSeriesInterval(finding, closes)
                        ? SignalOutcome.measure(forward, finding, closes) : Optional.empty(), forward.horizons()));
                rows.write(row);
            }
        }
    }

    public void writeHtml(Path file) throws IOException {
        writeHtml(file, List.of());
    }

    /** The page with {@code sections} after the signal quality, e.g. a parameter sweep. */
    public void writeHtml(Path file, List<ReportSection> sections) throws IOException {
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>rigwatch backtest ")
                .append(escape(DAY.format(from))).append(" to ").append(escape(DAY.format(to))).append("</title>\n")
                .append("<style>body{font:14px system-ui,sans-serif;margin:24px;color:#222}"
                        + "table{border-collapse:collapse;margin:8px 0 24px}td,th{border:1px solid #ccc;padding:3px 8px;"
                        + "text-align:left;font-variant-numeric:tabular-nums}th{background:#f3f3f3}"
                        + "svg{background:#fcfcfc;border:1px solid #ddd}.rebound{fill:#1a9850}.capitulation{fill:#d73027}"
                        + ".alert{fill:#4575b4}.axis{font-size:11px;fill:#666}</style></head><body>\n")
                .append("<h1>rigwatch backtest</h1>\n<p>").append(escape(DAY.format(from))).append(" to ")
                .append(escape(DAY.format(to))).append(": ").append(findings.size()).append(" signals and alerts over ")
                .append(series.size()).append(" price series.</p>\n<h2>Parameters</h2>\n<table>");
        parameters.forEach((name, value) -> html.append("<tr><th>").append(escape(name)).append("</th><td>")
                .append(escape(value)).append("</td></tr>"));
        html.append("</table>\n");
        appendSignalQuality(html);
        sections.forEach(section -> appendSection(html, section));
        Map<String, List<BacktestFinding>> bySubject = findings.stream()
                .collect(Collectors.groupingBy(BacktestFinding::subject, TreeMap::new, Collectors.toList()));
        for (Map.Entry<String, List<PricePoint>> entry : series.entrySet()) {
            List<BacktestFinding> marks = bySubject.getOrDefault(entry.getKey(), List.of());
            html.append("<h2>").append(escape(entry.getKey())).append("</h2>\n")
                    .append(chart(entry.getValue(), marks)).append('\n');
        }
        html.append("<h2>Signals and alerts</h2>\n<table><tr><th>event time</th><th>type</th><th>subject</th>"
                + "<th>interval</th><th>value</th><th>details</th></tr>\n");
        for (BacktestFinding finding : findings) {
            html.append("<tr><td>").append(escape(DAY.format(finding.eventTime()))).append("</td><td>")
                    .append(escape(finding.type())).append("</td><td>").append(escape(finding.subject()))
                    .append("</td><td>").append(escape(finding.interval())).append("</td><td>")
                    .append(finding.value() == null ? "" : escape(finding.value().toPlainString())).append("</td><td>")
                    .append(escape(finding.fields().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                            .collect(Collectors.joining(", ")))).append("</td></tr>\n");
        }
        html.append("</table>\n</body></html>\n");
        Files.writeString(file, html, StandardCharsets.UTF_8);
    }

    /** The summary table, on top: what a trader asks first is what followed the signals. */
    private void appendSignalQuality(StringBuilder html) {
        List<RuleSummary> rules = signalQuality();
        html.append("<h2>Signal quality</h2>\n<p>After each signal, the change from the last close at or before it "
                + "to the close n closes later on the subject's charted series (only signals on that series' interval); a signal too close to the end for a horizon "
                + "is counted as not yet. Every close: holding n closes from any close of the series. Random entries: "
                + "as many entries as signals at random closes, 1,000 resamples, seeded.</p>\n");
        for (RuleSummary rule : rules) {
            html.append("<p><b>").append(escape(rule.type() + " on " + rule.subject() + " " + rule.interval()))
                    .append("</b>: ").append(rule.signals()).append(" signals")
                    .append(rule.unmeasured() == 0 ? "" : " (" + rule.unmeasured() + " not measured: no series of "
                            + "their interval, or before its first close)")
                    .append("; ").append(escape(rule.verdict()))
                    .append(rule.buyAndHoldPct().map(p -> "; buy and hold over the range " + p.toPlainString() + " %")
                            .orElse(""))
                    .append(rule.troughsChecked() == 0 ? "" : "; troughs broken later: " + rule.troughsBroken() + " of "
                            + rule.troughsChecked()).append("</p>\n");
        }
        if (rules.isEmpty()) {
            return;
        }
        html.append("<table><tr>");
        SignalQualityTable.HEADER.forEach(name -> html.append("<th>").append(escape(name)).append("</th>"));
        html.append("</tr>\n");
        for (List<String> row : SignalQualityTable.rows(rules)) {
            html.append("<tr>");
            row.forEach(cell -> html.append("<td>").append(escape(cell)).append("</td>"));
            html.append("</tr>\n");
        }
        html.append("</table>\n");
    }

    private static void appendSection(StringBuilder html, ReportSection section) {
        html.append("<h2>").append(escape(section.title())).append("</h2>\n<p>").append(escape(section.intro()))
                .append("</p>\n<table><tr>");
        section.header().forEach(name -> html.append("<th>").append(escape(name)).append("</th>"));
        html.append("</tr>\n");
        for (List<String> row : section.rows()) {
            html.append("<tr>");
            row.forEach(cell -> html.append("<td>").append(escape(cell)).append("</td>"));
            html.append("</tr>\n");
        }
        html.append("</table>\n");
    }

    /** An SVG line of the closes with a marker (and a tooltip) at each finding's time and value. */
    private String chart(List<PricePoint> points, List<BacktestFinding> marks) {
        if (points.isEmpty()) {
            return "<p>no prices in range</p>";
        }
        double min = points.stream().mapToDouble(p -> p.price().doubleValue()).min().orElseThrow();
        double max = points.stream().mapToDouble(p -> p.price().doubleValue()).max().orElseThrow();
        boolean log = min > 0 && max / min > LOG_SCALE_RATIO;
        long start = points.get(0).time().getEpochSecond();
        long end = Math.max(points.get(points.size() - 1).time().getEpochSecond(), start + 1);
        Axis axis = new Axis(start, end, log ? Math.log(min) : min, log ? Math.log(max) : max, log);
        StringBuilder svg = new StringBuilder();
        svg.append("<svg width=\"").append(CHART_WIDTH).append("\" height=\"").append(CHART_HEIGHT)
                .append("\" viewBox=\"0 0 ").append(CHART_WIDTH).append(' ').append(CHART_HEIGHT)
                .append("\" role=\"img\"><polyline fill=\"none\" stroke=\"#333\" stroke-width=\"1.2\" points=\"");
        for (PricePoint point : points) {
            svg.append(format(axis.x(point.time()))).append(',').append(format(axis.y(point.price()))).append(' ');
        }
        svg.append("\"/>");
        for (BacktestFinding mark : marks) {
            BigDecimal value = mark.value() != null ? mark.value() : nearest(points, mark.eventTime());
            String kind = mark.type().startsWith("alert") ? "alert" : mark.type();
            svg.append("<circle class=\"").append(escape(kind)).append("\" r=\"5\" cx=\"")
                    .append(format(axis.x(mark.eventTime()))).append("\" cy=\"").append(format(axis.y(value)))
                    .append("\"><title>").append(escape(DAY.format(mark.eventTime()) + " " + mark.type() + " "
                            + value.toPlainString())).append("</title></circle>");
        }
        svg.append("<text class=\"axis\" x=\"4\" y=\"").append(MARGIN / 2).append("\">").append(escape(label(max)))
                .append(log ? " (log scale)" : "").append("</text><text class=\"axis\" x=\"4\" y=\"")
                .append(CHART_HEIGHT - 6).append("\">").append(escape(label(min))).append("   ")
                .append(escape(DAY.format(points.get(0).time()))).append("</text><text class=\"axis\" x=\"")
                .append(CHART_WIDTH - 150).append("\" y=\"").append(CHART_HEIGHT - 6).append("\">")
                .append(escape(DAY.format(points.get(points.size() - 1).time()))).append("</text></svg>");
        return svg.toString();
    }

    private record Axis(long start, long end, double low, double high, boolean log) {
        double x(Instant time) {
            double share = (double) (time.getEpochSecond() - start) / (end - start);
            return MARGIN + Math.max(0, Math.min(1, share)) * (CHART_WIDTH - 2 * MARGIN);
        }

        double y(BigDecimal price) {
            double value = log ? Math.log(price.doubleValue()) : price.doubleValue();
            double share = high == low ? 0.5 : (value - low) / (high - low);
            return CHART_HEIGHT - MARGIN - share * (CHART_HEIGHT - 2 * MARGIN);
        }
    }

    private static BigDecimal nearest(List<PricePoint> points, Instant time) {
        return points.stream().min(Comparator.comparing(p -> Math.abs(p.time().getEpochSecond() - time.getEpochSecond())))
                .orElseThrow().price();
    }

    private static String format(double coordinate) {
        return String.format(Locale.ROOT, "%.1f", coordinate);
    }

    private static String label(double price) {
        return String.format(Locale.ROOT, "%,.2f", price);
    }

    private static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    /** The findings of one type, e.g. for tests and summaries. */
    public List<BacktestFinding> findings(String type) {
        List<BacktestFinding> ofType = new ArrayList<>();
        findings.stream().filter(f -> f.type().equals(type)).forEach(ofType::add);
        return ofType;
    }
}
