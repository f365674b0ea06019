package dev.rigwatch.api.query;

import dev.rigwatch.api.view.ViewStore;
import java.util.List;
import java.util.Map;

/**
 * A query one instance answers from its own stores, by name, so that the instance that owns a key (or every
 * instance, for a query over all keys) can be asked to run it: the owner runs {@link #run}, the asking instance
 * merges what the owners return.
 *
 * @param store the store whose owners are asked (the others the query reads are keyed alike)
 * @param type  what one item is, as it travels between instances
 */
public record LocalQuery<T>(String name, ViewStore<?> store, Class<T> type, Runner<T> run) {

    @FunctionalInterface
    public interface Runner<T> {
        /** @param params the request's parameters, the key under {@link QueryRouter#KEY} for a keyed query */
        List<T> run(LocalStores stores, Map<String, String> params);
    }
}
