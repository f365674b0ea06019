package dev.rigwatch.streams.candles;

import dev.rigwatch.events.Candle;
import dev.rigwatch.events.JsonSerde;
import dev.rigwatch.events.Topic;
import dev.rigwatch.events.TopicNamespace;
import dev.rigwatch.events.Topics;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.kstream.Windowed;

/**
 * 1-hour and 1-day candles per instrument, rolled up from the closed 1-minute candles: closed ones to
 * {@link Topics#CRYPTO_CANDLES_1H} and {@link Topics#CRYPTO_CANDLES_1D}, every update of the forming ones to
 * {@link Topics#CRYPTO_CANDLES_LIVE}. Rolling up the minutes rather than re-reading the ticks leaves one decision
 * about late ticks, the 1-minute grace, and makes an hour agree with its sixty minutes.
 *
 * <p>Windows are tumbling and aligned to the epoch, so hours and days are UTC ones, and a minute is windowed by its
 * start ({@link WindowStartStamper}). A roll-up window closes when its stream time, the latest minute start seen,
 * reaches window end + grace: with a grace of 2 min the hour [12:00, 13:00) closes once the minute [13:02, 13:03) has,
 * at tick time 13:03 plus the tick grace. The live updates of the forming hour and day come once per closed minute
 * (at the commit after it), and once per commit interval when minutes arrive faster than that (history).
 *
 * <p>The grace: a task's suppression emits closed minutes in window order, and they reach the roll-up through a
 * repartition partition that only that task writes to, as long as the ticks are partitioned on their key by the
 * default partitioner (which the repartition uses too); so in steady state no minute is late. The grace is the margin
 * for when that does not hold (minutes of tasks that progress unevenly meeting in one partition); it delays each
 * closed hour and day by as much, not the live updates. A minute later than that is dropped, counted in
 * {@code dropped-records-total} and reported by {@link LateCandleMonitor}.
 */
public final class CandleRollUps {

    public static final Duration DEFAULT_GRACE = Duration.ofMinutes(2);

    private CandleRollUps() {
    }

    /**
     * Adds the 1-hour and 1-day roll-ups after {@code oneMinute}, the closed candles {@link Candles#addTo} returns,
     * writing to the topics of {@code ns}.
     */
    public static void addTo(KStream<String, Candle> oneMinute, TopicNamespace ns, Duration grace) {
        JsonSerde<Candle> candleSerde = new JsonSerde<>(Candle.class);
        KStream<String, Candle> byWindowStart = oneMinute
                .processValues(WindowStartStamper::new, Named.as("candles-1m-stamp-window-start"))
                // the emitter changed the key from the window to the instrument, so the DSL would repartition before
                // grouping anyway: one named repartition for both roll-ups, after the re-stamp so that its topic
                // carries the window-start timestamps (an internal topic takes no custom timestamp extractor)
                .repartition(Repartitioned.<String, Candle>as("candles-1m-by-instrument")
                        .withKeySerde(Serdes.String())
                        .withValueSerde(candleSerde));
        rollUp(byWindowStart, Duration.ofHours(1), "1h", grace, ns, Topics.CRYPTO_CANDLES_1H, candleSerde);
        rollUp(byWindowStart, Duration.ofDays(1), "1d", grace, ns, Topics.CRYPTO_CANDLES_1D, candleSerde);
    }

    private static void rollUp(KStream<String, Candle> byWindowStart, Duration size, String label, Duration grace,
                               TopicNamespace ns, Topic<String, Candle> closedTopic, JsonSerde<Candle> candleSerde) {
        KTable<Windowed<String>, RollUpOhlc> rolledUp = byWindowStart
                .processValues(() -> new LateCandleMonitor(label, size, grace),
                        Named.as("candles-" + label + "-late-candle-monitor"))
                .groupByKey(Grouped.with("candles-" + label + "-by-instrument", Serdes.String(), candleSerde))
                .windowedBy(TimeWindows.ofSizeAndGrace(size, grace))
                .aggregate(() -> RollUpOhlc.EMPTY, (instrument, minute, sum) -> sum.add(minute),
                        Named.as("candles-" + label + "-aggregate"),
                        Materialized.<String, RollUpOhlc>as(CandleStores.inMemory("candles-" + label + "-store", size, grace))
                                .withKeySerde(Serdes.String())
                                .withValueSerde(new JsonSerde<>(RollUpOhlc.class))
                                // cached: live, one closed minute a minute comes in per instrument, so every update
                                // still goes out, at the next commit; over history (backtest, catching up) a commit
                                // interval holds hundreds of minutes per instrument, and without the cache each cost
                                // a live update, a changelog and a suppression-buffer record
                                .withCachingEnabled());
        CandleEmitter.liveAndClosed(rolledUp, label, ns, closedTopic);
    }
}
