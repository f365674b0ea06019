package dev.rigwatch.alerts;

import dev.rigwatch.events.Alert;
import dev.rigwatch.events.Candle;
import dev.rigwatch.events.GpuMarketStats;
import dev.rigwatch.events.MinerCapitulation;
import dev.rigwatch.events.ReboundSignal;
import dev.rigwatch.events.SourceGap;
import dev.rigwatch.events.SupplyTightness;
import dev.rigwatch.events.Topic;
import dev.rigwatch.events.TopicNamespace;
import dev.rigwatch.events.Topics;
import dev.rigwatch.events.alert.Condition;
import dev.rigwatch.events.alert.Scope;
import dev.rigwatch.events.alert.Subscription;
import dev.rigwatch.events.alert.Throttle;
import dev.rigwatch.events.kafka.StreamsStage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;

/** The alert topology in a {@link TopologyTestDriver} configured like the stage, with its inputs and outputs. */
final class AlertsDriver implements AutoCloseable {

    static final Instant NOW = Instant.parse("2026-11-25T18:00:00Z");
    static final Instant CREATED = Instant.parse("2026-11-01T00:00:00Z");

    /** Where the alerts written are counted. */
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final TopologyTestDriver driver;
    final TestInputTopic<String, Subscription> subscriptions;
    final TestInputTopic<byte[], byte[]> rawSubscriptions;
    final TestInputTopic<String, Candle> candles;
    final TestInputTopic<byte[], byte[]> rawCandles;
    final TestInputTopic<String, GpuMarketStats> gpuStats;
    final TestInputTopic<String, ReboundSignal> rebounds;
    final TestInputTopic<String, SupplyTightness> tightness;
    final TestInputTopic<String, MinerCapitulation> capitulations;
    final TestInputTopic<String, SourceGap> gaps;
    final TestOutputTopic<String, Alert> alerts;

    AlertsDriver(Path stateDir) {
        this(stateDir, TopicNamespace.PRODUCTION);
    }

    AlertsDriver(Path stateDir, TopicNamespace ns) {
        AlertsSettings settings = new AlertsSettings("alerts-test", stateDir, Duration.ofMillis(100));
        driver = new TopologyTestDriver(AlertTopology.build(ns, Clock.fixed(NOW, ZoneOffset.UTC), meters),
                StreamsStage.properties("localhost:9", settings.applicationId(), settings.stateDir(), settings.commitInterval(), ns));
        subscriptions = input(ns.of(Topics.ALERTS_SUBSCRIPTIONS));
        rawSubscriptions = driver.createInputTopic(ns.of(Topics.ALERTS_SUBSCRIPTIONS).name(),
                Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer());
        candles = input(ns.of(Topics.CRYPTO_CANDLES_1M));
        rawCandles = driver.createInputTopic(ns.of(Topics.CRYPTO_CANDLES_1M).name(), Serdes.ByteArray().serializer(),
                Serdes.ByteArray().serializer());
        gpuStats = input(ns.of(Topics.GPU_STATS_1H));
        rebounds = input(ns.of(Topics.SIGNALS_REBOUND));
        tightness = input(ns.of(Topics.SIGNALS_TIGHTNESS));
        capitulations = input(ns.of(Topics.SIGNALS_CAPITULATION));
        gaps = input(ns.of(Topics.INGEST_GAPS));
        Topic<String, Alert> alertTopic = ns.of(Topics.ALERTS);
        alerts = driver.createOutputTopic(alertTopic.name(), alertTopic.keySerde().deserializer(),
                alertTopic.valueSerde().deserializer());
    }

    private <V> TestInputTopic<String, V> input(Topic<String, V> topic) {
        return driver.createInputTopic(topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer());
    }

    /** {@code hh:mm} on the day the tests run in (2026-11-25, UTC). */
    static Instant at(String hhmm) {
        return Instant.parse("2026-11-25T" + hhmm + ":00Z");
    }

    /** The alerts written since the last call. */
    List<Alert> fired() {
        return alerts.readValuesToList();
    }

    static Subscription subscription(String subscriber, String id, Condition condition, Scope scope, Throttle throttle) {
        return new Subscription(Subscription.VERSION, id, subscriber, condition, scope, Alert.Severity.WARNING, throttle,
                null, null, CREATED);
    }

    void subscribe(Subscription subscription) {
        subscriptions.pipeInput(subscription.key(), subscription, CREATED);
    }

    void unsubscribe(String key, Instant at) {
        subscriptions.pipeInput(key, null, at);
    }

    /** A 1-minute candle of {@code instrument} closing at {@code close} at {@code end}. */
    void candle(String instrument, Instant end, String close) {
        BigDecimal price = new BigDecimal(close);
        candles.pipeInput(instrument, new Candle(Candle.VERSION, instrument, Duration.ofMinutes(1),
                end.minus(Duration.ofMinutes(1)), end, price, price, price, price, null, 3), end);
    }

    /** An hour of the GPU market of {@code scope:subject} whose median ask was {@code median} at {@code end}. */
    void gpuHour(String scope, String subject, Instant end, Double median) {
        GpuMarketStats stats = new GpuMarketStats(GpuMarketStats.VERSION, scope, subject, Duration.ofHours(1),
                end.minus(Duration.ofHours(1)), end, 40, 3, 2, 1, median == null ? null : median - 50, median,
                median == null ? null : median + 50, 0.0133, 4.5, median == null ? null : median / 1000);
        gpuStats.pipeInput(stats.key(), stats, end);
    }

    /** A rebound of {@code subject} confirmed at {@code at} with {@code strength}. */
    void rebound(String subject, Instant at, double strength) {
        ReboundSignal signal = reboundSignal(subject, Duration.ofMinutes(1), at, strength);
        rebounds.pipeInput(subject, signal, at);
    }

    static ReboundSignal reboundSignal(String subject, Duration interval, Instant at, double strength) {
        return new ReboundSignal(ReboundSignal.VERSION, subject, ReboundSignal.CRYPTO, interval,
                new BigDecimal("61820.00"), at.minus(Duration.ofMinutes(40)), new BigDecimal("44812.1"),
                at.minus(Duration.ofMinutes(15)), new BigDecimal("49830.049"), at, at.minus(interval), at, 27.5, 11.2, 2,
                strength, new ReboundSignal.Thresholds(10, 5, 2, 90));
    }

    /** The tightness index of GPU model {@code model} in the hour ending at {@code end}. */
    void tightness(String model, Instant end, double index) {
        SupplyTightness value = new SupplyTightness(SupplyTightness.VERSION, SupplyTightness.MODEL, model,
                end.minus(Duration.ofHours(1)), end, index, (index - 50) * 3 / 50,
                List.of(new SupplyTightness.Component("active-supply", "lower", 41.0, 55.0, 7.0, 24, 2.0, 1.0)), List.of());
        tightness.pipeInput(value.key(), value, end);
    }

    /**
     * A report of a gap of {@code instrument} ({@code exchange:SYMBOL}) opened at {@code detectedAt}, as ingest
     * writes it at {@code asOf}: OPEN with the silence and failed polls so far, or CLOSED with {@code candles} filled.
     */
    void gap(String instrument, SourceGap.Status status, Instant detectedAt, Instant asOf, Duration silence,
             int failedPolls, Integer candles) {
        int colon = instrument.indexOf(':');
        SourceGap gap = new SourceGap(SourceGap.VERSION, instrument.substring(0, colon), instrument.substring(colon + 1),
                status, detectedAt.minus(silence), detectedAt, status == SourceGap.Status.CLOSED ? asOf : null,
                Duration.ofMinutes(1), "http-5xx", candles, null, asOf, silence, failedPolls);
        gaps.pipeInput(instrument, gap, asOf);
    }

    void capitulation(String model, Instant dayEnd) {
        MinerCapitulation value = new MinerCapitulation(MinerCapitulation.VERSION, model, "coinbase:ETH-USD",
                dayEnd.minus(Duration.ofDays(1)), dayEnd, new BigDecimal("1180.25"), new BigDecimal("97"), 320,
                new BigDecimal("0.0000082"), new BigDecimal("0.15"), new BigDecimal("0.9390"),
                new BigDecimal("1.1520"), new BigDecimal("-0.2130"), new BigDecimal("1448.03"),
                dayEnd.minus(Duration.ofDays(1)), new BigDecimal("0.0410"), new BigDecimal("1232.10"));
        capitulations.pipeInput(value.key(), value, dayEnd);
    }

    KeyValueStore<String, EvaluationState> evaluationStates() {
        return driver.getKeyValueStore(AlertTopology.EVALUATION_STORE);
    }

    /** The sum over tasks of the daily cap's {@code capped-alerts-total}. */
    double cappedAlerts() {
        return metric("capped-alerts-total", "stream-alerts-metrics");
    }

    private double metric(String name, String group) {
        return driver.metrics().entrySet().stream()
                .filter(e -> e.getKey().name().equals(name) && e.getKey().group().equals(group))
                .mapToDouble(e -> (Double) e.getValue().metricValue())
                .sum();
    }

    /** The alerts of {@code severity} counted as written ({@code rigwatch.alerts}). */
    double alertsCounted(Alert.Severity severity) {
        return meters.get(AlertTopology.ALERTS_METER).tag("severity", severity.name().toLowerCase(Locale.ROOT))
                .counter().count();
    }

    /** The subscription updater's {@code skipped-subscriptions-total}. */
    double skippedSubscriptions() {
        return metric("skipped-subscriptions-total", "stream-alerts-metrics");
    }

    /** Kafka Streams' {@code dropped-records-total} over every task. */
    double droppedRecords() {
        return metric("dropped-records-total", "stream-task-metrics");
    }

    @Override
    public void close() {
        driver.close();
    }
}
