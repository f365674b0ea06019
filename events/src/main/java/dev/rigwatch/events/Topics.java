package dev.rigwatch.events;

import dev.rigwatch.events.alert.Subscription;
import dev.rigwatch.events.alert.WebhookFailure;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** The topic catalogue: every topic rigwatch reads or writes, declared once. */
public final class Topics {

    private static final int PARTITIONS = 3;
    private static final short REPLICATION = 3;
    private static final Serde<String> STRING = Serdes.String();

    /** Raw exchange ticker observations: the crypto history that replay and backtest read. */
    public static final Topic<String, CryptoTick> CRYPTO_TICKS = raw("crypto.ticks", CryptoTick.class,
            "Raw spot ticker observations, key exchange:SYMBOL, timestamp = exchange time");

    /**
     * Candles as the exchanges publish them (any interval, with volume): loaded by {@code rigwatch backfill} and
     * by gap repair. Raw history like the ticks, so kept forever; never mixed with the candles rigwatch computes.
     */
    public static final Topic<String, Candle> CRYPTO_OHLC = raw("crypto.ohlc", Candle.class,
            "Exchange-published OHLCV candles (backfill, gap repair), key exchange:SYMBOL, timestamp = window end");

    public static final Topic<String, Candle> CRYPTO_CANDLES_1M = derived("crypto.candles.1m", Candle.class,
            Duration.ofDays(90), "Closed 1-minute OHLC candles per instrument, key exchange:SYMBOL, timestamp = window end");

    public static final Topic<String, Candle> CRYPTO_CANDLES_1H = derived("crypto.candles.1h", Candle.class,
            Duration.ofDays(730), "Closed 1-hour OHLCV candles per instrument (from the 1-minute ones), key exchange:SYMBOL, timestamp = window end");

    public static final Topic<String, Candle> CRYPTO_CANDLES_1D = derived("crypto.candles.1d", Candle.class,
            null, "Closed 1-day OHLCV candles per instrument (UTC days), key exchange:SYMBOL, timestamp = window end");

    public static final Topic<String, Candle> CRYPTO_CANDLES_LIVE = derived("crypto.candles.live", Candle.class,
            Duration.ofDays(2), "Updates of the open candles (interval in the value): the 1m one as of each commit interval, the 1h and 1d ones as of each commit after a closed minute; key exchange:SYMBOL, timestamp = the update's tick time");

    public static final Topic<String, ConsolidatedPrice> CRYPTO_PRICES = derived("crypto.prices", ConsolidatedPrice.class,
            Duration.ofDays(90), "Cross-exchange price per symbol (median of the exchanges' latest, with the spread), key SYMBOL");

    public static final Topic<String, ReboundSignal> SIGNALS_REBOUND = derived("signals.rebound", ReboundSignal.class,
            Duration.ofDays(365), "Rebound signals (recovery after a drawdown), key exchange:SYMBOL");

    public static final Topic<String, SupplyTightness> SIGNALS_TIGHTNESS = derived("signals.tightness",
            SupplyTightness.class, Duration.ofDays(365),
            "Hourly used-GPU supply tightness index 0-100 with its components, key model:<m> or market:all, timestamp = hour end");

    public static final Topic<String, MinerCapitulation> SIGNALS_CAPITULATION = derived("signals.capitulation",
            MinerCapitulation.class, Duration.ofDays(365),
            "A GPU model's daily ETH mining profit turned negative, with the numbers, key model:<m>, timestamp = day end");

    public static final Topic<String, Alert> ALERTS = derived("alerts", Alert.class,
            Duration.ofDays(90), "Alerts for traders, key subscriber id, timestamp = triggering event time");

    /** Standing alert rules, one per {@code subscriber/id}; a tombstone unsubscribes. */
    public static final Topic<String, Subscription> ALERTS_SUBSCRIPTIONS = new Topic<>(
            "alerts.subscriptions", STRING, new JsonSerde<>(Subscription.class), PARTITIONS,
            REPLICATION, TopicConfig.CLEANUP_POLICY_COMPACT, null,
            "Alert subscriptions (compacted; a tombstone unsubscribes), key subscriber/id; holds webhook secrets: protect with ACLs");

    public static final Topic<String, WebhookFailure> ALERTS_WEBHOOK_DEAD_LETTER = derived(
            "alerts.webhook-dead-letter", WebhookFailure.class, Duration.ofDays(30),
            "Alerts whose webhook delivery gave up, with the last error, key subscriber");

    public static final Topic<String, IngestReject> INGEST_REJECTS = derived("ingest.rejects", IngestReject.class,
            Duration.ofDays(30), "Source responses that could not become events (HTTP errors, bad bodies), key source");

    public static final Topic<String, SourceGap> INGEST_GAPS = derived("ingest.gaps", SourceGap.class,
            Duration.ofDays(365), "Stretches without good ticks per exchange and symbol (OPEN, then CLOSED with the repair), key exchange:SYMBOL");

    /**
     * Used-GPU listings as polls saw them, and after each poll what it covered (see {@link ListingRecord}): the
     * listing history that replay and backtest read, so kept forever.
     */
    public static final Topic<String, ListingRecord> GPU_LISTINGS = raw("gpu.listings", ListingRecord.class,
            "Used-GPU listing observations (key source:listing-id) and poll coverage (key source:query, one copy per partition), timestamp = observation / poll start");

    public static final Topic<String, ListingState> GPU_LISTING_STATE = new Topic<>("gpu.listing-state", STRING,
            new JsonSerde<>(ListingState.class), PARTITIONS, REPLICATION, TopicConfig.CLEANUP_POLICY_COMPACT, null,
            "Active listings (compacted; a tombstone when a listing is gone), key source:listing-id");

    public static final Topic<String, ListingLifecycle> GPU_LISTING_LIFECYCLE = derived("gpu.listing-lifecycle",
            ListingLifecycle.class, Duration.ofDays(365),
            "Listing lifecycle changes NEW / PRICE_CHANGED / GONE / EXPIRED, key source:listing-id, timestamp = change time");

    public static final Topic<String, GpuMarketStats> GPU_STATS_1H = derived("gpu.stats.1h", GpuMarketStats.class,
            Duration.ofDays(730), "Hourly used-GPU market per model and family (supply, new, gone, price quantiles, days on market, price/MSRP), key model:<m> or family:<f>");

    public static final Topic<String, GpuSoldPrice> GPU_SOLD_PRICES = raw("gpu.sold-prices", GpuSoldPrice.class,
            "Imported used-GPU sold prices per model and period (average price, quantity sold), key model:<m>, timestamp = period end");

    public static final Topic<String, GpuMarketStats> GPU_STATS_1D = derived("gpu.stats.1d", GpuMarketStats.class,
            null, "Daily used-GPU market per model and family, key model:<m> or family:<f>");

    /**
     * Records a Kafka Streams stage could not deserialize or process: the raw key and value bytes, with the
     * source topic, partition, offset and the exception in headers (Kafka Streams' own dead-letter format).
     */
    public static final Topic<byte[], byte[]> STREAMS_DEAD_LETTER = new Topic<>("streams.dead-letter",
            Serdes.ByteArray(), Serdes.ByteArray(), PARTITIONS, REPLICATION, TopicConfig.CLEANUP_POLICY_DELETE,
            Duration.ofDays(30), "Poison records a streams stage skipped: raw bytes, source coordinates and cause in headers");

    private static final List<Topic<?, ?>> ALL = List.of(
            CRYPTO_TICKS, CRYPTO_OHLC, CRYPTO_CANDLES_1M, CRYPTO_CANDLES_1H, CRYPTO_CANDLES_1D, CRYPTO_CANDLES_LIVE,
            CRYPTO_PRICES, SIGNALS_REBOUND, SIGNALS_TIGHTNESS, SIGNALS_CAPITULATION, GPU_LISTINGS, GPU_LISTING_STATE,
            GPU_LISTING_LIFECYCLE, GPU_SOLD_PRICES, GPU_STATS_1H, GPU_STATS_1D, ALERTS, ALERTS_SUBSCRIPTIONS,
            ALERTS_WEBHOOK_DEAD_LETTER, INGEST_REJECTS, INGEST_GAPS, STREAMS_DEAD_LETTER);

    private Topics() {
    }

    public static List<Topic<?, ?>> all() {
        return ALL;
    }

    public static Optional<Topic<?, ?>> byName(String name) {
        return ALL.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    private static <V> Topic<String, V> raw(String name, Class<V> type, String description) {
        return new Topic<>(name, STRING, new JsonSerde<>(type), PARTITIONS, REPLICATION,
                TopicConfig.CLEANUP_POLICY_DELETE, null, description);
    }

    private static <V> Topic<String, V> derived(String name, Class<V> type, Duration retention, String description) {
        return new Topic<>(name, STRING, new JsonSerde<>(type), PARTITIONS, REPLICATION,
                TopicConfig.CLEANUP_POLICY_DELETE, retention, description);
    }
}
