package dev.rigwatch.api.view;

import dev.rigwatch.events.Alert;
import dev.rigwatch.events.Candle;
import dev.rigwatch.events.ConsolidatedPrice;
import dev.rigwatch.events.CryptoTick;
import dev.rigwatch.events.GpuMarketStats;
import dev.rigwatch.events.MinerCapitulation;
import dev.rigwatch.events.ReboundSignal;
import dev.rigwatch.events.SupplyTightness;
import dev.rigwatch.events.Topics;
import java.time.Duration;
import java.util.List;

/**
 * The stores the dashboard answers from, one per aggregate topic, keyed as the topic is (so the instance that owns a
 * topic's partition owns the key's rows in every store). Retention is what the API can serve: a range beyond it is
 * refused, not answered short.
 */
public final class ViewStores {

    public static final ViewStore<CryptoTick> LATEST_TICKS = ViewStore.latest("view-latest-ticks",
            Topics.CRYPTO_TICKS, CryptoTick::eventTime);
    public static final ViewStore<ConsolidatedPrice> PRICES = ViewStore.latest("view-prices",
            Topics.CRYPTO_PRICES, ConsolidatedPrice::at);
    public static final ViewStore<Candle> CANDLES_1M = ViewStore.history("view-candles-1m",
            Topics.CRYPTO_CANDLES_1M, Candle::windowStart, Duration.ofDays(7));
    public static final ViewStore<Candle> CANDLES_1H = ViewStore.history("view-candles-1h",
            Topics.CRYPTO_CANDLES_1H, Candle::windowStart, Duration.ofDays(400));
    public static final ViewStore<Candle> CANDLES_1D = ViewStore.history("view-candles-1d",
            Topics.CRYPTO_CANDLES_1D, Candle::windowStart, Duration.ofDays(3660));
    public static final ViewStore<GpuMarketStats> GPU_STATS_1H = ViewStore.history("view-gpu-stats-1h",
            Topics.GPU_STATS_1H, GpuMarketStats::windowStart, Duration.ofDays(400));
    public static final ViewStore<GpuMarketStats> GPU_STATS_1D = ViewStore.history("view-gpu-stats-1d",
            Topics.GPU_STATS_1D, GpuMarketStats::windowStart, Duration.ofDays(3660));
    /** The newest hourly row per model and family: the GPU table's rows, without scanning the history. */
    public static final ViewStore<GpuMarketStats> GPU_LATEST = ViewStore.latest("view-gpu-latest",
            Topics.GPU_STATS_1H, GpuMarketStats::windowStart);
    public static final ViewStore<SupplyTightness> TIGHTNESS_LATEST = ViewStore.latest("view-tightness-latest",
            Topics.SIGNALS_TIGHTNESS, SupplyTightness::windowStart);
    public static final ViewStore<SupplyTightness> TIGHTNESS = ViewStore.history("view-tightness",
            Topics.SIGNALS_TIGHTNESS, SupplyTightness::windowStart, Duration.ofDays(400));
    public static final ViewStore<ReboundSignal> REBOUNDS = ViewStore.history("view-rebounds",
            Topics.SIGNALS_REBOUND, ReboundSignal::confirmedAt, Duration.ofDays(3660));
    public static final ViewStore<MinerCapitulation> CAPITULATIONS = ViewStore.history("view-capitulations",
            Topics.SIGNALS_CAPITULATION, MinerCapitulation::dayEnd, Duration.ofDays(3660));
    public static final ViewStore<Alert> ALERTS = ViewStore.history("view-alerts",
            Topics.ALERTS, Alert::eventTime, Duration.ofDays(90)).keepingDuplicates();

    private static final List<ViewStore<?>> ALL = List.of(LATEST_TICKS, PRICES, CANDLES_1M, CANDLES_1H, CANDLES_1D,
            GPU_STATS_1H, GPU_STATS_1D, GPU_LATEST, TIGHTNESS_LATEST, TIGHTNESS, REBOUNDS, CAPITULATIONS, ALERTS);

    private ViewStores() {
    }

    public static List<ViewStore<?>> all() {
        return ALL;
    }
}
