package dev.rigwatch.ops.backtest;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

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

    public BacktestFinding {
        Objects.requireNonNull(eventTime, "eventTime");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(subject, "subject");
        interval = interval == null ? "" : interval;
        fields = fields == null ? Map.of() : fields;
    }
}
