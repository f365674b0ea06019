package dev.rigwatch.api.routes;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.rigwatch.api.http.Params;
import dev.rigwatch.api.query.LocalQuery;
import dev.rigwatch.api.query.QueryRouter;
import dev.rigwatch.api.view.ViewStore;
import dev.rigwatch.api.view.ViewStores;
import dev.rigwatch.events.Json;
import dev.rigwatch.events.SupplyTightness;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * {@code GET /api/signals}: the newest rebound, tightness and capitulation signals, gathered from every instance;
 * each rebound with what followed it.
 */
final class SignalRoutes {

    static final List<String> TYPES = List.of("rebound", "tightness", "capitulation");
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 1000;

    /**
     * One signal as the API and the event stream show it: its type, key, time, and the signal record itself; a
     * rebound in {@code /api/signals} also what followed it ({@link SignalOutcomes}), which the stream leaves out.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SignalView(String type, String key, Instant time, JsonNode signal, OutcomeView outcome) {
        static <V> SignalView of(String type, String key, Instant time, V signal) {
            return new SignalView(type, key, time, Json.mapper().valueToTree(signal), null);
        }

        SignalView withOutcome(OutcomeView outcome) {
            return new SignalView(type, key, time, signal, outcome);
        }
    }

    static final Map<String, LocalQuery<SignalView>> QUERIES = Map.of(
            "rebound", scan("rebound", ViewStores.REBOUNDS),
            "capitulation", scan("capitulation", ViewStores.CAPITULATIONS),
            "tightness", new LocalQuery<>("signals-tightness", ViewStores.TIGHTNESS, SignalView.class,
                    (stores, params) -> newestPerKey("tightness", stores.history(ViewStores.TIGHTNESS),
                            PriceRoutes.values(stores.latest(ViewStores.TIGHTNESS_LATEST)).stream()
                                    .map(SupplyTightness::key).toList(), params)));

    private final QueryRouter router;
    private final SignalOutcomes outcomes;

    SignalRoutes(QueryRouter router) {
        this.router = router;
        this.outcomes = new SignalOutcomes(router);
    }

    void register(RoutesConfig routes) {
        routes.get("/api/signals", this::signals);
    }

    private void signals(Context ctx) {
        Params params = new Params(ctx);
        String type = params.choice("type", TYPES, null);
        String subject = params.text("subject");
        int limit = params.limit(DEFAULT_LIMIT, MAX_LIMIT);
        Map<String, String> query = Map.of(Windows.LIMIT, Integer.toString(limit));
        List<SignalView> signals = new ArrayList<>();
        for (String t : type == null ? TYPES : List.of(type)) {
            signals.addAll(subject == null ? router.everywhere(QUERIES.get(t), query)
                    : router.byKey(QUERIES.get(t), subject, query));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("limit", limit);
        // measured for the signals answered only, after the limit
        body.put("signals", outcomes.attach(newestFirst(signals, limit)));
        ctx.json(body);
    }

    static List<SignalView> newestFirst(List<SignalView> signals, int limit) {
        return signals.stream().sorted(Comparator.comparing(SignalView::time).reversed()).limit(limit).toList();
    }

    /** A store of few records (a signal per episode): every one of a key, or of all keys here, newest first. */
    private static <V> LocalQuery<SignalView> scan(String type, ViewStore<V> store) {
        return new LocalQuery<>("signals-" + type, store, SignalView.class, (stores, params) -> {
            ReadOnlyWindowStore<String, V> history = stores.history(store);
            int limit = Integer.parseInt(params.get(Windows.LIMIT));
            String key = params.get(QueryRouter.KEY);
            if (key != null) {
                return newestPerKey(type, history, List.of(key), params);
            }
            return newestFirst(Windows.all(history, kv -> SignalView.of(type, kv.key.key(),
                    Instant.ofEpochMilli(kv.key.window().start()), kv.value)), limit);
        });
    }

    /** The newest {@code limit} of each key's records, merged newest first. */
    private static <V> List<SignalView> newestPerKey(String type, ReadOnlyWindowStore<String, V> history,
                                                     List<String> keys, Map<String, String> params) {
        int limit = Integer.parseInt(params.get(Windows.LIMIT));
        List<SignalView> all = new ArrayList<>();
        for (String key : keys) {
            try (WindowStoreIterator<V> it = history.backwardFetch(key, Instant.EPOCH, Windows.END_OF_TIME)) {
                for (int n = 0; n < limit && it.hasNext(); n++) {
                    var kv = it.next();
                    all.add(SignalView.of(type, key, Instant.ofEpochMilli(kv.key), kv.value));
                }
            }
        }
        return newestFirst(all, limit);
    }
}
