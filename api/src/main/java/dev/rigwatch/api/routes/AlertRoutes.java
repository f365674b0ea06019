package dev.rigwatch.api.routes;

import dev.rigwatch.api.http.Params;
import dev.rigwatch.api.query.LocalQuery;
import dev.rigwatch.api.query.QueryRouter;
import dev.rigwatch.api.view.ViewStores;
import dev.rigwatch.events.Alert;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /api/alerts}: the newest alerts, of one subscriber (from its owner) or of all (from every instance). */
final class AlertRoutes {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 1000;

    static final LocalQuery<Alert> ALERTS = new LocalQuery<>("alerts", ViewStores.ALERTS, Alert.class, (stores, params) -> {
        int limit = Integer.parseInt(params.get(Windows.LIMIT));
        String subscriber = params.get(QueryRouter.KEY);
        List<Alert> alerts = subscriber != null
                ? Windows.newest(stores.history(ViewStores.ALERTS), subscriber, params, a -> a)
                : Windows.all(stores.history(ViewStores.ALERTS), kv -> kv.value);
        return newestFirst(alerts, limit);
    });

    private final QueryRouter router;

    AlertRoutes(QueryRouter router) {
        this.router = router;
    }

    void register(RoutesConfig routes) {
        routes.get("/api/alerts", this::alerts);
    }

    private void alerts(Context ctx) {
        Params params = new Params(ctx);
        String subscriber = params.text("subscriber");
        int limit = params.limit(DEFAULT_LIMIT, MAX_LIMIT);
        Map<String, String> query = Map.of(Windows.LIMIT, Integer.toString(limit));
        List<Alert> alerts = subscriber == null ? router.everywhere(ALERTS, query) : router.byKey(ALERTS, subscriber, query);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("limit", limit);
        body.put("alerts", newestFirst(alerts, limit));
        ctx.json(body);
    }

    private static List<Alert> newestFirst(List<Alert> alerts, int limit) {
        return alerts.stream().sorted(Comparator.comparing(Alert::eventTime, Comparator.nullsFirst(Comparator.<Instant>naturalOrder()))
                .reversed()).limit(limit).toList();
    }
}
