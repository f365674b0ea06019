package dev.rigwatch.streams;

import dev.rigwatch.events.gpu.GpuCatalogue;
import dev.rigwatch.streams.gpu.GpuStatsTopology;
import dev.rigwatch.streams.listing.ListingLifecycleTopology;
import java.time.Clock;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;

/**
 * Everything the streams stage computes, in one application: the {@link CryptoTopology}, the listing lifecycle and the
 * GPU market statistics. Sub-topologies that share no topic run as independent tasks.
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
        GpuStatsTopology.addTo(builder, settings.gpuStats(), GpuCatalogue.load(), clock);
        return builder.build();
    }
}
