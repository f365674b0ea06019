package dev.rigwatch.streams.listing;

import dev.rigwatch.events.JsonSerde;
import dev.rigwatch.events.ListingLifecycle;
import dev.rigwatch.events.ListingRecord;
import dev.rigwatch.events.ListingState;
import dev.rigwatch.events.PollCoverage;
import dev.rigwatch.events.Topic;
import dev.rigwatch.events.TopicNamespace;
import dev.rigwatch.events.Topics;
import dev.rigwatch.streams.TimeMode;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The listing lifecycle, from {@link Topics#GPU_LISTINGS} to {@link Topics#GPU_LISTING_LIFECYCLE} (NEW,
 * PRICE_CHANGED, GONE, EXPIRED) and {@link Topics#GPU_LISTING_STATE} (the active listings: a listing's state on NEW
 * and PRICE_CHANGED, a tombstone on GONE and EXPIRED), both keyed {@code source:listing-id}.
 *
 * <p>Every task decides for the listings of its own partition: each poll's coverage is on every partition, after
 * the poll's listings, so no repartition is needed. The stores are changelogged, so a task restores its listings and
 * the polls that judge them on another instance.
 */
public final class ListingLifecycleTopology {

    /** Active listings by {@code source:listing-id}. */
    static final String LISTINGS_STORE = "listing-states";
    /** The latest complete poll of each {@code source:query}: later polls must start after it. */
    static final String LATEST_POLLS_STORE = "listing-poll-coverage";
    /** Complete polls that arrived since the last check, by {@code source:query|poll-id}. */
    static final String UNCHECKED_POLLS_STORE = "listing-poll-coverage-unchecked";

    private ListingLifecycleTopology() {
    }

    /**
     * Adds the lifecycle on the topics of {@code ns} to {@code builder}, beside whatever else the application runs.
     *
     * @param timeMode when the complete polls are checked for listings they prove gone: every
     *                 {@code settings.checkEvery()} of wall clock, or, in {@link TimeMode#STREAM_TIME}, as each
     *                 complete poll arrives (see {@link ListingLifecycleProcessor})
     */
    public static void addTo(StreamsBuilder builder, TopicNamespace ns, ListingLifecycleSettings settings,
                             TimeMode timeMode) {
        Topic<String, ListingRecord> records = ns.of(Topics.GPU_LISTINGS);
        Topic<String, ListingLifecycle> lifecycle = ns.of(Topics.GPU_LISTING_LIFECYCLE);
        Topic<String, ListingState> states = ns.of(Topics.GPU_LISTING_STATE);
        Set<StoreBuilder<?>> stores = Set.of(
                store(LISTINGS_STORE, new JsonSerde<>(ActiveListing.class)),
                store(LATEST_POLLS_STORE, new JsonSerde<>(PollCoverage.class)),
                store(UNCHECKED_POLLS_STORE, new JsonSerde<>(PollCoverage.class)));

        ProcessorSupplier<String, ListingRecord, String, ListingLifecycle> processor = new ProcessorSupplier<>() {
            @Override
            public Processor<String, ListingRecord, String, ListingLifecycle> get() {
                return new ListingLifecycleProcessor(settings, timeMode);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return stores;
            }
        };

        KStream<String, ListingLifecycle> changes = builder
                .stream(records.name(), Consumed.with(records.keySerde(), records.valueSerde()).withName("gpu-listings-source"))
                .process(processor, Named.as("listing-lifecycle"));
        changes.to(lifecycle.name(),
                Produced.with(lifecycle.keySerde(), lifecycle.valueSerde()).withName("gpu-listing-lifecycle-sink"));
        changes.mapValues(change -> change.change().ends() ? null : change.listing(),
                        Named.as("listing-state-after-change"))
                .to(states.name(), Produced.with(states.keySerde(), states.valueSerde()).withName("gpu-listing-state-sink"));
    }

    public static Topology build(TopicNamespace ns, ListingLifecycleSettings settings, TimeMode timeMode) {
        StreamsBuilder builder = new StreamsBuilder();
        addTo(builder, ns, settings, timeMode);
        return builder.build();
    }

    private static <V> StoreBuilder<KeyValueStore<String, V>> store(String name, JsonSerde<V> valueSerde) {
        // changelogged (the default): a task moved to another instance restores its listings and polls
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), valueSerde);
    }
}
