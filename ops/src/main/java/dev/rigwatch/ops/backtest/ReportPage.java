package dev.rigwatch.ops.backtest;

import dev.rigwatch.events.outcome.PricePrecision;
import static dev.rigwatch.ops.backtest.BacktestReport.DAY;

import dev.rigwatch.events.outcome.ForwardOutcomes;
import dev.rigwatch.events.outcome.HorizonOutcome;
import dev.rigwatch.events.outcome.PricePoint;
import dev.rigwatch.ops.backtest.outcome.HorizonSummary;
import dev.rigwatch.ops.backtest.outcome.OutcomeColumns;
import dev.rigwatch.ops.backtest.outcome.RuleSummary;
import dev.rigwatch.ops.backtest.outcome.SignalOutcome;
import dev.rigwatch.ops.backtest.outcome.SignalQualityTable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The report as one self-contained HTML page (inline SVG and CSS, no scripts, no external files), in the order a
 * trader reads it: what followed the signals, the parameters that produced them, each subject's chart
 * ({@link ReportChart}), then every signal and alert with its peak, trough and forward changes in columns.
 */
final class ReportPage {

    private static final String STYLE = "body{font:14px system-ui,sans-serif;margin:24px;color:#222}"
            + "table{border-collapse:collapse;margin:8px 0 24px}td,th{border:1px solid #ccc;padding:3px 8px;"
            + "text-align:left;font-variant-numeric:tabular-nums}th{background:#f3f3f3}"
            + "svg.chart{background:#fcfcfc;border:1px solid #ddd;max-width:100%;height:auto}"
            + ".grid{stroke:#e6e6e6}.plot{fill:none;stroke:#bbb}.closes{fill:none;stroke:#333;stroke-width:1.2}"
            + ".time-tick,.price-tick,.legend{font-size:11px;fill:#555}.axis-title{font-size:12px;fill:#333}"
            + ".forward-window{fill:#1a9850;fill-opacity:.10}.rebound-path{fill:none;stroke:#1a9850;"
            + "stroke-dasharray:3 2}.rebound{fill:#1a9850}.peak{fill:#f46d43}.trough{fill:#2c7bb6}"
            + ".capitulation{fill:#d73027}.alert{fill:none;stroke:#4575b4;stroke-width:1.5}"
            // the signals table has 15 columns: smaller and tighter, so it fits a laptop's width; long details wrap
            + "table.findings{font-size:12px}table.findings td,table.findings th{padding:2px 5px}"
            + "table.findings td:last-child{color:#555;overflow-wrap:anywhere}";
    /**
     * Shown in their own columns, or (the thresholds) in the parameters table, or (an alert's id: its rule, subject
     * and time) by the row itself: left out of "details".
     */
    private static final Set<String> NOT_IN_DETAILS = Set.of("peak", "peak_time", "trough", "trough_time",
            "drawdown_pct", "recovery_pct", "drawdown_threshold_pct", "recovery_threshold_pct", "confirm_windows",
            "lookback_windows", "alert_id");

    private final BacktestReport report;
    private final Map<BacktestFinding, SignalOutcome> outcomes;
    private final Function<String, PricePrecision> precisions;
    private final StringBuilder html = new StringBuilder();

    private ReportPage(BacktestReport report) {
        this.report = report;
        this.outcomes = report.outcomes();
        this.precisions = report.precisions();
    }

    /** The page, with {@code sections} (e.g. a parameter sweep) after the signal quality. */
    static String html(BacktestReport report, List<ReportSection> sections) {
        ReportPage page = new ReportPage(report);
        String range = DAY.format(report.from()) + " to " + DAY.format(report.to());
        page.html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>rigwatch backtest ")
                .append(escape(range)).append("</title>\n<style>").append(STYLE).append("</style></head><body>\n")
                .append("<h1>rigwatch backtest</h1>\n<p>").append(escape(range)).append(": ")
                .append(report.findings().size()).append(" signals and alerts over ").append(report.series().size())
                .append(" price series.</p>\n");
        page.signalQuality();
        sections.forEach(page::section);
        page.parameters();
        page.charts();
        page.findings();
        return page.html.append("</body></html>\n").toString();
    }

    /** The summary table, on top: what a trader asks first is what followed the signals. */
    private void signalQuality() {
        List<RuleSummary> rules = report.signalQuality();
        html.append("<h2>Signal quality</h2>\n<p>After each signal, the change from the last close at or before it "
                + "to the close n closes later on the subject's charted series (only signals on that series' interval); "
                + "a signal too close to the end for a horizon is counted as not yet. Every close: holding n closes from "
                + "any close of the series. Random entries: as many entries as signals at random closes, 1,000 "
                + "resamples, seeded.</p>\n");
        for (RuleSummary rule : rules.stream().filter(RuleSummary::measured).toList()) {
            html.append("<p><b>").append(escape(rule.type() + " on " + rule.subject() + " " + rule.interval()))
                    .append("</b>: ").append(rule.signals()).append(" signals")
                    .append(rule.unmeasured() == 0 ? "" : " (" + rule.unmeasured() + " not measured: no series of "
                            + "their interval, or before its first close)")
                    .append("; ").append(escape(rule.verdict()))
                    .append(rule.buyAndHoldPct().map(p -> "; buy and hold over the range " + SignalQualityTable.percent(p))
                            .orElse(""))
                    .append(rule.troughsChecked() == 0 ? "" : "; troughs broken later: " + rule.troughsBroken() + " of "
                            + rule.troughsChecked()).append("</p>\n");
        }
        if (rules.stream().anyMatch(RuleSummary::measured)) {
            table("signal-quality", SignalQualityTable.HEADER, SignalQualityTable.rows(rules));
        }
        String unmeasured = BacktestReport.unmeasured(rules);
        if (!unmeasured.isEmpty()) {
            html.append("<p>Not measured, no series of theirs in this backtest: ").append(escape(unmeasured))
                    .append(".</p>\n");
        }
    }

    private void section(ReportSection section) {
        html.append("<h2>").append(escape(section.title())).append("</h2>\n<p>").append(escape(section.intro()))
                .append("</p>\n");
        table("section", section.header(), section.rows());
    }

    private void parameters() {
        html.append("<h2>Parameters</h2>\n<table>");
        report.parameters().forEach((name, value) -> html.append("<tr><th>").append(escape(name)).append("</th><td>")
                .append(escape(value)).append("</td></tr>"));
        html.append("</table>\n");
    }

    private void charts() {
        Map<String, List<BacktestFinding>> bySubject = report.findings().stream()
                .collect(Collectors.groupingBy(BacktestFinding::subject, TreeMap::new, Collectors.toList()));
        for (Map.Entry<String, List<PricePoint>> entry : report.series().entrySet()) {
            String subject = entry.getKey();
            html.append("<h2>").append(escape(subject)).append("</h2>\n")
                    .append(ReportChart.svg(subject, entry.getValue(), bySubject.getOrDefault(subject, List.of()),
                            outcomes, precisions.apply(subject))).append('\n');
        }
    }

    /** One row per finding, a column per thing a trader compares: price, peak, trough, what followed. */
    private void findings() {
        List<Integer> horizons = ForwardOutcomes.STANDARD_HORIZONS;
        List<String> header = new ArrayList<>(List.of("event time", "type", "subject", "interval", "price", "peak",
                "trough", "drawdown", "recovery"));
        horizons.forEach(h -> header.add("after " + HorizonSummary.closes(h)));
        header.addAll(List.of("trough later", "details"));
        List<List<String>> rows = new ArrayList<>();
        for (BacktestFinding finding : report.findings()) {
            PricePrecision precision = precisions.apply(finding.subject());
            SignalOutcome outcome = outcomes.get(finding);
            List<String> row = new ArrayList<>(List.of(DAY.format(finding.eventTime()), finding.type(),
                    finding.subject(), finding.interval(),
                    finding.value() == null ? "" : precision.label(finding.value()),
                    extreme(finding, "peak", precision), extreme(finding, "trough", precision),
                    percentField(finding, "drawdown_pct"), percentField(finding, "recovery_pct")));
            for (int windows : horizons) {
                row.add(outcome == null ? "" : outcome.at(windows).map(HorizonOutcome::changePct)
                        .map(SignalQualityTable::percent).orElse("not yet"));
            }
            row.add(outcome == null ? "" : outcome.trough().map(OutcomeColumns::troughFate).orElse(""));
            row.add(finding.fields().entrySet().stream().filter(e -> !NOT_IN_DETAILS.contains(e.getKey()))
                    .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", ")));
            rows.add(row);
        }
        html.append("<h2>Signals and alerts</h2>\n");
        table("findings", header, rows);
    }

    /** {@code 3,580.56 on 2022-04-02}: a rebound's peak or trough price, rounded, and its day. */
    private static String extreme(BacktestFinding finding, String name, PricePrecision precision) {
        return finding.extreme(name).map(p -> precision.label(p.price()) + " on " + p.time().toString().substring(0, 10))
                .orElse("");
    }

    private static String percentField(BacktestFinding finding, String name) {
        String value = finding.fields().get(name);
        return value == null ? "" : SignalQualityTable.percent(new BigDecimal(value));
    }

    private void table(String cssClass, List<String> header, List<List<String>> rows) {
        html.append("<table class=\"").append(cssClass).append("\"><tr>");
        header.forEach(name -> html.append("<th>").append(escape(name)).append("</th>"));
        html.append("</tr>\n");
        for (List<String> row : rows) {
            html.append("<tr>");
            row.forEach(cell -> html.append("<td>").append(escape(cell)).append("</td>"));
            html.append("</tr>\n");
        }
        html.append("</table>\n");
    }

    static String escape(String text) {
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
}
