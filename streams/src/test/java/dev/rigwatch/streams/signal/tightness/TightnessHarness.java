package dev.rigwatch.streams.signal.tightness;

import dev.rigwatch.testing.MutableClock;
import dev.rigwatch.events.GpuMarketStats;
import dev.rigwatch.events.SupplyTightness;
import dev.rigwatch.events.TopicNamespace;
import dev.rigwatch.events.Topics;
import dev.rigwatch.events.kafka.StreamsStage;
import dev.rigwatch.streams.TimeMode;
import dev.rigwatch.streams.signal.SignalCounter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * The tightness topology in a {@link TopologyTestDriver} configured like {@link StreamsStage}, with hourly rows of
 * {@code gpu.stats.1h} from {@link #H0}. The driver's wall clock (which only triggers the market's check) and the
 * injected clock (which the check reads) are separate, and both unrelated to the rows' event time.
 */
final class TightnessHarness implements AutoCloseable {

    static final Instant H0 = Instant.parse("2026-03-02T00:00:00Z");

    final TightnessSettings settings;
    final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
    /** Where the signals written are counted. */
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final TopologyTestDriver driver;
    final TestInputTopic<String, GpuMarketStats> stats;
    final TestOutputTopic<String, SupplyTightness> signals;

    TightnessHarness(Path stateDir, TightnessSettings settings) {
        this(stateDir, settings, TimeMode.WALL_CLOCK);
    }

    TightnessHarness(Path stateDir, TightnessSettings settings, TimeMode timeMode) {
        this.settings = settings;
        StreamsBuilder builder = new StreamsBuilder();
        SupplyTightnessTopology.addTo(builder, TopicNamespace.PRODUCTION, settings, clock, timeMode,
                new SignalCounter(meters));
        driver = new TopologyTestDriver(builder.build(),
                StreamsStage.properties("localhost:9", "rigwatch-tightness-test", stateDir, Duration.ofMillis(100),
                        TopicNamespace.PRODUCTION),
                Instant.parse("2030-01-01T00:00:00Z"));
        stats = driver.createInputTopic(Topics.GPU_STATS_1H.name(), Topics.GPU_STATS_1H.keySerde().serializer(),
                Topics.GPU_STATS_1H.valueSerde().serializer());
        signals = driver.createOutputTopic(Topics.SIGNALS_TIGHTNESS.name(),
                Topics.SIGNALS_TIGHTNESS.keySerde().deserializer(), Topics.SIGNALS_TIGHTNESS.valueSerde().deserializer());
    }

    /** Pipes an hourly model row as the stats topology writes it: keyed by model, stamped with the hour's end. */
    void pipe(GpuMarketStats row) {
        stats.pipeInput(row.key(), row, row.windowEnd());
    }

    /** Lets one check interval of wall-clock time pass, so the market's check runs once. */
    void check() {
        driver.advanceWallClockTime(settings.checkEvery());
    }

    /** A task metric of the tightness topology, summed over tasks. */
    double metric(String name) {
        return driver.metrics().entrySet().stream()
                .filter(e -> e.getKey().name().equals(name) && e.getKey().group().equals("stream-tightness-metrics"))
                .mapToDouble(e -> (Double) e.getValue().metricValue())
                .sum();
    }

    /**
     * The row of {@code model} for hour {@code hour} (0 = {@link #H0}); the price quantiles, irrelevant here, are
     * left out.
     */
    static GpuMarketStats row(String model, int hour, long active, long fresh, long gone, Double daysOnMarket,
                              Double priceToMsrp) {
        Instant start = H0.plus(Duration.ofHours(hour));
        return new GpuMarketStats(GpuMarketStats.VERSION, GpuMarketStats.MODEL, model, Duration.ofHours(1), start,
                start.plus(Duration.ofHours(1)), active, fresh, gone, 0, null, null, null, 0.0133, daysOnMarket,
                priceToMsrp);
    }

    static Instant hourEnd(int hour) {
        return H0.plus(Duration.ofHours(hour + 1));
    }

    /** The signals counted as written ({@code rigwatch.signals}, type {@code tightness}). */
    double signalsCounted() {
        return meters.get(SignalCounter.METER).tag("type", SignalCounter.TIGHTNESS).counter().count();
    }

    @Override
    public void close() {
        driver.close();
    }
}
