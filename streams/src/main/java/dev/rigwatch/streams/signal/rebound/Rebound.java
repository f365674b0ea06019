package dev.rigwatch.streams.signal.rebound;

import dev.rigwatch.events.Candle;
import dev.rigwatch.events.JsonSerde;
import dev.rigwatch.events.ReboundSignal;
import dev.rigwatch.events.Topic;
import dev.rigwatch.events.Topics;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Rebound signals on closed candles' close prices, per instrument, to {@link Topics#SIGNALS_REBOUND}. The
 * candles must arrive keyed by instrument and partitioned like the ticks they came from, which holds for the
 * stream {@code Candles.addTo} returns, so no repartition is needed.
 */
public final class Rebound {

    private static final String STORE = "rebound-state";

    private Rebound() {
    }

    /** Adds the rebound rule after {@code candles} and returns the stream of signals it writes. */
    public static KStream<String, ReboundSignal> addTo(KStream<String, Candle> candles, ReboundConfig config) {
        Topic<String, ReboundSignal> signals = Topics.SIGNALS_REBOUND;
        ReboundRule rule = new ReboundRule(config);
        StoreBuilder<KeyValueStore<String, ReboundState>> store = Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(STORE), Serdes.String(), new JsonSerde<>(ReboundState.class));

        ProcessorSupplier<String, Candle, String, ReboundSignal> detector = new ProcessorSupplier<>() {
            @Override
            public Processor<String, Candle, String, ReboundSignal> get() {
                return new ReboundDetector(rule, STORE);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(store);
            }
        };

        KStream<String, ReboundSignal> fired = candles.process(detector, Named.as("rebound-detector"));
        fired.to(signals.name(), Produced.with(signals.keySerde(), signals.valueSerde()).withName("signals-rebound-sink"));
        return fired;
    }
}
