package dev.rigwatch.api.routes;

import dev.rigwatch.api.query.LocalQuery;
import dev.rigwatch.api.query.PeerClient;
import dev.rigwatch.api.query.QueryRouter;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Every JSON endpoint of the API, and {@code /internal/query/<name>}, the endpoint by which instances ask each other
 * to run a {@link LocalQuery} on the stores they own.
 */
public final class ApiRoutes {

    private static final Map<String, LocalQuery<?>> LOCAL_QUERIES = new HashMap<>();

    static {
        Stream.of(List.of(PriceRoutes.INSTRUMENTS, PriceRoutes.SYMBOLS, GpuRoutes.MODELS, GpuRoutes.LATEST_TIGHTNESS,
                                GpuRoutes.TIGHTNESS, AlertRoutes.ALERTS),
                        CandleRoutes.QUERIES.values(), GpuRoutes.STATS_QUERIES.values(), SignalRoutes.QUERIES.values(),
                        SignalOutcomes.QUERIES)
                .flatMap(c -> c.stream())
                .forEach(q -> LOCAL_QUERIES.put(q.name(), q));
    }

    private ApiRoutes() {
    }

    public static void register(RoutesConfig routes, QueryRouter router) {
        new PriceRoutes(router).register(routes);
        new CandleRoutes(router).register(routes);
        new GpuRoutes(router).register(routes);
        new SignalRoutes(router).register(routes);
        new AlertRoutes(router).register(routes);
        routes.get(PeerClient.PATH + "{name}", ctx -> local(ctx, router));
    }

    private static void local(Context ctx, QueryRouter router) {
        LocalQuery<?> query = LOCAL_QUERIES.get(ctx.pathParam("name"));
        if (query == null) {
            ctx.status(404).json(Map.of("error", "not_found", "message", "no local query " + ctx.pathParam("name"),
                    "known", LOCAL_QUERIES.keySet().stream().sorted().toList()));
            return;
        }
        Map<String, String> params = new HashMap<>();
        ctx.queryParamMap().forEach((name, values) -> params.put(name, values.get(0)));
        ctx.json(Map.of("items", router.local(query, params)));
    }
}
