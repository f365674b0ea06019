package dev.rigwatch.streams.candles;

import dev.rigwatch.events.CryptoTick;
import org.apache.kafka.streams.processor.api.ContextualFixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Passes a tick on unchanged, or rejects it with an {@link InvalidTickException}: a tombstone, a tick whose key is
 * not its instrument (it would be candled under the wrong exchange or symbol) or a price that is not positive.
 */
final class TickIntegrityCheck extends ContextualFixedKeyProcessor<String, CryptoTick, CryptoTick> {

    @Override
    public void process(FixedKeyRecord<String, CryptoTick> record) {
        CryptoTick tick = record.value();
        if (tick == null) {
            throw new InvalidTickException("tick with key " + record.key() + " has no value");
        }
        if (!tick.key().equals(record.key())) {
            throw new InvalidTickException("tick of " + tick.key() + " arrived with key " + record.key());
        }
        if (tick.price().signum() <= 0) {
            throw new InvalidTickException("tick of " + tick.key() + " has a price that is not positive: "
                    + tick.price().toPlainString());
        }
        context().forward(record);
    }
}
