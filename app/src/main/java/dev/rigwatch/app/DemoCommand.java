package dev.rigwatch.app;

import dev.rigwatch.ingest.ListingSettings;
import dev.rigwatch.ingest.listing.ebay.EbaySettings;
import dev.rigwatch.ingest.listing.reddit.HardwareswapSettings;
import dev.rigwatch.simulator.EbayAuth;
import dev.rigwatch.simulator.SimulatedGpu;
import dev.rigwatch.events.SupplyTightness;
import dev.rigwatch.streams.StreamsSettings;
import dev.rigwatch.streams.gpu.GpuStatsSettings;
import dev.rigwatch.streams.listing.ListingLifecycleSettings;
import dev.rigwatch.streams.signal.rebound.ReboundConfig;
import dev.rigwatch.streams.signal.tightness.TightnessSettings;
import dev.rigwatch.streams.signal.tightness.TightnessWeights;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import dev.rigwatch.alerts.AlertsSettings;
import dev.rigwatch.broker.KafkaTarget;
import dev.rigwatch.events.Topics;
import dev.rigwatch.events.kafka.KafkaClients;
import dev.rigwatch.events.kafka.TopicAdmin;
import dev.rigwatch.ingest.IngestSettings;
import dev.rigwatch.simulator.SimulatedMarket;
import dev.rigwatch.api.ApiSettings;
import dev.rigwatch.api.ApiStage;
import dev.rigwatch.events.TopicNamespace;
import dev.rigwatch.events.metrics.ProcessMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
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
        header = "Run the whole pipeline on an embedded broker and simulated markets; print alerts as they fire.",
        description = {"Run the whole pipeline in one process: an embedded Kafka broker (or KAFKA_BOOTSTRAP_SERVERS),",
                "the market simulator, ingest, streams and alerts. Prints progress and every alert as it fires."})
final class DemoCommand implements Callable<Integer> {

    /** How often the demo's listing lifecycle looks for gone listings, in real time. */
    private static final Duration LIFECYCLE_CHECK = Duration.ofSeconds(2);

    /**
     * The GPU statistics in the demo: "hourly" rows of 2 simulated minutes (2 s at 60x, one listing poll), so the
     * scripted hour gives 30 rows per model rather than one; their grace of 4 minutes covers a GONE, which is stamped
     * with the start of the poll that proved it and written after that poll and the next lifecycle check (3 minutes
     * let about one GONE a run come late); windows close on a check every second.
     */
    static final GpuStatsSettings GPU_STATS = new GpuStatsSettings(Duration.ofMinutes(2), Duration.ofMinutes(4),
            GpuStatsSettings.DEFAULT_DAILY_GRACE, Duration.ofSeconds(1), GpuStatsSettings.DEFAULT_SKETCH_K);

    /**
     * Tightness against the last 15 rows (30 simulated minutes: during the squeeze that is the flood), an index once
     * 5 are there; the market waits one window past a window's end for the models' indices.
     */
    static final TightnessSettings TIGHTNESS = new TightnessSettings(15, 5, TightnessWeights.defaults(), Map.of(),
            GPU_STATS.hourlyWindow(), Duration.ofSeconds(1));

    /**
     * The GPU rebound on 2-minute medians of the open listings: D 10 %, R 10 %, N 2, lookback 30 windows (an hour).
     * The medians lag the simulator's asking prices (0.8x in the flood, 1.1x in the squeeze), because the listings
     * open at a window's end are mostly older ones: in demo runs the RTX 3090's fell from $790 to $645-$680 (13-18 %)
     * by the squeeze and came back to $825 within it, while the flood's noise between windows stays under 5 %.
     */
    static final ReboundConfig GPU_REBOUND = new ReboundConfig(10, 10, 2, 30);

    /** How long the demo waits, once stopped, to read the records the stages' last commits wrote. */
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(15);

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

    @Option(names = "--transport", paramLabel = "MODE", split = ",", defaultValue = "rest",
            description = "How ingest reads the simulated exchanges (MODE rest or ws, or EXCHANGE=rest|ws): rest polls their tickers every --interval; ws "
                    + "subscribes to their WebSocket feeds (every trade), outages repaired from their REST candles. "
                    + "One value for all, or per exchange, e.g. kraken=ws (default ${DEFAULT-VALUE}).")
    List<String> transport;

    @Mixin
    SignalOptions signals;

    @Option(names = "--api-port", defaultValue = "8088",
            description = "Port of the dashboard and its API on 127.0.0.1 (default ${DEFAULT-VALUE}; 0 picks a free port).")
    int apiPort;

    @Mixin
    QuietConsoleOptions console;

    @Override
    public Integer call() {
        Clock clock = Clock.systemUTC();
        Instant started = clock.instant();
        console.apply("demo", started);
        Path stateDir = tempDir();
        try (Shutdown shutdown = Shutdown.onSignal();
             KafkaTarget kafka = KafkaTarget.resolve(kafkaPort, null)) {
            String bootstrap = kafka.bootstrapServers();
            System.out.println("rigwatch demo: " + kafka);
            System.out.println("  subscribe from another terminal:  KAFKA_BOOTSTRAP_SERVERS=" + bootstrap + " ./rigwatch alerts tail");
            try (Admin admin = Admin.create(KafkaClients.admin(bootstrap))) {
                new TopicAdmin(admin).ensure(Topics.all());
            }
            run(shutdown, bootstrap, simulator.market(clock), clock, started, stateDir);
        } finally {
            deleteQuietly(stateDir);
        }
        return 0;
    }

    /**
     * Runs the pipeline until the duration or Ctrl-C, then stops it, reads what its last commits wrote and prints
     * the summary last, so no alert or tightness line comes after it.
     */
    private void run(Shutdown shutdown, String bootstrap, SimulatedMarket market, Clock clock, Instant started,
                     Path stateDir) {
        GpuWindows gpuWindows = new GpuWindows();
        PrometheusMeterRegistry meters = ProcessMetrics.prometheus("demo");
        try (PipelineMonitor monitor = new PipelineMonitor(bootstrap,
                alert -> System.out.println("ALERT  " + AlertsTailCommand.format(alert)),
                gpuWindows::row,
                tightness -> {
                    if (tightness.scope().equals(SupplyTightness.MARKET)) {
                        System.out.println(gpuWindows.line(tightness));
                    }
                })) {
            Pipeline pipeline = Pipeline.start(bootstrap, market, simulatorPort, simulator.faults, simulator.wsFaults,
                    Transports.parse(transport), IngestSettings.defaults().withInterval(interval).withListings(simulatedListings()),
                    streamsSettings(stateDir),
                    new AlertsSettings("rigwatch-demo-alerts", stateDir.resolve("alerts-state"),
                            AlertsSettings.DEFAULT_COMMIT_INTERVAL),
                    meters, clock);
            try (pipeline;
                 ApiStage api = ApiStage.start(bootstrap, ApiSettings.defaults(stateDir.resolve("api-state"))
                         .withPort(apiPort).withApplicationId("rigwatch-demo-api"), TopicNamespace.PRODUCTION, meters)) {
                System.out.println("  dashboard:  " + api.url() + "   (API under " + api.url() + "api/, metrics at "
                        + api.url() + "metrics)");
                System.out.println(settingsLine(pipeline, market));
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
            }
            if (!monitor.drain(DRAIN_TIMEOUT)) {
                System.out.println("(the last records were not all read within " + DRAIN_TIMEOUT.toSeconds()
                        + " s; the summary may miss some)");
            }
            System.out.println("demo finished: " + progressLine(clock, started, market, pipeline, monitor));
        }
    }

    private String settingsLine(Pipeline pipeline, SimulatedMarket market) {
        return "  simulator at " + pipeline.simulator().baseUrl() + ", simulated time from "
                + market.clock().start() + " at " + market.clock().speed() + "x; rebound rule on 1-minute closes D="
                + signals.drawdownPct + "% R=" + signals.recoveryPct + "% held " + signals.confirmWindows
                + " closes; GPU market rows every " + GPU_STATS.hourlyWindow().toMinutes()
                + " simulated minutes, rebound on their medians D=" + GPU_REBOUND.drawdownPct() + "% R="
                + GPU_REBOUND.recoveryPct() + "% held " + GPU_REBOUND.confirmWindows()
                + " windows; ticks by " + String.join(",", transport) + "; simulator faults: " + simulator.faults
                + ", WebSocket faults: " + simulator.wsFaults
                + (duration == null ? "; Ctrl-C stops" : "; running for " + duration.toSeconds() + " s");
    }

    private StreamsSettings streamsSettings(Path stateDir) {
        StreamsSettings settings = signals.settings("rigwatch-demo-streams", stateDir.resolve("streams-state"));
        return settings.withLifecycle(new ListingLifecycleSettings(listingGoneAfter,
                        Collections.max(List.of(listingGoneAfter, ListingLifecycleSettings.DEFAULT_EXPIRE_AFTER)), LIFECYCLE_CHECK))
                .withGpuStats(GPU_STATS)
                .withTightness(TIGHTNESS)
                .withRebound(settings.rebound().withGpu(GPU_REBOUND));
    }

    private static String progressLine(Clock clock, Instant started, SimulatedMarket market, Pipeline pipeline,
                                       PipelineMonitor monitor) {
        var ingest = pipeline.ingest().stats();
        return String.format("[%4ds] simulated %s UTC | ticks %d (repeats %d, failed polls %d, reconnects %d) | candles %d | signals %d | alerts %d | rejects %d | dead letters %d",
                Duration.between(started, clock.instant()).toSeconds(), SIM_TIME.format(market.clock().now()),
                monitor.count(Topics.CRYPTO_TICKS), ingest.ticksUnchanged(), ingest.pollsFailed(), ingest.reconnects(),
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
