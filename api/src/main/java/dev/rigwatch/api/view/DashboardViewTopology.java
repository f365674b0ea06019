package dev.rigwatch.api.view;

import dev.rigwatch.events.Topic;
import dev.rigwatch.events.TopicNamespace;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The API's own Kafka Streams application: it materialises the aggregate topics (candles, prices, GPU statistics,
 * signals, alerts) into the {@link ViewStores}, which the HTTP API reads with interactive queries. A separate
 * application rather than stores inside the market topology, so that the read side scales and restarts on its own
 * and the stages that compute stay as fast as they are. Each topic has one source; each store, one writer.
 */
public final class DashboardViewTopology {

    private DashboardViewTopology() {
    }

    public static Topology build(TopicNamespace ns) {
        Topology topology = new Topology();
        Map<String, String> sources = new HashMap<>();
        for (ViewStore<?> store : ViewStores.all()) {
            add(topology, ns, store, sources);
        }
        return topology;
    }

    /** @param sources the source node of each topic already read: stores of one topic share its source */
    private static <V> void add(Topology topology, TopicNamespace ns, ViewStore<V> store, Map<String, String> sources) {
        Topic<String, V> topic = ns.of(store.topic());
        String source = sources.get(topic.name());
        if (source == null) {
            source = "view-" + store.topic().name() + "-source";
            topology.addSource(source, topic.keySerde().deserializer(), topic.valueSerde().deserializer(), topic.name());
            sources.put(topic.name(), source);
        }
        String writer = store.name() + "-writer";
        if (store.windowed()) {
            topology.addProcessor(writer, () -> new WindowWriter<>(store), source);
            topology.addStateStore(windowStore(store), writer);
        } else {
            topology.addProcessor(writer, () -> new LatestWriter<>(store), source);
            topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(store.name()),
                    Serdes.String(), store.serde()), writer);
        }
    }

    private static <V> StoreBuilder<WindowStore<String, V>> windowStore(ViewStore<V> store) {
        // one "window" per record: the store is a time index per key, so its size only has to be positive
        return Stores.windowStoreBuilder(Stores.persistentWindowStore(store.name(), store.retention(),
                Duration.ofMillis(1), store.duplicates()), Serdes.String(), store.serde());
    }

    /** Writes each aggregate into its store; a tombstone or keyless record is no aggregate and is skipped. */
    private abstract static class Writer<V, S extends StateStore> implements Processor<String, V, Void, Void> {
        final ViewStore<V> view;
        S store;

        Writer(ViewStore<V> view) {
            this.view = view;
        }

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            store = context.getStateStore(view.name());
        }

        @Override
        public void process(Record<String, V> record) {
            if (record.key() != null && record.value() != null) {
                write(record.key(), record.value());
            }
        }

        abstract void write(String key, V value);
    }

    /** Files each record under its key and event time. */
    private static final class WindowWriter<V> extends Writer<V, WindowStore<String, V>> {
        WindowWriter(ViewStore<V> view) {
            super(view);
        }

        @Override
        void write(String key, V value) {
            store.put(key, value, view.time().apply(value).toEpochMilli());
        }
    }

    /** Keeps the newest record per key by event time, so a late or replayed record never hides a newer one. */
    private static final class LatestWriter<V> extends Writer<V, KeyValueStore<String, V>> {
        LatestWriter(ViewStore<V> view) {
            super(view);
        }

        @Override
        void write(String key, V value) {
            V current = store.get(key);
            if (current == null || !view.time().apply(value).isBefore(view.time().apply(current))) {
                store.put(key, value);
            }
        }
    }
}
