package dev.rigwatch.streams.listing;

import static dev.rigwatch.streams.listing.LifecycleHarness.LISTED;
import static dev.rigwatch.streams.listing.LifecycleHarness.QUERY;
import static dev.rigwatch.streams.listing.LifecycleHarness.gone;
import static dev.rigwatch.streams.listing.LifecycleHarness.inPoll;
import static dev.rigwatch.streams.listing.LifecycleHarness.incompletePoll;
import static dev.rigwatch.streams.listing.LifecycleHarness.newListing;
import static dev.rigwatch.streams.listing.LifecycleHarness.poll;
import static dev.rigwatch.streams.listing.LifecycleHarness.pollStart;
import static dev.rigwatch.streams.listing.LifecycleHarness.seen;
import static dev.rigwatch.streams.listing.LifecycleHarness.state;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.rigwatch.events.ListingLifecycle;
import dev.rigwatch.events.ListingLifecycle.Change;
import dev.rigwatch.events.ListingState;
import dev.rigwatch.events.PollCoverage;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The lifecycle of eBay listings of one query polled every 30 minutes, GONE 2 h after the last sighting. A listing
 * seen in poll 0 (5 s after it started) is first proven gone by poll 5: poll 4 started 5 s less than 2 h after it.
 */
class ListingLifecycleTopologyTest {

    private static final String KEY = "ebay:111";

    @TempDir
    Path stateDir;

    private LifecycleHarness harness;
    private final ListAppender<ILoggingEvent> lifecycleLog = new ListAppender<>();
    private final Logger lifecycleLogger = (Logger) LoggerFactory.getLogger(ListingLifecycleProcessor.class);

    @BeforeEach
    void setUp() {
        harness = new LifecycleHarness(stateDir);
        lifecycleLog.start();
        lifecycleLogger.addAppender(lifecycleLog);
    }

    @AfterEach
    void tearDown() {
        lifecycleLogger.detachAppender(lifecycleLog);
        harness.close();
    }

    @Test
    void firstSightingIsNewAndWritesTheListingsState() {
        harness.pipe(seen("111", "450.00", inPoll(0)));

        ListingState state = state("111", "450.00", inPoll(0), inPoll(0));
        assertThat(harness.lifecycle.readRecordsToList())
                .extracting(TestRecord::key, TestRecord::value, TestRecord::getRecordTime)
                .containsExactly(tuple(KEY, newListing(state), inPoll(0)));
        assertThat(harness.states.readRecordsToList())
                .extracting(TestRecord::key, TestRecord::value, TestRecord::getRecordTime)
                .containsExactly(tuple(KEY, state, inPoll(0)));
    }

    @Test
    void sightingAtTheSamePriceEmitsNothing() {
        harness.pipe(seen("111", "450.00", inPoll(0)), seen("111", "450", inPoll(1)), seen("111", "450.00", inPoll(2)));

        assertThat(harness.lifecycle.readValuesToList()).extracting(ListingLifecycle::change)
                .containsExactly(Change.NEW);
        assertThat(harness.states.readValuesToList()).hasSize(1);
    }

    @Test
    void sightingAtAnotherPriceIsPriceChangedWithThePreviousUsdPrice() {
        harness.pipe(seen("111", "450.00", inPoll(0)), seen("111", "420.00", inPoll(1)));

        ListingState first = state("111", "450.00", inPoll(0), inPoll(0));
        ListingState changed = state("111", "420.00", inPoll(0), inPoll(1));
        assertThat(harness.lifecycle.readRecordsToList())
                .extracting(TestRecord::key, TestRecord::value, TestRecord::getRecordTime)
                .containsExactly(
                        tuple(KEY, newListing(first), inPoll(0)),
                        tuple(KEY, new ListingLifecycle(ListingLifecycle.VERSION, Change.PRICE_CHANGED, inPoll(1),
                                new BigDecimal("450.00"), changed), inPoll(1)));
        assertThat(harness.states.readRecordsToList())
                .extracting(TestRecord::key, TestRecord::value, TestRecord::getRecordTime)
                .containsExactly(tuple(KEY, first, inPoll(0)), tuple(KEY, changed, inPoll(1)));
    }

    @Test
    void newExchangeRateAloneIsNoPriceChangeButUpdatesTheUsdPrice() {
        harness.pipe(seen("222", QUERY, "400", "EUR", "1.08", LISTED, inPoll(0)),  // 432.00 USD
                seen("222", QUERY, "400", "EUR", "1.10", LISTED, inPoll(1)),       // 440.00 USD: same price
                seen("222", QUERY, "380", "EUR", "1.10", LISTED, inPoll(2)));      // 418.00 USD

        assertThat(harness.lifecycle.readValuesToList())
                .extracting(ListingLifecycle::change, ListingLifecycle::previousPriceUsd, c -> c.listing().priceUsd())
                .containsExactly(
                        tuple(Change.NEW, null, new BigDecimal("432.00")),
                        tuple(Change.PRICE_CHANGED, new BigDecimal("440.00"), new BigDecimal("418.00")));
    }

    @Test
    void sameAmountInAnotherCurrencyIsAPriceChange() {
        harness.pipe(seen("222", QUERY, "400", "EUR", "1.08", LISTED, inPoll(0)),
                seen("222", QUERY, "400", "GBP", "1.27", LISTED, inPoll(1)));

        assertThat(harness.lifecycle.readValuesToList())
                .extracting(ListingLifecycle::change, ListingLifecycle::previousPriceUsd, c -> c.listing().currency())
                .containsExactly(
                        tuple(Change.NEW, null, "EUR"),
                        tuple(Change.PRICE_CHANGED, new BigDecimal("432.00"), "GBP"));
    }

    @Test
    void completePollGoneAfterTheLastSightingWithoutTheListingMarksItGoneAtThePollsStart() {
        harness.pipe(seen("111", "450.00", inPoll(0)), poll(0));
        for (int n = 1; n <= 5; n++) {
            harness.pipe(poll(n));
            harness.check();
        }

        ListingState lastSeen = state("111", "450.00", inPoll(0), inPoll(0));
        assertThat(harness.lifecycle.readRecordsToList())
                .extracting(TestRecord::key, TestRecord::value, TestRecord::getRecordTime)
                .containsExactly(
                        tuple(KEY, newListing(lastSeen), inPoll(0)),
                        tuple(KEY, gone(lastSeen, pollStart(5)), pollStart(5)));
        assertThat(harness.lifecycle.readRecordsToList()).isEmpty();
        assertThat(harness.states.readRecordsToList())
                .extracting(TestRecord::key, TestRecord::value, TestRecord::getRecordTime)
                .containsExactly(tuple(KEY, lastSeen, inPoll(0)), tuple(KEY, null, pollStart(5)));
        assertThat(messages()).containsExactly("Listing lifecycle task 0_0: 1 listing(s) gone, 0 expired, after checking 1 new poll(s)");
    }

    @Test
    void pollStartingExactlyGoneAfterTheLastSightingMarksItAndOneMillisecondEarlierDoesNot() {
        Instant lastSeen = inPoll(0);
        harness.pipe(seen("111", "450.00", lastSeen), poll(QUERY, lastSeen.plus(Duration.ofHours(2)).minusMillis(1), null));
        harness.check();
        assertThat(harness.lifecycle.readValuesToList()).extracting(ListingLifecycle::change).containsExactly(Change.NEW);

        harness.pipe(poll(QUERY, lastSeen.plus(Duration.ofHours(2)), null));
        harness.check();
        assertThat(harness.lifecycle.readValuesToList()).extracting(ListingLifecycle::change, ListingLifecycle::at)
                .containsExactly(tuple(Change.GONE, lastSeen.plus(Duration.ofHours(2))));
    }

    @Test
    void incompletePollNeverMarksGone() {
        harness.pipe(seen("111", "450.00", inPoll(0)), incompletePoll(5), incompletePoll(6));
        harness.check();

        assertThat(harness.lifecycle.readValuesToList()).extracting(ListingLifecycle::change).containsExactly(Change.NEW);
        assertThat(messages()).containsExactly("Listing lifecycle task 0_0 ignored since the last check: "
                + "2 incomplete poll(s), 0 poll(s) not newer than their query's latest, "
                + "0 sighting(s) older than their listing's latest");

        // the listing is still active: the next complete poll proves it gone
        harness.pipe(poll(7));
        harness.check();
        assertThat(harness.lifecycle.readValuesToList()).extracting(ListingLifecycle::change, ListingLifecycle::at)
                .containsExactly(tuple(Change.GONE, pollStart(7)));
    }

    @Test
    void pollOfAnotherQueryDoesNotMarkIt() {
        harness.pipe(seen("111", "450.00", inPoll(0)), poll("rtx 3090", pollStart(5), null));
        harness.check();
        assertThat(harness.lifecycle.readValuesToList()).extracting(ListingLifecycle::change).containsExactly(Change.NEW);

        harness.pipe(poll(QUERY, pollStart(5), null));
        harness.check();
        assertThat(harness.lifecycle.readValuesToList()).extracting(ListingLifecycle::change).containsExactly(Change.GONE);
    }

    @Test
    void newestFirstPollThatStoppedAfterTheListingTimeDoesNotMarkIt() {
        harness.pipe(seen("111", "450.00", inPoll(0)), poll(QUERY, pollStart(5), LISTED.plusSeconds(1)));
        harness.check();
        assertThat(harness.lifecycle.readValuesToList()).extracting(ListingLifecycle::change).containsExactly(Change.NEW);

        // one reaching back exactly to the listing time covers it
        harness.pipe(poll(QUERY, pollStart(6), LISTED));
        harness.check();
        assertThat(harness.lifecycle.readValuesToList()).extracting(ListingLifecycle::change, ListingLifecycle::at)
                .containsExactly(tuple(Change.GONE, pollStart(6)));
    }

    @Test
    void listingWithoutAListingTimeIsMarkedOnlyByAPollThatCoveredEverything() {
        harness.pipe(seen("333", QUERY, "450.00", "USD", "1", null, inPoll(0)),
                poll(QUERY, pollStart(5), Instant.EPOCH));
        harness.check();
        assertThat(harness.lifecycle.readValuesToList()).extracting(ListingLifecycle::change).containsExactly(Change.NEW);

        harness.pipe(poll(6));
        harness.check();
        assertThat(harness.lifecycle.readValuesToList()).extracting(ListingLifecycle::change, ListingLifecycle::at)
                .containsExactly(tuple(Change.GONE, pollStart(6)));
    }

    @Test
    void listingANewestFirstFeedNoLongerReachesExpiresAtTheFirstPollExpireAfterItsLastSighting() {
        Instant expiry = inPoll(0).plus(harness.settings.expireAfter());
        // every later poll read newest first and stopped after the listing time: none can prove it absent
        harness.pipe(seen("111", "450.00", inPoll(0)), poll(QUERY, pollStart(5), LISTED.plusSeconds(1)),
                poll(QUERY, expiry.minusMillis(1), LISTED.plusSeconds(1)));
        harness.check();
        assertThat(harness.lifecycle.readValuesToList()).extracting(ListingLifecycle::change).containsExactly(Change.NEW);

        harness.pipe(poll(QUERY, expiry, LISTED.plusSeconds(1)));
        harness.check();
        List<ListingLifecycle> expired = harness.lifecycle.readValuesToList();
        assertThat(expired).extracting(ListingLifecycle::change, ListingLifecycle::at, ListingLifecycle::timeOnMarket)
                .containsExactly(tuple(Change.EXPIRED, expiry, null));
        assertThat(expired.get(0).listing()).isEqualTo(state("111", "450.00", inPoll(0), inPoll(0)));
        assertThat(harness.states.readRecordsToList()).extracting(TestRecord::key, TestRecord::value)
                .containsExactly(tuple(KEY, state("111", "450.00", inPoll(0), inPoll(0))), tuple(KEY, null));
        assertThat(messages()).contains("Listing lifecycle task 0_0: 0 listing(s) gone, 1 expired, after checking 1 new poll(s)");
    }

    @Test
    void pollOfAnotherQueryOfItsSourceExpiresAListingWhoseQueryIsNoLongerPolled() {
        Instant expiry = inPoll(0).plus(harness.settings.expireAfter());
        harness.pipe(seen("111", "450.00", inPoll(0)), poll("rtx 3090", expiry, null));
        harness.check();

        assertThat(harness.lifecycle.readValuesToList()).extracting(ListingLifecycle::change, ListingLifecycle::at)
                .containsExactly(tuple(Change.NEW, inPoll(0)), tuple(Change.EXPIRED, expiry));
    }

    @Test
    void pollsOfAnotherSourceOrIncompletePollsNeverExpireIt() {
        Instant expiry = inPoll(0).plus(harness.settings.expireAfter());
        PollCoverage otherSource = new PollCoverage(PollCoverage.VERSION, "hardwareswap", "new", "poll-hws", expiry,
                expiry.plusSeconds(5), 1, 0, 0, true, null, null);
        PollCoverage failed = new PollCoverage(PollCoverage.VERSION, "ebay", QUERY, "poll-failed", expiry,
                expiry.plusSeconds(5), 1, 0, 0, false, null, "HTTP 500 on page 2");
        harness.pipe(seen("111", "450.00", inPoll(0)), otherSource, failed);
        harness.check();

        assertThat(harness.lifecycle.readValuesToList()).extracting(ListingLifecycle::change).containsExactly(Change.NEW);
    }

    @Test
    void listingSeenAgainAfterAPollThatExpiredItArrivedIsNewAgainWhetherOrNotTheCheckRanBetween() {
        Instant expiry = inPoll(0).plus(harness.settings.expireAfter());
        harness.pipe(seen("111", "450.00", inPoll(0)), poll(QUERY, expiry, LISTED.plusSeconds(1)),
                seen("111", "450.00", expiry.plusSeconds(5)));
        harness.check();

        assertThat(harness.lifecycle.readValuesToList()).extracting(ListingLifecycle::change, ListingLifecycle::at)
                .containsExactly(tuple(Change.NEW, inPoll(0)), tuple(Change.EXPIRED, expiry),
                        tuple(Change.NEW, expiry.plusSeconds(5)));
    }

    @Test
    void pollLessThanGoneAfterAfterTheLastSightingDoesNotMarkIt() {
        harness.pipe(seen("111", "450.00", inPoll(0)), poll(1), poll(2), poll(3), poll(4));
        harness.check();

        assertThat(harness.lifecycle.readValuesToList()).extracting(ListingLifecycle::change).containsExactly(Change.NEW);
        assertThat(harness.states.readValuesToList()).hasSize(1);
    }

    @Test
    void onQuietTopicOnlyTheWallClockCheckMarksItGone() {
        harness.pipe(seen("111", "450.00", inPoll(0)), poll(5));
        // nothing else arrives: stream time stands still at the poll's start
        assertThat(harness.lifecycle.readValuesToList()).extracting(ListingLifecycle::change).containsExactly(Change.NEW);

        harness.driver.advanceWallClockTime(harness.settings.checkEvery().minusSeconds(1));
        assertThat(harness.lifecycle.isEmpty()).isTrue();

        harness.driver.advanceWallClockTime(Duration.ofSeconds(1));
        assertThat(harness.lifecycle.readValuesToList()).extracting(ListingLifecycle::change, ListingLifecycle::at)
                .containsExactly(tuple(Change.GONE, pollStart(5)));
    }

    @Test
    void listingSeenAgainAfterItWasGoneIsNewAgain() {
        harness.pipe(seen("111", "450.00", inPoll(0)), poll(5));
        harness.check();
        harness.pipe(seen("111", "430.00", inPoll(6)));

        ListingState relisted = state("111", "430.00", inPoll(6), inPoll(6));
        assertThat(harness.lifecycle.readValuesToList()).extracting(ListingLifecycle::change, ListingLifecycle::at)
                .containsExactly(tuple(Change.NEW, inPoll(0)), tuple(Change.GONE, pollStart(5)),
                        tuple(Change.NEW, inPoll(6)));
        assertThat(harness.states.readRecordsToList())
                .extracting(TestRecord::key, TestRecord::value, TestRecord::getRecordTime)
                .containsExactly(tuple(KEY, state("111", "450.00", inPoll(0), inPoll(0)), inPoll(0)),
                        tuple(KEY, null, pollStart(5)),
                        tuple(KEY, relisted, inPoll(6)));
    }

    @Test
    void sightingOlderThanTheLastOneChangesNothing() {
        harness.pipe(seen("111", "450.00", inPoll(2)), seen("111", "400.00", inPoll(1)));
        // had the older sighting counted, this poll (2 h - 5 s after the latest) would prove the listing gone
        harness.pipe(poll(6));
        harness.check();

        assertThat(harness.lifecycle.readValuesToList()).extracting(ListingLifecycle::change).containsExactly(Change.NEW);
        assertThat(harness.states.readValuesToList()).hasSize(1);
        assertThat(messages()).containsExactly("Listing lifecycle task 0_0 ignored since the last check: "
                + "0 incomplete poll(s), 0 poll(s) not newer than their query's latest, "
                + "1 sighting(s) older than their listing's latest");

        harness.pipe(poll(7));
        harness.check();
        assertThat(harness.lifecycle.readValuesToList())
                .containsExactly(gone(state("111", "450.00", inPoll(2), inPoll(2)), pollStart(7)));
    }

    @Test
    void pollNotNewerThanTheLatestOfItsQueryIsIgnored() {
        harness.pipe(seen("111", "450.00", inPoll(0)), poll(4), poll(5));
        // arrives after poll 4 and 5, so it is a copy or out of order: it judges nothing
        harness.pipe(poll(QUERY, pollStart(5), null), poll(QUERY, pollStart(4).plusSeconds(1), null));
        harness.check();

        assertThat(harness.lifecycle.readValuesToList()).extracting(ListingLifecycle::change, ListingLifecycle::at)
                .containsExactly(tuple(Change.NEW, inPoll(0)), tuple(Change.GONE, pollStart(5)));
        assertThat(messages()).containsExactly(
                "Listing lifecycle task 0_0: 1 listing(s) gone, 0 expired, after checking 2 new poll(s)",
                "Listing lifecycle task 0_0 ignored since the last check: 0 incomplete poll(s), "
                        + "2 poll(s) not newer than their query's latest, 0 sighting(s) older than their listing's latest");
    }

    @Test
    void listingsEachPollSeesAgainBeforeItsCoverageStayActive() {
        harness.pipe(seen("111", "450.00", inPoll(0)), seen("222", "300.00", inPoll(0)), poll(0));
        harness.check();
        for (int n = 1; n <= 8; n++) {
            harness.pipe(seen("111", "450.00", inPoll(n)), poll(n));
            harness.check();
        }

        assertThat(harness.lifecycle.readKeyValuesToList()).extracting(kv -> kv.key, kv -> kv.value.change(),
                        kv -> kv.value.at())
                .containsExactly(
                        tuple("ebay:111", Change.NEW, inPoll(0)),
                        tuple("ebay:222", Change.NEW, inPoll(0)),
                        tuple("ebay:222", Change.GONE, pollStart(5)));
    }

    @Test
    void recordsThatAreNoListingOfTheirKeyGoToDeadLetterAndProcessingContinues() {
        harness.listings.pipeInput(KEY, null, inPoll(0));
        harness.listings.pipeInput("ebay:999", seen("111", "450.00", inPoll(0)), inPoll(0));
        harness.pipe(seen("111", "450.00", inPoll(0)));

        List<TestRecord<byte[], byte[]>> dead = harness.deadLetters.readRecordsToList();
        assertThat(dead).extracting(r -> new String(r.key(), StandardCharsets.UTF_8))
                .containsExactly(KEY, "ebay:999");
        assertThat(dead).extracting(r -> header(r, "__streams.errors.message"), r -> header(r, "__streams.errors.exception"))
                .containsExactly(
                        tuple("listing record with key ebay:111 has no value", IllegalArgumentException.class.getName()),
                        tuple("listing ebay:111 arrived with key ebay:999", IllegalArgumentException.class.getName()));
        assertThat(harness.lifecycle.readKeyValuesToList()).extracting(kv -> kv.key, kv -> kv.value.change())
                .containsExactly(tuple(KEY, Change.NEW));
    }

    @Test
    void everyStoreIsChangeloggedSoATaskRestoresOnAnotherInstance() {
        harness.pipe(seen("111", "450.00", inPoll(0)), poll(0));

        assertThat(harness.driver.producedTopicNames()).contains(
                LifecycleHarness.APPLICATION_ID + "-listing-states-changelog",
                LifecycleHarness.APPLICATION_ID + "-listing-poll-coverage-changelog",
                LifecycleHarness.APPLICATION_ID + "-listing-poll-coverage-unchecked-changelog");
    }

    private static String header(TestRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private List<String> messages() {
        return lifecycleLog.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }
}
