package dev.rigwatch.api.routes;

import dev.rigwatch.api.http.Params;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/** Reading the view's window stores: the newest records of a key in a range, handed back oldest first. */
final class Windows {

    static final String FROM = "from";
    static final String TO = "to";
    static final String LIMIT = "limit";
    static final Instant END_OF_TIME = Instant.ofEpochMilli(Long.MAX_VALUE);

    private Windows() {
    }

    /** The newest {@code limit} records of {@code key} filed in the range, oldest first. */
    static <V, T> List<T> newest(ReadOnlyWindowStore<String, V> store, String key, Map<String, String> params,
                                 Function<V, T> view) {
        int limit = Integer.parseInt(params.get(LIMIT));
        List<T> items = new ArrayList<>();
        try (WindowStoreIterator<V> it = store.backwardFetch(key, Instant.ofEpochMilli(from(params)), Instant.ofEpochMilli(to(params)))) {
            while (it.hasNext() && items.size() < limit) {
                items.add(view.apply(it.next().value));
            }
        }
        Collections.reverse(items);
        return items;
    }

    /**
     * The first {@code limit} items {@code view} makes of {@code key}'s records filed from {@code from} on, oldest
     * first; a record it maps to {@code null} is skipped and not counted. Reads forward only as far as it needs.
     */
    static <V, T> List<T> firstFrom(ReadOnlyWindowStore<String, V> store, String key, Instant from, int limit,
                                    Function<V, T> view) {
        List<T> items = new ArrayList<>();
        try (WindowStoreIterator<V> it = store.fetch(key, from, END_OF_TIME)) {
            while (it.hasNext() && items.size() < limit) {
                T item = view.apply(it.next().value);
                if (item != null) {
                    items.add(item);
                }
            }
        }
        return items;
    }

    /** Every record in the store, in no particular order: for stores that hold few (signals, alerts). */
    static <V, T> List<T> all(ReadOnlyWindowStore<String, V> store, Function<KeyValue<Windowed<String>, V>, T> view) {
        List<T> items = new ArrayList<>();
        try (KeyValueIterator<Windowed<String>, V> it = store.all()) {
            while (it.hasNext()) {
                items.add(view.apply(it.next()));
            }
        }
        return items;
    }

    /** A range and limit as a {@link dev.rigwatch.api.query.LocalQuery}'s parameters: what travels to a peer. */
    static Map<String, String> params(Params.TimeRange range, int limit) {
        return Map.of(FROM, Long.toString(range.fromMillis()), TO, Long.toString(range.toMillis()), LIMIT,
                Integer.toString(limit));
    }

    static long from(Map<String, String> params) {
        String from = params.get(FROM);
        return from == null ? 0 : Long.parseLong(from);
    }

    static long to(Map<String, String> params) {
        String to = params.get(TO);
        return to == null ? Long.MAX_VALUE : Long.parseLong(to);
    }
}
