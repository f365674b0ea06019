package dev.rigwatch.streams.signal.rebound;

import dev.rigwatch.events.Candle;
import dev.rigwatch.events.GpuMarketStats;
import dev.rigwatch.events.GpuSoldPrice;
import dev.rigwatch.events.JsonSerde;
import dev.rigwatch.events.ReboundSignal;
import dev.rigwatch.events.Topic;
import dev.rigwatch.events.TopicNamespace;
import dev.rigwatch.events.Topics;
import dev.rigwatch.streams.candles.Candles;
import dev.rigwatch.streams.signal.SignalCounter;
import dev.rigwatch.streams.signal.rebound.ReboundState.Close;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Rebound signals ({@link ReboundRule}) to {@link Topics#SIGNALS_REBOUND}, one series per subject and interval: crypto
 * instruments on their candles' closes, GPU models on their hourly and daily median asking prices and on their
 * imported monthly sold prices. Each series has its own store and processor names ({@code rebound-crypto-1m-state},
 * {@code rebound-gpu-1h-detector}), so several run side by side.
 *
 * <p>The inputs must arrive keyed by subject and partitioned on that key, which holds for the candles
 * {@code Candles.addTo} returns, the candle topics, the GPU stats topics and the sold prices, so no repartition is
 * needed.
 */
public final class Rebound {

    private static final long MINUTES_PER_DAY = 24 * 60;
    private static final Map<Duration, Topic<String, Candle>> CLOSED_CANDLES = Map.of(
            Duration.ofHours(1), Topics.CRYPTO_CANDLES_1H, Duration.ofDays(1), Topics.CRYPTO_CANDLES_1D);

    private Rebound() {
    }

    /**
     * Adds the rule on each crypto interval of {@code settings}: on {@code oneMinute} (the closed candles
     * {@code Candles.addTo} returns) for 1 minute, on the closed-candle topics the roll-ups write for 1 hour and 1 day;
     * all topics as {@code ns} names them.
     */
    public static void addTo(StreamsBuilder builder, TopicNamespace ns, KStream<String, Candle> oneMinute,
                             ReboundSettings settings, SignalCounter counter) {
        settings.crypto().forEach((interval, config) -> {
            KStream<String, Candle> candles =
                    interval.equals(Candles.INTERVAL) ? oneMinute : closedCandles(builder, ns, interval);
            addTo(candles, ns, interval, config, counter);
        });
    }

    /**
     * Adds the rule after {@code candles}, all of {@code interval}, and returns the stream of signals it writes to the
     * signals topic of {@code ns}.
     */
    public static KStream<String, ReboundSignal> addTo(KStream<String, Candle> candles, TopicNamespace ns,
                                                       Duration interval, ReboundConfig config, SignalCounter counter) {
        return addSeries(candles, ns, ReboundSignal.CRYPTO, "crypto-" + label(interval), new Cadence.Fixed(interval),
                config, counter, Rebound::close);
    }

    /** A candle as the rule sees it: its window and its close. */
    static Close close(Candle candle) {
        return new Close(candle.windowStart(), candle.windowEnd(), candle.close());
    }

    /**
     * Adds the rule on the hourly median asking price of each GPU model ({@link Topics#GPU_STATS_1H}, key
     * {@code model:<model>}); family keys only when {@code includeFamilies}. An hour without an open listing has no
     * median and is no close. Returns the stream of signals it writes.
     *
     * @param interval the rows' window: 1 hour, unless the GPU statistics run shorter windows (the demo)
     */
    public static KStream<String, ReboundSignal> addToGpu(KStream<String, GpuMarketStats> hourly, TopicNamespace ns,
                                                          Duration interval, ReboundConfig config,
                                                          boolean includeFamilies, SignalCounter counter) {
        String series = "gpu-" + label(interval);
        KStream<String, GpuMarketStats> watched = hourly.filter(
                (key, stats) -> includeFamilies || stats.scope().equals(GpuMarketStats.MODEL),
                Named.as("rebound-" + series + (includeFamilies ? "-models-and-families" : "-models")));
        return addSeries(watched, ns, ReboundSignal.GPU, series, new Cadence.Fixed(interval), config, counter,
                stats -> stats.medianPriceUsd() == null ? null : new Close(stats.windowStart(), stats.windowEnd(),
                        BigDecimal.valueOf(stats.medianPriceUsd())));
    }

    /**
     * Adds the rule on the imported monthly sold prices of each GPU model ({@link Topics#GPU_SOLD_PRICES} of
     * {@code ns}, key {@code model:<model>}): the closes are the months' average sold prices, in period order. A month
     * with fewer than {@code settings.minQuantity()} cards sold is no close (a thin market's average is a buyer or two,
     * not a price), so, like a missing month, it is a gap the lookback still counts.
     *
     * <p>Periods must be UTC calendar months, and the rule counts its windows in them: N 3 is three months, lookback 24
     * two years. The signals report the interval {@code P30D} (a Duration cannot say "one month"; the confirming
     * window states the month) and the series is named {@code gpu-sold-1mo}. A period that is not a calendar month
     * fails its record, which goes to the dead-letter topic. Does nothing when the series is disabled.
     */
    public static void addToGpuSold(StreamsBuilder builder, TopicNamespace ns, GpuSoldRebound settings,
                                    SignalCounter counter) {
        if (!settings.enabled()) {
            return;
        }
        Topic<String, GpuSoldPrice> sold = ns.of(Topics.GPU_SOLD_PRICES);
        KStream<String, GpuSoldPrice> months = builder.stream(sold.name(),
                Consumed.with(sold.keySerde(), sold.valueSerde()).withName("rebound-gpu-sold-prices-source"));
        addSeries(months, ns, ReboundSignal.GPU, GpuSoldRebound.SERIES, new Cadence.CalendarMonths(), settings.config(),
                counter, month -> month.quantitySold() < settings.minQuantity() ? null
                        : new Close(month.periodStart(), month.periodEnd(), month.avgPriceUsd()));
    }

    private static <V> KStream<String, ReboundSignal> addSeries(KStream<String, V> values, TopicNamespace ns,
                                                                String subjectType, String series, Cadence cadence,
                                                                ReboundConfig config, SignalCounter counter,
                                                                Function<V, Close> toClose) {
        Topic<String, ReboundSignal> signals = ns.of(Topics.SIGNALS_REBOUND);
        ReboundRule rule = new ReboundRule(subjectType, config, cadence);
        String store = "rebound-" + series + "-state";
        // changelogged (the default): a task moved to another instance restores each series' recent closes
        StoreBuilder<KeyValueStore<String, ReboundState>> storeBuilder = Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(store), Serdes.String(), new JsonSerde<>(ReboundState.class));

        ProcessorSupplier<String, V, String, ReboundSignal> detector = new ProcessorSupplier<>() {
            @Override
            public Processor<String, V, String, ReboundSignal> get() {
                return new ReboundDetector<>(rule, series, toClose, store);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(storeBuilder);
            }
        };

        KStream<String, ReboundSignal> fired = values.process(detector, Named.as("rebound-" + series + "-detector"));
        counter.to(fired, signals, SignalCounter.REBOUND, "signals-rebound-" + series + "-sink");
        return fired;
    }

    private static KStream<String, Candle> closedCandles(StreamsBuilder builder, TopicNamespace ns, Duration interval) {
        Topic<String, Candle> topic = ns.of(CLOSED_CANDLES.get(interval));
        return builder.stream(topic.name(), Consumed.with(topic.keySerde(), topic.valueSerde())
                .withName("rebound-" + label(interval) + "-candles-source"));
    }

    /** {@code 1m}, {@code 1h}, {@code 1d}: an interval as the candle topics and the series names write it. */
    public static String label(Duration interval) {
        long minutes = interval.toMinutes();
        if (minutes < 1 || !interval.equals(Duration.ofMinutes(minutes))) {
            throw new IllegalArgumentException("rebound series need whole minutes, hours or days, got " + interval);
        }
        if (minutes % MINUTES_PER_DAY == 0) {
            return minutes / MINUTES_PER_DAY + "d";
        }
        return minutes % 60 == 0 ? minutes / 60 + "h" : minutes + "m";
    }
}
