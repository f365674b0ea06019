package dev.rigwatch.streams.candles;

import dev.rigwatch.events.Candle;
import dev.rigwatch.events.CryptoTick;
import dev.rigwatch.events.JsonSerde;
import dev.rigwatch.events.TopicNamespace;
import dev.rigwatch.events.Topics;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.kstream.Windowed;

/**
 * 1-minute OHLC candles per instrument from the ticks: closed ones to {@link Topics#CRYPTO_CANDLES_1M}, the forming one
 * as of each commit interval to {@link Topics#CRYPTO_CANDLES_LIVE}.
 *
 * <p>Windows are tumbling and aligned to the epoch minute, in event time (the tick's record timestamp), per key
 * {@code exchange:SYMBOL}, so exchanges are never mixed. A candle is emitted once, when stream time (the highest
 * tick timestamp seen by the task, across all instruments of its partition) reaches window end + grace; ticks
 * arriving after that are dropped and reported by {@link LateTickMonitor}.
 */
public final class Candles {

    public static final Duration INTERVAL = Duration.ofMinutes(1);

    private static final String STORE = "candles-1m-store";

    private Candles() {
    }

    /**
     * Adds the 1-minute candles after {@code ticks} (from {@link ValidTicks#addTo}) and returns the stream of closed
     * candles it writes (to the topics of {@code ns}), keyed and partitioned like the ticks.
     */
    public static KStream<String, Candle> addTo(KStream<String, CryptoTick> ticks, TopicNamespace ns, Duration grace) {
        KTable<Windowed<String>, Ohlc> candles = ticks
                .processValues(TickPricer::new, Named.as("candles-price-ticks"))
                .processValues(() -> new LateTickMonitor(INTERVAL, grace), Named.as("candles-late-tick-monitor"))
                // keys are unchanged since the source, so no repartition; the serdes are for the day one is needed
                .groupByKey(Grouped.with("candles-by-instrument", Serdes.String(), new JsonSerde<>(PricedTick.class)))
                .windowedBy(TimeWindows.ofSizeAndGrace(INTERVAL, grace))
                .aggregate(() -> Ohlc.EMPTY, (instrument, tick, ohlc) -> ohlc.add(tick), Named.as("candles-1m-aggregate"),
                        Materialized.<String, Ohlc>as(CandleStores.inMemory(STORE, INTERVAL, grace))
                                .withKeySerde(Serdes.String())
                                .withValueSerde(new JsonSerde<>(Ohlc.class))
                                // cached: the ticks of a minute update its candle in memory, and only the latest
                                // reaches the store, its changelog, the live topic and the suppression, once per
                                // commit interval (or when the cache is full). Without it every tick cost three more
                                // records (changelog, live update, suppression buffer changelog), most of the stage's
                                // time. The price: a live update and a closed candle come up to a commit interval
                                // later, which exactly-once adds to what downstream sees anyway.
                                .withCachingEnabled());
        return CandleEmitter.liveAndClosed(candles, "1m", ns, Topics.CRYPTO_CANDLES_1M);
    }
}
