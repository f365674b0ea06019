package dev.rigwatch.ops.backtest.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigwatch.events.Candle;
import dev.rigwatch.ops.backtest.BacktestFinding;
import dev.rigwatch.streams.signal.rebound.ReboundConfig;
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
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sweep on a constructed daily series whose every figure is known by hand. Two crashes: 100 → 70 (30 %) recovered
 * to 90, 90 (28.6 %) by day 3; 95 → 55 (42.1 % from 95, 45 % from day 0's 100) recovered to 70, 70 (27.3 %) by day 7,
 * and 77, 75 (40 %, 36.4 %) by day 9; then down to 63 and flat at 64 to day 39.
 */
class ReboundSweepTest {

    private static final String SUBJECT = "import:ETH-USD";
    private static final Duration DAY = Duration.ofDays(1);
    private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");
    private static final long[] CLOSES = {100, 70, 90, 90, 95, 55, 70, 70, 77, 75, 72, 71, 69, 68, 63};
    private static final int DAYS = 40;

    @TempDir
    Path dir;

    private static Candle candle(int day, long close) {
        BigDecimal price = BigDecimal.valueOf(close);
        return new Candle(Candle.VERSION, SUBJECT, DAY, START.plus(DAY.multipliedBy(day)),
                START.plus(DAY.multipliedBy(day + 1)), price, price, price, price, null, 0);
    }

    private static List<Candle> series() {
        List<Candle> candles = new ArrayList<>();
        for (int day = 0; day < DAYS; day++) {
            candles.add(candle(day, day < CLOSES.length ? CLOSES[day] : 64));
        }
        return candles;
    }

    private static SweepResult sweep(List<Candle> candles, List<BacktestFinding> topology, PrintStream progress) {
        SweepGrid grid = SweepGrid.parse(List.of("drawdown-pct=30,40,50", "recovery-pct=25,30"), ReboundConfig.defaults());
        return new ReboundSweep(() -> 0).run(grid, DAY, ReboundConfig.defaults(), Map.of(SUBJECT, candles), topology,
                progress);
    }

    private static PrintStream discard() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }

    /** The confirming day of each signal: stamped with the window's end, so the day before. */
    private static List<Integer> days(SweepPoint point) {
        return point.signals().stream().map(f -> (int) Duration.between(START, f.eventTime()).toDays() - 1).toList();
    }

    private static String median(SweepPoint point, int after) {
        return point.medianAfter(after).map(BigDecimal::toPlainString).orElse("none");
    }

    @Test
    void eachPointGivesItsSignalsAndTheirForwardFiguresExactly() {
        SweepResult result = sweep(series(), List.of(), discard());

        assertThat(result.points()).extracting(p -> ReboundConfig.number(p.config().drawdownPct()) + "/"
                + ReboundConfig.number(p.config().recoveryPct()) + " " + days(p)).containsExactly(
                "30/25 [3, 7]", "30/30 [9]", "40/25 [7]", "40/30 [9]", "50/25 []", "50/30 []");
        SweepPoint both = result.points().get(0);
        // entries 90 (day 3) and 70 (day 7): after 1 close 95 and 77, after 7 72 and 63, after 30 both 64
        assertThat(both.after(1).orElseThrow().signals().hits()).isEqualTo(2);
        assertThat(median(both, 1)).isEqualTo("7.7778");  // (5.5556 + 10.0000) / 2
        assertThat(both.after(7).orElseThrow().signals().hits()).isZero();
        assertThat(median(both, 7)).isEqualTo("-15.0000"); // (-20 + -10) / 2
        assertThat(median(both, 30)).isEqualTo("-18.7302"); // (-28.8889 + -8.5714) / 2, half-even
        assertThat(both.after(90).orElseThrow().notYet()).isEqualTo(2);
        SweepPoint lateRecovery = result.points().get(1);
        // entry 75 (day 9): 72 after 1 close, 64 after 7 and after 30
        assertThat(lateRecovery.after(1).orElseThrow().signals().hitRate()).contains(0.0);
        assertThat(median(lateRecovery, 1)).isEqualTo("-4.0000");
        assertThat(median(lateRecovery, 30)).isEqualTo("-14.6667");
        assertThat(median(result.points().get(2), 30)).isEqualTo("-8.5714");
        assertThat(result.points().get(4).quality().signals()).isZero();
        assertThat(result.points().get(4).quality().verdict()).isEqualTo("not measured: no signal has a horizon yet");
    }

    @Test
    void theBestAndWorstPointAreTheHighestAndLowestMedianAfter30Closes() {
        SweepResult result = sweep(series(), List.of(), discard());

        assertThat(result.best(SUBJECT)).map(p -> p.config().drawdownPct() + "/" + p.config().recoveryPct())
                .contains("40.0/25.0");
        assertThat(result.worst(SUBJECT)).map(p -> p.config().drawdownPct() + "/" + p.config().recoveryPct())
                .contains("30.0/25.0");
        assertThat(SweepTable.rows(result)).extracting(row -> row.get(row.size() - 1))
                .containsExactly("worst", "", "best", "", "", "");
        assertThat(SweepTable.rows(result).get(2)).startsWith("drawdown 40 %, recovery 25 %, 2 closes held, peak "
                + "within 90 days", SUBJECT, "1", "100.0 %", "10.00 %", "0.0 %", "-10.00 %", "0.0 %", "-8.57 %", "–", "–");
    }

    @Test
    void aCloseThatDoesNotFollowTheLastIsSkippedAsTheDetectorSkipsIt() {
        List<Candle> replayed = series();
        replayed.add(5, candle(2, 90)); // day 2 again after day 4: out of order

        assertThat(sweep(replayed, List.of(), discard()).points()).extracting(SweepPoint::signals)
                .containsExactlyElementsOf(sweep(series(), List.of(), discard()).points().stream()
                        .map(SweepPoint::signals).toList());
    }

    @Test
    void theRunsOwnParametersAreCheckedAgainstTheTopologysSignals() {
        SweepResult result = sweep(series(), List.of(), discard());
        List<BacktestFinding> day7 = result.points().get(2).signals();

        assertThat(result.matchesTopology()).isFalse();
        assertThat(result.checks().get(0).describe()).isEqualTo("import:ETH-USD: MISMATCH: the topology emitted 0 "
                + "signals, the sweep's rule gives 1 with the same parameters; they differ from signal 1 on (sweep: "
                + "2024-01-09T00:00:00Z)");
        SweepResult matching = sweep(series(), day7, discard());
        assertThat(matching.matchesTopology()).isTrue();
        assertThat(matching.checks().get(0).describe())
                .isEqualTo("import:ETH-USD: the run's parameters give the topology's 1 signal, identical");
    }

    @Test
    void progressIsALineEveryTwoSecondsAndTheLast() {
        ByteArrayOutputStream lines = new ByteArrayOutputStream();
        SweepGrid grid = SweepGrid.parse(List.of("drawdown-pct=30,40,50", "recovery-pct=25,30"), ReboundConfig.defaults());
        AtomicLong clock = new AtomicLong();
        // one second a point: a line after the 2nd, 4th and 6th
        new ReboundSweep(() -> clock.getAndAdd(1_000_000_000L)).run(grid, DAY, ReboundConfig.defaults(),
                Map.of(SUBJECT, series()), List.of(), new PrintStream(lines, true, StandardCharsets.UTF_8));

        assertThat(lines.toString(StandardCharsets.UTF_8).lines()).containsExactly(
                "sweep [######--------------]  33.3% 2 of 6 points",
                "sweep [#############-------]  66.7% 4 of 6 points",
                "sweep [####################] 100.0% 6 of 6 points");
    }

    @Test
    void aRangeWithoutCandlesSaysThereIsNothingToSweep() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SweepResult empty = new ReboundSweep(() -> 0).run(SweepGrid.parse(List.of("drawdown-pct=30,40"),
                ReboundConfig.defaults()), DAY, ReboundConfig.defaults(), Map.of(), List.of(), discard());

        SweepTable.print(empty, START, START.plus(DAY.multipliedBy(DAYS)), new PrintStream(out, true, StandardCharsets.UTF_8));

        assertThat(out.toString(StandardCharsets.UTF_8).lines()).containsExactly(
                "parameter sweep of the crypto rebound rule on 1d closes, 2024-01-01 to 2024-02-10: 2 points",
                "  no closed 1d candles in the range: nothing to sweep");
    }

    @Test
    void theCsvHasOneRowPerPointAndSubjectWithTheFigures() throws IOException {
        Path csv = dir.resolve("sweep.csv");

        SweepTable.writeCsv(sweep(series(), List.of(), discard()), csv);

        List<String> rows = Files.readAllLines(csv);
        assertThat(rows).hasSize(7);
        assertThat(rows.get(0)).startsWith("subject,interval,drawdown_pct,recovery_pct,confirm_windows,lookback_windows,"
                + "parameters,signals,after_1_signals,after_1_not_yet,after_1_hits,after_1_median_pct,after_1_mean_pct,")
                .endsWith(",verdict,rank,run_parameters");
        assertThat(rows.get(1)).startsWith("import:ETH-USD,1d,30,25,2,90,\"drawdown 30 %, recovery 25 %, 2 closes held, "
                + "peak within 90 days\",2,2,0,2,7.7778,7.7778,").endsWith(",worst,false");
        assertThat(rows.get(3)).endsWith(",best,true");
        assertThat(Optional.of(rows.get(5))).hasValueSatisfying(row -> assertThat(row).contains(",50,25,2,90,")
                .contains(",0,,,,,,"));
    }
}
