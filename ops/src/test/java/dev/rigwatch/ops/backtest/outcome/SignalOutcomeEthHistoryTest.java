package dev.rigwatch.ops.backtest.outcome;

import dev.rigwatch.events.outcome.ForwardOutcomes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rigwatch.ops.backtest.BacktestFinding;
import dev.rigwatch.events.outcome.PricePoint;
import dev.rigwatch.testing.TestData;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The outcomes on the real ETH-USD daily history (2017-11-09 → 2024-12-07) for a rule simple enough to compute here
 * from the closes themselves: the close crossing above its 50-day mean, with the lowest close of those 50 days as
 * the trough. The figures are printed for a reader; the assertions check they are computed and sane.
 */
class SignalOutcomeEthHistoryTest {

    private static final String HISTORY = "/data/history/eth-usd-daily-2017-2024.csv";
    private static final int MEAN_WINDOWS = 50;
    private static final DateTimeFormatter YFINANCE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ssXXX");

    @Test
    void crossingsAboveTheFiftyDayMeanAreMeasuredAtEveryHorizonAgainstBothBaselines() throws IOException {
        List<PricePoint> closes = closes();
        List<BacktestFinding> signals = crossingsAboveMean(closes);

        List<RuleSummary> summaries = SignalQuality.standard(20261207L)
                .summarise(signals, Map.of(Series.SUBJECT, closes));

        assertThat(closes).hasSize(2586);
        assertThat(summaries).hasSize(1);
        RuleSummary summary = summaries.get(0);
        print(summary);
        assertThat(summary.signals()).isEqualTo(signals.size()).isGreaterThan(20);
        assertThat(summary.unmeasured()).isZero();
        assertThat(summary.troughsChecked()).isEqualTo(signals.size());
        assertThat(summary.troughsBroken()).isBetween(1, signals.size());
        // 320.884... on 2017-11-09 to 3,999.42... on 2024-12-07, checked with Python's decimal module
        assertThat(summary.buyAndHoldPct()).contains(new BigDecimal("1146.3770"));
        for (HorizonSummary h : summary.horizons()) {
            assertThat(h.signals().count()).isPositive();
            assertThat(h.signals().count() + h.notYet()).isEqualTo(signals.size());
            assertThat(h.signals().hitRate().orElseThrow()).isBetween(0.0, 1.0);
            assertThat(h.everyEntry().count()).isEqualTo(closes.size() - h.windows());
            assertThat(h.everyEntry().hitRate().orElseThrow()).isBetween(0.4, 0.7);
            assertThat(h.random().orElseThrow().resamples()).isEqualTo(RandomEntries.DEFAULT_RESAMPLES);
            assertThat(h.comparison()).isNotEqualTo(RandomComparison.NOT_MEASURED);
        }
        assertThat(summary.horizons().get(3).notYet()).isPositive(); // the last crossing is within 90 days of the end
        SignalOutcome first = SignalOutcome.measure(ForwardOutcomes.standard(), signals.get(0), closes).orElseThrow();
        assertThat(first.horizons().keySet()).containsExactly(1, 7, 30, 90);
    }

    private static void print(RuleSummary summary) {
        System.out.printf("ETH-USD daily, close crossing above its %d-day mean: %d signals, buy and hold %s %%, "
                        + "troughs broken %d of %d; %s%n", MEAN_WINDOWS, summary.signals(),
                summary.buyAndHoldPct().orElseThrow().toPlainString(), summary.troughsBroken(),
                summary.troughsChecked(), summary.verdict());
        summary.horizons().forEach(h -> System.out.println("  " + h.describe()));
    }

    /** A signal on each close that is above its 50-day mean when the close before was not. */
    private static List<BacktestFinding> crossingsAboveMean(List<PricePoint> closes) {
        List<BacktestFinding> signals = new ArrayList<>();
        boolean wasAbove = true; // no signal on the first mean computed: the series starts mid-trend
        for (int i = MEAN_WINDOWS - 1; i < closes.size(); i++) {
            BigDecimal sum = BigDecimal.ZERO;
            BigDecimal lowest = closes.get(i).price();
            for (int j = i - MEAN_WINDOWS + 1; j <= i; j++) {
                sum = sum.add(closes.get(j).price());
                lowest = lowest.min(closes.get(j).price());
            }
            BigDecimal mean = sum.divide(BigDecimal.valueOf(MEAN_WINDOWS), 10, RoundingMode.HALF_EVEN);
            boolean above = closes.get(i).price().compareTo(mean) > 0;
            if (above && !wasAbove) {
                signals.add(new BacktestFinding(closes.get(i).time(), "crossing-above-mean-50", Series.SUBJECT, "1d",
                        closes.get(i).price(), Map.of("trough", lowest.toPlainString())));
            }
            wasAbove = above;
        }
        return signals;
    }

    private static List<PricePoint> closes() throws IOException {
        List<PricePoint> closes = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(TestData.stream(HISTORY),
                StandardCharsets.UTF_8))) {
            String header = in.readLine();
            assertThat(header).startsWith("Date,Open,High,Low,Close");
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] columns = line.split(",");
                Instant day = OffsetDateTime.parse(columns[0], YFINANCE).toInstant();
                closes.add(new PricePoint(day, new BigDecimal(columns[4])));
            }
        }
        return closes;
    }
}
