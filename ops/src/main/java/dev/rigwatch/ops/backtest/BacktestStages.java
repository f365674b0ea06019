package dev.rigwatch.ops.backtest;

import dev.rigwatch.alerts.AlertTopology;
import dev.rigwatch.alerts.AlertsSettings;
import dev.rigwatch.events.kafka.ApplicationLag;
import dev.rigwatch.events.kafka.StreamsStage;
import dev.rigwatch.ops.CatchUpProgress;
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

    /** The stages' production interval: a shorter one made a year of minute ticks spend most of its time committing. */
    private static final Duration COMMIT_INTERVAL = StreamsSettings.DEFAULT_COMMIT_INTERVAL;
    /** How long the stages may commit nothing while records are behind before the backtest gives up. */
    private static final Duration STALL_TIMEOUT = Duration.ofMinutes(5);
    /** How often the lag is looked at: cheap, and the end of a short backtest is seen within this of its last commit. */
    private static final Duration LOOK_EVERY = Duration.ofMillis(500);

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

    /** Waits until both applications have caught up, printing progress now and then. */
    private static void awaitCaughtUp(Admin admin, Map<String, Set<String>> readBy, PrintStream progress,
                                      BooleanSupplier stopRequested) {
        try {
            ApplicationLag.awaitCaughtUp(admin, readBy, LOOK_EVERY, STALL_TIMEOUT,
                    new CatchUpProgress(progress, "processing", Backtest.PROGRESS_EVERY), stopRequested);
        } catch (IllegalStateException e) {
            throw new IllegalStateException("the backtest: " + e.getMessage(), e);
        }
    }
}
