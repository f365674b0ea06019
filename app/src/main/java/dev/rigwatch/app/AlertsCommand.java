package dev.rigwatch.app;

import dev.rigwatch.alerts.AlertTopology;
import dev.rigwatch.alerts.AlertsSettings;
import dev.rigwatch.streams.StreamsStage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code rigwatch alerts}: the alerting stage alone; {@code rigwatch alerts tail} reads what it writes. */
@Command(name = "alerts", mixinStandardHelpOptions = true,
        description = "Run the alerts stage: turn signals into alerts on the alerts topic, exactly-once.",
        subcommands = AlertsTailCommand.class)
final class AlertsCommand implements Callable<Integer> {

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--application-id", defaultValue = AlertsSettings.DEFAULT_APPLICATION_ID,
            description = "Kafka Streams application id.")
    String applicationId;

    @Mixin
    StateDirOption state;

    @Override
    public Integer call() {
        AlertsSettings settings = new AlertsSettings(applicationId, state.forStage("alerts"),
                AlertsSettings.DEFAULT_COMMIT_INTERVAL);
        try (Shutdown shutdown = Shutdown.onSignal();
             StreamsStage stage = AlertTopology.stage(kafka.bootstrapServers, settings, Clock.systemUTC(), new SimpleMeterRegistry())) {
            stage.start();
            System.out.println("alerts stage " + settings.applicationId() + " running against " + kafka.bootstrapServers
                    + "; `rigwatch alerts tail` shows alerts; Ctrl-C stops it");
            shutdown.await(null);
            System.out.println("stopping the alerts stage");
        }
        return 0;
    }
}
