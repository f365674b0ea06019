package dev.rigwatch.streams.listing;

import static dev.rigwatch.streams.listing.LifecycleHarness.LISTED;
import static dev.rigwatch.streams.listing.LifecycleHarness.QUERY;
import static dev.rigwatch.streams.listing.LifecycleHarness.gone;
import static dev.rigwatch.streams.listing.LifecycleHarness.inPoll;
import static dev.rigwatch.streams.listing.LifecycleHarness.newListing;
import static dev.rigwatch.streams.listing.LifecycleHarness.poll;
import static dev.rigwatch.streams.listing.LifecycleHarness.pollStart;
import static dev.rigwatch.streams.listing.LifecycleHarness.seen;
import static dev.rigwatch.streams.listing.LifecycleHarness.state;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rigwatch.events.ListingLifecycle;
import dev.rigwatch.events.ListingRecord;
import dev.rigwatch.events.ListingState;
import dev.rigwatch.streams.TimeMode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lifecycle follows the record order alone: a live run checks after nearly every record, a replay reads hours of
 * polls between two checks, and both must mark the same listings gone at the same polls.
 */
class ListingLifecycleReplayTest {

    /** Newest-first polls that stop here no longer reach listings listed at {@link LifecycleHarness#LISTED}. */
    private static final Instant SHALLOW_FROM = LISTED.plus(Duration.ofDays(1));
    private static final Instant LISTED_RECENTLY = SHALLOW_FROM.plus(Duration.ofHours(3));
    /** A poll a fortnight after poll 7: what the shallow polls can no longer reach and it did not see expires. */
    private static final Instant FORTNIGHT_LATER = pollStart(7).plus(Duration.ofDays(14));

    @TempDir
    Path liveStateDir;
    @TempDir
    Path replayStateDir;

    /**
     * Listing 1 is last seen in poll 0 and proven gone by poll 5, after which the polls read newest first and no
     * longer reach it. Listing 2 is proven gone by poll 5 too, then seen again in poll 6: a relisting. Listing 3
     * arrives late, after poll 6, with a sighting from poll 1: only polls that arrive after it judge it. Listing 4 is
     * seen by every poll. A poll a fortnight later sees listing 4 again and expires the relisted listing 2, which the
     * shallow polls could not prove gone.
     */
    private static List<ListingRecord> history() {
        List<ListingRecord> records = new ArrayList<>(List.of(
                seen("1", "450.00", inPoll(0)), seen("2", "300.00", inPoll(0)), seen("4", "500.00", inPoll(0)),
                poll(0)));
        for (int n = 1; n <= 5; n++) {
            records.add(seen("4", "500.00", inPoll(n)));
            records.add(poll(n));
        }
        records.addAll(List.of(
                seen("4", "500.00", inPoll(6)), seen("2", "290.00", inPoll(6)),
                poll(QUERY, pollStart(6), SHALLOW_FROM),
                seen("3", QUERY, "350.00", "USD", "1", LISTED_RECENTLY, inPoll(1)),
                seen("4", "500.00", inPoll(7)),
                poll(QUERY, pollStart(7), SHALLOW_FROM),
                seen("4", "500.00", FORTNIGHT_LATER.plus(LifecycleHarness.PAGE_LATENCY)),
                poll(QUERY, FORTNIGHT_LATER, SHALLOW_FROM)));
        return records;
    }

    /** What {@link #history()} must give, however the checks are timed. */
    private static final Map<String, List<String>> HISTORY_CHANGES = Map.of(
            "ebay:1", List.of("NEW " + inPoll(0), "GONE " + pollStart(5)),
            "ebay:2", List.of("NEW " + inPoll(0), "GONE " + pollStart(5), "NEW " + inPoll(6), "EXPIRED " + FORTNIGHT_LATER),
            "ebay:3", List.of("NEW " + inPoll(1), "GONE " + pollStart(7)),
            "ebay:4", List.of("NEW " + inPoll(0)));

    @Test
    void checkingAfterEveryRecordOrOnceAtTheEndMarksTheSameListingsGoneAtTheSamePolls() {
        Map<String, List<String>> live;
        try (LifecycleHarness harness = new LifecycleHarness(liveStateDir)) {
            for (ListingRecord record : history()) {
                harness.pipe(record);
                harness.check();
            }
            live = changesByListing(harness.lifecycle.readRecordsToList());
        }
        Map<String, List<String>> replay;
        try (LifecycleHarness harness = new LifecycleHarness(replayStateDir)) {
            history().forEach(harness::pipe);
            harness.check();
            replay = changesByListing(harness.lifecycle.readRecordsToList());
        }

        assertThat(live).isEqualTo(HISTORY_CHANGES);
        assertThat(replay).isEqualTo(HISTORY_CHANGES);
    }

    @Test
    void inStreamTimeEachCompletePollIsCheckedAsItArrivesWithTheSameOutcome(@TempDir Path streamTimeStateDir) {
        try (LifecycleHarness harness = new LifecycleHarness(streamTimeStateDir, TimeMode.STREAM_TIME)) {
            history().forEach(harness::pipe);

            assertThat(changesByListing(harness.lifecycle.readRecordsToList())).isEqualTo(HISTORY_CHANGES);
        }
    }

    @Test
    void inStreamTimeTheGoneComesOutWithThePollThatProvesItWhileTheWallClockWaitsForItsCheck() {
        ListingState listing = state("1", "450.00", inPoll(0), inPoll(0));
        try (LifecycleHarness streamTime = new LifecycleHarness(liveStateDir, TimeMode.STREAM_TIME);
             LifecycleHarness wallClock = new LifecycleHarness(replayStateDir)) {
            for (LifecycleHarness harness : List.of(streamTime, wallClock)) {
                harness.pipe(seen("1", "450.00", inPoll(0)), poll(0), poll(5));
            }

            assertThat(streamTime.lifecycle.readRecordsToList()).extracting(TestRecord::value)
                    .containsExactly(newListing(listing), gone(listing, pollStart(5)));
            assertThat(wallClock.lifecycle.readRecordsToList()).extracting(TestRecord::value)
                    .containsExactly(newListing(listing));
        }
    }

    @Test
    void sightingAfterAPollThatProvedTheListingGoneIsARelistingEvenBeforeTheCheck() {
        try (LifecycleHarness harness = new LifecycleHarness(liveStateDir)) {
            harness.pipe(seen("2", "300.00", inPoll(0)), poll(5), seen("2", "290.00", inPoll(6)));

            ListingState before = state("2", "300.00", inPoll(0), inPoll(0));
            ListingState relisted = state("2", "290.00", inPoll(6), inPoll(6));
            assertThat(harness.lifecycle.readRecordsToList())
                    .extracting(TestRecord::value, TestRecord::getRecordTime)
                    .containsExactly(
                            tuple(newListing(before), inPoll(0)),
                            tuple(gone(before, pollStart(5)), pollStart(5)),
                            tuple(newListing(relisted), inPoll(6)));

            // the check finds nothing left to do
            harness.check();
            assertThat(harness.lifecycle.isEmpty()).isTrue();
        }
    }

    /** Each listing's changes in their order on the topic (the order a consumer of its partition sees). */
    private static Map<String, List<String>> changesByListing(List<TestRecord<String, ListingLifecycle>> records) {
        Map<String, List<String>> changes = new LinkedHashMap<>();
        for (TestRecord<String, ListingLifecycle> record : records) {
            assertThat(record.getRecordTime()).isEqualTo(record.value().at());
            changes.computeIfAbsent(record.key(), k -> new ArrayList<>())
                    .add(record.value().change() + " " + record.value().at());
        }
        return changes;
    }
}
