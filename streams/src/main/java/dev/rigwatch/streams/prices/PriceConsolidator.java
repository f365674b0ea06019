package dev.rigwatch.streams.prices;

import dev.rigwatch.events.ConsolidatedPrice;
import dev.rigwatch.events.CryptoTick;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps each exchange's latest price per symbol and emits the {@link ConsolidatedPrice} on every tick that changes
 * it, stamped with the newest event time that went into it. A tick older than its exchange's stored one changes
 * nothing and emits nothing: the newer price it lost to is already in the consolidated price.
 */
final class PriceConsolidator extends ContextualProcessor<String, CryptoTick, String, ConsolidatedPrice> {

    private final Duration staleAfter;
    private final String storeName;
    private KeyValueStore<String, LatestPrices> prices;

    PriceConsolidator(Duration staleAfter, String storeName) {
        this.staleAfter = staleAfter;
        this.storeName = storeName;
    }

    @Override
    public void init(ProcessorContext<String, ConsolidatedPrice> context) {
        super.init(context);
        prices = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, CryptoTick> record) {
        String symbol = record.key();
        Instant eventTime = Instant.ofEpochMilli(record.timestamp());
        LatestPrices stored = prices.get(symbol);
        Optional<LatestPrices> updated = (stored == null ? LatestPrices.NONE : stored)
                .with(record.value().exchange(), new ExchangePrice(record.value().price(), eventTime));
        if (updated.isEmpty()) {
            return;
        }
        prices.put(symbol, updated.get());
        ConsolidatedPrice price = updated.get().consolidate(symbol, eventTime, staleAfter);
        context().forward(record.withValue(price).withTimestamp(price.at().toEpochMilli()));
    }
}
