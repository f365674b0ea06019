package dev.rigwatch.ops.backtest;

import dev.rigwatch.events.Alert;
import dev.rigwatch.events.MinerCapitulation;
import dev.rigwatch.events.ReboundSignal;
import dev.rigwatch.events.outcome.PricePoint;
import dev.rigwatch.events.outcome.PricePrecision;
import dev.rigwatch.streams.signal.rebound.Rebound;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One row of a backtest report: a signal or an alert as the production topology emitted it over history.
 *
 * @param eventTime when it fired, in event time (a rebound's confirming window end, a capitulation's day end...)
 * @param type      {@code rebound}, {@code capitulation}, or {@code alert:<rule>}
 * @param subject   the symbol or GPU model it is about ({@code import:ETH-USD}, {@code model:RTX 3080})
 * @param interval  the series it fired on ({@code 1d}, {@code 1h}, {@code 1mo}), or empty
 * @param value     the price (or index) at the moment it fired, for the chart
 * @param fields    every other value of the event, in a stable order, as text
 */
public record BacktestFinding(Instant eventTime, String type, String subject, String interval, BigDecimal value,
                              Map<String, String> fields) {

    private static final String ALERT_PREFIX = "alert:";

    /** The fields that are prices of the subject: the report rounds them like its closes ({@link PricePrecision}). */
    public static final Set<String> PRICE_FIELDS = Set.of("peak", "trough");

    public BacktestFinding {
        Objects.requireNonNull(eventTime, "eventTime");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(subject, "subject");
        interval = interval == null ? "" : interval;
        fields = fields == null ? Map.of() : fields;
    }

    /** A rebound's {@code peak} or {@code trough} at its {@code _time}, when the finding has both fields. */
    public Optional<PricePoint> extreme(String name) {
        String price = fields.get(name);
        String time = fields.get(name + "_time");
        return price == null || time == null ? Optional.empty()
                : Optional.of(new PricePoint(Instant.parse(time), new BigDecimal(price)));
    }

    /** A rebound signal as a report row: the form the topology's signals and a sweep's are compared in. */
    public static BacktestFinding of(ReboundSignal signal) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("peak", signal.peak().toPlainString());
        fields.put("peak_time", signal.peakTime().toString());
        fields.put("trough", signal.trough().toPlainString());
        fields.put("trough_time", signal.troughTime().toString());
        fields.put("drawdown_pct", Double.toString(signal.drawdownPct()));
        fields.put("recovery_pct", Double.toString(signal.recoveryPct()));
        fields.put("confirmations", Integer.toString(signal.confirmations()));
        fields.put("strength", Double.toString(signal.strength()));
        fields.put("drawdown_threshold_pct", Double.toString(signal.thresholds().drawdownPct()));
        fields.put("recovery_threshold_pct", Double.toString(signal.thresholds().recoveryPct()));
        fields.put("confirm_windows", Integer.toString(signal.thresholds().confirmWindows()));
        fields.put("lookback_windows", Integer.toString(signal.thresholds().lookbackWindows()));
        return new BacktestFinding(signal.confirmedAt(), "rebound", signal.subject(), Rebound.label(signal.interval()),
                signal.price(), fields);
    }

    static BacktestFinding of(MinerCapitulation signal) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("instrument", signal.instrument());
        fields.put("profit_usd_per_day", signal.profitUsdPerDay().toPlainString());
        fields.put("revenue_usd_per_day", signal.revenueUsdPerDay().toPlainString());
        fields.put("power_cost_usd_per_day", signal.powerCostUsdPerDay().toPlainString());
        fields.put("break_even_coin_price_usd", signal.breakEvenCoinPriceUsd().toPlainString());
        fields.put("electricity_usd_per_kwh", signal.electricityUsdPerKwh().toPlainString());
        return new BacktestFinding(signal.dayEnd(), "capitulation", "model:" + signal.model(), "1d",
                signal.coinPriceUsd(), fields);
    }

    static BacktestFinding of(Alert alert) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("alert_id", alert.id());
        fields.put("subscriber", alert.subscriber());
        fields.put("severity", alert.severity().name());
        fields.put("message", alert.message());
        String price = alert.trigger().get("price");
        return new BacktestFinding(alert.eventTime(), ALERT_PREFIX + alert.rule(), alert.subject(),
                intervalLabel(alert.trigger().getOrDefault("interval", "")), price == null ? null : new BigDecimal(price),
                fields);
    }

    /** Whether this is an alert, not a signal: what a subscriber received, not a rule's own finding. */
    public boolean isAlert() {
        return type.startsWith(ALERT_PREFIX);
    }

    /** An alert's trigger names its series as a Duration ({@code PT24H}); a signal's label is {@code 1d}. */
    private static String intervalLabel(String trigger) {
        try {
            return trigger.startsWith("P") ? Rebound.label(Duration.parse(trigger)) : trigger;
        } catch (DateTimeParseException e) {
            return trigger;
        }
    }
}
