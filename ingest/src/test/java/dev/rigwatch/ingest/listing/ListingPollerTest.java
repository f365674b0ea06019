package dev.rigwatch.ingest.listing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rigwatch.broker.testing.SharedKafka;
import dev.rigwatch.events.IngestReject;
import dev.rigwatch.events.ListingObserved;
import dev.rigwatch.events.ListingRecord;
import dev.rigwatch.events.PollCoverage;
import dev.rigwatch.events.Topics;
import dev.rigwatch.events.kafka.EventProducer;
import dev.rigwatch.ingest.FetchResult;
import dev.rigwatch.ingest.RejectReason;
import dev.rigwatch.ingest.gpu.TitleNormaliser;
import dev.rigwatch.ingest.listing.ListingPoller.Outcome;
import dev.rigwatch.ingest.listing.ListingPoller.Stats;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The poller with scripted sources, writing to the real shared Kafka broker. */
class ListingPollerTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Duration INTERVAL = Duration.ofMillis(100);
    private static final Instant LISTED = Instant.parse("2026-11-20T18:22:41Z");
    private static final Instant STARTED = Instant.parse("2026-11-25T10:00:00Z");
    private static final Instant SEEN = STARTED.plusSeconds(1);
    private static final Instant FINISHED = STARTED.plusSeconds(2);
    private static final TitleNormaliser NORMALISER = TitleNormaliser.standard();

    private static EventProducer producer;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private ListingPoller poller;

    @BeforeAll
    static void connect() {
        producer = new EventProducer(SharedKafka.bootstrapServers(), "listing-poller-test");
    }

    @AfterAll
    static void disconnect() {
        producer.close();
    }

    @AfterEach
    void stop() {
        if (poller != null) {
            poller.close();
        }
    }

    @Test
    void listingsBecomeObservationsWithTheirPriceInUsdAndAsTheSourceSentIt() {
        ScriptedListingSource source = new ScriptedListingSource("rtx");
        SourceListing euros = new SourceListing("v1|1001|0", "EVGA RTX 3080 FTW3 Ultra 10GB", "Used", false,
                new BigDecimal("329.99"), "EUR", new BigDecimal("15.50"), "gpu_reseller", "10115 DE",
                "https://www.ebay.de/itm/1001", LISTED, SEEN, "{\"itemId\":\"v1|1001|0\"}");
        SourceListing dollars = new SourceListing("v1|1002|0", "Sapphire Nitro+ RX 6800 XT 16GB", null, true,
                new BigDecimal("410.00"), "usd", null, null, null, "https://www.ebay.com/itm/1002", null,
                SEEN.plusMillis(5), "{\"itemId\":\"v1|1002|0\"}");
        source.then(poll(STARTED, euros, dollars));

        start(source, UsdRates.parse("EUR=1.16"));
        String pollId = source.id() + ":rtx@2026-11-25T10:00:00Z";

        List<ConsumerRecord<String, ListingRecord>> observed = SharedKafka.consume(Topics.GPU_LISTINGS,
                r -> r.value() instanceof ListingObserved o && o.pollId().equals(pollId), 2, WAIT);
        assertThat(observed).extracting(ConsumerRecord::value).containsExactlyInAnyOrder(
                new ListingObserved(1, source.id(), "v1|1001|0", "rtx", pollId, "EVGA RTX 3080 FTW3 Ultra 10GB",
                        "RTX 3080", "GeForce RTX 30", 1.0, "Used", false, new BigDecimal("329.99"), "EUR",
                        new BigDecimal("15.50"), new BigDecimal("1.16"), new BigDecimal("382.79"),
                        new BigDecimal("17.98"), "gpu_reseller", "10115 DE", "https://www.ebay.de/itm/1001", LISTED,
                        SEEN),
                new ListingObserved(1, source.id(), "v1|1002|0", "rtx", pollId, "Sapphire Nitro+ RX 6800 XT 16GB",
                        "RX 6800 XT", "Radeon RX 6000", 1.0, null, true, new BigDecimal("410.00"), "USD", null,
                        new BigDecimal("1"), new BigDecimal("410.00"), null, null, null,
                        "https://www.ebay.com/itm/1002", null, SEEN.plusMillis(5)));
        assertThat(observed).extracting(ConsumerRecord::key, ConsumerRecord::timestamp).containsExactlyInAnyOrder(
                tuple(source.id() + ":v1|1001|0", SEEN.toEpochMilli()),
                tuple(source.id() + ":v1|1002|0", SEEN.plusMillis(5).toEpochMilli()));

        awaitStats("both listings acknowledged and the poll counted", s -> s.listingsSent() == 2
                && s.pollsByOutcome().get(Outcome.COMPLETE) >= 1);
        assertThat(counter("rigwatch.listings.observed", "source", source.id())).isEqualTo(2);
        assertThat(poller.stats().skippedByReason()).isEmpty();
        assertThat(poller.stats().lastPollAt()).isNotNull();
    }

    @Test
    void coverageLandsOnEveryPartitionAfterThePollsListings() {
        ScriptedListingSource source = new ScriptedListingSource("rtx 3070");
        SourceListing[] listings = IntStream.rangeClosed(1, 6)
                .mapToObj(i -> listing("item-" + i, "MSI RTX 3070 Ventus 2X 8GB", "289.00", "USD"))
                .toArray(SourceListing[]::new);
        source.then(query -> new SourcePoll(query, STARTED, FINISHED, 2, List.of(listings), List.of(), null, true,
                LISTED, null));

        start(source, UsdRates.defaults());
        String pollId = source.id() + ":rtx 3070@2026-11-25T10:00:00Z";
        int partitions = Topics.GPU_LISTINGS.partitions();

        List<ConsumerRecord<String, ListingRecord>> records = SharedKafka.consume(Topics.GPU_LISTINGS,
                r -> pollId.equals(pollIdOf(r.value())), 6 + partitions, WAIT);
        List<ConsumerRecord<String, ListingRecord>> coverage = records.stream()
                .filter(r -> r.value() instanceof PollCoverage).toList();
        assertThat(coverage).extracting(ConsumerRecord::partition)
                .containsExactlyElementsOf(IntStream.range(0, partitions).boxed().toList());
        assertThat(coverage).extracting(ConsumerRecord::key, ConsumerRecord::timestamp, ConsumerRecord::value)
                .containsOnly(tuple(source.id() + ":rtx 3070", STARTED.toEpochMilli(),
                        new PollCoverage(1, source.id(), "rtx 3070", pollId, STARTED, FINISHED, 2, 6, 0, true, LISTED,
                                null)));
        Map<Integer, Long> coverageOffsets = coverage.stream()
                .collect(Collectors.toMap(ConsumerRecord::partition, ConsumerRecord::offset));
        List<ConsumerRecord<String, ListingRecord>> observed = records.stream()
                .filter(r -> r.value() instanceof ListingObserved).toList();
        assertThat(observed).hasSize(6).allSatisfy(listing -> assertThat(listing.offset())
                .as("offset of %s in partition %d", listing.key(), listing.partition())
                .isLessThan(coverageOffsets.get(listing.partition())));
    }

    @Test
    void skippedItemsAreRejectedOncePerListingAndReasonAcrossPolls() {
        ScriptedListingSource source = new ScriptedListingSource("q");
        for (Instant started : List.of(STARTED, STARTED.plusSeconds(60))) {
            source.then(query -> new SourcePoll(query, started, started.plusSeconds(2), 1,
                    List.of(listing("ok", "Zotac RTX 3060 Twin Edge 12GB", "229.00", "USD"),
                            listing("matrox", "Matrox Millennium G200 graphics card", "40.00", "USD"),
                            listing("broken", "RTX 3070 for parts not working", "90.00", "USD"),
                            listing("free", "RTX 3060 12GB", "0", "USD"),
                            listing("kiwi", "RTX 3060 12GB", "500.00", "NZD")),
                    List.of(new SkippedItem("wtb", "want-to-buy", "a post that buys", "https://reddit.example/wtb",
                                    "{\"id\":\"wtb\"}", SEEN),
                            new SkippedItem(null, "malformed-item", "item without an id or a URL", null,
                                    "{\"title\":\"?\"}", SEEN)),
                    null, true, null, null));
        }

        start(source, UsdRates.parse("EUR=1.16"));
        awaitStats("both scripted polls written and 7 rejects acknowledged",
                s -> s.pollsByOutcome().get(Outcome.COMPLETE) >= 2 && s.rejectsSent() == 7);

        List<IngestReject> rejects = SharedKafka.consume(Topics.INGEST_REJECTS,
                r -> r.key().equals(source.id()), 7, WAIT).stream().map(ConsumerRecord::value).toList();
        assertThat(rejects).extracting(IngestReject::reason, IngestReject::detail, IngestReject::url,
                        IngestReject::body)
                .containsExactly(
                        tuple("unknown-model", "title classified as unknown-model: Matrox Millennium G200 graphics card",
                                "https://market.example/itm/matrox", "{\"id\":\"matrox\"}"),
                        tuple("for-parts", "title classified as for-parts: RTX 3070 for parts not working",
                                "https://market.example/itm/broken", "{\"id\":\"broken\"}"),
                        tuple("invalid-price", "price 0 is not positive", "https://market.example/itm/free",
                                "{\"id\":\"free\"}"),
                        tuple("unknown-currency", "no USD rate is configured for NZD (known: EUR, USD)",
                                "https://market.example/itm/kiwi", "{\"id\":\"kiwi\"}"),
                        tuple("want-to-buy", "a post that buys", "https://reddit.example/wtb", "{\"id\":\"wtb\"}"),
                        // without a URL of its own, a reject names the source and query polled
                        tuple("malformed-item", "item without an id or a URL", source.id() + ":q", "{\"title\":\"?\"}"),
                        // the second poll: only the item without an id, which cannot be told from a new one
                        tuple("malformed-item", "item without an id or a URL", source.id() + ":q", "{\"title\":\"?\"}"));
        assertThat(rejects).extracting(IngestReject::httpStatus).containsOnlyNulls();
        assertThat(rejects).extracting(IngestReject::observedTime).containsOnly(SEEN);

        assertThat(poller.stats().skippedByReason()).containsExactly(
                Map.entry("for-parts", 2L), Map.entry("invalid-price", 2L), Map.entry("malformed-item", 2L),
                Map.entry("unknown-currency", 2L), Map.entry("unknown-model", 2L), Map.entry("want-to-buy", 2L));
        assertThat(counter("rigwatch.listings.skipped", "source", source.id(), "reason", "for-parts")).isEqualTo(2);
        assertThat(counter("rigwatch.rejects", "source", source.id(), "reason", "malformed-item")).isEqualTo(2);
        assertThat(counter("rigwatch.rejects", "source", source.id(), "reason", "for-parts")).isEqualTo(1);
        assertThat(counter("rigwatch.listing.rejects", "source", source.id())).isEqualTo(7);
        assertThat(poller.stats().skipped()).isEqualTo(12);
        assertThat(poller.stats().listingsSent()).isEqualTo(2);

        String secondPollId = source.id() + ":q@2026-11-25T10:01:00Z";
        PollCoverage coverage = (PollCoverage) SharedKafka.consume(Topics.GPU_LISTINGS,
                r -> r.value() instanceof PollCoverage c && c.pollId().equals(secondPollId), 1, WAIT).get(0).value();
        assertThat(coverage.listings()).isEqualTo(1);
        assertThat(coverage.skipped()).as("skipped by the source, the checks and the classifier").isEqualTo(6);
        assertThat(coverage.complete()).isTrue();
    }

    @Test
    void incompleteAndFailedPollsWriteCoverageThatProvesNothingAndFailuresAreRejectedEveryTime() {
        ScriptedListingSource source = new ScriptedListingSource("q");
        FetchResult.Failure unavailable = new FetchResult.Failure("https://api.example/search?page=2", 503,
                RejectReason.HTTP_5XX, "HTTP 503 Service Unavailable", "<html>down</html>", FINISHED, null);
        source.then(query -> new SourcePoll(query, STARTED, FINISHED, 5,
                        List.of(listing("capped", "RTX 4090 24GB", "1599.00", "USD")), List.of(), null, false, null,
                        "page cap 5 reached"))
                .then(query -> new SourcePoll(query, STARTED.plusSeconds(60), FINISHED.plusSeconds(60), 1,
                        List.of(listing("page-one", "RTX 4080 16GB", "899.00", "USD")), List.of(), unavailable,
                        false, null, "http-503 on page 2"))
                .then(query -> new SourcePoll(query, STARTED.plusSeconds(120), FINISHED.plusSeconds(120), 0,
                        List.of(), List.of(), unavailable, false, null, "http-503 on page 1"));

        start(source, UsdRates.defaults());
        awaitStats("the incomplete poll, the two failed ones and a complete one after them",
                s -> s.pollsByOutcome().get(Outcome.FAILED) == 2 && s.pollsByOutcome().get(Outcome.COMPLETE) >= 1);

        List<String> pollIds = List.of(source.id() + ":q@2026-11-25T10:00:00Z", source.id() + ":q@2026-11-25T10:01:00Z",
                source.id() + ":q@2026-11-25T10:02:00Z");
        List<PollCoverage> coverage = SharedKafka.consume(Topics.GPU_LISTINGS,
                        r -> r.partition() == 0 && r.value() instanceof PollCoverage c && pollIds.contains(c.pollId()),
                        3, WAIT)
                .stream().map(r -> (PollCoverage) r.value()).toList();
        assertThat(coverage).extracting(PollCoverage::pages, PollCoverage::listings, PollCoverage::complete,
                        PollCoverage::incompleteReason)
                .containsExactly(
                        tuple(5, 1, false, "page cap 5 reached"),
                        tuple(1, 1, false, "http-503 on page 2"),
                        tuple(0, 0, false, "http-503 on page 1"));
        assertThat(coverage).allSatisfy(c -> assertThat(c.provesAbsent(STARTED.minusSeconds(1), LISTED)).isFalse());

        List<IngestReject> rejects = SharedKafka.consume(Topics.INGEST_REJECTS,
                r -> r.key().equals(source.id()), 2, WAIT).stream().map(ConsumerRecord::value).toList();
        assertThat(rejects).containsExactly(unavailable.toReject(source.id()), unavailable.toReject(source.id()));
        assertThat(counter("rigwatch.listing.polls", "source", source.id(), "outcome", "incomplete")).isEqualTo(1);
        assertThat(counter("rigwatch.listing.polls", "source", source.id(), "outcome", "failed")).isEqualTo(2);
    }

    @Test
    void aSourceThatThrowsIsAFailedPollAndPollingGoesOn() {
        ScriptedListingSource source = new ScriptedListingSource("q");
        source.then(query -> {
            throw new IllegalStateException("unexpected page layout");
        }).then(poll(STARTED, listing("after", "RTX 2080 Super 8GB", "250.00", "USD")));

        start(source, UsdRates.defaults());

        String pollId = source.id() + ":q@2026-11-25T10:00:00Z";
        SharedKafka.consume(Topics.GPU_LISTINGS,
                r -> r.value() instanceof ListingObserved o && o.pollId().equals(pollId), 1, WAIT);
        IngestReject reject = SharedKafka.consume(Topics.INGEST_REJECTS, r -> r.key().equals(source.id()), 1, WAIT)
                .get(0).value();
        assertThat(reject.reason()).isEqualTo("source-error");
        assertThat(reject.detail())
                .isEqualTo("poll of \"q\" threw java.lang.IllegalStateException: unexpected page layout");
        assertThat(reject.url()).isEqualTo(source.id() + ":q");
        assertThat(reject.httpStatus()).isNull();
        awaitStats("the listing after the exception acknowledged", s -> s.listingsSent() == 1);
        assertThat(poller.stats().pollsByOutcome().get(Outcome.FAILED)).isEqualTo(1);
    }

    @Test
    void aListingKafkaRefusesMakesThePollsCoverageIncomplete() {
        ScriptedListingSource source = new ScriptedListingSource("q");
        // beyond the producer's max.request.size (1 MiB): refused by the client, as a broken broker would
        String hugeSeller = "s".repeat(1_100_000);
        SourceListing refused = new SourceListing("huge", "RTX 3090 24GB", null, false, new BigDecimal("700.00"),
                "USD", null, hugeSeller, null, "https://market.example/itm/huge", null, SEEN, "{}");
        source.then(poll(STARTED, listing("fine", "RTX 3090 24GB", "650.00", "USD"), refused));

        start(source, UsdRates.defaults());
        awaitStats("the poll counted", s -> s.pollsByOutcome().get(Outcome.INCOMPLETE) == 1);

        String pollId = source.id() + ":q@2026-11-25T10:00:00Z";
        PollCoverage coverage = (PollCoverage) SharedKafka.consume(Topics.GPU_LISTINGS,
                r -> r.value() instanceof PollCoverage c && c.pollId().equals(pollId), 1, WAIT).get(0).value();
        assertThat(coverage.complete()).isFalse();
        assertThat(coverage.incompleteReason()).isEqualTo("kafka send failed");
        assertThat(coverage.listings()).isEqualTo(1);
        assertThat(poller.stats().sendsFailed()).isEqualTo(1);
        assertThat(counter("rigwatch.listing.sends.failed", "source", source.id(), "topic", "gpu.listings"))
                .isEqualTo(1);
    }

    @Test
    void aRetryAfterPausesTheSourceAtLeastThatLong() {
        ScriptedListingSource source = new ScriptedListingSource("q");
        FetchResult.Failure limited = new FetchResult.Failure("https://api.example/search", 429,
                RejectReason.HTTP_429, "HTTP 429; Retry-After 1, pausing PT1S", null, FINISHED, Duration.ofSeconds(1));
        source.then(query -> new SourcePoll(query, STARTED, FINISHED, 0, List.of(), List.of(), limited, false, null,
                "http-429 on page 1"));

        start(source, UsdRates.defaults());
        awaitStats("a poll after the rate-limited one", s -> s.pollsByOutcome().get(Outcome.COMPLETE) >= 1);

        List<Long> calls = source.calls();
        assertThat(Duration.ofNanos(calls.get(1) - calls.get(0))).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(poller.stats().pollsByOutcome().get(Outcome.FAILED)).isEqualTo(1);
    }

    @Test
    void closeLetsThePollInProgressFinishAndBeWritten() throws InterruptedException {
        ScriptedListingSource source = new ScriptedListingSource("q");
        CountDownLatch polling = new CountDownLatch(1);
        source.then(query -> {
            polling.countDown();
            try {
                Thread.sleep(300); // a slow page
            } catch (InterruptedException e) {
                throw new IllegalStateException("the poll in progress was interrupted", e);
            }
            return poll(STARTED, listing("last", "RX 7900 XTX 24GB", "820.00", "USD")).apply(query);
        });

        start(source, UsdRates.defaults());
        assertThat(polling.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).as("the poll started").isTrue();
        poller.close();

        Stats stats = poller.stats();
        assertThat(stats.listingsSent()).isEqualTo(1);
        assertThat(stats.pollsByOutcome().get(Outcome.COMPLETE)).isEqualTo(1);
        assertThat(source.calls()).as("polls started").hasSize(1);
        String pollId = source.id() + ":q@2026-11-25T10:00:00Z";
        assertThat(SharedKafka.consume(Topics.GPU_LISTINGS, r -> pollId.equals(pollIdOf(r.value())),
                1 + Topics.GPU_LISTINGS.partitions(), WAIT)).hasSize(1 + Topics.GPU_LISTINGS.partitions());
    }

    private void start(ListingSource source, UsdRates rates) {
        poller = new ListingPoller(source, INTERVAL, NORMALISER, rates, MsrpFloor.defaults(), producer, registry,
                Clock.systemUTC());
        poller.start();
    }

    private void awaitStats(String what, Predicate<Stats> condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.test(poller.stats())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + WAIT + " for " + what + "; last seen: " + poller.stats());
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
    }

    private double counter(String name, String... tags) {
        return registry.get(name).tags(tags).functionCounter().count();
    }

    /** A complete one-page poll that started at {@code started}. */
    private static Function<String, SourcePoll> poll(Instant started, SourceListing... listings) {
        return query -> new SourcePoll(query, started, started.plusSeconds(2), 1, List.of(listings), List.of(), null,
                true, null, null);
    }

    private static SourceListing listing(String id, String title, String price, String currency) {
        return new SourceListing(id, title, "Used", false, new BigDecimal(price), currency, null, null, null,
                "https://market.example/itm/" + id, null, SEEN, "{\"id\":\"" + id + "\"}");
    }

    private static String pollIdOf(ListingRecord record) {
        if (record instanceof ListingObserved observed) {
            return observed.pollId();
        }
        return ((PollCoverage) record).pollId();
    }
}
