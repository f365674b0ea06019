package dev.rigwatch.api.routes;

import dev.rigwatch.api.http.ApiError;
import dev.rigwatch.api.http.Params;
import dev.rigwatch.api.query.LocalQuery;
import dev.rigwatch.api.query.QueryRouter;
import dev.rigwatch.api.view.ViewStore;
import dev.rigwatch.api.view.ViewStores;
import dev.rigwatch.events.Candle;
import dev.rigwatch.events.CryptoTick;
import dev.rigwatch.events.Durations;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /api/candles/{exchange}/{symbol}}: an instrument's closed candles, from the instance that owns it. */
final class CandleRoutes {

    static final Map<String, ViewStore<Candle>> STORES = Map.of("1m", ViewStores.CANDLES_1M, "1h", ViewStores.CANDLES_1H,
            "1d", ViewStores.CANDLES_1D);
    static final List<String> INTERVALS = List.of("1m", "1h", "1d");
    static final int DEFAULT_LIMIT = 500;
    static final int MAX_LIMIT = 5000;

    static final Map<String, LocalQuery<CandleView>> QUERIES = Map.of(
            "1m", query("1m"), "1h", query("1h"), "1d", query("1d"));

    /** One closed candle as the API and the event stream show it. */
    record CandleView(String instrument, String interval, Instant start, Instant end, BigDecimal open, BigDecimal high,
                      BigDecimal low, BigDecimal close, BigDecimal volume, long ticks) {

        static CandleView of(Candle c) {
            return new CandleView(c.instrument(), Durations.format(c.interval()), c.windowStart(), c.windowEnd(), c.open(), c.high(),
                    c.low(), c.close(), c.volume(), c.ticks());
        }
    }

    private final QueryRouter router;

    CandleRoutes(QueryRouter router) {
        this.router = router;
    }

    void register(RoutesConfig routes) {
        routes.get("/api/candles/{exchange}/{symbol}", this::candles);
    }

    private void candles(Context ctx) {
        Params params = new Params(ctx);
        String interval = params.choice("interval", INTERVALS, "1m");
        Params.TimeRange range = params.range(STORES.get(interval).retention());
        int limit = params.limit(DEFAULT_LIMIT, MAX_LIMIT);
        String instrument = CryptoTick.instrumentKey(ctx.pathParam("exchange"), ctx.pathParam("symbol"));
        List<CandleView> candles = router.byKey(QUERIES.get(interval), instrument, Windows.params(range, limit));
        if (candles.isEmpty()) {
            List<String> known = PriceRoutes.instruments(router);
            if (!known.contains(instrument)) {
                throw ApiError.notFound("no instrument " + instrument + "; rigwatch has seen " + known.size(), known);
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("instrument", instrument);
        body.put("interval", interval);
        body.put("limit", limit);
        body.put("candles", candles);
        ctx.json(body);
    }

    private static LocalQuery<CandleView> query(String interval) {
        ViewStore<Candle> store = STORES.get(interval);
        return new LocalQuery<>("candles-" + interval, store, CandleView.class,
                (stores, params) -> Windows.newest(stores.history(store), params.get(QueryRouter.KEY), params, CandleView::of));
    }
}
