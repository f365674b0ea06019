package dev.rigwatch.streams;

import dev.rigwatch.events.GpuMarketStats;
import dev.rigwatch.events.Topic;
import dev.rigwatch.events.Topics;
import dev.rigwatch.events.gpu.GpuCatalogue;
import dev.rigwatch.streams.gpu.GpuStatsTopology;
import dev.rigwatch.streams.listing.ListingLifecycleTopology;
import dev.rigwatch.streams.signal.capitulation.Capitulation;
import dev.rigwatch.streams.signal.rebound.Rebound;
import dev.rigwatch.streams.signal.tightness.SupplyTightnessTopology;
import java.time.Clock;
import java.time.Duration;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;

/**
 * Everything the streams stage computes, in one application: the {@link CryptoTopology}; the listing lifecycle, the GPU
 * market statistics and the signals on them (the rebound of models' hourly and daily median prices, supply tightness); miner
 * capitulation from the daily coin price. Sub-topologies that share no topic run as independent tasks.
 */
public final class MarketTopology {

    private MarketTopology() {
    }

    /**
     * @param clock "now" for what closes on time rather than on the next record (the GPU statistics' windows): the
     *              wall clock in production, the simulated clock in the demo
     */
    public static Topology build(StreamsSettings settings, Clock clock) {
        StreamsBuilder builder = new StreamsBuilder();
        CryptoTopology.addTo(builder, settings);
        ListingLifecycleTopology.addTo(builder, settings.lifecycle());
        GpuCatalogue catalogue = GpuCatalogue.load();
        GpuStatsTopology.addTo(builder, settings.gpuStats(), catalogue, clock);
        Topic<String, GpuMarketStats> gpuHourly = Topics.GPU_STATS_1H;
        Rebound.addToGpu(builder.stream(gpuHourly.name(), Consumed.with(gpuHourly.keySerde(), gpuHourly.valueSerde())
                        .withName("rebound-gpu-stats-1h-source")),
                settings.gpuStats().hourlyWindow(), settings.rebound().gpu(), settings.rebound().gpuFamilies());
        Topic<String, GpuMarketStats> gpuDaily = Topics.GPU_STATS_1D;
        Rebound.addToGpu(builder.stream(gpuDaily.name(), Consumed.with(gpuDaily.keySerde(), gpuDaily.valueSerde())
                        .withName("rebound-gpu-stats-1d-source")),
                Duration.ofDays(1), settings.rebound().gpuDaily(), settings.rebound().gpuFamilies());
        SupplyTightnessTopology.addTo(builder, settings.tightness(), clock);
        Capitulation.addTo(builder, settings.capitulation(), catalogue);
        return builder.build();
    }
}
