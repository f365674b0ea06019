package dev.rigwatch.streams.candles;

import dev.rigwatch.events.Candle;
import dev.rigwatch.events.Topic;
import dev.rigwatch.events.TopicNamespace;
import dev.rigwatch.events.Topics;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Suppressed;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Turns a window's aggregate into a {@link Candle} keyed by the instrument. A closed candle is stamped with its window
 * end (the windowed aggregation would stamp it with the latest event time inside the window); a live update with the
 * latest event time in the aggregate (the newest tick of a minute, the end of the newest minute of an hour or day), so
 * the updates of a forming candle never go back in time even when a tick arrives out of order.
 */
final class CandleEmitter<A extends CandleAggregate> extends ContextualProcessor<Windowed<String>, A, String, Candle> {

    private final boolean live;

    private CandleEmitter(boolean live) {
        this.live = live;
    }

    /**
     * Writes every update of {@code aggregates} to {@link Topics#CRYPTO_CANDLES_LIVE} and each window's candle, once
     * the window has closed, to {@code closedTopic}, both as {@code ns} names them.
     *
     * @param aggregates a windowed aggregation; with its store's cache on (the 1-minute candles) the live topic gets
     *                   the latest update per commit interval, without it (the roll-ups) every update
     * @param label      the interval in processor names ({@code 1m}, {@code 1h}, {@code 1d})
     * @param closedTopic the catalogue topic of the closed candles
     * @return the closed candles
     */
    static <A extends CandleAggregate> KStream<String, Candle> liveAndClosed(KTable<Windowed<String>, A> aggregates,
                                                                           String label, TopicNamespace ns,
                                                                           Topic<String, Candle> closedTopic) {
        Topic<String, Candle> live = ns.of(Topics.CRYPTO_CANDLES_LIVE);
        Topic<String, Candle> closedIn = ns.of(closedTopic);
        aggregates.toStream(Named.as("candles-" + label + "-updates"))
                .process(() -> new CandleEmitter<A>(true), Named.as("candles-" + label + "-to-live-candle"))
                .to(live.name(), Produced.with(live.keySerde(), live.valueSerde())
                        .withName("crypto-candles-live-" + label + "-sink"));

        KStream<String, Candle> closed = aggregates
                // unbounded: the buffer holds one aggregate per instrument per open window, which is small
                .suppress(Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded())
                        .withName("candles-" + label + "-until-window-closes"))
                .toStream(Named.as("candles-" + label + "-closed"))
                .process(() -> new CandleEmitter<A>(false), Named.as("candles-" + label + "-to-candle"));
        // named after the catalogue topic, so that a namespace changes no processor name
        closed.to(closedIn.name(), Produced.with(closedIn.keySerde(), closedIn.valueSerde())
                .withName(closedTopic.name().replace('.', '-') + "-sink"));
        return closed;
    }

    @Override
    public void process(Record<Windowed<String>, A> record) {
        Windowed<String> window = record.key();
        A aggregate = record.value();
        Candle candle = aggregate.toCandle(window.key(), window.window().startTime(), window.window().endTime());
        long time = live ? aggregate.latestEventTimeMs() : window.window().end();
        context().forward(record.withKey(window.key()).withValue(candle).withTimestamp(time));
    }
}
