package dev.rigwatch.ops.history;

import dev.rigwatch.events.Topic;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * Holds a file's records until {@link #flush()}, then writes them in time order (ties in file order); bad rows go
 * on at once. For files whose rows are not in time order, such as a price index sorted by month name or an export
 * newest first: the topics are logs, and what reads them (a candle's rebound, a model's monthly closes) takes each
 * key's records in the order they were written, skipping one older than the last. Costs memory for the whole file.
 */
final class TimeOrderedSink implements RowSink {

    private record Pending(Instant time, int line, Consumer<RowSink> write) {}

    private static final Comparator<Pending> TIME_ORDER =
            Comparator.comparing(Pending::time).thenComparingInt(Pending::line);

    private final RowSink target;
    private final List<Pending> pending = new ArrayList<>();

    TimeOrderedSink(RowSink target) {
        this.target = target;
    }

    @Override
    public <V> void imported(int line, Topic<String, V> topic, String key, V value, Instant time) {
        pending.add(new Pending(time, line, sink -> sink.imported(line, topic, key, value, time)));
    }

    @Override
    public <V> void importedToEveryPartition(int line, Topic<String, V> topic, String key, V value, Instant time) {
        pending.add(new Pending(time, line, sink -> sink.importedToEveryPartition(line, topic, key, value, time)));
    }

    @Override
    public void rejected(BadRow row) {
        target.rejected(row);
    }

    /** Writes what is held, oldest first. */
    void flush() {
        pending.sort(TIME_ORDER);
        pending.forEach(p -> p.write().accept(target));
        pending.clear();
    }
}
