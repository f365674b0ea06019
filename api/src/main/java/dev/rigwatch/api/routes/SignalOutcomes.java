package dev.rigwatch.api.routes;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.rigwatch.api.query.LocalQuery;
import dev.rigwatch.api.query.QueryRouter;
import dev.rigwatch.api.view.ViewStore;
import dev.rigwatch.events.Candle;
import dev.rigwatch.events.Durations;
import dev.rigwatch.events.GpuMarketStats;
import dev.rigwatch.events.Json;
import dev.rigwatch.events.ReboundSignal;
import dev.rigwatch.events.outcome.ForwardOutcome;
import dev.rigwatch.events.outcome.ForwardOutcomes;
import dev.rigwatch.events.outcome.PricePoint;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * What followed each rebound of an answer: {@link ForwardOutcomes} on the closes of the very series the rebound fired
 * on, read from the instance that owns the subject's key, from the confirming close to the longest horizon after it.
 * A series no view store holds is reported {@code unmeasured}, never measured on a stand-in.
 */
final class SignalOutcomes {

    private static final ForwardOutcomes FORWARD = ForwardOutcomes.standard();
    /** The entry close and the closes up to the longest horizon: all a measure needs, so all that is read. */
    private static final int CLOSES_READ = Collections.max(FORWARD.horizons()) + 1;
    /** The window length of the series' rows, in ms: a store's rows of another length are not the signal's closes. */
    private static final String WINDOW = "window";

    /** The crypto rule runs on the candles' closes; by interval label, as {@link CandleRoutes#STORES}. */
    private static final Map<String, LocalQuery<PricePoint>> CANDLE_CLOSES = byLabel(CandleRoutes.STORES,
            store -> closes(store, Candle::windowStart, Candle::windowEnd, Candle::close));
    /**
     * The GPU rule runs on the rows' median ask, turned into a close exactly as {@code Rebound.addToGpu} does; a row
     * without one is no close. By window label, as {@link GpuRoutes#STATS}.
     */
    private static final Map<String, LocalQuery<PricePoint>> GPU_CLOSES = byLabel(GpuRoutes.STATS,
            store -> closes(store, GpuMarketStats::windowStart, GpuMarketStats::windowEnd,
                    s -> s.medianPriceUsd() == null ? null : BigDecimal.valueOf(s.medianPriceUsd())));

    /** Every query this class asks, for the peers' {@code /internal/query/<name>}. */
    static final List<LocalQuery<PricePoint>> QUERIES = Stream.concat(CANDLE_CLOSES.values().stream(),
            GPU_CLOSES.values().stream()).toList();

    private final QueryRouter router;

    SignalOutcomes(QueryRouter router) {
        this.router = router;
    }

    /** The signals, each rebound with its {@code outcome}; other signals as they are. */
    List<SignalRoutes.SignalView> attach(List<SignalRoutes.SignalView> signals) {
        return signals.stream().map(s -> s.type().equals("rebound") ? s.withOutcome(of(rebound(s))) : s).toList();
    }

    OutcomeView of(ReboundSignal signal) {
        String interval = Durations.format(signal.interval());
        LocalQuery<PricePoint> query = seriesOf(signal, interval);
        if (query == null) {
            return OutcomeView.unmeasured(signal.subjectType().equals(ReboundSignal.CRYPTO)
                    ? "the view keeps 1m, 1h and 1d candles, not " + interval + " ones"
                    : "the GPU series at " + interval + " (monthly sold prices) is in no view store");
        }
        Map<String, String> params = Map.of(Windows.FROM, Long.toString(signal.confirmedWindowStart().toEpochMilli()),
                Windows.LIMIT, Integer.toString(CLOSES_READ), WINDOW, Long.toString(signal.interval().toMillis()));
        List<PricePoint> closes = router.byKey(query, signal.subject(), params);
        Optional<ForwardOutcome> outcome = FORWARD.measure(signal.confirmedAt(), Optional.of(signal.trough()), closes);
        ViewStore<?> store = query.store();
        return outcome.map(o -> OutcomeView.of(store.name(), o, FORWARD.horizons()))
                .orElseGet(() -> OutcomeView.unmeasured("no " + interval + " close of " + signal.subject() + " at or before "
                        + signal.confirmedAt() + " in " + store.name() + " (kept " + Durations.format(store.retention()) + ")"));
    }

    /** The query of the series the rebound fired on, or {@code null} when no view store holds it. */
    private static LocalQuery<PricePoint> seriesOf(ReboundSignal signal, String interval) {
        if (signal.subjectType().equals(ReboundSignal.CRYPTO)) {
            return CANDLE_CLOSES.get(interval);
        }
        Duration day = Duration.ofDays(1);
        if (signal.interval().equals(day)) {
            return GPU_CLOSES.get("1d");
        }
        // the short GPU window is written to gpu.stats.1h whatever its length (2 minutes in the demo)
        return signal.interval().compareTo(day) < 0 ? GPU_CLOSES.get("1h") : null;
    }

    private static ReboundSignal rebound(SignalRoutes.SignalView view) {
        try {
            return Json.mapper().treeToValue(view.signal(), ReboundSignal.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the rebound store holds a record that is no ReboundSignal: " + view.key(), e);
        }
    }

    private static <V> LocalQuery<PricePoint> closes(ViewStore<V> store, Function<V, Instant> start,
                                                     Function<V, Instant> end, Function<V, BigDecimal> close) {
        return new LocalQuery<>("outcome-closes-" + store.name(), store, PricePoint.class, (stores, params) -> {
            long window = Long.parseLong(params.get(WINDOW));
            // a close is stamped with its window's end, as the rule and the backtest stamp it
            return Windows.firstFrom(stores.history(store), params.get(QueryRouter.KEY),
                    Instant.ofEpochMilli(Windows.from(params)), Integer.parseInt(params.get(Windows.LIMIT)), row -> {
                        BigDecimal price = close.apply(row);
                        boolean ofSeries = Duration.between(start.apply(row), end.apply(row)).toMillis() == window;
                        return price == null || !ofSeries ? null : new PricePoint(end.apply(row), price);
                    });
        });
    }

    private static <V> Map<String, LocalQuery<PricePoint>> byLabel(Map<String, ViewStore<V>> stores,
                                                                   Function<ViewStore<V>, LocalQuery<PricePoint>> query) {
        Map<String, LocalQuery<PricePoint>> queries = new HashMap<>();
        stores.forEach((label, store) -> queries.put(label, query.apply(store)));
        return Map.copyOf(queries);
    }
}
