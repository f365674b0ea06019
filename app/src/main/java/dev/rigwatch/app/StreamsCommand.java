package dev.rigwatch.app;

import dev.rigwatch.streams.StreamsSettings;
import dev.rigwatch.streams.StreamsStage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code rigwatch streams}: the analytics stage alone (candles, rebound signals). Scale it by running more. */
@Command(name = "streams", mixinStandardHelpOptions = true,
        description = {"Run the streams stage: 1-minute candles and rebound signals from crypto.ticks, exactly-once.",
                "Run more instances with the same application id to share the work."})
final class StreamsCommand implements Callable<Integer> {

    @Mixin
    KafkaOptions kafka;

    @Mixin
    SignalOptions signals;

    @Option(names = "--application-id", defaultValue = StreamsSettings.DEFAULT_APPLICATION_ID,
            description = "Kafka Streams application id: instances with the same id share the work.")
    String applicationId;

    @Mixin
    StateDirOption state;

    @Override
    public Integer call() {
        StreamsSettings settings = signals.settings(applicationId, state.forStage("streams"));
        try (Shutdown shutdown = Shutdown.onSignal();
             StreamsStage stage = StreamsStage.market(kafka.bootstrapServers, settings, new SimpleMeterRegistry())) {
            stage.start();
            System.out.println("streams stage " + settings.applicationId() + " running against " + kafka.bootstrapServers
                    + " (rebound D=" + settings.rebound().drawdownPct() + "%, R=" + settings.rebound().recoveryPct()
                    + "%); Ctrl-C stops it");
            shutdown.await(null);
            System.out.println("stopping the streams stage");
        }
        return 0;
    }
}
