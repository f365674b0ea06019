package dev.rigwatch.streams;

import dev.rigwatch.events.GpuMarketStats;
import dev.rigwatch.events.Topic;
import dev.rigwatch.events.TopicNamespace;
import dev.rigwatch.events.Topics;
import dev.rigwatch.events.gpu.GpuCatalogue;
import dev.rigwatch.events.kafka.StreamsStage;
import dev.rigwatch.streams.gpu.GpuStatsTopology;
import dev.rigwatch.streams.listing.ListingLifecycleTopology;
import dev.rigwatch.streams.signal.SignalCounter;
import dev.rigwatch.streams.signal.capitulation.Capitulation;
import dev.rigwatch.streams.signal.rebound.Rebound;
import dev.rigwatch.streams.signal.tightness.SupplyTightnessTopology;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;

/**
 * Everything the streams stage computes, in one application: the {@link CryptoTopology}; the listing lifecycle, the GPU
 * market statistics and the signals on them (the rebound of models' hourly and daily median prices and of their
 * imported monthly sold prices, supply tightness); miner capitulation from the daily coin price. Sub-topologies that
 * share no topic run as independent tasks. The signals it writes are counted by type ({@link SignalCounter}).
 */
public final class MarketTopology {

    private MarketTopology() {
    }

    /**
     * The streams stage: candles, prices and signals from raw ticks; the listing lifecycle and GPU statistics from
     * raw listings; on the topics of {@code ns}.
     *
     * @param ns            see {@link #build}
     * @param meterRegistry gets Kafka Streams' metrics and the signal counts
     * @param clock         see {@link #build}
     */
    public static StreamsStage stage(String bootstrapServers, StreamsSettings settings, TopicNamespace ns,
                                     MeterRegistry meterRegistry, Clock clock) {
        return stage(bootstrapServers, settings, ns, meterRegistry, clock, new Properties());
    }

    /**
     * The streams stage with Kafka Streams settings of its deployment beyond every stage's (standby replicas,
     * the session timeout of an instance among several).
     */
    public static StreamsStage stage(String bootstrapServers, StreamsSettings settings, TopicNamespace ns,
                                     MeterRegistry meterRegistry, Clock clock, Properties instance) {
        return new StreamsStage(bootstrapServers, settings.applicationId(), settings.stateDir(),
                settings.commitInterval(), ns, build(settings, ns, clock, new SignalCounter(meterRegistry)), meterRegistry,
                instance);
    }

    /** The topology with its signal counts unread: to describe it, list its topics or drive it in a test. */
    public static Topology build(StreamsSettings settings, TopicNamespace ns, Clock clock) {
        return build(settings, ns, clock, SignalCounter.unread());
    }

    /**
     * @param ns    the topics it reads and writes: {@link TopicNamespace#PRODUCTION}, or a sandbox's (a replay, a
     *              backtest); internal topics are named after the application id, so a sandbox gets its own id too
     * @param clock "now" for what closes on time rather than on the next record (the GPU statistics' windows, the
     *              tightness market's quiet hours) in {@link TimeMode#WALL_CLOCK}: the wall clock in production, the
     *              simulated clock in the demo; unread in {@link TimeMode#STREAM_TIME}
     * @param signals counts every signal written, by type
     */
    public static Topology build(StreamsSettings settings, TopicNamespace ns, Clock clock, SignalCounter signals) {
        StreamsBuilder builder = new StreamsBuilder();
        CryptoTopology.addTo(builder, ns, settings, signals);
        ListingLifecycleTopology.addTo(builder, ns, settings.lifecycle(), settings.timeMode());
        GpuCatalogue catalogue = GpuCatalogue.load();
        GpuStatsTopology.addTo(builder, ns, settings.gpuStats(), catalogue, clock, settings.timeMode());
        Topic<String, GpuMarketStats> gpuHourly = ns.of(Topics.GPU_STATS_1H);
        Rebound.addToGpu(builder.stream(gpuHourly.name(), Consumed.with(gpuHourly.keySerde(), gpuHourly.valueSerde())
                        .withName("rebound-gpu-stats-1h-source")),
                ns, settings.gpuStats().hourlyWindow(), settings.rebound().gpu(), settings.rebound().gpuFamilies(),
                signals);
        Topic<String, GpuMarketStats> gpuDaily = ns.of(Topics.GPU_STATS_1D);
        Rebound.addToGpu(builder.stream(gpuDaily.name(), Consumed.with(gpuDaily.keySerde(), gpuDaily.valueSerde())
                        .withName("rebound-gpu-stats-1d-source")),
                ns, Duration.ofDays(1), settings.rebound().gpuDaily(), settings.rebound().gpuFamilies(), signals);
        Rebound.addToGpuSold(builder, ns, settings.rebound().gpuSold(), signals);
        SupplyTightnessTopology.addTo(builder, ns, settings.tightness(), clock, settings.timeMode(), signals);
        Capitulation.addTo(builder, ns, settings.capitulation(), catalogue, signals);
        return builder.build();
    }
}
