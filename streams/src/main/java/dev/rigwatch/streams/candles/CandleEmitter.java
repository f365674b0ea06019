package dev.rigwatch.streams.candles;

import dev.rigwatch.events.Candle;
import java.time.Duration;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Turns a closed window's aggregate into a {@link Candle} keyed by the instrument. The record timestamp becomes the
 * window end: the windowed aggregation would otherwise stamp it with the latest tick time inside the window.
 */
final class CandleEmitter extends ContextualProcessor<Windowed<String>, Ohlc, String, Candle> {

    private final Duration interval;

    CandleEmitter(Duration interval) {
        this.interval = interval;
    }

    @Override
    public void process(Record<Windowed<String>, Ohlc> record) {
        Windowed<String> window = record.key();
        Ohlc ohlc = record.value();
        Candle candle = new Candle(Candle.VERSION, window.key(), interval,
                window.window().startTime(), window.window().endTime(),
                ohlc.open(), ohlc.high(), ohlc.low(), ohlc.close(), null, ohlc.ticks());
        context().forward(record.withKey(window.key()).withValue(candle).withTimestamp(window.window().end()));
    }
}
