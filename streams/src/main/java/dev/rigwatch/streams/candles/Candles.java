package dev.rigwatch.streams.candles;

import dev.rigwatch.events.Candle;
import dev.rigwatch.events.CryptoTick;
import dev.rigwatch.events.JsonSerde;
import dev.rigwatch.events.Topic;
import dev.rigwatch.events.Topics;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Suppressed;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Closed 1-minute OHLC candles per instrument, from {@link Topics#CRYPTO_TICKS} to {@link Topics#CRYPTO_CANDLES_1M}.
 *
 * <p>Windows are tumbling and aligned to the epoch minute, in event time (the tick's record timestamp), per key
 * {@code exchange:SYMBOL}, so exchanges are never mixed. A candle is emitted once, when stream time (the highest
 * tick timestamp seen by the task, across all instruments of its partition) reaches window end + grace; ticks
 * arriving after that are dropped and reported by {@link LateTickMonitor}.
 */
public final class Candles {

    public static final Duration INTERVAL = Duration.ofMinutes(1);

    private static final String STORE = "candles-1m-store";
    private static final String SUPPRESSION = "candles-1m-until-window-closes";

    private Candles() {
    }

    /** Adds the candle topology to {@code builder} and returns the stream of closed candles it writes. */
    public static KStream<String, Candle> addTo(StreamsBuilder builder, Duration grace) {
        Topic<String, CryptoTick> ticks = Topics.CRYPTO_TICKS;
        Topic<String, Candle> candles = Topics.CRYPTO_CANDLES_1M;

        KStream<String, Candle> closed = builder
                .stream(ticks.name(), Consumed.with(ticks.keySerde(), ticks.valueSerde()).withName("crypto-ticks-source"))
                .processValues(TickPricer::new, Named.as("candles-price-ticks"))
                .processValues(() -> new LateTickMonitor(INTERVAL, grace), Named.as("candles-late-tick-monitor"))
                // keys are unchanged since the source, so no repartition; the serdes are for the day one is needed
                .groupByKey(Grouped.with("candles-by-instrument", Serdes.String(), new JsonSerde<>(PricedTick.class)))
                .windowedBy(TimeWindows.ofSizeAndGrace(INTERVAL, grace))
                .aggregate(() -> Ohlc.EMPTY, (instrument, tick, ohlc) -> ohlc.add(tick), Named.as("candles-1m-aggregate"),
                        Materialized.<String, Ohlc, WindowStore<Bytes, byte[]>>as(STORE)
                                .withKeySerde(Serdes.String())
                                .withValueSerde(new JsonSerde<>(Ohlc.class))
                                // the suppression below already collapses updates; a cache would only delay the
                                // moment it sees stream time pass a window's close
                                .withCachingDisabled())
                // unbounded: the buffer holds one aggregate per instrument per open window, which is small
                .suppress(Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded()).withName(SUPPRESSION))
                .toStream(Named.as("candles-1m-closed"))
                .process(() -> new CandleEmitter(INTERVAL), Named.as("candles-1m-to-candle"));

        closed.to(candles.name(), Produced.with(candles.keySerde(), candles.valueSerde()).withName("crypto-candles-1m-sink"));
        return closed;
    }
}
