package dev.rigwatch.ops.backtest;

import dev.rigwatch.events.outcome.PricePoint;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report's three forms carry the signals' outcomes: forward columns in the CSV, the summary in HTML and text. */
class SignalOutcomeReportTest {

    private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");
    private static final String SUBJECT = "import:ETH-USD";

    @TempDir
    Path dir;

    /** A ramp of 100 daily closes 100..199, a rebound on day 0 (trough 99) and one on day 95, and a signal with no series. */
    private final BacktestReport report = new BacktestReport(START, START.plus(Duration.ofDays(100)), Map.of(),
            Map.of(SUBJECT, ramp()), List.of(
                    new BacktestFinding(day(0), "rebound", SUBJECT, "1d", new BigDecimal("100"), Map.of("trough", "99")),
                    new BacktestFinding(day(95), "rebound", SUBJECT, "1d", new BigDecimal("195"), Map.of()),
                    new BacktestFinding(day(3), "capitulation", "model:RTX 3080", "1d", null, Map.of())));

    @Test
    void theCsvGainsTheForwardColumnsEmptyWhereAHorizonIsNotYet() throws IOException {
        Path csv = dir.resolve("report.csv");

        report.writeCsv(csv);

        assertThat(Files.readAllLines(csv).get(0)).startsWith("event_time,type,subject,interval,value,");
        List<Map<String, String>> rows = rows(csv);
        assertThat(rows.get(0).keySet()).contains("entry_close", "after_1_change_pct", "after_90_max_adverse_pct",
                "after_90_max_favourable_pct", "trough_broken_at");
        Map<String, String> first = rows.get(0);
        assertThat(first).containsEntry("type", "rebound").containsEntry("entry_close", "100")
                .containsEntry("after_7_change_pct", "7.0000").containsEntry("after_90_change_pct", "90.0000")
                .containsEntry("after_90_max_adverse_pct", "0.0000").containsEntry("trough_broken_at", "held 99 closes");
        Map<String, String> nearTheEnd = rows.get(2);
        assertThat(nearTheEnd).containsEntry("event_time", day(95).toString())
                .containsEntry("after_1_change_pct", "0.5128").containsEntry("after_7_change_pct", "")
                .containsEntry("after_90_change_pct", "").containsEntry("trough_broken_at", "");
        assertThat(rows.get(1)).containsEntry("type", "capitulation").containsEntry("entry_close", "");
    }

    @Test
    void theHtmlAndTheSummarySayWhatFollowedAndHowItComparesWithRandomEntries() throws IOException {
        Path html = dir.resolve("report.html");
        ByteArrayOutputStream text = new ByteArrayOutputStream();

        report.writeHtml(html);
        report.printSummary(new PrintStream(text, true, StandardCharsets.UTF_8));

        String page = Files.readString(html);
        assertThat(page).contains("<h2>Signal quality</h2>", "rebound on import:ETH-USD 1d</b>: 2 signals; "
                + "no better than random entries at any horizon", "buy and hold over the range 99.00 %",
                "<td>1d</td><td>after 90 closes</td><td>1 (1 not yet)</td><td>100.0 %</td><td>90.00 %</td>");
        assertThat(page.indexOf("Signal quality")).isLessThan(page.indexOf("<svg"));
        String summary = text.toString(StandardCharsets.UTF_8);
        assertThat(summary).contains("signal quality", "import:ETH-USD rebound 1d: 2 signals (0 unmeasured), no better "
                + "than random entries at any horizon",
                "not measured (no series of theirs in this backtest): capitulation on model:RTX 3080 (1)");
        assertThat(summary).as("an unmeasured rule gets one line, not a line per horizon")
                .doesNotContain("model:RTX 3080 capitulation 1d");
        assertThat(page).contains("Not measured, no series of theirs in this backtest: capitulation on model:RTX 3080 (1)")
                .doesNotContain("<td>capitulation</td><td>model:RTX 3080</td><td>1d</td><td>after");
        System.out.println(summary);
    }

    private static List<Map<String, String>> rows(Path csv) throws IOException {
        try (MappingIterator<Map<String, String>> rows = new CsvMapper().readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(csv.toFile())) {
            return rows.readAll();
        }
    }

    private static List<PricePoint> ramp() {
        List<PricePoint> points = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            points.add(new PricePoint(day(i), BigDecimal.valueOf(100 + i)));
        }
        return points;
    }

    private static Instant day(int index) {
        return START.plus(Duration.ofDays(index));
    }
}
