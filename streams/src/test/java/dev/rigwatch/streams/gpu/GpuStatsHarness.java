package dev.rigwatch.streams.gpu;

import dev.rigwatch.testing.MutableClock;
import dev.rigwatch.events.GpuMarketStats;
import dev.rigwatch.events.ListingLifecycle;
import dev.rigwatch.events.ListingLifecycle.Change;
import dev.rigwatch.events.ListingState;
import dev.rigwatch.events.Topic;
import dev.rigwatch.events.TopicNamespace;
import dev.rigwatch.events.Topics;
import dev.rigwatch.events.gpu.GpuCatalogue;
import dev.rigwatch.events.kafka.StreamsStage;
import dev.rigwatch.streams.TimeMode;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * The GPU statistics topology in a {@link TopologyTestDriver}, configured like {@link StreamsStage}, with the default
 * settings (grace 5 min hourly, 30 min daily; checked every 30 s of wall clock) unless given others, the shipped catalogue (RTX 3080 MSRP
 * 699 USD, RTX 3090 1499 USD, both GeForce RTX 30; RX 6700 XT 479 USD, Radeon RX 6000) and a settable injected
 * clock. Fixtures: eBay listings, each change piped with its event time as the record timestamp.
 */
final class GpuStatsHarness implements AutoCloseable {

    static final String RTX_3080 = "RTX 3080";
    static final String RTX_3090 = "RTX 3090";
    static final String RX_6700_XT = "RX 6700 XT";
    static final String RTX_30 = "GeForce RTX 30";
    static final String RX_6000 = "Radeon RX 6000";
    static final String SOURCE = "ebay";

    final GpuStatsSettings settings;
    final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T00:00:00Z"));
    final TopologyTestDriver driver;
    final TestInputTopic<String, ListingLifecycle> lifecycle;
    final TestOutputTopic<String, GpuMarketStats> hourly;
    final TestOutputTopic<String, GpuMarketStats> daily;
    final TestOutputTopic<byte[], byte[]> deadLetters;

    GpuStatsHarness(Path stateDir) {
        this(stateDir, GpuStatsSettings.defaults());
    }

    GpuStatsHarness(Path stateDir, GpuStatsSettings settings) {
        this(stateDir, settings, TimeMode.WALL_CLOCK);
    }

    GpuStatsHarness(Path stateDir, GpuStatsSettings settings, TimeMode timeMode) {
        this.settings = settings;
        // the driver's wall clock only triggers the checks, so it is unrelated to the injected clock on purpose
        driver = new TopologyTestDriver(
                GpuStatsTopology.build(TopicNamespace.PRODUCTION, settings, GpuCatalogue.load(), clock, timeMode),
                StreamsStage.properties("localhost:9", "rigwatch-gpu-stats-test", stateDir, Duration.ofMillis(100),
                        TopicNamespace.PRODUCTION),
                Instant.parse("2030-01-01T00:00:00Z"));
        Topic<String, ListingLifecycle> changes = Topics.GPU_LISTING_LIFECYCLE;
        lifecycle = driver.createInputTopic(changes.name(), changes.keySerde().serializer(),
                changes.valueSerde().serializer());
        hourly = output(Topics.GPU_STATS_1H);
        daily = output(Topics.GPU_STATS_1D);
        deadLetters = driver.createOutputTopic(Topics.STREAMS_DEAD_LETTER.name(),
                Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer());
    }

    private TestOutputTopic<String, GpuMarketStats> output(Topic<String, GpuMarketStats> topic) {
        return driver.createOutputTopic(topic.name(), topic.keySerde().deserializer(), topic.valueSerde().deserializer());
    }

    void pipe(ListingLifecycle... changes) {
        for (ListingLifecycle change : changes) {
            lifecycle.pipeInput(change.key(), change, change.at());
        }
    }

    /** Sets the injected clock to {@code now}, then lets one check interval of wall clock pass, so the check runs. */
    void checkAt(Instant now) {
        clock.set(now);
        driver.advanceWallClockTime(settings.checkEvery());
    }

    /** The rows written to {@code topic} since the last call, by key; fails on a key written twice. */
    static Map<String, GpuMarketStats> rowsByKey(TestOutputTopic<String, GpuMarketStats> topic) {
        List<KeyValue<String, GpuMarketStats>> rows = topic.readKeyValuesToList();
        return rows.stream().collect(Collectors.toMap(kv -> kv.key, kv -> kv.value, (a, b) -> {
            throw new AssertionError("two rows for " + a.key() + ": " + a + " and " + b);
        }, TreeMap::new));
    }

    /** The sum over tasks of the late-change metric of the window labelled {@code label}. */
    double lateChanges(String label) {
        return driver.metrics().entrySet().stream()
                .filter(e -> e.getKey().name().equals("late-lifecycle-changes-" + label + "-total")
                        && e.getKey().group().equals("stream-gpu-stats-metrics"))
                .mapToDouble(e -> (Double) e.getValue().metricValue())
                .sum();
    }

    @Override
    public void close() {
        driver.close();
    }

    /**
     * Listing {@code id} of {@code model} at {@code priceUsd}: listed on the marketplace at {@code listedAt} (null when
     * the source does not say), seen from {@code firstSeenAt} to {@code lastSeenAt}.
     */
    static ListingState listing(String id, String model, String priceUsd, Instant listedAt, Instant firstSeenAt,
                                Instant lastSeenAt) {
        String family = model.startsWith("RTX") ? RTX_30 : RX_6000;
        BigDecimal price = new BigDecimal(priceUsd);
        return new ListingState(SOURCE, id, model.toLowerCase(), model, family, "Used " + model + " " + id,
                "https://www.ebay.com/itm/" + id, price, "USD", price, false, listedAt, firstSeenAt, lastSeenAt);
    }

    /** Listing {@code id} first seen at {@code at}, listed on the marketplace at {@code listedAt}. */
    static ListingLifecycle listed(String id, String model, String priceUsd, Instant listedAt, Instant at) {
        return new ListingLifecycle(ListingLifecycle.VERSION, Change.NEW, at, null,
                listing(id, model, priceUsd, listedAt, at, at));
    }

    /** Listing {@code id} first seen at {@code at}, listed then too. */
    static ListingLifecycle listed(String id, String model, String priceUsd, Instant at) {
        return listed(id, model, priceUsd, at, at);
    }

    /** Listing {@code id}, listed and first seen at {@code listedAt}, seen at {@code toUsd} at {@code at}. */
    static ListingLifecycle repriced(String id, String model, String fromUsd, String toUsd, Instant listedAt,
                                     Instant at) {
        return new ListingLifecycle(ListingLifecycle.VERSION, Change.PRICE_CHANGED, at, new BigDecimal(fromUsd),
                listing(id, model, toUsd, listedAt, listedAt, at));
    }

    /** Gone at {@code at}, having been on the market from {@code listedAt} to {@code lastSeenAt}. */
    static ListingLifecycle gone(String id, String model, String priceUsd, Instant listedAt, Instant lastSeenAt,
                                 Instant at) {
        return gone(listing(id, model, priceUsd, listedAt, listedAt, lastSeenAt), at);
    }

    static ListingLifecycle gone(ListingState listing, Instant at) {
        return new ListingLifecycle(ListingLifecycle.VERSION, Change.GONE, at, null, listing);
    }

    /** Expired at {@code at}: off the market at a time nobody knows. */
    static ListingLifecycle expired(ListingState listing, Instant at) {
        return new ListingLifecycle(ListingLifecycle.VERSION, Change.EXPIRED, at, null, listing);
    }
}
