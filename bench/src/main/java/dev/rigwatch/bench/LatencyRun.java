package dev.rigwatch.bench;

import dev.rigwatch.alerts.AlertTopology;
import dev.rigwatch.alerts.SubscriptionsTopic;
import dev.rigwatch.bench.BenchResults.LatencyFigures;
import dev.rigwatch.bench.PacedTickLoad.Crossing;
import dev.rigwatch.events.TopicNamespace;
import dev.rigwatch.events.Topics;
import dev.rigwatch.events.alert.Condition;
import dev.rigwatch.events.alert.Scope;
import dev.rigwatch.events.alert.Subscription;
import dev.rigwatch.events.kafka.EventProducer;
import dev.rigwatch.events.kafka.StreamsStage;
import dev.rigwatch.ingest.TickerPoller;
import dev.rigwatch.streams.MarketTopology;
import dev.rigwatch.streams.StreamsSettings;
import dev.rigwatch.streams.TimeMode;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Tick-to-alert latency: the market and alerts stages run in this process under the guarantee asked for, a
 * {@link PacedTickLoad} feeds them live, and two crossing subscriptions (up and down) on every instrument fire on
 * every candle. An alert is timed from the send of the tick that closed its candle, the first tick on
 * the instrument's partition at or past the candle's window end plus the candle grace (it moved that task's stream
 * time past the close), to the alert's arrival at a read_committed consumer of the alerts topic: everything between
 * an exchange's tick reaching ingest's producer and a subscriber seeing the alert.
 */
final class LatencyRun {

    static final int INSTRUMENTS = 8;
    /** Left out of the figures: the first candles meet cold code and a just-formed consumer group. */
    static final Duration WARM_UP = Duration.ofSeconds(5);
    /** After the load, how long the last alerts may still take before they are counted as "at least" this late. */
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(60);
    /**
     * Kafka's exactly-once default, for both stages and guarantees (the runs differ in the guarantee only), not the
     * stages' 1 s: an alert crosses three transactional hops and the 1-minute candles' cache, each visible only at a
     * commit, so the interval is what latency is bought with (at 1 s, p50 was about 2 s exactly once); throughput is
     * measured at the production interval.
     */
    static final Duration COMMIT_INTERVAL = Duration.ofMillis(100);
    private static final long MAX_TRACKABLE_MICROS = TimeUnit.HOURS.toMicros(1);
    private static final String SUBSCRIBER = "bench";

    private LatencyRun() {
    }

    /** How the load's ticks enter the pipeline: what an alert is timed from. */
    enum Ingest {
        /**
         * Sent to {@code crypto.ticks} by a producer: timed from the send, what a REST poll hands to ingest's
         * producer ("tick produced -> alert").
         */
        PRODUCER("producer", "tick produced"),
        /**
         * Sent as Coinbase Advanced Trade WebSocket ticker messages by a local server to ingest's real
         * {@code WsTickerFeed}, which produces them: timed from the server's send of the message ("exchange
         * message -> alert").
         */
        COINBASE_WS("coinbase-ws", "exchange WS message");

        final String id;
        /** What an alert is timed from. */
        final String from;
        /** {@code <from> -> alert}, for progress lines. */
        final String timedFrom;

        Ingest(String id, String from) {
            this.id = id;
            this.from = from;
            this.timedFrom = from + " -> alert";
        }

        static Ingest of(String id) {
            for (Ingest ingest : values()) {
                if (ingest.id.equals(id)) {
                    return ingest;
                }
            }
            throw new IllegalArgumentException("no ingest " + id);
        }
    }

    /**
     * @param guarantee {@link StreamsConfig#AT_LEAST_ONCE} or {@link StreamsConfig#EXACTLY_ONCE_V2}; the first
     *                  {@link #WARM_UP} of the load is left out of the figures
     */
    static LatencyFigures measure(String bootstrap, TopicNamespace ns, int ticksPerSecond, String guarantee,
                                  Duration duration, Path stateRoot, PrintStream progress) {
        return measure(bootstrap, ns, Ingest.PRODUCER, ticksPerSecond, guarantee, duration, stateRoot, progress);
    }

    /** The same, the ticks entering as {@code ingest} says. */
    static LatencyFigures measure(String bootstrap, TopicNamespace ns, Ingest ingest, int ticksPerSecond,
                                  String guarantee, Duration duration, Path stateRoot, PrintStream progress) {
        Preload.createTopics(bootstrap, ns);
        String marketId = "rigwatch-bench-" + ns.prefix().replace(".", "");
        String alertsId = marketId + "-alerts";
        StreamsSettings settings = StreamsSettings.defaults()
                .withApplicationId(marketId, stateRoot.resolve(marketId))
                .withTimeMode(TimeMode.STREAM_TIME)
                .withCommitInterval(COMMIT_INTERVAL);
        Properties guaranteed = new Properties();
        guaranteed.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee);
        Clock clock = Clock.systemUTC();
        MeterRegistry meters = new SimpleMeterRegistry();
        PacedTickLoad load = ingest == Ingest.COINBASE_WS
                ? new PacedTickLoad(BenchInput.onOneExchange(INSTRUMENTS, WsIngest.EXCHANGE), ticksPerSecond, duration)
                : new PacedTickLoad(INSTRUMENTS, ticksPerSecond, duration);
        // acknowledged before the alerts stage starts, which loads every subscription before it runs
        subscribe(bootstrap, ns);
        try (EventProducer producer = new EventProducer(bootstrap, "rigwatch-bench-latency");
             StreamsStage market = new StreamsStage(bootstrap, marketId, settings.stateDir(), COMMIT_INTERVAL, ns,
                     MarketTopology.build(settings, ns, clock), meters, guaranteed);
             StreamsStage alerts = new StreamsStage(bootstrap, alertsId, stateRoot.resolve(alertsId), COMMIT_INTERVAL,
                     ns, AlertTopology.build(ns, clock, meters), meters, guaranteed);
             Arrivals arrivals = new Arrivals(bootstrap, ns)) {
            market.start();
            alerts.start();
            Runnable told = () -> progress.printf("  %,d ticks sent, %d alerts, %.0f of %d s%n", load.sent(),
                    arrivals.alerts(), (System.nanoTime() - load.startedNanos()) / 1e9, duration.toSeconds());
            long ingested;
            long reconnects;
            if (ingest == Ingest.COINBASE_WS) {
                try (WsIngest ws = new WsIngest(bootstrap, ns, load, meters)) {
                    load.run(ws, duration, told);
                    TickerPoller.Stats stats = ws.stats();
                    ingested = stats.ticksProduced();
                    reconnects = ws.connections() - 1;
                    progress.printf("  the feed produced %,d ticks (snapshot's included), %,d repeated, %,d invalid, "
                            + "%d reconnects%n", stats.ticksProduced(), stats.ticksUnchanged(), stats.ticksInvalid(),
                            reconnects);
                }
            } else {
                load.run(producer, ns.of(Topics.CRYPTO_TICKS), duration, told);
                ingested = load.sent();
                reconnects = 0;
            }
            List<Crossing> measured = load.crossings(settings.candleGrace()).stream()
                    .filter(crossing -> load.closingTickSentAt(crossing, settings.candleGrace())
                            >= load.startedNanos() + WARM_UP.toNanos())
                    .toList();
            Histogram alertLatencies = alertLatencies(load, arrivals, measured, settings.candleGrace(), progress);
            Histogram candleLatencies = candleLatencies(load, arrivals, measured, settings.candleGrace());
            return new LatencyFigures(ingest.id, ticksPerSecond, guarantee, COMMIT_INTERVAL.toMillis(),
                    load.seconds(), load.sent(), ingested, reconnects, alertLatencies.getTotalCount(), millis(alertLatencies.getValueAtPercentile(50)),
                    millis(alertLatencies.getValueAtPercentile(95)), millis(alertLatencies.getValueAtPercentile(99)),
                    millis(alertLatencies.getMaxValue()), millis(candleLatencies.getValueAtPercentile(50)),
                    millis(candleLatencies.getValueAtPercentile(99)));
        }
    }

    /**
     * The latency of every alert {@code expected}; an alert still missing after {@link #DRAIN_TIMEOUT} counts as late
     * as it is by then (a lower bound), and is told.
     */
    private static Histogram alertLatencies(PacedTickLoad load, Arrivals arrivals, List<Crossing> expected,
                                            Duration grace, PrintStream progress) {
        Map<Crossing, Long> arrived = arrivals.awaitAlerts(expected, DRAIN_TIMEOUT);
        long gaveUpAt = System.nanoTime();
        Histogram latencies = new Histogram(MAX_TRACKABLE_MICROS, 3);
        for (Crossing crossing : expected) {
            long micros = (arrived.getOrDefault(crossing, gaveUpAt) - load.closingTickSentAt(crossing, grace)) / 1_000;
            latencies.recordValue(Math.min(Math.max(micros, 0), MAX_TRACKABLE_MICROS));
        }
        if (arrived.size() < expected.size()) {
            progress.printf("  %d of %d alerts had not arrived %d s after the load: counted as that late%n",
                    expected.size() - arrived.size(), expected.size(), DRAIN_TIMEOUT.toSeconds());
        }
        return latencies;
    }

    /** From the closing tick to the closed candle, for each of {@code crossings} whose candle arrived. */
    private static Histogram candleLatencies(PacedTickLoad load, Arrivals arrivals, List<Crossing> crossings,
                                             Duration grace) {
        Histogram latencies = new Histogram(MAX_TRACKABLE_MICROS, 3);
        for (Crossing crossing : crossings) {
            arrivals.candle(crossing).ifPresent(at -> latencies.recordValue(
                    Math.min(Math.max((at - load.closingTickSentAt(crossing, grace)) / 1_000, 0), MAX_TRACKABLE_MICROS)));
        }
        return latencies;
    }

    /** Crossings up and down on every instrument: the load's alternating closes fire one or the other on every candle. */
    private static void subscribe(String bootstrap, TopicNamespace ns) {
        Instant now = Instant.now();
        List<Subscription> crossings = Stream.of(Condition.Direction.UP, Condition.Direction.DOWN)
                .map(direction -> new Subscription(Subscription.VERSION,
                        "cross-" + direction.name().toLowerCase(Locale.ROOT), SUBSCRIBER,
                        new Condition.PriceCross(direction, PacedTickLoad.LEVEL, 0),
                        Scope.ALL, null, null, null, null, now))
                .toList();
        new SubscriptionsTopic(bootstrap, ns).publish(crossings, now);
    }

    private static double millis(long micros) {
        return micros / 1_000.0;
    }
}
