package dev.rigwatch.streams.candles;

import dev.rigwatch.events.CryptoTick;
import org.apache.kafka.streams.processor.api.ContextualFixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/** Reduces a valid tick to the {@link PricedTick} the candle windows aggregate. */
final class TickPricer extends ContextualFixedKeyProcessor<String, CryptoTick, PricedTick> {

    @Override
    public void process(FixedKeyRecord<String, CryptoTick> record) {
        context().forward(record.withValue(new PricedTick(record.value().price(), record.timestamp())));
    }
}
