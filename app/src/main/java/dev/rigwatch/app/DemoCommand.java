package dev.rigwatch.app;

import dev.rigwatch.events.GpuMarketStats;
import dev.rigwatch.events.ListingLifecycle.Change;
import dev.rigwatch.ingest.ListingSettings;
import dev.rigwatch.ingest.listing.ebay.EbaySettings;
import dev.rigwatch.ingest.listing.reddit.HardwareswapSettings;
import dev.rigwatch.simulator.EbayAuth;
import dev.rigwatch.simulator.ListingMarket;
import dev.rigwatch.simulator.SimulatedGpu;
import dev.rigwatch.streams.listing.ListingLifecycleSettings;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import dev.rigwatch.alerts.AlertsSettings;
import dev.rigwatch.broker.KafkaTarget;
import dev.rigwatch.events.Topics;
import dev.rigwatch.events.kafka.KafkaClients;
import dev.rigwatch.events.kafka.TopicAdmin;
import dev.rigwatch.ingest.IngestSettings;
import dev.rigwatch.simulator.SimulatedMarket;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.utils.Utils;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code rigwatch demo}: broker, simulator, ingest, streams and alerts in one process. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run the whole pipeline in one process: an embedded Kafka broker (or KAFKA_BOOTSTRAP_SERVERS),",
                "the market simulator, ingest, streams and alerts. Prints progress and every alert as it fires."})
final class DemoCommand implements Callable<Integer> {

    /** How often the demo's listing lifecycle looks for gone listings, in real time. */
    private static final Duration LIFECYCLE_CHECK = Duration.ofSeconds(2);

    private static final DateTimeFormatter SIM_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    @Option(names = "--kafka-port", defaultValue = "9092",
            description = "Port of the embedded broker on 127.0.0.1 (default ${DEFAULT-VALUE}; 0 picks a free port). Ignored when KAFKA_BOOTSTRAP_SERVERS is set.")
    int kafkaPort;

    @Option(names = "--duration", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Stop after this long, e.g. 90s (default: run until Ctrl-C).")
    Duration duration;

    @Option(names = "--simulator-port", defaultValue = "0",
            description = "Port of the market simulator (default ${DEFAULT-VALUE}: a free port).")
    int simulatorPort;

    @Option(names = "--interval", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "200ms",
            description = "Pause between two polls of one product (default ${DEFAULT-VALUE}: several ticks per simulated minute at 60x).")
    Duration interval;

    @Option(names = "--listing-interval", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "2s",
            description = "How often the simulated eBay searches (one per model) and r/hardwareswap are polled (default ${DEFAULT-VALUE}: two simulated minutes at 60x).")
    Duration listingInterval;

    @Option(names = "--listing-gone-after", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "5m",
            description = "A listing complete polls have not seen for this long (simulated time) is GONE (default ${DEFAULT-VALUE}; the simulated squeeze sells cards within minutes).")
    Duration listingGoneAfter;

    @Option(names = "--progress", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "5s",
            description = "How often to print a progress line (default ${DEFAULT-VALUE}).")
    Duration progress;

    @Mixin
    SimulatorOptions simulator;

    @Mixin
    SignalOptions signals;

    @Override
    public Integer call() {
        Clock clock = Clock.systemUTC();
        Instant started = clock.instant();
        Path stateDir = tempDir();
        try (Shutdown shutdown = Shutdown.onSignal();
             KafkaTarget kafka = KafkaTarget.resolve(kafkaPort, null)) {
            String bootstrap = kafka.bootstrapServers();
            System.out.println("rigwatch demo: " + kafka);
            System.out.println("  subscribe from another terminal:  KAFKA_BOOTSTRAP_SERVERS=" + bootstrap + " ./rigwatch alerts tail");
            try (Admin admin = Admin.create(KafkaClients.admin(bootstrap))) {
                new TopicAdmin(admin).ensure(Topics.all());
            }
            SimulatedMarket market = simulator.market(clock);
            try (PipelineMonitor monitor = new PipelineMonitor(bootstrap,
                         alert -> System.out.println("ALERT  " + AlertsTailCommand.format(alert)),
                         stats -> {
                             if (GpuProgress.SHOWN.contains(stats.subject())) {
                                 System.out.println(GpuProgress.hour(stats));
                             }
                         });
                 Pipeline pipeline = Pipeline.start(bootstrap, market, simulatorPort, simulator.faults,
                         IngestSettings.defaults().withInterval(interval).withListings(simulatedListings()),
                         signals.settings("rigwatch-demo-streams", stateDir.resolve("streams-state"))
                                 .withLifecycle(new ListingLifecycleSettings(listingGoneAfter, LIFECYCLE_CHECK)),
                         new AlertsSettings("rigwatch-demo-alerts", stateDir.resolve("alerts-state"),
                                 AlertsSettings.DEFAULT_COMMIT_INTERVAL),
                         new SimpleMeterRegistry(), clock)) {
                System.out.println("  simulator at " + pipeline.simulator().baseUrl() + ", simulated time from "
                        + market.clock().start() + " at " + market.clock().speed() + "x; rebound rule on 1-minute closes D="
                        + signals.drawdownPct + "% R=" + signals.recoveryPct + "% held " + signals.confirmWindows
                        + " closes; simulator faults: " + simulator.faults
                        + (duration == null ? "; Ctrl-C stops" : "; running for " + duration.toSeconds() + " s"));
                GpuProgress listings = new GpuProgress(market.clock().now());
                Instant end = duration == null ? null : started.plus(duration);
                while (!shutdown.requested() && (end == null || clock.instant().isBefore(end))) {
                    Duration wait = end == null ? progress : min(progress, Duration.between(clock.instant(), end));
                    if (shutdown.await(wait)) {
                        break;
                    }
                    System.out.println(progressLine(clock, started, market, pipeline, monitor));
                    System.out.println(listings.line(market.clock().now(), pipeline.simulator().listings(), monitor));
                }
                System.out.println("stopping: flushing ticks, committing streams, stopping the broker");
                System.out.println("demo finished: " + progressLine(clock, started, market, pipeline, monitor));
            }
        } finally {
            deleteQuietly(stateDir);
        }
        return 0;
    }

    private static String progressLine(Clock clock, Instant started, SimulatedMarket market, Pipeline pipeline,
                                       PipelineMonitor monitor) {
        var ingest = pipeline.ingest().stats();
        return String.format("[%4ds] simulated %s UTC | ticks %d (repeats %d, failed polls %d) | candles %d | signals %d | alerts %d | rejects %d | dead letters %d",
                Duration.between(started, clock.instant()).toSeconds(), SIM_TIME.format(market.clock().now()),
                monitor.count(Topics.CRYPTO_TICKS), ingest.ticksUnchanged(), ingest.pollsFailed(),
                monitor.count(Topics.CRYPTO_CANDLES_1M), monitor.count(Topics.SIGNALS_REBOUND),
                monitor.count(Topics.ALERTS), monitor.count(Topics.INGEST_REJECTS), monitor.count(Topics.STREAMS_DEAD_LETTER));
    }

    /**
     * The simulator's eBay (one search per simulated model, its credentials) and r/hardwareswap, polled every
     * {@code --listing-interval}; the base URL is set when the simulator has started.
     */
    private ListingSettings simulatedListings() {
        List<String> queries = SimulatedGpu.defaults().stream()
                .map(gpu -> gpu.model().toLowerCase(Locale.ROOT)).toList();
        return ListingSettings.none()
                .withEbay(EbaySettings.defaults(EbayAuth.DEFAULTS.clientId(), EbayAuth.DEFAULTS.clientSecret(), queries),
                        listingInterval)
                .withHardwareswap(HardwareswapSettings.defaults(), listingInterval);
    }

    /** The used-GPU side of the progress: listings per simulated minute and open supply against the simulator's truth. */
    private static final class GpuProgress {

        static final List<String> SHOWN = List.of("RTX 3090", "RTX 4090", "RX 6800 XT", "RTX 3060");
        private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

        private Instant lastSimTime;
        private long lastNew;

        GpuProgress(Instant simStart) {
            this.lastSimTime = simStart;
        }

        /** An hourly market row: {@code GPU HOUR 17:00-18:00 RTX 3090: open 27, new 61, gone 45, ...}. */
        static String hour(GpuMarketStats stats) {
            return String.format("GPU HOUR %s-%s %s: open %d, new %d, gone %d, price changes %d | asking p25/median/p75 $%.0f/$%.0f/$%.0f = %.2fx MSRP | median %.1f h on market",
                    HOUR.format(stats.windowStart()), HOUR.format(stats.windowEnd()), stats.subject(),
                    stats.activeSupply(), stats.newListings(), stats.goneListings(), stats.priceChanges(),
                    orNaN(stats.p25PriceUsd()), orNaN(stats.medianPriceUsd()), orNaN(stats.p75PriceUsd()),
                    orNaN(stats.medianPriceToMsrp()), orNaN(stats.medianDaysOnMarket()) * 24);
        }

        private static double orNaN(Double value) {
            return value == null ? Double.NaN : value;
        }

        String line(Instant simNow, ListingMarket truth, PipelineMonitor monitor) {
            long newListings = monitor.listingChanges(Change.NEW);
            double simMinutes = Duration.between(lastSimTime, simNow).toMillis() / 60_000.0;
            double perMinute = simMinutes <= 0 ? 0 : (newListings - lastNew) / simMinutes;
            lastSimTime = simNow;
            lastNew = newListings;
            String supply = SHOWN.stream()
                    .map(model -> model + " " + monitor.activeSupply(model) + "/" + truth.activeListings(model, simNow).size())
                    .collect(Collectors.joining(", "));
            return String.format("       gpu | observed %d | new %d (%.1f per simulated minute) | price changes %d | gone %d | open supply, rigwatch/simulator: %s",
                    monitor.listingsObserved(), newListings, perMinute, monitor.listingChanges(Change.PRICE_CHANGED),
                    monitor.listingChanges(Change.GONE), supply);
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("rigwatch-demo-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the demo's state directory", e);
        }
    }

    private static void deleteQuietly(Path dir) {
        try {
            Utils.delete(dir.toFile());
        } catch (IOException e) {
            System.err.println("could not delete the demo's state directory " + dir + ": " + e.getMessage());
        }
    }
}
