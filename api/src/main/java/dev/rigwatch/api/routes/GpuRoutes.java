package dev.rigwatch.api.routes;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.rigwatch.api.http.ApiError;
import dev.rigwatch.api.http.Params;
import dev.rigwatch.api.query.LocalQuery;
import dev.rigwatch.api.query.QueryRouter;
import dev.rigwatch.api.view.ViewStore;
import dev.rigwatch.api.view.ViewStores;
import dev.rigwatch.events.GpuMarketStats;
import dev.rigwatch.events.SupplyTightness;
import dev.rigwatch.events.gpu.GpuCatalogue;
import dev.rigwatch.events.gpu.GpuModel;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/** The used-GPU market: the model table, one model's statistics over time, and the tightness index over time. */
final class GpuRoutes {

    static final Map<String, ViewStore<GpuMarketStats>> STATS = Map.of("1h", ViewStores.GPU_STATS_1H, "1d", ViewStores.GPU_STATS_1D);
    static final List<String> WINDOWS = List.of("1h", "1d");
    static final int DEFAULT_LIMIT = 500;
    static final int MAX_LIMIT = 5000;
    private static final String MODEL_PREFIX = GpuMarketStats.MODEL + ":";
    private static final GpuCatalogue CATALOGUE = GpuCatalogue.load();

    /** One model's newest hourly row, with how its median ask moved since the row before. */
    record ModelRow(String model, String family, Instant windowStart, Instant windowEnd, Double medianAsk,
                    long openSupply, @JsonProperty("new") long newListings, long gone, Double changePct,
                    Double tightness, Instant tightnessAt) {
        ModelRow withTightness(TightnessPoint t) {
            return t == null ? this : new ModelRow(model, family, windowStart, windowEnd, medianAsk, openSupply,
                    newListings, gone, changePct, t.index(), t.windowEnd());
        }
    }

    record StatsRow(Instant windowStart, Instant windowEnd, Double medianAsk, long openSupply,
                    @JsonProperty("new") long newListings, long gone, long priceChanges, Double medianDaysOnMarket,
                    Double medianPriceToMsrp) {
        static StatsRow of(GpuMarketStats s) {
            return new StatsRow(s.windowStart(), s.windowEnd(), s.medianPriceUsd(), s.activeSupply(), s.newListings(),
                    s.goneListings(), s.priceChanges(), s.medianDaysOnMarket(), s.medianPriceToMsrp());
        }
    }

    record TightnessPoint(String key, Instant windowStart, Instant windowEnd, double index) {
        static TightnessPoint of(SupplyTightness t) {
            return new TightnessPoint(t.key(), t.windowStart(), t.windowEnd(), t.index());
        }
    }

    static final LocalQuery<ModelRow> MODELS = new LocalQuery<>("gpu-models", ViewStores.GPU_LATEST, ModelRow.class,
            (stores, params) -> {
                ReadOnlyWindowStore<String, GpuMarketStats> history = stores.history(ViewStores.GPU_STATS_1H);
                return PriceRoutes.values(stores.latest(ViewStores.GPU_LATEST)).stream()
                        .filter(s -> s.scope().equals(GpuMarketStats.MODEL))
                        .map(s -> row(s, previous(history, s))).toList();
            });

    static final LocalQuery<TightnessPoint> LATEST_TIGHTNESS = new LocalQuery<>("tightness-latest",
            ViewStores.TIGHTNESS_LATEST, TightnessPoint.class, (stores, params) ->
            PriceRoutes.values(stores.latest(ViewStores.TIGHTNESS_LATEST)).stream().map(TightnessPoint::of).toList());

    static final LocalQuery<TightnessPoint> TIGHTNESS = new LocalQuery<>("tightness", ViewStores.TIGHTNESS,
            TightnessPoint.class, (stores, params) -> Windows.newest(stores.history(ViewStores.TIGHTNESS),
            params.get(QueryRouter.KEY), params, TightnessPoint::of));

    static final Map<String, LocalQuery<StatsRow>> STATS_QUERIES = Map.of("1h", stats("1h"), "1d", stats("1d"));

    private final QueryRouter router;

    GpuRoutes(QueryRouter router) {
        this.router = router;
    }

    void register(RoutesConfig routes) {
        routes.get("/api/gpu/models", this::models);
        routes.get("/api/gpu/models/{model}/stats", this::stats);
        routes.get("/api/gpu/tightness", this::tightness);
    }

    private void models(Context ctx) {
        ctx.json(Map.of("models", rows()));
    }

    private List<ModelRow> rows() {
        Map<String, TightnessPoint> tightness = router.everywhere(LATEST_TIGHTNESS, Map.of()).stream()
                .collect(Collectors.toMap(TightnessPoint::key, Function.identity(), (a, b) -> a));
        List<ModelRow> rows = new ArrayList<>();
        for (ModelRow row : router.everywhere(MODELS, Map.of())) {
            rows.add(row.withTightness(tightness.get(MODEL_PREFIX + row.model())));
        }
        rows.sort(Comparator.comparing(ModelRow::model));
        return rows;
    }

    private void stats(Context ctx) {
        Params params = new Params(ctx);
        String window = params.choice("window", WINDOWS, "1h");
        Params.TimeRange range = params.range(STATS.get(window).retention());
        int limit = params.limit(DEFAULT_LIMIT, MAX_LIMIT);
        String model = ctx.pathParam("model");
        List<StatsRow> stats = router.byKey(STATS_QUERIES.get(window), MODEL_PREFIX + model, Windows.params(range, limit));
        if (stats.isEmpty()) {
            knownModel(model);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model", model);
        body.put("window", window);
        body.put("limit", limit);
        body.put("stats", stats);
        ctx.json(body);
    }

    private void tightness(Context ctx) {
        Params params = new Params(ctx);
        Params.TimeRange range = params.range(ViewStores.TIGHTNESS.retention());
        int limit = params.limit(DEFAULT_LIMIT, MAX_LIMIT);
        String model = params.text("model");
        String key = model == null ? SupplyTightness.MARKET + ":" + SupplyTightness.ALL_MODELS : MODEL_PREFIX + model;
        List<TightnessPoint> series = router.byKey(TIGHTNESS, key, Windows.params(range, limit));
        if (series.isEmpty() && model != null) {
            knownModel(model);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("scope", model == null ? SupplyTightness.MARKET : SupplyTightness.MODEL);
        body.put("subject", model == null ? SupplyTightness.ALL_MODELS : model);
        body.put("limit", limit);
        body.put("series", series.stream().map(p -> Map.of("windowStart", p.windowStart(), "windowEnd", p.windowEnd(),
                "index", p.index())).toList());
        ctx.json(body);
    }

    /** A model with no rows in range is fine if rigwatch knows it; otherwise 404 with the models it has. */
    private void knownModel(String model) {
        List<String> known = new ArrayList<>(rows().stream().map(ModelRow::model).toList());
        if (!known.contains(model)) {
            throw ApiError.notFound("no GPU model '" + model + "' in the statistics; known: " + known.size(), known);
        }
    }

    private static LocalQuery<StatsRow> stats(String window) {
        ViewStore<GpuMarketStats> store = STATS.get(window);
        return new LocalQuery<>("gpu-stats-" + window, store, StatsRow.class,
                (stores, params) -> Windows.newest(stores.history(store), params.get(QueryRouter.KEY), params, StatsRow::of));
    }

    private static GpuMarketStats previous(ReadOnlyWindowStore<String, GpuMarketStats> history, GpuMarketStats latest) {
        long before = latest.windowStart().toEpochMilli() - 1;
        try (WindowStoreIterator<GpuMarketStats> it = history.backwardFetch(latest.key(), Instant.EPOCH, Instant.ofEpochMilli(before))) {
            return it.hasNext() ? it.next().value : null;
        }
    }

    private static ModelRow row(GpuMarketStats s, GpuMarketStats previous) {
        Double change = previous == null || previous.medianPriceUsd() == null || s.medianPriceUsd() == null
                || previous.medianPriceUsd() == 0 ? null
                : 100.0 * (s.medianPriceUsd() - previous.medianPriceUsd()) / previous.medianPriceUsd();
        String family = CATALOGUE.find(s.subject()).map(GpuModel::family).orElse(null);
        return new ModelRow(s.subject(), family, s.windowStart(), s.windowEnd(), s.medianPriceUsd(), s.activeSupply(),
                s.newListings(), s.goneListings(), change, null, null);
    }
}
