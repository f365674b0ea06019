package dev.rigwatch.ops.backtest;

import dev.rigwatch.events.Candle;
import dev.rigwatch.events.Topic;
import dev.rigwatch.events.TopicNamespace;
import dev.rigwatch.events.Topics;
import dev.rigwatch.events.alert.Subscription;
import dev.rigwatch.events.kafka.EventProducer;
import dev.rigwatch.ops.ProgressBar;
import dev.rigwatch.ops.replay.Replay;
import dev.rigwatch.ops.replay.ReplayRequest;
import dev.rigwatch.ops.replay.ReplaySpeed;
import dev.rigwatch.ops.replay.ReplaySummary;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Fills a sandbox with what the topologies start from: the raw topics' records of the range, replayed at full
 * speed, exchange candles placed where the rebound rule reads closed candles (history has no ticks to roll them up
 * from), and the alert subscriptions to evaluate.
 */
final class BacktestInputs {

    /** The raw topics a backtest replays: everything the topologies start from. */
    static final List<Topic<String, ?>> RAW_TOPICS = List.of(Topics.CRYPTO_TICKS, Topics.CRYPTO_OHLC,
            Topics.GPU_LISTINGS, Topics.GPU_SOLD_PRICES);
    private static final Map<Duration, Topic<String, Candle>> CLOSED_CANDLES = Map.of(
            Duration.ofMinutes(1), Topics.CRYPTO_CANDLES_1M, Duration.ofHours(1), Topics.CRYPTO_CANDLES_1H,
            Duration.ofDays(1), Topics.CRYPTO_CANDLES_1D);

    private final String bootstrapServers;

    BacktestInputs(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** Replays each raw topic's [from, to) into the sandbox, printing progress every few seconds. */
    void replayHistory(Backtest.Request request, BacktestSandbox sandbox, PrintStream progress,
                       BooleanSupplier stopRequested) {
        Replay replay = new Replay(bootstrapServers);
        for (Topic<String, ?> topic : RAW_TOPICS) {
            long[] lastPrinted = {System.nanoTime()};
            ReplaySummary summary = replay.run(new ReplayRequest(topic.name(), request.from(), request.to(),
                    sandbox.namespace(), ReplaySpeed.MAX, true), p -> {
                        if (System.nanoTime() - lastPrinted[0] > Backtest.PROGRESS_EVERY.toNanos()) {
                            progress.printf("  replaying %s %s %,d records%n", topic.name(), ProgressBar.of(p.percent()),
                                    p.records());
                            lastPrinted[0] = System.nanoTime();
                        }
                    }, stopRequested);
            sandbox.replayed(summary.replayId());
            if (!summary.complete()) {
                throw new IllegalStateException("the backtest was stopped while replaying " + topic.name());
            }
            progress.printf("replayed %,d records of %s%n", summary.records(), topic.name());
        }
    }

    /**
     * Exchange candles of the intervals the topology rolls up to become that interval's closed candles.
     *
     * @return how many were placed
     */
    long placeExchangeCandles(TopicNamespace sandbox) {
        long[] placed = {0};
        try (EventProducer producer = new EventProducer(bootstrapServers, "rigwatch-backtest-candles")) {
            TopicSnapshot.read(bootstrapServers, sandbox, Topics.CRYPTO_OHLC, (record, candle) -> {
                Topic<String, Candle> closed = CLOSED_CANDLES.get(candle.interval());
                if (closed != null) {
                    producer.send(sandbox.of(closed), candle.instrument(), candle, candle.windowEnd(), null);
                    placed[0]++;
                }
            });
            producer.flush();
        }
        return placed[0];
    }

    void publishSubscriptions(List<Subscription> subscriptions, TopicNamespace sandbox) {
        try (EventProducer producer = new EventProducer(bootstrapServers, "rigwatch-backtest-subscriptions")) {
            for (Subscription subscription : subscriptions) {
                producer.send(sandbox.of(Topics.ALERTS_SUBSCRIPTIONS), subscription.key(), subscription,
                        subscription.createdAt(), null);
            }
            producer.flush();
        }
    }
}
