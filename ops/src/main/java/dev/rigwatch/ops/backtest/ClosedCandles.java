package dev.rigwatch.ops.backtest;

import dev.rigwatch.events.Candle;
import dev.rigwatch.events.outcome.PricePoint;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The closed crypto candles the sandbox's topology produced, per interval and subject (the record key), each
 * subject's in the order its partition holds them: the order the rebound rule read them in, so a sweep can fold
 * the rule over them exactly as the topology did. Of 1m, only the candles built from ticks: the 1m rule reads the
 * candle stage's output, not the topic an exchange's own 1m candles are placed on.
 */
public record ClosedCandles(Map<Duration, Map<String, List<Candle>>> byInterval) {

    public ClosedCandles {
        byInterval = Map.copyOf(byInterval);
    }

    /** The candles of {@code interval} per subject; empty when none were read back. */
    public Map<String, List<Candle>> of(Duration interval) {
        return byInterval.getOrDefault(interval, Map.of());
    }

    /** Candles as a price series, for the chart and the outcomes: closes at their window ends, in time order, once. */
    public static List<PricePoint> closes(List<Candle> candles) {
        return candles.stream().map(c -> new PricePoint(c.windowEnd(), c.close()))
                .sorted(Comparator.comparing(PricePoint::time)).distinct().toList();
    }
}
