package dev.rigwatch.app;

import dev.rigwatch.api.metrics.MetricsServer;
import dev.rigwatch.events.metrics.ProcessMetrics;
import dev.rigwatch.streams.MarketTopology;
import dev.rigwatch.events.TopicNamespace;
import dev.rigwatch.streams.StreamsSettings;
import dev.rigwatch.events.kafka.StreamsStage;
import dev.rigwatch.streams.listing.ListingLifecycleSettings;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code rigwatch streams}: the analytics stage alone (candles, prices, listing lifecycle, GPU statistics, signals). Scale it by running more. */
@Command(name = "streams", mixinStandardHelpOptions = true,
        header = "Run the streams stage: candles, prices, GPU statistics, lifecycle and signals, exactly-once.",
        description = {"Run the streams stage, exactly-once: 1-minute, 1-hour and 1-day candles, the cross-exchange price and",
                "rebound signals from crypto.ticks; the listing lifecycle (NEW, PRICE_CHANGED, GONE, EXPIRED) from gpu.listings.",
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

    @Mixin
    SimulatedClockOption simulatedClock;

    @Mixin
    GpuSignalOptions gpuSignals;

    @Mixin
    MetricsOptions.Streams metrics;

    @Mixin
    InstanceOptions instance;

    @Option(names = "--listing-gone-after", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "2h",
            description = "A listing that complete polls of its query have not seen for this long (event time) is GONE: sold or withdrawn.")
    Duration listingGoneAfter;

    @Option(names = "--listing-expire-after", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "14d",
            description = "A listing not seen for this long (event time) while complete polls of its source went on is EXPIRED, though no poll could prove it gone: a post older than a newest-first feed reads, a query no longer polled. Off the supply, not counted as sold.")
    Duration listingExpireAfter;

    @Option(names = "--listing-check-every", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "30s",
            description = "How often (wall clock) the lifecycle judges newly arrived polls, so listings go GONE even when nothing else arrives.")
    Duration listingCheckEvery;

    StreamsSettings settings() {
        return gpuSignals.applyTo(signals.settings(applicationId, state.forStage("streams"))
                .withLifecycle(new ListingLifecycleSettings(listingGoneAfter, listingExpireAfter, listingCheckEvery)));
    }

    @Override
    public Integer call() {
        StreamsSettings settings = settings();
        PrometheusMeterRegistry meters = ProcessMetrics.prometheus("streams");
        try (MetricsServer metricsServer = metrics.serve(meters);
             Shutdown shutdown = Shutdown.onSignal();
             StreamsStage stage = MarketTopology.stage(kafka.bootstrapServers, settings, TopicNamespace.PRODUCTION, meters,
                     simulatedClock.clock(), instance.properties())) {
            stage.start();
            System.out.println("streams stage " + settings.applicationId() + " running against " + kafka.bootstrapServers
                    + " (rebound " + settings.rebound() + "); Ctrl-C stops it");
            shutdown.await(null);
            System.out.println("stopping the streams stage");
        } finally {
            meters.close();
        }
        return 0;
    }
}
