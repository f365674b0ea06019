package dev.rigwatch.streams.signal.tightness;

import dev.rigwatch.events.GpuMarketStats;
import dev.rigwatch.events.JsonSerde;
import dev.rigwatch.events.SupplyTightness;
import dev.rigwatch.events.Topic;
import dev.rigwatch.events.TopicNamespace;
import dev.rigwatch.events.Topics;
import dev.rigwatch.streams.TimeMode;
import java.time.Clock;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The supply tightness index, from the hourly model rows of {@link Topics#GPU_STATS_1H} to
 * {@link Topics#SIGNALS_TIGHTNESS}: one index per model and hour (key {@code model:<m>}) and one for the market per
 * hour (key {@code market:all}), each stamped with the hour's end.
 *
 * <p>The formula. For a model's hourly row and each component c of
 * <ul>
 *   <li>{@code active-supply}: listings open at the hour's end, tighter when lower;</li>
 *   <li>{@code new-listings}: listings that appeared in the hour, tighter when lower;</li>
 *   <li>{@code sell-through}: listings gone in the hour ÷ listings open at its end, tighter when higher;</li>
 *   <li>{@code days-on-market}: median days on market of the listings gone in the hour, tighter when lower;</li>
 *   <li>{@code price-to-msrp}: median asking price ÷ launch MSRP, tighter when higher (above its trailing mean means
 *       prices are rising: the component is the price's momentum):</li>
 * </ul>
 * {@code x} is this hour's value, {@code μ} and {@code σ} the mean and population standard deviation of c's values in
 * the model's preceding {@code baselineRows} rows (default 24), {@code s} = -1 for tighter-when-lower and +1 for
 * tighter-when-higher, {@code f} c's floor (1 listing, 1 listing, 0.01, 0.5 days, 0.01), and
 * <pre>
 *   z_c     = clip(s · (x − μ) / max(σ, f), −3, 3)
 *   Z       = Σ w_c · z_c / Σ w_c     over the components that count
 *   index   = 50 + 50 · Z / 3
 * </pre>
 * A component counts when the hour has a value (sell-through and price-to-MSRP need an open listing, days on market a
 * gone one) and at least {@code minBaselineRows} (default 12) of the preceding rows have one; weights {@code w_c}
 * default to supply 0.30, new listings 0.20, sell-through 0.25, days on market 0.10, price-to-MSRP 0.15. A model gets
 * no index for an hour in which no weighted component counts. So 50 is a normal hour for the model's recent past, 100
 * and 0 are three standard deviations tighter and looser on every counted component.
 *
 * <p>The market: {@code Z_market = Σ v_m · Z_m / Σ v_m} over the models with an index for the hour, with
 * {@code v_m} the model's active supply at the hour's end (or its configured weight, when market weights are
 * configured: then only those models count), and {@code index = 50 + 50 · Z_market / 3}, i.e. the weighted mean of
 * the models' indices. No market index for an hour whose models all weigh 0.
 *
 * <p>Partitioning: a model's rows are keyed by the model, so one task keeps its history; the market index repartitions
 * the models' indices to one partition. Rows for an hour before a model's latest and indices for an hour the market
 * already closed are dropped, counted in the task metrics {@code late-rows-total} and {@code late-market-indices-total}
 * (group {@code stream-tightness-metrics}) and logged.
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
                             TimeMode timeMode) {
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
        modelIndices.to(signals.name(),
                Produced.with(signals.keySerde(), signals.valueSerde()).withName("signals-tightness-model-sink"));
        modelIndices
                .selectKey((key, tightness) -> SupplyTightness.MARKET + ":" + SupplyTightness.ALL_MODELS,
                        Named.as("tightness-to-market"))
                .repartition(Repartitioned.<String, SupplyTightness>as("tightness-by-market")
                        .withKeySerde(signals.keySerde())
                        .withValueSerde(signals.valueSerde())
                        .withNumberOfPartitions(1))
                .process(market, Named.as("tightness-market"))
                .to(signals.name(), Produced.with(signals.keySerde(), signals.valueSerde())
                        .withName("signals-tightness-market-sink"));
    }
}
