package dev.rigwatch.ops.backtest;

import dev.rigwatch.testing.TestData;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rigwatch.alerts.RulesFile;
import dev.rigwatch.broker.testing.SharedKafka;
import dev.rigwatch.events.kafka.EventProducer;
import dev.rigwatch.events.kafka.KafkaClients;
import dev.rigwatch.ops.history.HistoryImport;
import dev.rigwatch.ops.history.ImportOptions;
import dev.rigwatch.ops.history.ImportSummary;
import dev.rigwatch.streams.StreamsSettings;
import java.io.ByteArrayOutputStream;
import dev.rigwatch.ops.backtest.outcome.HorizonSummary;
import dev.rigwatch.ops.backtest.outcome.RuleSummary;
import dev.rigwatch.ops.backtest.sweep.ReboundSweep;
import dev.rigwatch.ops.backtest.sweep.SweepGrid;
import dev.rigwatch.ops.backtest.sweep.SweepPoint;
import dev.rigwatch.ops.backtest.sweep.SweepResult;
import dev.rigwatch.ops.backtest.sweep.SweepTable;
import dev.rigwatch.streams.signal.rebound.ReboundConfig;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole operator's path on the real broker: real ETH-USD daily history imported, backtested with the production
 * topology, and the report written. The expected signals are the calibrated ones (README, ReboundCalibrationTest):
 * a backtest must find exactly what the rule finds on the same closes.
 */
class BacktestTest {

    private static final List<String> CALIBRATED_ETH_REBOUNDS = List.of("2018-02-15", "2018-04-13", "2018-09-22",
            "2018-12-21", "2019-09-19", "2020-04-03", "2021-05-25", "2022-02-06", "2022-07-17");

    /** Signals are stamped with their window's end: the confirming day is the day before. */
    private static String confirmingDay(BacktestFinding finding) {
        return finding.eventTime().minus(Duration.ofDays(1)).toString().substring(0, 10);
    }

    @TempDir
    Path dir;

    @Test
    void importedMonthlyGpuSoldPricesGiveTheCalibratedGpuReboundsAndTheirAlerts() throws Exception {
        String bootstrap = SharedKafka.bootstrapServers();
        Path index = TestData.path("/data/gpu/ebay-sold-monthly-2021-2023.csv");
        try (EventProducer producer = new EventProducer(bootstrap, "backtest-test-gpu-import")) {
            ImportSummary imported = HistoryImport.standard(Clock.systemUTC()).run(index, ImportOptions.defaults(),
                    producer, p -> { });
            assertThat(imported.importedTotal()).isEqualTo(1_053);
        }

        BacktestReport report = new Backtest(bootstrap, Clock.systemUTC()).run(new Backtest.Request(
                Instant.parse("2021-10-01T00:00:00Z"), Instant.parse("2024-01-01T00:00:00Z"), StreamsSettings.defaults(),
                RulesFile.bundledDefaults(), false, dir.resolve("gpu-state")),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), () -> false).report();

        // GpuReboundCalibrationTest's two: each fires on the month that confirms it, stamped with that month's end
        List<String> expected = List.of("model:RTX 3080 12GB 2023-02-01T00:00:00Z", "model:RTX 4090 2023-12-01T00:00:00Z");
        assertThat(report.findings("rebound")).filteredOn(f -> f.subject().startsWith("model:"))
                .extracting(f -> f.subject() + " " + f.eventTime()).containsExactlyElementsOf(expected);
        assertThat(report.findings("alert:signal:rebound")).filteredOn(f -> f.subject().startsWith("model:"))
                .extracting(f -> f.subject() + " " + f.eventTime()).containsExactlyElementsOf(expected);
        assertThat(report.parameters()).containsEntry("rebound GPU sold 1mo", "drawdown 35 %, recovery 7.5 %, "
                + "3 closes held, peak within 24 months, at least 30 cards sold a month")
                .containsEntry("rebound crypto 1d", "drawdown 40 %, recovery 25 %, 2 closes held, peak within 90 days")
                .containsEntry("range", "2021-10-01 to 2024-01-01");
        assertThat(List.copyOf(report.parameters().keySet())).as("printed in name order").isSorted();
    }

    @Test
    void importedDailyHistoryGivesTheCalibratedReboundsAndTheirAlertsAndTheSandboxIsDeleted() throws Exception {
        String bootstrap = SharedKafka.bootstrapServers();
        String exchange = "bt" + ThreadLocalRandom.current().nextInt(1_000_000, 10_000_000);
        String subject = exchange + ":ETH-USD";
        Path history = TestData.path("/data/history/eth-usd-daily-2017-2024.csv");
        try (EventProducer producer = new EventProducer(bootstrap, "backtest-test-import")) {
            ImportSummary imported = HistoryImport.standard(Clock.systemUTC()).run(history,
                    ImportOptions.defaults().withSymbol("ETH-USD").withExchange(exchange), producer, p -> { });
            assertThat(imported.allWritten()).isTrue();
        }
        ByteArrayOutputStream progress = new ByteArrayOutputStream();

        Instant from = Instant.parse("2017-11-09T00:00:00Z");
        Instant to = Instant.parse("2024-12-09T00:00:00Z");
        BacktestRun run = new Backtest(bootstrap, Clock.systemUTC()).run(new Backtest.Request(from, to,
                StreamsSettings.defaults(), RulesFile.bundledDefaults(), false, dir.resolve("state")),
                new PrintStream(progress, true, StandardCharsets.UTF_8), () -> false);
        BacktestReport report = run.report();

        assertThat(report.findings("rebound")).filteredOn(f -> f.subject().equals(subject))
                .extracting(BacktestTest::confirmingDay)
                .containsExactlyElementsOf(CALIBRATED_ETH_REBOUNDS);
        BacktestFinding bottom = report.findings("rebound").stream()
                .filter(f -> f.subject().equals(subject) && confirmingDay(f).equals("2022-07-17"))
                .findFirst().orElseThrow();
        assertThat(bottom.interval()).isEqualTo("1d");
        assertThat(bottom.fields()).containsEntry("drawdown_threshold_pct", "40.0")
                .containsEntry("recovery_threshold_pct", "25.0").containsEntry("confirm_windows", "2");
        assertThat(report.findings("alert:signal:rebound")).filteredOn(f -> f.subject().equals(subject))
                .extracting(BacktestTest::confirmingDay)
                .containsExactlyElementsOf(CALIBRATED_ETH_REBOUNDS);
        assertThat(report.series().get(subject)).hasSize(2_586);
        // what followed the calibrated rule's signals, measured on the same daily closes (issue 18's figures)
        RuleSummary calibrated = report.signalQuality().stream()
                .filter(rule -> rule.subject().equals(subject) && rule.type().equals("rebound")).findFirst().orElseThrow();
        assertThat(calibrated.signals()).isEqualTo(9);
        assertThat(calibrated.unmeasured()).isZero();
        assertThat(calibrated.horizons()).extracting(HorizonSummary::windows).containsExactly(1, 7, 30, 90);
        assertThat(calibrated.horizons()).allSatisfy(h -> assertThat(h.signals().count() + h.notYet()).isEqualTo(9));
        // the README's table, exactly: the bootstrap is seeded, so the same closes give the same figures
        assertThat(calibrated.horizons()).extracting(HorizonSummary::describe).containsExactly(
                "after 1 close: hit rate 88.9 % (8 of 9, 0 not yet), median 2.2015 % · random entries 50.4 % (5th–95th "
                        + "22.2–77.8 %), median 0.0634 % · every close 51.3 %, median 0.0806 %: better than random entries",
                "after 7 closes: hit rate 44.4 % (4 of 9, 0 not yet), median -2.7012 % · random entries 53.1 % (5th–95th "
                        + "22.2–77.8 %), median 0.9640 % · every close 52.5 %, median 0.5790 %: no better than random entries",
                "after 30 closes: hit rate 44.4 % (4 of 9, 0 not yet), median -15.1514 % · random entries 53.1 % (5th–95th "
                        + "22.2–77.8 %), median 3.0851 % · every close 53.3 %, median 1.5898 %: no better than random entries",
                "after 90 closes: hit rate 33.3 % (3 of 9, 0 not yet), median -12.7170 % · random entries 54.6 % (5th–95th "
                        + "33.3–77.8 %), median 7.9043 % · every close 54.8 %, median 5.6551 %: no better than random entries");
        assertThat(calibrated.verdict()).isEqualTo("better than random entries after 1 close");
        assertThat(calibrated.troughsBroken() + " of " + calibrated.troughsChecked()).isEqualTo("6 of 9");
        System.out.println("signal quality of the calibrated ETH-USD daily rebound rule: " + calibrated.verdict());
        calibrated.horizons().forEach(h -> System.out.println("  " + h.describe()));

        // issue 18's sweep, from the same run's daily candles: the point 40/25 is the topology's rule
        long sweepStart = System.nanoTime();
        SweepResult swept = new ReboundSweep().run(SweepGrid.parse(List.of("drawdown-pct=30,40,50",
                "recovery-pct=10,25"), ReboundConfig.defaults()), Duration.ofDays(1), ReboundConfig.defaults(),
                run.candles().of(Duration.ofDays(1)), report.findings(), new PrintStream(progress, true, StandardCharsets.UTF_8));
        System.out.printf("sweep of %d points and subjects in %d ms%n", swept.points().size(),
                (System.nanoTime() - sweepStart) / 1_000_000);
        SweepTable.print(swept, from, to, System.out);
        assertThat(swept.checks()).allSatisfy(check -> assertThat(check.identical()).as(check.describe()).isTrue());
        SweepPoint calibrated40 = swept.point(subject, ReboundConfig.defaults()).orElseThrow();
        assertThat(calibrated40.signals()).extracting(BacktestTest::confirmingDay)
                .containsExactlyElementsOf(CALIBRATED_ETH_REBOUNDS);
        assertThat(calibrated40.signals()).isEqualTo(report.findings("rebound").stream()
                .filter(f -> f.subject().equals(subject)).toList());
        assertThat(swept.points(subject)).extracting(p -> ReboundConfig.number(p.config().drawdownPct()) + "/"
                + ReboundConfig.number(p.config().recoveryPct()) + " " + p.signals().size())
                .containsExactly("30/10 21", "30/25 16", "40/10 12", "40/25 9", "50/10 8", "50/25 7");
        // the README's sensitivity figures: ranked by the median after 30 closes, the calibrated point is the worst
        assertThat(swept.best(subject).orElseThrow().config()).isEqualTo(new ReboundConfig(50, 25, 2, 90));
        assertThat(swept.best(subject).orElseThrow().medianAfter(30).map(m -> m.setScale(2, RoundingMode.HALF_EVEN)))
                .contains(new BigDecimal("24.87"));
        assertThat(swept.worst(subject).orElseThrow().config()).isEqualTo(ReboundConfig.defaults());

        Path csv = dir.resolve("report.csv");
        Path html = dir.resolve("report.html");
        Path sweepCsv = dir.resolve("sweep.csv");
        report.writeCsv(csv);
        report.writeHtml(html, List.of(SweepTable.section(swept, from, to)));
        SweepTable.writeCsv(swept, sweepCsv);
        List<String> sweepRows = Files.readAllLines(sweepCsv);
        assertThat(sweepRows.get(0)).startsWith("subject,interval,drawdown_pct,recovery_pct,confirm_windows,"
                + "lookback_windows,parameters,signals,after_1_signals,");
        assertThat(sweepRows).filteredOn(row -> row.startsWith(subject + ",1d,")).hasSize(6)
                .anyMatch(row -> row.startsWith(subject + ",1d,40,25,2,90,\"drawdown 40 %, recovery 25 %, 2 closes "
                        + "held, peak within 90 days\",9,9,0,8,") && row.endsWith(",true"));
        List<String> rows = Files.readAllLines(csv);
        assertThat(rows.get(0)).startsWith("event_time,type,subject,interval,value,");
        assertThat(rows).filteredOn(row -> row.contains(",rebound," + subject + ",1d,")).hasSize(9);
        assertThat(Files.readString(html)).contains("<svg", subject, "class=\"rebound\"", "2022-07-18 00:00Z",
                "<h2>Parameter sweep</h2>", "drawdown 50 %, recovery 10 %, 2 closes held, peak within 90 days");

        try (Admin admin = Admin.create(KafkaClients.admin(bootstrap))) {
            assertThat(admin.listTopics().names().get()).noneMatch(name -> name.startsWith("bt-")
                    || name.startsWith("rigwatch-backtest-"));
        }
        assertThat(progress.toString(StandardCharsets.UTF_8)).contains("deleted the sandbox");
    }
}
