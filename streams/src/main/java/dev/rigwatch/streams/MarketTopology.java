package dev.rigwatch.streams;

import dev.rigwatch.streams.listing.ListingLifecycleTopology;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;

/**
 * Everything the streams stage computes, in one application: the {@link CryptoTopology} and the listing lifecycle.
 * Their sub-topologies share no topic, so Kafka Streams runs them as independent tasks.
 */
public final class MarketTopology {

    private MarketTopology() {
    }

    public static Topology build(StreamsSettings settings) {
        StreamsBuilder builder = new StreamsBuilder();
        CryptoTopology.addTo(builder, settings);
        ListingLifecycleTopology.addTo(builder, settings.lifecycle());
        return builder.build();
    }
}
