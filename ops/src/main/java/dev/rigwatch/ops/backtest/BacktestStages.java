package dev.rigwatch.ops.backtest;

import dev.rigwatch.alerts.AlertTopology;
import dev.rigwatch.alerts.AlertsSettings;
import dev.rigwatch.events.kafka.StreamsStage;
import dev.rigwatch.ops.ProgressBar;
import dev.rigwatch.ops.reset.ApplicationTopics;
import dev.rigwatch.streams.MarketTopology;
import dev.rigwatch.streams.StreamsSettings;
import dev.rigwatch.streams.TimeMode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;

/**
 * Runs the production streams and alerts stages in a sandbox under its own application ids, with windows closed by
 * stream time (history has no wall clock), until they have consumed everything the sandbox holds.
 */
final class BacktestStages {

    private static final Duration COMMIT_INTERVAL = Duration.ofMillis(200);
    private static final Duration SETTLE_TIMEOUT = Duration.ofMinutes(10);

    private final String bootstrapServers;
    private final Clock clock;

    BacktestStages(String bootstrapServers, Clock clock) {
        this.bootstrapServers = bootstrapServers;
        this.clock = clock;
    }

    void run(Backtest.Request request, BacktestSandbox sandbox, Admin admin, PrintStream progress,
             BooleanSupplier stopRequested) {
        String streamsId = sandbox.streamsId();
        String alertsId = sandbox.alertsId();
        StreamsSettings streamsSettings = request.streams()
                .withApplicationId(streamsId, request.stateRoot().resolve(streamsId))
                .withCommitInterval(COMMIT_INTERVAL)
                .withTimeMode(TimeMode.STREAM_TIME);
        AlertsSettings alertsSettings = new AlertsSettings(alertsId, request.stateRoot().resolve(alertsId), COMMIT_INTERVAL);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        Instant started = clock.instant();
        try (StreamsStage market = MarketTopology.stage(bootstrapServers, streamsSettings, sandbox.namespace(), meters,
                clock);
             StreamsStage alerts = AlertTopology.stage(bootstrapServers, alertsSettings, sandbox.namespace(), clock,
                     meters)) {
            market.start();
            alerts.start();
            // the topics each reads, so that a partition it has not committed on yet counts as behind
            Map<String, Set<String>> readBy = Map.of(
                    streamsId, ApplicationTopics.of(MarketTopology.build(streamsSettings, sandbox.namespace(), clock)).all(),
                    alertsId, ApplicationTopics.of(AlertTopology.build(sandbox.namespace(), clock)).all());
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
    private static void awaitCaughtUp(Admin admin, Map<String, Set<String>> readBy, PrintStream progress,
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
            long lag = readBy.entrySet().stream().mapToLong(e -> ApplicationLag.of(admin, e.getKey(), e.getValue()))
                    .sum();
            caughtUpInARow = lag == 0 ? caughtUpInARow + 1 : 0;
            mostBehind = Math.max(mostBehind, lag);
            if (System.nanoTime() - lastPrinted > Backtest.PROGRESS_EVERY.toNanos()) {
                progress.printf("  processing %s %,d records behind%n", ProgressBar.of(mostBehind - lag, mostBehind), lag);
                lastPrinted = System.nanoTime();
            }
            sleep(COMMIT_INTERVAL.multipliedBy(2));
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
