package dev.rigwatch.bench;

import dev.rigwatch.alerts.AlertTopology;
import dev.rigwatch.alerts.AlertsSettings;
import dev.rigwatch.bench.BenchResults.PipelineRate;
import dev.rigwatch.events.kafka.ApplicationLag;
import dev.rigwatch.events.kafka.KafkaClients;
import dev.rigwatch.events.kafka.StreamsStage;
import dev.rigwatch.ops.ProgressBar;
import dev.rigwatch.ops.reset.ApplicationTopics;
import dev.rigwatch.streams.MarketTopology;
import dev.rigwatch.streams.StreamsSettings;
import dev.rigwatch.streams.TimeMode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The production market and alerts stages, exactly once with their production commit interval, over a pre-loaded
 * input from earliest until both have committed the end of everything they read. Windows close by stream time, as
 * in a backtest: history has no wall clock.
 */
final class PipelineThroughput {

    private static final Duration LOOK_EVERY = Duration.ofMillis(250);
    private static final Duration TIMEOUT = Duration.ofMinutes(30);

    private PipelineThroughput() {
    }

    /** @param stateRoot where the stages' state goes (under the run's application ids) */
    static PipelineRate measure(String bootstrap, Preload.Loaded input, Path stateRoot, PrintStream progress) {
        String streamsId = "rigwatch-bench-" + input.ns().prefix().replace(".", "");
        String alertsId = streamsId + "-alerts";
        StreamsSettings streamsSettings = StreamsSettings.defaults()
                .withApplicationId(streamsId, stateRoot.resolve(streamsId))
                .withTimeMode(TimeMode.STREAM_TIME);
        AlertsSettings alertsSettings = new AlertsSettings(alertsId, stateRoot.resolve(alertsId),
                AlertsSettings.DEFAULT_COMMIT_INTERVAL);
        Clock clock = Clock.systemUTC();
        Map<String, Set<String>> readBy = Map.of(
                streamsId, ApplicationTopics.of(MarketTopology.build(streamsSettings, input.ns(), clock)).all(),
                alertsId, ApplicationTopics.of(AlertTopology.build(input.ns(), clock)).all());
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        long started = System.nanoTime();
        long cpuStarted = ProcessCpu.nanos();
        try (Admin admin = Admin.create(KafkaClients.admin(bootstrap));
             StreamsStage market = MarketTopology.stage(bootstrap, streamsSettings, input.ns(), meters, clock);
             StreamsStage alerts = AlertTopology.stage(bootstrap, alertsSettings, input.ns(), clock, meters)) {
            market.start();
            alerts.start();
            long total = input.ticks() + input.listings();
            long[] lastPrinted = {System.nanoTime()};
            long[] mostBehind = {0};
            ApplicationLag.awaitCaughtUp(admin, readBy, LOOK_EVERY, TIMEOUT, lag -> {
                mostBehind[0] = Math.max(mostBehind[0], lag);
                if (System.nanoTime() - lastPrinted[0] > Bench.PROGRESS_EVERY.toNanos()) {
                    double seconds = (System.nanoTime() - started) / 1e9;
                    progress.printf("  processing %s %,d records behind, %.0f s%n",
                            ProgressBar.of(mostBehind[0] - lag, mostBehind[0]), lag, seconds);
                    lastPrinted[0] = System.nanoTime();
                }
            }, () -> false);
            double seconds = (System.nanoTime() - started) / 1e9;
            double cpuSeconds = (ProcessCpu.nanos() - cpuStarted) / 1e9;
            return new PipelineRate(input.instruments(), input.ticks(), input.listings(), seconds, cpuSeconds,
                    total / seconds, 0,
                    StreamsConfig.EXACTLY_ONCE_V2, streamsSettings.commitInterval().toMillis());
        }
    }
}
