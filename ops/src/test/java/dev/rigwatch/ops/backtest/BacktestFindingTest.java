package dev.rigwatch.ops.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigwatch.events.Alert;
import dev.rigwatch.events.MinerCapitulation;
import dev.rigwatch.events.ReboundSignal;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A report row per signal or alert: its columns in a stable order, the value the chart marks it at. */
class BacktestFindingTest {

    private static final Instant T = Instant.parse("2022-07-18T00:00:00Z");

    @Test
    void aReboundIsFoundOnItsSeriesAtItsPriceWithItsThresholds() {
        ReboundSignal signal = new ReboundSignal(ReboundSignal.VERSION, "import:ETH-USD", "crypto", Duration.ofDays(1),
                new BigDecimal("3500"), T.minus(Duration.ofDays(200)), new BigDecimal("900"),
                T.minus(Duration.ofDays(30)), new BigDecimal("1500"), T, T.minus(Duration.ofDays(1)), T, 74.3, 66.7, 2,
                0.8, new ReboundSignal.Thresholds(40, 25, 2, 365));

        BacktestFinding finding = BacktestFinding.of(signal);

        assertThat(finding).extracting(BacktestFinding::eventTime, BacktestFinding::type, BacktestFinding::subject,
                BacktestFinding::interval, BacktestFinding::value)
                .containsExactly(T, "rebound", "import:ETH-USD", "1d", new BigDecimal("1500"));
        assertThat(finding.fields().keySet()).containsExactly("peak", "peak_time", "trough", "trough_time",
                "drawdown_pct", "recovery_pct", "confirmations", "strength", "drawdown_threshold_pct",
                "recovery_threshold_pct", "confirm_windows", "lookback_windows");
        assertThat(finding.fields()).containsEntry("drawdown_threshold_pct", "40.0").containsEntry("confirm_windows", "2");
    }

    @Test
    void aCapitulationIsFoundOnItsModelAtTheDaysCoinPrice() {
        MinerCapitulation signal = new MinerCapitulation(MinerCapitulation.VERSION, "RTX 3080", "kraken:ETH-USD",
                T.minus(Duration.ofDays(1)), T, new BigDecimal("1100"), new BigDecimal("95"), 220,
                new BigDecimal("0.00001"), new BigDecimal("0.15"), new BigDecimal("1.05"), new BigDecimal("0.79"),
                new BigDecimal("-0.02"), new BigDecimal("1120"), null, null, null);

        BacktestFinding finding = BacktestFinding.of(signal);

        assertThat(finding).extracting(BacktestFinding::type, BacktestFinding::subject, BacktestFinding::interval,
                BacktestFinding::value).containsExactly("capitulation", "model:RTX 3080", "1d", new BigDecimal("1100"));
        assertThat(finding.fields()).containsEntry("profit_usd_per_day", "-0.02")
                .containsEntry("break_even_coin_price_usd", "1120");
    }

    @Test
    void anAlertIsFoundUnderItsRuleAtItsTriggersPriceWhenItHasOne() {
        BacktestFinding priced = BacktestFinding.of(alert(Map.of("price", "1500.5", "interval", "1d")));
        BacktestFinding unpriced = BacktestFinding.of(alert(Map.of()));

        assertThat(priced).extracting(BacktestFinding::type, BacktestFinding::interval, BacktestFinding::value)
                .containsExactly("alert:signal:rebound", "1d", new BigDecimal("1500.5"));
        assertThat(priced.fields().keySet()).containsExactly("alert_id", "subscriber", "severity", "message");
        assertThat(unpriced.value()).isNull();
        assertThat(unpriced.interval()).isEmpty();
    }

    private static Alert alert(Map<String, String> trigger) {
        return new Alert(Alert.VERSION, "a-1", "signal:rebound", "all", "all/rebound", Alert.Severity.INFO,
                "import:ETH-USD", "ETH-USD rebounds", T, T.plusSeconds(5), trigger);
    }
}
