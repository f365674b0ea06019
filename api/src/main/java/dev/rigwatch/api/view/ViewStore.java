package dev.rigwatch.api.view;

import dev.rigwatch.events.Topic;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serde;

/**
 * One state store of the dashboard view: the topic it materialises, and for a window store the event time a
 * record is filed under and how long it is kept (in stream time). A key-value store keeps the newest record per
 * key by that time.
 *
 * @param retention  {@code null} for a key-value store
 * @param duplicates a window store keeps every record filed under the same key and time (alerts), rather than the last
 */
public record ViewStore<V>(String name, Topic<String, V> topic, Function<V, Instant> time,
                           Duration retention, boolean duplicates) {

    public static <V> ViewStore<V> latest(String name, Topic<String, V> topic, Function<V, Instant> time) {
        return new ViewStore<>(name, topic, time, null, false);
    }

    public static <V> ViewStore<V> history(String name, Topic<String, V> topic, Function<V, Instant> time,
                                           Duration retention) {
        return new ViewStore<>(name, topic, time, retention, false);
    }

    public ViewStore<V> keepingDuplicates() {
        return new ViewStore<>(name, topic, time, retention, true);
    }

    public boolean windowed() {
        return retention != null;
    }

    /** The topic's value serde: a store holds the records as the topic does. */
    public Serde<V> serde() {
        return topic.valueSerde();
    }
}
