package dev.rigwatch.api.query;

import dev.rigwatch.api.view.ViewStore;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;

/**
 * This instance's view stores (its active tasks only: a standby's copy may lag). A store that is not queryable now
 * is {@link Unavailable}, never an empty store.
 */
public final class LocalStores {

    private final KafkaStreams streams;

    public LocalStores(KafkaStreams streams) {
        this.streams = streams;
    }

    public <V> ReadOnlyKeyValueStore<String, V> latest(ViewStore<V> store) {
        running();
        try {
            return streams.store(StoreQueryParameters.fromNameAndType(store.name(), QueryableStoreTypes.keyValueStore()));
        } catch (InvalidStateStoreException e) {
            throw new Unavailable("store " + store.name() + " is not queryable here yet: " + e.getMessage(), e);
        }
    }

    public <V> ReadOnlyWindowStore<String, V> history(ViewStore<V> store) {
        running();
        try {
            return streams.store(StoreQueryParameters.fromNameAndType(store.name(), QueryableStoreTypes.windowStore()));
        } catch (InvalidStateStoreException e) {
            throw new Unavailable("store " + store.name() + " is not queryable here yet: " + e.getMessage(), e);
        }
    }

    private void running() {
        KafkaStreams.State state = streams.state();
        if (state != KafkaStreams.State.RUNNING) {
            throw new Unavailable("the view application is " + state);
        }
    }
}
