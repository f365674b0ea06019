package dev.rigwatch.streams.candles;

import dev.rigwatch.events.Candle;
import org.apache.kafka.streams.processor.api.ContextualFixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Stamps a closed candle with its window start instead of its window end, so that a roll-up window takes the candle
 * into the interval it belongs to: [12:59, 13:00) is stamped 13:00 on its topic and would otherwise count as 13:xx.
 */
final class WindowStartStamper extends ContextualFixedKeyProcessor<String, Candle, Candle> {

    @Override
    public void process(FixedKeyRecord<String, Candle> record) {
        context().forward(record.withTimestamp(record.value().windowStart().toEpochMilli()));
    }
}
