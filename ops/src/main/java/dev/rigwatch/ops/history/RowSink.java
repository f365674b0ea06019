package dev.rigwatch.ops.history;

import dev.rigwatch.events.Topic;
import java.time.Instant;

/** Where a file reader puts each data row: a record to write, or a bad row. */
interface RowSink {

    /** A record from the row on {@code line}, with its key and record timestamp. */
    <V> void imported(int line, Topic<String, V> topic, String key, V value, Instant time);

    /** A marker every partition of the topic must see (a poll's coverage), from the row on {@code line}. */
    <V> void importedToEveryPartition(int line, Topic<String, V> topic, String key, V value, Instant time);

    void rejected(BadRow row);
}
