package dev.rigwatch.streams.signal.tightness;

import dev.rigwatch.events.GpuMarketStats;
import dev.rigwatch.events.JsonSerde;
import dev.rigwatch.events.SupplyTightness;
import dev.rigwatch.events.Topic;
import dev.rigwatch.events.TopicNamespace;
import dev.rigwatch.events.Topics;
import dev.rigwatch.streams.TimeMode;
import dev.rigwatch.streams.signal.SignalCounter;
import java.time.Clock;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The supply tightness index, from the hourly model rows of {@link Topics#GPU_STATS_1H} to
 * {@link Topics#SIGNALS_TIGHTNESS}: per model and hour, how far its supply, new listings, sell-through, days on
 * market and price momentum are from the model's recent past, as one number where 50 is normal and 100 three
 * standard deviations tighter; and per hour the market's, weighted by the models' open supply. A model's rows stay
 * on one task, which keeps its history; late rows are dropped and counted. The formula: docs/ANALYTICS.md.
 */
public final class SupplyTightnessTopology {

    static final String HISTORY_STORE = "tightness-model-history";
    static final String MARKET_HOURS_STORE = "tightness-market-hours";
    static final String MARKET_CLOSED_STORE = "tightness-market-closed";
    static final String METRICS_SCOPE = "tightness";
    static final String LATE_ROWS = "late-rows";
    static final String LATE_MARKET_INDICES = "late-market-indices";

    private SupplyTightnessTopology() {
    }

    /**
     * Adds the index on the topics of {@code ns} to {@code builder}.
     *
     * @param clock    what the market's quiet-hour check reads as now (the wall clock in production, the simulated
     *                 one in the demo)
     * @param timeMode {@link TimeMode#STREAM_TIME} closes market hours on stream time alone, with no quiet-hour check
     */
    public static void addTo(StreamsBuilder builder, TopicNamespace ns, TightnessSettings settings, Clock clock,
                             TimeMode timeMode, SignalCounter counter) {
        Topic<String, GpuMarketStats> stats = ns.of(Topics.GPU_STATS_1H);
        Topic<String, SupplyTightness> signals = ns.of(Topics.SIGNALS_TIGHTNESS);

        ProcessorSupplier<String, GpuMarketStats, String, SupplyTightness> models = new ProcessorSupplier<>() {
            @Override
            public Processor<String, GpuMarketStats, String, SupplyTightness> get() {
                return new ModelTightnessProcessor(settings);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(HISTORY_STORE),
                        Serdes.String(), new JsonSerde<>(ModelHistory.class)));
            }
        };
        ProcessorSupplier<String, SupplyTightness, String, SupplyTightness> market = new ProcessorSupplier<>() {
            @Override
            public Processor<String, SupplyTightness, String, SupplyTightness> get() {
                return new MarketTightnessProcessor(settings, clock, timeMode);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(
                        // Long keys of non-negative epoch millis iterate in time order
                        Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(MARKET_HOURS_STORE),
                                Serdes.Long(), new JsonSerde<>(MarketHour.class)),
                        Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(MARKET_CLOSED_STORE),
                                Serdes.String(), Serdes.Long()));
            }
        };

        KStream<String, SupplyTightness> modelIndices = builder
                .stream(stats.name(), Consumed.with(stats.keySerde(), stats.valueSerde()).withName("tightness-stats-1h-source"))
                .filter((key, row) -> GpuMarketStats.MODEL.equals(row.scope()), Named.as("tightness-model-rows"))
                .process(models, Named.as("tightness-model"));
        counter.to(modelIndices, signals, SignalCounter.TIGHTNESS, "signals-tightness-model-sink");
        KStream<String, SupplyTightness> marketIndex = modelIndices
                .selectKey((key, tightness) -> SupplyTightness.MARKET + ":" + SupplyTightness.ALL_MODELS,
                        Named.as("tightness-to-market"))
                .repartition(Repartitioned.<String, SupplyTightness>as("tightness-by-market")
                        .withKeySerde(signals.keySerde())
                        .withValueSerde(signals.valueSerde())
                        .withNumberOfPartitions(1))
                .process(market, Named.as("tightness-market"));
        counter.to(marketIndex, signals, SignalCounter.TIGHTNESS, "signals-tightness-market-sink");
    }
}
