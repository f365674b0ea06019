package dev.rigwatch.ops.backtest;

import dev.rigwatch.alerts.AlertTopology;
import dev.rigwatch.alerts.AlertsSettings;
import dev.rigwatch.events.Alert;
import dev.rigwatch.events.Candle;
import dev.rigwatch.events.GpuSoldPrice;
import dev.rigwatch.events.MinerCapitulation;
import dev.rigwatch.events.ReboundSignal;
import dev.rigwatch.events.Topic;
import dev.rigwatch.events.TopicNamespace;
import dev.rigwatch.events.Topics;
import dev.rigwatch.events.alert.Subscription;
import dev.rigwatch.events.kafka.EventProducer;
import dev.rigwatch.events.kafka.KafkaClients;
import dev.rigwatch.events.kafka.TopicAdmin;
import dev.rigwatch.ops.ProgressBar;
import dev.rigwatch.ops.replay.Replay;
import dev.rigwatch.ops.replay.ReplayRequest;
import dev.rigwatch.ops.replay.ReplaySpeed;
import dev.rigwatch.ops.replay.ReplaySummary;
import dev.rigwatch.ops.reset.ApplicationTopics;
import dev.rigwatch.streams.MarketTopology;
import dev.rigwatch.streams.StreamsSettings;
import dev.rigwatch.events.kafka.StreamsStage;
import dev.rigwatch.streams.TimeMode;
import dev.rigwatch.streams.signal.rebound.Rebound;
import dev.rigwatch.streams.signal.rebound.ReboundSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the production topology functions over a range of history, in a sandbox, and reports what they emitted.
 *
 * <ol>
 *   <li>The raw topics' records of [from, to) are replayed into a fresh namespace ({@code bt-<run>.}) at full speed:
 *       ticks, exchange candles, listings and imported GPU sold prices.</li>
 *   <li>Exchange candles of 1 minute, 1 hour and 1 day (imported history, backfills) are placed on the sandbox's
 *       closed-candle topics of their interval, where the rebound rule reads them.</li>
 *   <li>The streams and alerts stages run in the sandbox under fresh application ids, with windows closed by stream
 *       time (history has no wall clock), until they have consumed everything.</li>
 *   <li>Signals and alerts are read back into a {@link BacktestReport}; then the sandbox topics, the applications'
 *       internal topics and consumer groups and their local state are deleted, unless kept.</li>
 * </ol>
 */
public final class Backtest {

    private static final Logger log = LoggerFactory.getLogger(Backtest.class);
    private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    /** The raw topics a backtest replays: everything the topologies start from. */
    static final List<Topic<String, ?>> RAW_TOPICS = List.of(Topics.CRYPTO_TICKS, Topics.CRYPTO_OHLC,
            Topics.GPU_LISTINGS, Topics.GPU_SOLD_PRICES);
    private static final Map<Duration, Topic<String, Candle>> CLOSED_CANDLES = Map.of(
            Duration.ofMinutes(1), Topics.CRYPTO_CANDLES_1M, Duration.ofHours(1), Topics.CRYPTO_CANDLES_1H,
            Duration.ofDays(1), Topics.CRYPTO_CANDLES_1D);
    private static final Duration COMMIT_INTERVAL = Duration.ofMillis(200);
    private static final Duration SETTLE_TIMEOUT = Duration.ofMinutes(10);
    /** How often a progress line is printed during the replay and while the topologies process. */
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(2);

    /**
     * @param from         start of the range, inclusive
     * @param to           end of the range, exclusive
     * @param streams      the streams parameters to test (application id and state dir are replaced)
     * @param subscriptions the alert subscriptions to evaluate (e.g. the default rules)
     * @param keep         keep the sandbox topics and applications afterwards, for inspection
     * @param stateRoot    where the applications' local state goes during the run
     */
    public record Request(Instant from, Instant to, StreamsSettings streams, List<Subscription> subscriptions,
                          boolean keep, Path stateRoot) {
    }

    private final String bootstrapServers;
    private final Clock clock;

    public Backtest(String bootstrapServers, Clock clock) {
        this.bootstrapServers = bootstrapServers;
        this.clock = clock;
    }

    public BacktestReport run(Request request, PrintStream progress, BooleanSupplier stopRequested) {
        String runId = "bt-" + RUN_ID.format(clock.instant());
        TopicNamespace sandbox = TopicNamespace.of(runId);
        String streamsId = "rigwatch-backtest-" + runId;
        String alertsId = streamsId + "-alerts";
        List<String> replayGroups = new ArrayList<>();
        progress.printf("backtest %s: sandbox topics %s*, applications %s and %s%n", runId, sandbox.prefix(),
                streamsId, alertsId);
        try (Admin admin = Admin.create(KafkaClients.admin(bootstrapServers))) {
            try {
                new TopicAdmin(admin).ensure(Topics.all().stream().<Topic<?, ?>>map(t -> keptForever(sandbox.of(t))).toList());
                replayHistory(request, sandbox, replayGroups, progress, stopRequested);
                long candles = placeExchangeCandles(sandbox);
                progress.printf("placed %d exchange candles on the sandbox's closed-candle topics%n", candles);
                publishSubscriptions(request.subscriptions(), sandbox);
                runStages(request, sandbox, streamsId, alertsId, admin, progress, stopRequested);
                BacktestReport report = report(request, sandbox);
                progress.printf("read %d signals and alerts back%n", report.findings().size());
                return report;
            } finally {
                if (request.keep()) {
                    progress.printf("kept the sandbox: topics %s*, applications %s and %s%n", sandbox.prefix(),
                            streamsId, alertsId);
                } else {
                    cleanUp(admin, sandbox, List.of(streamsId, alertsId), replayGroups, request.stateRoot(), progress);
                }
            }
        }
    }

    /**
     * A sandbox topic that keeps its records however old: history's timestamps are years back, and a derived topic's
     * retention (365 days for signals) would let the broker delete a backtest's signals while it runs.
     */
    private static Topic<?, ?> keptForever(Topic<?, ?> topic) {
        return new Topic<>(topic.name(), topic.keySerde(), topic.valueSerde(), topic.partitions(), topic.replication(),
                topic.cleanupPolicy(), null, topic.description());
    }

    private void replayHistory(Request request, TopicNamespace sandbox, List<String> replayGroups, PrintStream progress,
                               BooleanSupplier stopRequested) {
        Replay replay = new Replay(bootstrapServers);
        for (Topic<String, ?> topic : RAW_TOPICS) {
            long[] lastPrinted = {System.nanoTime()};
            ReplaySummary summary = replay.run(new ReplayRequest(topic.name(), request.from(), request.to(), sandbox,
                    ReplaySpeed.MAX, true), p -> {
                        if (System.nanoTime() - lastPrinted[0] > PROGRESS_EVERY.toNanos()) {
                            progress.printf("  replaying %s %s %,d records%n", topic.name(), ProgressBar.of(p.percent()),
                                    p.records());
                            lastPrinted[0] = System.nanoTime();
                        }
                    }, stopRequested);
            replayGroups.add(summary.replayId());
            if (!summary.complete()) {
                throw new IllegalStateException("the backtest was stopped while replaying " + topic.name());
            }
            progress.printf("replayed %,d records of %s%n", summary.records(), topic.name());
        }
    }

    /** Exchange candles of the intervals the topology rolls up to become that interval's closed candles. */
    private long placeExchangeCandles(TopicNamespace sandbox) {
        long[] placed = {0};
        try (EventProducer producer = new EventProducer(bootstrapServers, "rigwatch-backtest-candles")) {
            long unreadable = TopicSnapshot.read(bootstrapServers, sandbox.of(Topics.CRYPTO_OHLC), (record, candle) -> {
                Topic<String, Candle> closed = CLOSED_CANDLES.get(candle.interval());
                if (closed != null) {
                    producer.send(sandbox.of(closed), candle.instrument(), candle, candle.windowEnd(), null);
                    placed[0]++;
                }
            });
            producer.flush();
            warnUnreadable(unreadable, Topics.CRYPTO_OHLC);
        }
        return placed[0];
    }

    private void publishSubscriptions(List<Subscription> subscriptions, TopicNamespace sandbox) {
        try (EventProducer producer = new EventProducer(bootstrapServers, "rigwatch-backtest-subscriptions")) {
            for (Subscription subscription : subscriptions) {
                producer.send(sandbox.of(Topics.ALERTS_SUBSCRIPTIONS), subscription.key(), subscription,
                        subscription.createdAt(), null);
            }
            producer.flush();
        }
    }

    private void runStages(Request request, TopicNamespace sandbox, String streamsId, String alertsId, Admin admin,
                           PrintStream progress, BooleanSupplier stopRequested) {
        StreamsSettings streamsSettings = request.streams()
                .withApplicationId(streamsId, request.stateRoot().resolve(streamsId))
                .withCommitInterval(COMMIT_INTERVAL)
                .withTimeMode(TimeMode.STREAM_TIME);
        AlertsSettings alertsSettings = new AlertsSettings(alertsId, request.stateRoot().resolve(alertsId), COMMIT_INTERVAL);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        Instant started = clock.instant();
        try (StreamsStage market = MarketTopology.stage(bootstrapServers, streamsSettings, sandbox, meters, clock);
             StreamsStage alerts = AlertTopology.stage(bootstrapServers, alertsSettings, sandbox, clock, meters)) {
            market.start();
            alerts.start();
            // the topics each reads, so that a partition it has not committed on yet counts as behind
            Map<String, Set<String>> readBy = Map.of(
                    streamsId, ApplicationTopics.of(MarketTopology.build(streamsSettings, sandbox, clock)).all(),
                    alertsId, ApplicationTopics.of(AlertTopology.build(sandbox, clock)).all());
            awaitCaughtUp(admin, readBy, progress, stopRequested);
        }
        progress.printf("the topologies processed the range in %.1f s%n",
                Duration.between(started, clock.instant()).toMillis() / 1000.0);
    }

    /**
     * Waits until every application has committed, on every partition it reads, the end of that partition, twice in
     * a row (what the streams stage writes, the alerts stage reads next).
     *
     * @param readBy each application's id and the topics it reads
     */
    private void awaitCaughtUp(Admin admin, Map<String, Set<String>> readBy, PrintStream progress,
                               BooleanSupplier stopRequested) {
        long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
        int caughtUpInARow = 0;
        long lastPrinted = 0;
        long mostBehind = 0; // the bar's total: records still arrive from one stage to the next as it runs
        while (caughtUpInARow < 2) {
            if (stopRequested.getAsBoolean()) {
                throw new IllegalStateException("the backtest was stopped while the topologies ran");
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the topologies did not catch up within " + SETTLE_TIMEOUT);
            }
            long lag = readBy.entrySet().stream().mapToLong(e -> lag(admin, e.getKey(), e.getValue())).sum();
            caughtUpInARow = lag == 0 ? caughtUpInARow + 1 : 0;
            mostBehind = Math.max(mostBehind, lag);
            if (System.nanoTime() - lastPrinted > PROGRESS_EVERY.toNanos()) {
                progress.printf("  processing %s %,d records behind%n", ProgressBar.of(mostBehind - lag, mostBehind), lag);
                lastPrinted = System.nanoTime();
            }
            sleep(COMMIT_INTERVAL.multipliedBy(2));
        }
    }

    /**
     * Records an application has not yet committed past: on every partition of the topics it reads (from the
     * partition's start where it has committed nothing yet) and of its repartition topics.
     */
    private static long lag(Admin admin, String applicationId, Set<String> topics) {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>();
            try {
                admin.listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS)
                        .forEach((partition, offset) -> {
                            if (offset != null) {
                                committed.put(partition, offset);
                            }
                        });
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof GroupIdNotFoundException)) {
                    throw e;
                }
            }
            Set<TopicPartition> partitions = new HashSet<>(committed.keySet());
            admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS).values().forEach(topic ->
                    topic.partitions().forEach(p -> partitions.add(new TopicPartition(topic.name(), p.partition()))));
            Map<TopicPartition, Long> ends = offsets(admin, partitions, OffsetSpec.latest());
            Set<TopicPartition> uncommitted = new HashSet<>(partitions);
            uncommitted.removeAll(committed.keySet());
            // asked only while some partition has no commit: the check runs every few hundred milliseconds
            Map<TopicPartition, Long> starts = uncommitted.isEmpty() ? Map.of()
                    : offsets(admin, uncommitted, OffsetSpec.earliest());
            long lag = 0;
            for (TopicPartition partition : partitions) {
                OffsetAndMetadata done = committed.get(partition);
                long from = done != null ? done.offset() : starts.get(partition);
                lag += Math.max(0, ends.get(partition) - from);
            }
            return lag;
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read the progress of " + applicationId + ": " + e.getCause(), e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the cluster did not answer within 30 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The offsets {@code spec} names, of committed records only (what a read_committed consumer reaches). */
    private static Map<TopicPartition, Long> offsets(Admin admin, Set<TopicPartition> partitions, OffsetSpec spec)
            throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, OffsetSpec> request = partitions.stream().collect(Collectors.toMap(p -> p, p -> spec));
        return admin.listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
                .get(30, TimeUnit.SECONDS).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    private BacktestReport report(Request request, TopicNamespace sandbox) {
        List<BacktestFinding> findings = new ArrayList<>();
        warnUnreadable(TopicSnapshot.read(bootstrapServers, sandbox.of(Topics.SIGNALS_REBOUND),
                (record, signal) -> findings.add(rebound(signal))), Topics.SIGNALS_REBOUND);
        warnUnreadable(TopicSnapshot.read(bootstrapServers, sandbox.of(Topics.SIGNALS_CAPITULATION),
                (record, signal) -> findings.add(capitulation(signal))), Topics.SIGNALS_CAPITULATION);
        warnUnreadable(TopicSnapshot.read(bootstrapServers, sandbox.of(Topics.ALERTS),
                (record, alert) -> findings.add(alert(alert))), Topics.ALERTS);
        return new BacktestReport(request.from(), request.to(), parameters(request), series(sandbox), findings);
    }

    /** Each subject's price over the range: its coarsest closed candles, and GPU models' sold prices. */
    private Map<String, List<PricePoint>> series(TopicNamespace sandbox) {
        Map<String, Map<Duration, List<PricePoint>>> candles = new HashMap<>();
        for (Topic<String, Candle> topic : List.of(Topics.CRYPTO_CANDLES_1D, Topics.CRYPTO_CANDLES_1H)) {
            warnUnreadable(TopicSnapshot.read(bootstrapServers, sandbox.of(topic), (record, candle) ->
                    candles.computeIfAbsent(candle.instrument(), s -> new TreeMap<>(Comparator.reverseOrder()))
                            .computeIfAbsent(candle.interval(), i -> new ArrayList<>())
                            .add(new PricePoint(candle.windowEnd(), candle.close()))), topic);
        }
        Map<String, List<PricePoint>> series = new TreeMap<>();
        candles.forEach((subject, byInterval) -> series.put(subject, sorted(byInterval.values().iterator().next())));
        Map<String, List<PricePoint>> sold = new TreeMap<>();
        warnUnreadable(TopicSnapshot.read(bootstrapServers, sandbox.of(Topics.GPU_SOLD_PRICES), (record, price) ->
                sold.computeIfAbsent(price.key(), k -> new ArrayList<>())
                        .add(new PricePoint(price.periodEnd(), price.avgPriceUsd()))), Topics.GPU_SOLD_PRICES);
        sold.forEach((subject, points) -> series.put(subject, sorted(points)));
        return series;
    }

    private static List<PricePoint> sorted(List<PricePoint> points) {
        return points.stream().sorted(Comparator.comparing(PricePoint::time)).distinct().toList();
    }

    private static Map<String, String> parameters(Request request) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("range", request.from() + " to " + request.to());
        request.streams().rebound().crypto().forEach((interval, config) ->
                parameters.put("rebound crypto " + Rebound.label(interval), config.toString()));
        ReboundSettings rebound = request.streams().rebound();
        parameters.put("rebound GPU 1h", rebound.gpu().toString());
        parameters.put("rebound GPU 1d", rebound.gpuDaily().toString());
        parameters.put("rebound GPU sold 1mo", rebound.gpuSold().enabled()
                ? rebound.gpuSold().config() + ", min quantity " + rebound.gpuSold().minQuantity() : "off");
        parameters.put("subscriptions", request.subscriptions().stream().map(Subscription::key)
                .collect(Collectors.joining(", ")));
        return parameters;
    }

    static BacktestFinding rebound(ReboundSignal signal) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("peak", signal.peak().toPlainString());
        fields.put("peak_time", signal.peakTime().toString());
        fields.put("trough", signal.trough().toPlainString());
        fields.put("trough_time", signal.troughTime().toString());
        fields.put("drawdown_pct", Double.toString(signal.drawdownPct()));
        fields.put("recovery_pct", Double.toString(signal.recoveryPct()));
        fields.put("confirmations", Integer.toString(signal.confirmations()));
        fields.put("strength", Double.toString(signal.strength()));
        fields.put("drawdown_threshold_pct", Double.toString(signal.thresholds().drawdownPct()));
        fields.put("recovery_threshold_pct", Double.toString(signal.thresholds().recoveryPct()));
        fields.put("confirm_windows", Integer.toString(signal.thresholds().confirmWindows()));
        fields.put("lookback_windows", Integer.toString(signal.thresholds().lookbackWindows()));
        return new BacktestFinding(signal.confirmedAt(), "rebound", signal.subject(), Rebound.label(signal.interval()),
                signal.price(), fields);
    }

    static BacktestFinding capitulation(MinerCapitulation signal) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("instrument", signal.instrument());
        fields.put("profit_usd_per_day", signal.profitUsdPerDay().toPlainString());
        fields.put("revenue_usd_per_day", signal.revenueUsdPerDay().toPlainString());
        fields.put("power_cost_usd_per_day", signal.powerCostUsdPerDay().toPlainString());
        fields.put("break_even_coin_price_usd", signal.breakEvenCoinPriceUsd().toPlainString());
        fields.put("electricity_usd_per_kwh", signal.electricityUsdPerKwh().toPlainString());
        return new BacktestFinding(signal.dayEnd(), "capitulation", "model:" + signal.model(), "1d",
                signal.coinPriceUsd(), fields);
    }

    static BacktestFinding alert(Alert alert) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("alert_id", alert.id());
        fields.put("subscriber", alert.subscriber());
        fields.put("severity", alert.severity().name());
        fields.put("message", alert.message());
        String price = alert.trigger().get("price");
        return new BacktestFinding(alert.eventTime(), "alert:" + alert.rule(), alert.subject(),
                alert.trigger().getOrDefault("interval", ""), price == null ? null : new BigDecimal(price), fields);
    }

    private static void warnUnreadable(long unreadable, Topic<?, ?> topic) {
        if (unreadable > 0) {
            log.warn("{} records of the sandbox's {} could not be read (see the warnings above); the report leaves them out",
                    unreadable, topic.name());
        }
    }

    private void cleanUp(Admin admin, TopicNamespace sandbox, List<String> applications, List<String> replayGroups,
                         Path stateRoot, PrintStream progress) {
        try {
            Set<String> names = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<String> doomed = names.stream().filter(name -> name.startsWith(sandbox.prefix())
                    || applications.stream().anyMatch(id -> name.startsWith(id + "-"))).sorted().toList();
            admin.deleteTopics(doomed).all().get(60, TimeUnit.SECONDS);
            Collection<String> groups = Stream.concat(applications.stream(), replayGroups.stream()).toList();
            admin.deleteConsumerGroups(groups).deletedGroups().forEach((group, future) -> {
                try {
                    future.get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof GroupIdNotFoundException)) {
                        log.warn("Could not delete consumer group {}: {}", group, e.getCause().getMessage());
                    }
                } catch (InterruptedException | TimeoutException e) {
                    log.warn("Could not delete consumer group {}: {}", group, e.toString());
                }
            });
            for (String id : applications) {
                deleteRecursively(stateRoot.resolve(id));
            }
            progress.printf("deleted the sandbox: %d topics, %d consumer groups, local state%n", doomed.size(),
                    groups.size());
        } catch (ExecutionException | TimeoutException e) {
            log.warn("Could not delete the sandbox {}* (delete it with `rigwatch topics`): {}", sandbox.prefix(),
                    e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the backtest's state in " + dir, e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
