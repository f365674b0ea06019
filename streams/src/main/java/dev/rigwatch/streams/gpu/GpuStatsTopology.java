package dev.rigwatch.streams.gpu;

import dev.rigwatch.events.GpuMarketStats;
import dev.rigwatch.events.JsonSerde;
import dev.rigwatch.events.ListingLifecycle;
import dev.rigwatch.events.ListingState;
import dev.rigwatch.events.Topic;
import dev.rigwatch.events.TopicNamespace;
import dev.rigwatch.events.Topics;
import dev.rigwatch.events.gpu.GpuCatalogue;
import dev.rigwatch.events.gpu.GpuModel;
import dev.rigwatch.streams.TimeMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The used-GPU market per model and family, hourly to {@link Topics#GPU_STATS_1H} (or per shorter window, see
 * {@link GpuStatsSettings#hourlyWindow()}) and per UTC day to {@link Topics#GPU_STATS_1D}, from the lifecycle changes on {@link Topics#GPU_LISTING_LIFECYCLE} (event time = the
 * change's {@code at}). See {@link MarketWindowProcessor} for when a window closes and what a row counts.
 *
 * <p>The changes are re-keyed by the family of their model (from the catalogue) through one named repartition, so
 * that every model of a family is in one task: a family's row then merges the sketches of exactly the model rows of
 * the same window close, with no second repartition and no guess at how long to wait for models of other tasks.
 * The hourly and daily windows are two processors of the same kind, each with its own open listings and pending
 * changes, so each honours its own grace.
 */
public final class GpuStatsTopology {

    static final String REPARTITION = "gpu-stats-lifecycle-by-family";

    private GpuStatsTopology() {
    }

    /**
     * Adds the statistics on the topics of {@code ns} to {@code builder}, beside whatever else the application runs.
     *
     * @param clock    decides when a window closes in {@link TimeMode#WALL_CLOCK}: the wall clock in production, the
     *                 simulated clock in the demo
     * @param timeMode whether windows close on {@code clock} or on stream time
     * @throws IllegalArgumentException (when a record is processed, so it goes to the dead-letter topic) for a
     *                                  change of a model the catalogue does not know
     */
    public static void addTo(StreamsBuilder builder, TopicNamespace ns, GpuStatsSettings settings,
                             GpuCatalogue catalogue, Clock clock, TimeMode timeMode) {
        Topic<String, ListingLifecycle> lifecycle = ns.of(Topics.GPU_LISTING_LIFECYCLE);
        KStream<String, ListingLifecycle> byFamily = builder
                .stream(lifecycle.name(), Consumed.with(lifecycle.keySerde(), lifecycle.valueSerde())
                        .withName("gpu-stats-lifecycle-source"))
                .selectKey((listing, change) -> familyOf(change, catalogue), Named.as("gpu-stats-key-by-family"))
                .repartition(Repartitioned.<String, ListingLifecycle>as(REPARTITION)
                        .withKeySerde(Serdes.String())
                        .withValueSerde(lifecycle.valueSerde()));
        addWindow(byFamily, new StatsWindow("1h", settings.hourlyWindow(), settings.hourlyGrace(), Topics.GPU_STATS_1H),
                ns, settings, catalogue, clock, timeMode);
        addWindow(byFamily, new StatsWindow("1d", Duration.ofDays(1), settings.dailyGrace(), Topics.GPU_STATS_1D),
                ns, settings, catalogue, clock, timeMode);
    }

    public static Topology build(TopicNamespace ns, GpuStatsSettings settings, GpuCatalogue catalogue, Clock clock,
                                 TimeMode timeMode) {
        StreamsBuilder builder = new StreamsBuilder();
        addTo(builder, ns, settings, catalogue, clock, timeMode);
        return builder.build();
    }

    private static String familyOf(ListingLifecycle change, GpuCatalogue catalogue) {
        if (change == null) {
            throw new IllegalArgumentException("lifecycle change without a value");
        }
        String model = change.listing().model();
        return catalogue.find(model).map(GpuModel::family).orElseThrow(() -> new IllegalArgumentException(
                "listing " + change.key() + " is of GPU model " + model + ", which the catalogue does not know"));
    }

    private static void addWindow(KStream<String, ListingLifecycle> byFamily, StatsWindow window, TopicNamespace ns,
                                  GpuStatsSettings settings, GpuCatalogue catalogue, Clock clock, TimeMode timeMode) {
        Set<StoreBuilder<?>> stores = Set.of(
                store(window.openListingsStore(), new JsonSerde<>(ListingState.class)),
                store(window.pendingChangesStore(), new JsonSerde<>(ListingLifecycle.class)),
                store(window.progressStore(), new JsonSerde<>(Instant.class)));
        ProcessorSupplier<String, ListingLifecycle, String, GpuMarketStats> processor = new ProcessorSupplier<>() {
            @Override
            public Processor<String, ListingLifecycle, String, GpuMarketStats> get() {
                return new MarketWindowProcessor(window, settings, catalogue, clock, timeMode);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return stores;
            }
        };
        Topic<String, GpuMarketStats> topic = ns.of(window.topic());
        byFamily.process(processor, Named.as(window.processorName()))
                .to(topic.name(), Produced.with(topic.keySerde(), topic.valueSerde())
                        .withName(window.topic().name().replace('.', '-') + "-sink"));
    }

    private static <V> StoreBuilder<KeyValueStore<String, V>> store(String name, Serde<V> valueSerde) {
        // changelogged (the default): a task moved to another instance restores its listings and waiting changes
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), valueSerde);
    }
}
