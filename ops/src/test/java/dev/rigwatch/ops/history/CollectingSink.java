package dev.rigwatch.ops.history;

import dev.rigwatch.events.Topic;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** What a file reader produced, kept in order, for tests that need no broker. */
final class CollectingSink implements RowSink {

    /** One record as it would be sent. */
    record Written(int line, String topic, String key, Object value, Instant time, boolean everyPartition) {}

    final List<Written> written = new ArrayList<>();
    final List<BadRow> rejected = new ArrayList<>();

    @Override
    public <V> void imported(int line, Topic<String, V> topic, String key, V value, Instant time) {
        written.add(new Written(line, topic.name(), key, value, time, false));
    }

    @Override
    public <V> void importedToEveryPartition(int line, Topic<String, V> topic, String key, V value, Instant time) {
        written.add(new Written(line, topic.name(), key, value, time, true));
    }

    @Override
    public void rejected(BadRow row) {
        rejected.add(row);
    }

    @SuppressWarnings("unchecked")
    <V> List<V> values(Class<V> type) {
        return written.stream().map(w -> (V) type.cast(w.value())).toList();
    }
}
