package dev.rigwatch.streams.candles;

import dev.rigwatch.events.Candle;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

/**
 * The running aggregate of one roll-up window (an hour, a UTC day) over the closed 1-minute candles in it. Open is
 * the open of the earliest minute (the first to arrive wins a tie), close the close of the latest (the last to arrive
 * wins a tie), whatever order the minutes arrive in; volume is the sum over the minutes that have one, null when
 * none has.
 *
 * @param openStartMs window start of the minute that gave the open
 * @param closeEndMs  window end of the minute that gave the close: the latest minute end in the aggregate
 */
record RollUpOhlc(
        BigDecimal open,
        long openStartMs,
        BigDecimal high,
        BigDecimal low,
        BigDecimal close,
        long closeEndMs,
        BigDecimal volume,
        long ticks) implements CandleAggregate {

    /** No minute yet; an exchange's own candles have 0 ticks, so emptiness is the missing open. */
    static final RollUpOhlc EMPTY = new RollUpOhlc(null, 0, null, null, null, 0, null, 0);

    RollUpOhlc add(Candle minute) {
        long start = minute.windowStart().toEpochMilli();
        long end = minute.windowEnd().toEpochMilli();
        if (open == null) {
            return new RollUpOhlc(minute.open(), start, minute.high(), minute.low(), minute.close(), end,
                    minute.volume(), minute.ticks());
        }
        boolean earliest = start < openStartMs;
        boolean latest = end >= closeEndMs;
        return new RollUpOhlc(
                earliest ? minute.open() : open,
                earliest ? start : openStartMs,
                high.max(minute.high()),
                low.min(minute.low()),
                latest ? minute.close() : close,
                latest ? end : closeEndMs,
                minute.volume() == null ? volume : volume == null ? minute.volume() : volume.add(minute.volume()),
                ticks + minute.ticks());
    }

    @Override
    public Candle toCandle(String instrument, Instant windowStart, Instant windowEnd) {
        return new Candle(Candle.VERSION, instrument, Duration.between(windowStart, windowEnd), windowStart, windowEnd,
                open, high, low, close, volume, ticks);
    }

    @Override
    public long latestEventTimeMs() {
        return closeEndMs;
    }
}
