package dev.rigwatch.bench;

import dev.rigwatch.alerts.AlertTopology;
import dev.rigwatch.alerts.AlertsSettings;
import dev.rigwatch.bench.BenchResults.PipelineRate;
import dev.rigwatch.events.kafka.ApplicationLag;
import dev.rigwatch.events.kafka.KafkaClients;
import dev.rigwatch.events.kafka.StreamsStage;
import dev.rigwatch.ops.CatchUpProgress;
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
    /** How long the stage may commit nothing while records are behind before the run gives up. */
    private static final Duration STALL_TIMEOUT = Duration.ofMinutes(5);

    private PipelineThroughput() {
    }

    /**
     * @param stateRoot       where the stages' state goes (under the run's application ids)
     * @param rawConsumeRate  the same run's raw consume rate, records/s: the ratio's denominator
     */
    static PipelineRate measure(String bootstrap, Preload.Loaded input, Path stateRoot, double rawConsumeRate,
                                PrintStream progress) {
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
            ApplicationLag.awaitCaughtUp(admin, readBy, LOOK_EVERY, STALL_TIMEOUT,
                    new CatchUpProgress(progress, "processing", Bench.PROGRESS_EVERY), () -> false);
            double seconds = (System.nanoTime() - started) / 1e9;
            double cpuSeconds = (ProcessCpu.nanos() - cpuStarted) / 1e9;
            double rate = total / seconds;
            return new PipelineRate(input.instruments(), input.ticks(), input.listings(), seconds, cpuSeconds, rate,
                    rate / rawConsumeRate, StreamsConfig.EXACTLY_ONCE_V2, streamsSettings.commitInterval().toMillis());
        }
    }
}
