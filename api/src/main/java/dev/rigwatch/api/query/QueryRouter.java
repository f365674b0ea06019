package dev.rigwatch.api.query;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Runs a {@link LocalQuery} where the data is: a key's query on the instance that owns the key
 * ({@code queryMetadataForKey}), a query over all keys on every instance that hosts the store, merged. While the
 * stores are not queryable it retries for {@link #patience}, then gives up with {@link Unavailable}.
 */
public final class QueryRouter {

    public static final String KEY = "key";
    private static final Duration PAUSE = Duration.ofMillis(100);

    private final Supplier<KafkaStreams> streams;
    private final Supplier<HostInfo> self;
    private final PeerClient peers;
    private final Duration patience;

    /**
     * @param streams the view application, or {@code null} while it is still starting
     * @param self    this instance's {@code application.server}, known once its server listens
     */
    public QueryRouter(Supplier<KafkaStreams> streams, Supplier<HostInfo> self, PeerClient peers, Duration patience) {
        this.streams = streams;
        this.self = self;
        this.peers = peers;
        this.patience = patience;
    }

    /** The query run by the owner of {@code key} in the query's store. */
    public <T> List<T> byKey(LocalQuery<T> query, String key, Map<String, String> params) {
        Map<String, String> withKey = new HashMap<>(params);
        withKey.put(KEY, key);
        return retrying(() -> {
            KafkaStreams app = app();
            KeyQueryMetadata owner = app.queryMetadataForKey(query.store().name(), key, Serdes.String().serializer());
            if (owner == null || owner.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
                throw new Unavailable("no instance owns " + key + " in " + query.store().name() + " yet (rebalancing)");
            }
            return owner.activeHost().equals(self.get()) ? local(app, query, withKey)
                    : peers.run(owner.activeHost(), query, withKey);
        });
    }

    /** The query run by every instance that hosts its store, concatenated (the caller sorts and limits). */
    public <T> List<T> everywhere(LocalQuery<T> query, Map<String, String> params) {
        return retrying(() -> {
            KafkaStreams app = app();
            Collection<StreamsMetadata> hosts = app.streamsMetadataForStore(query.store().name());
            if (hosts.isEmpty()) {
                throw new Unavailable("no instance hosts " + query.store().name() + " yet (starting or rebalancing)");
            }
            List<T> all = new ArrayList<>();
            for (StreamsMetadata host : hosts) {
                all.addAll(host.hostInfo().equals(self.get()) ? local(app, query, params)
                        : peers.run(host.hostInfo(), query, params));
            }
            return all;
        });
    }

    /** Runs the query on this instance's stores only: what a peer asks for. */
    public <T> List<T> local(LocalQuery<T> query, Map<String, String> params) {
        return local(app(), query, params);
    }

    /** Whether every view store is queryable here now. */
    public String notReadyReason(Collection<String> stores) {
        KafkaStreams app = streams.get();
        if (app == null) {
            return "the view application is starting";
        }
        if (app.state() != KafkaStreams.State.RUNNING) {
            return "the view application is " + app.state();
        }
        for (String store : stores) {
            if (app.streamsMetadataForStore(store).isEmpty()) {
                return "no instance hosts " + store + " yet";
            }
        }
        return null;
    }

    private static <T> List<T> local(KafkaStreams app, LocalQuery<T> query, Map<String, String> params) {
        try {
            return query.run().run(new LocalStores(app), params);
        } catch (InvalidStateStoreException e) {
            throw new Unavailable("store " + query.store().name() + " moved while it was read: " + e.getMessage(), e);
        }
    }

    private KafkaStreams app() {
        KafkaStreams app = streams.get();
        if (app == null) {
            throw new Unavailable("the view application is starting");
        }
        return app;
    }

    private <T> T retrying(Supplier<T> attempt) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            try {
                return attempt.get();
            } catch (Unavailable e) {
                if (System.nanoTime() + PAUSE.toNanos() > deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(PAUSE.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }
}
