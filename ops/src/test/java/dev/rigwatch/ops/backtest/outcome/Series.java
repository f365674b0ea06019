package dev.rigwatch.ops.backtest.outcome;

import dev.rigwatch.ops.backtest.BacktestFinding;
import dev.rigwatch.events.outcome.PricePoint;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Constructed daily close series and signals on them, for tests whose every figure is known by hand. */
final class Series {

    static final Instant START = Instant.parse("2024-01-01T00:00:00Z");
    static final String SUBJECT = "import:ETH-USD";

    private Series() {
    }

    static List<PricePoint> daily(long... closes) {
        List<PricePoint> points = new ArrayList<>();
        for (int i = 0; i < closes.length; i++) {
            points.add(new PricePoint(day(i), BigDecimal.valueOf(closes[i])));
        }
        return points;
    }

    /** {@code 100, 101, ..., 100 + size - 1}. */
    static List<PricePoint> ramp(int size) {
        long[] closes = new long[size];
        for (int i = 0; i < size; i++) {
            closes[i] = 100 + i;
        }
        return daily(closes);
    }

    static Instant day(int index) {
        return START.plus(Duration.ofDays(index));
    }

    static BacktestFinding signal(String type, Instant at) {
        return new BacktestFinding(at, type, SUBJECT, "1d", null, Map.of());
    }

    static BacktestFinding signalOn(int index) {
        return signal("rebound", day(index));
    }

    static BacktestFinding rebound(int index, String trough) {
        return new BacktestFinding(day(index), "rebound", SUBJECT, "1d", null, Map.of("trough", trough));
    }

    static BigDecimal pct(String value) {
        return new BigDecimal(value);
    }
}
