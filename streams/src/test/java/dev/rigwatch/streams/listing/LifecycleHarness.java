package dev.rigwatch.streams.listing;

import dev.rigwatch.events.ListingLifecycle;
import dev.rigwatch.events.ListingObserved;
import dev.rigwatch.events.ListingRecord;
import dev.rigwatch.events.ListingState;
import dev.rigwatch.events.PollCoverage;
import dev.rigwatch.events.TopicNamespace;
import dev.rigwatch.events.Topics;
import dev.rigwatch.events.kafka.StreamsStage;
import dev.rigwatch.streams.TimeMode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * The listing lifecycle topology in a {@link TopologyTestDriver}, configured like {@link StreamsStage}, with the
 * default settings (GONE 2 h after the last sighting, checked every 30 s of wall clock), and fixtures: eBay
 * listings of the query {@code rtx 3080} polled every 30 minutes from {@link #T0}.
 */
final class LifecycleHarness implements AutoCloseable {

    static final String APPLICATION_ID = "rigwatch-lifecycle-test";
    static final String SOURCE = "ebay";
    static final String QUERY = "rtx 3080";
    static final Instant T0 = Instant.parse("2026-03-02T12:00:00Z");
    static final Duration POLL_EVERY = Duration.ofMinutes(30);
    /** When a poll's page arrives after the poll started: the sightings' time. */
    static final Duration PAGE_LATENCY = Duration.ofSeconds(5);
    static final Instant LISTED = Instant.parse("2026-03-01T08:00:00Z");

    final ListingLifecycleSettings settings = ListingLifecycleSettings.defaults();
    final TopologyTestDriver driver;
    final TestInputTopic<String, ListingRecord> listings;
    final TestOutputTopic<String, ListingLifecycle> lifecycle;
    final TestOutputTopic<String, ListingState> states;
    final TestOutputTopic<byte[], byte[]> deadLetters;

    LifecycleHarness(Path stateDir) {
        this(stateDir, TimeMode.WALL_CLOCK);
    }

    LifecycleHarness(Path stateDir, TimeMode timeMode) {
        // the wall clock is unrelated to the event times on purpose: only the checks' timing depends on it
        driver = new TopologyTestDriver(
                ListingLifecycleTopology.build(TopicNamespace.PRODUCTION, settings, timeMode),
                StreamsStage.properties("localhost:9", APPLICATION_ID, stateDir, Duration.ofMillis(100),
                        TopicNamespace.PRODUCTION),
                Instant.parse("2030-01-01T00:00:00Z"));
        listings = driver.createInputTopic(Topics.GPU_LISTINGS.name(),
                Topics.GPU_LISTINGS.keySerde().serializer(), Topics.GPU_LISTINGS.valueSerde().serializer());
        lifecycle = driver.createOutputTopic(Topics.GPU_LISTING_LIFECYCLE.name(),
                Topics.GPU_LISTING_LIFECYCLE.keySerde().deserializer(),
                Topics.GPU_LISTING_LIFECYCLE.valueSerde().deserializer());
        states = driver.createOutputTopic(Topics.GPU_LISTING_STATE.name(),
                Topics.GPU_LISTING_STATE.keySerde().deserializer(), Topics.GPU_LISTING_STATE.valueSerde().deserializer());
        deadLetters = driver.createOutputTopic(Topics.STREAMS_DEAD_LETTER.name(),
                Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer());
    }

    /** Pipes records as ingest writes them: key from the record, timestamp its event time. */
    void pipe(ListingRecord... records) {
        for (ListingRecord record : records) {
            listings.pipeInput(record.key(), record, record.eventTime());
        }
    }

    /** Lets one check interval of wall-clock time pass, so the scheduled check runs once. */
    void check() {
        driver.advanceWallClockTime(settings.checkEvery());
    }

    @Override
    public void close() {
        driver.close();
    }

    /** When poll {@code n} (0, 1, ...) of {@link #QUERY} started. */
    static Instant pollStart(int n) {
        return T0.plus(POLL_EVERY.multipliedBy(n));
    }

    /** When poll {@code n} saw its listings. */
    static Instant inPoll(int n) {
        return pollStart(n).plus(PAGE_LATENCY);
    }

    /** Listing {@code id} of {@link #QUERY} in USD, listed at {@link #LISTED}, seen at {@code at}. */
    static ListingObserved seen(String id, String price, Instant at) {
        return seen(id, QUERY, price, "USD", "1", LISTED, at);
    }

    static ListingObserved seen(String id, String query, String price, String currency, String usdRate,
                                Instant listedAt, Instant at) {
        BigDecimal priceUsd = new BigDecimal(price).multiply(new BigDecimal(usdRate)).setScale(2, RoundingMode.HALF_UP);
        return new ListingObserved(ListingObserved.VERSION, SOURCE, id, query, "poll-" + at, "EVGA RTX 3080 FTW3 " + id,
                "RTX 3080", "GeForce RTX 30", 0.97, "Used", false, new BigDecimal(price), currency, null,
                new BigDecimal(usdRate), priceUsd, null, "seller-" + id, "US", "https://www.ebay.com/itm/" + id,
                listedAt, at);
    }

    /** The coverage of complete poll {@code n} of {@link #QUERY}, which read everything the query matches. */
    static PollCoverage poll(int n) {
        return poll(QUERY, pollStart(n), null);
    }

    /** A complete poll of {@code query} started at {@code startedAt}, newest first down to {@code coveredFrom}. */
    static PollCoverage poll(String query, Instant startedAt, Instant coveredFrom) {
        return new PollCoverage(PollCoverage.VERSION, SOURCE, query, "poll-" + startedAt, startedAt,
                startedAt.plusSeconds(20), 2, 0, 0, true, coveredFrom, null);
    }

    /** Poll {@code n}, which failed on its second page. */
    static PollCoverage incompletePoll(int n) {
        Instant startedAt = pollStart(n);
        return new PollCoverage(PollCoverage.VERSION, SOURCE, QUERY, "poll-" + startedAt, startedAt,
                startedAt.plusSeconds(20), 1, 0, 0, false, null, "http-503 on page 2");
    }

    /** The state of listing {@code id} from {@link #seen(String, String, Instant)}. */
    static ListingState state(String id, String price, Instant firstSeenAt, Instant lastSeenAt) {
        return new ListingState(SOURCE, id, QUERY, "RTX 3080", "GeForce RTX 30", "EVGA RTX 3080 FTW3 " + id,
                "https://www.ebay.com/itm/" + id, new BigDecimal(price), "USD", new BigDecimal(price).setScale(2),
                false, LISTED, firstSeenAt, lastSeenAt);
    }

    static ListingLifecycle newListing(ListingState state) {
        return new ListingLifecycle(ListingLifecycle.VERSION, ListingLifecycle.Change.NEW, state.lastSeenAt(), null,
                state);
    }

    static ListingLifecycle gone(ListingState state, Instant at) {
        return new ListingLifecycle(ListingLifecycle.VERSION, ListingLifecycle.Change.GONE, at, null, state);
    }
}
