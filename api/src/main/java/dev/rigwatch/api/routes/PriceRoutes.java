package dev.rigwatch.api.routes;

import dev.rigwatch.api.query.LocalQuery;
import dev.rigwatch.api.query.QueryRouter;
import dev.rigwatch.api.view.ViewStores;
import dev.rigwatch.events.ConsolidatedPrice;
import dev.rigwatch.events.CryptoTick;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** {@code GET /api/prices}: every instrument's latest tick and every symbol's cross-exchange price, from all instances. */
final class PriceRoutes {

    record InstrumentPrice(String instrument, String exchange, String symbol, BigDecimal price, BigDecimal bid,
                           BigDecimal ask, Instant time) {
        static InstrumentPrice of(CryptoTick t) {
            return new InstrumentPrice(t.key(), t.exchange(), t.symbol(), t.price(), t.bid(), t.ask(), t.eventTime());
        }
    }

    record SymbolPrice(String symbol, BigDecimal median, BigDecimal low, BigDecimal high, double spreadPct, Instant at,
                       Map<String, BigDecimal> latest) {
        static SymbolPrice of(ConsolidatedPrice p) {
            return new SymbolPrice(p.symbol(), p.median(), p.low(), p.high(), p.spreadPct(), p.at(), p.latest());
        }
    }

    static final LocalQuery<InstrumentPrice> INSTRUMENTS = new LocalQuery<>("latest-ticks", ViewStores.LATEST_TICKS,
            InstrumentPrice.class, (stores, params) -> values(stores.latest(ViewStores.LATEST_TICKS)).stream()
            .map(InstrumentPrice::of).toList());

    static final LocalQuery<SymbolPrice> SYMBOLS = new LocalQuery<>("prices", ViewStores.PRICES, SymbolPrice.class,
            (stores, params) -> values(stores.latest(ViewStores.PRICES)).stream().map(SymbolPrice::of).toList());

    private final QueryRouter router;

    PriceRoutes(QueryRouter router) {
        this.router = router;
    }

    void register(RoutesConfig routes) {
        routes.get("/api/prices", this::prices);
    }

    private void prices(Context ctx) {
        List<InstrumentPrice> instruments = new ArrayList<>(router.everywhere(INSTRUMENTS, Map.of()));
        instruments.sort(Comparator.comparing(InstrumentPrice::instrument));
        List<SymbolPrice> symbols = new ArrayList<>(router.everywhere(SYMBOLS, Map.of()));
        symbols.sort(Comparator.comparing(SymbolPrice::symbol));
        ctx.json(Map.of("instruments", instruments, "symbols", symbols));
    }

    /** Every instrument rigwatch has a tick of, sorted: what a 404 lists. */
    static List<String> instruments(QueryRouter router) {
        return router.everywhere(INSTRUMENTS, Map.of()).stream().map(InstrumentPrice::instrument).sorted().toList();
    }

    static <V> List<V> values(ReadOnlyKeyValueStore<String, V> store) {
        List<V> values = new ArrayList<>();
        try (KeyValueIterator<String, V> it = store.all()) {
            it.forEachRemaining(kv -> values.add(kv.value));
        }
        return values;
    }
}
