package dev.rigwatch.streams.prices;

import dev.rigwatch.events.ConsolidatedPrice;
import dev.rigwatch.events.CryptoTick;
import dev.rigwatch.events.JsonSerde;
import dev.rigwatch.events.Topic;
import dev.rigwatch.events.TopicNamespace;
import dev.rigwatch.events.Topics;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The cross-exchange price per symbol, from the ticks to {@link Topics#CRYPTO_PRICES}: the ticks are re-keyed by
 * symbol ({@code BTC-USD}; a USDT pair is a symbol of its own, so it never mixes with USD) and repartitioned, so that
 * one task sees every exchange's ticks of a symbol, and {@link PriceConsolidator} emits the median of the exchanges'
 * latest prices. Each instrument's newest tick goes on once per commit interval, so the price is as of each commit
 * (live, about once a second), not of every tick.
 */
public final class ConsolidatedPrices {

    private static final String STORE = "prices-latest-by-exchange";
    private static final String NEWEST_TICK_STORE = "prices-newest-tick-by-instrument";

    private ConsolidatedPrices() {
    }

    /**
     * Adds the consolidated price after {@code ticks} (the valid ticks, keyed by instrument) and returns the stream of
     * prices it writes to the prices topic of {@code ns}.
     */
    public static KStream<String, ConsolidatedPrice> addTo(KStream<String, CryptoTick> ticks, TopicNamespace ns,
                                                           PriceSettings settings) {
        Topic<String, CryptoTick> tickTopic = Topics.CRYPTO_TICKS;
        Topic<String, ConsolidatedPrice> prices = ns.of(Topics.CRYPTO_PRICES);
        StoreBuilder<KeyValueStore<String, LatestPrices>> store = Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(STORE), Serdes.String(), new JsonSerde<>(LatestPrices.class))
                // read and written only by the consolidator, so a cache delays no output; it collapses the
                // changelog writes of the exchanges' ticks of a symbol within one commit interval into one
                .withCachingEnabled();

        ProcessorSupplier<String, CryptoTick, String, ConsolidatedPrice> consolidator = new ProcessorSupplier<>() {
            @Override
            public Processor<String, CryptoTick, String, ConsolidatedPrice> get() {
                return new PriceConsolidator(settings.staleAfter(), STORE);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(store);
            }
        };

        KStream<String, ConsolidatedPrice> consolidated = ticks
                // each instrument's newest tick as of each commit, not every tick: the cache of this table keeps
                // one per instrument until the commit, so the repartition and the consolidation see a handful of
                // records per commit interval instead of every tick, which was most of what the stage wrote.
                // Newest by event time, so an older tick arriving late within the interval cannot hide a newer one
                .groupByKey(Grouped.with("prices-by-instrument", tickTopic.keySerde(), tickTopic.valueSerde()))
                .reduce((kept, tick) -> tick.eventTime().isBefore(kept.eventTime()) ? kept : tick,
                        Named.as("prices-newest-tick-per-instrument"),
                        Materialized.<String, CryptoTick, KeyValueStore<Bytes, byte[]>>as(NEWEST_TICK_STORE)
                                .withKeySerde(tickTopic.keySerde())
                                .withValueSerde(tickTopic.valueSerde())
                                .withCachingEnabled())
                .toStream(Named.as("prices-newest-ticks"))
                .selectKey((instrument, tick) -> tick.symbol(), Named.as("prices-key-by-symbol"))
                // an internal topic: the application id prefixes its name, so only its serdes come from the catalogue
                .repartition(Repartitioned.<String, CryptoTick>as("prices-by-symbol")
                        .withKeySerde(tickTopic.keySerde())
                        .withValueSerde(tickTopic.valueSerde()))
                .process(consolidator, Named.as("prices-consolidate"));
        consolidated.to(prices.name(), Produced.with(prices.keySerde(), prices.valueSerde()).withName("crypto-prices-sink"));
        return consolidated;
    }
}
