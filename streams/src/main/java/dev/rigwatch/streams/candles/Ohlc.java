package dev.rigwatch.streams.candles;

import dev.rigwatch.events.Candle;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

/**
 * The running aggregate of one candle window. Open is the price with the earliest event time (the first to
 * arrive wins a tie), close the price with the latest (the last to arrive wins a tie), whatever the arrival order.
 */
record Ohlc(
        BigDecimal open,
        long openTimeMs,
        BigDecimal high,
        BigDecimal low,
        BigDecimal close,
        long closeTimeMs,
        long ticks) implements CandleAggregate {

    static final Ohlc EMPTY = new Ohlc(null, 0, null, null, null, 0, 0);

    Ohlc add(PricedTick tick) {
        BigDecimal price = tick.price();
        long time = tick.eventTimeMs();
        if (ticks == 0) {
            return new Ohlc(price, time, price, price, price, time, 1);
        }
        boolean earliest = time < openTimeMs;
        boolean latest = time >= closeTimeMs;
        return new Ohlc(
                earliest ? price : open,
                earliest ? time : openTimeMs,
                high.max(price),
                low.min(price),
                latest ? price : close,
                latest ? time : closeTimeMs,
                ticks + 1);
    }

    @Override
    public Candle toCandle(String instrument, Instant windowStart, Instant windowEnd) {
        // candles built from ticker snapshots carry no volume: a ticker reports no per-trade volume
        return new Candle(Candle.VERSION, instrument, Duration.between(windowStart, windowEnd), windowStart, windowEnd,
                open, high, low, close, null, ticks);
    }

    @Override
    public long latestEventTimeMs() {
        return closeTimeMs;
    }
}
