package dev.rigwatch.streams.candles;

import dev.rigwatch.events.Candle;
import java.time.Instant;

/** The running aggregate of one candle window, as {@link CandleEmitter} turns it into a {@link Candle}. */
interface CandleAggregate {

    Candle toCandle(String instrument, Instant windowStart, Instant windowEnd);

    /** The latest event time that went into the aggregate: the record time of its live update. */
    long latestEventTimeMs();
}
