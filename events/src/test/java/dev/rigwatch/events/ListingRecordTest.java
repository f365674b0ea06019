package dev.rigwatch.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ListingRecordTest {

    private static final Instant LISTED = Instant.parse("2023-11-20T18:22:41Z");
    private static final Instant SEEN = Instant.parse("2023-11-21T10:00:05Z");

    static ListingObserved observed(String price) {
        return new ListingObserved(ListingObserved.VERSION, "ebay", "v1|204512837461|0", "rtx 3090", "poll-1",
                "EVGA GeForce RTX 3090 FTW3 ULTRA GAMING 24GB GDDR6X", "RTX 3090", "GeForce RTX 30", 1.0, "Used",
                false, new BigDecimal(price), "EUR", new BigDecimal("9.90"), new BigDecimal("1.08"),
                new BigDecimal("810.00"), new BigDecimal("10.69"), "gpu_outlet_22", "945** US",
                "https://www.ebay.com/itm/204512837461", LISTED, SEEN);
    }

    @Test
    void bothKindsRoundTripThroughTheTopicSerdeWithTheirType() {
        var serde = Topics.GPU_LISTINGS.valueSerde();
        ListingObserved listing = observed("750.00");
        PollCoverage coverage = new PollCoverage(PollCoverage.VERSION, "ebay", "rtx 3090", "poll-1", SEEN,
                SEEN.plusSeconds(3), 2, 150, 12, true, null, null);

        byte[] listingJson = serde.serializer().serialize("gpu.listings", listing);
        assertThat(new String(listingJson, StandardCharsets.UTF_8))
                .contains("\"type\":\"observed\"", "\"price\":750.00", "\"listedAt\":\"2023-11-20T18:22:41Z\"");
        assertThat(serde.deserializer().deserialize("gpu.listings", listingJson)).isEqualTo(listing);
        assertThat(serde.deserializer().deserialize("gpu.listings",
                serde.serializer().serialize("gpu.listings", coverage))).isEqualTo(coverage);
    }

    @Test
    void keysAreSourceAndListingOrQuery() {
        assertThat(observed("1").key()).isEqualTo("ebay:v1|204512837461|0");
        assertThat(new PollCoverage(1, "hardwareswap", "new", "p", SEEN, SEEN, 1, 0, 0, true, null, null).key())
                .isEqualTo("hardwareswap:new");
    }

    @Test
    void onlyACompletePollStartedAfterTheLastSightingProvesAbsence() {
        Instant lastSeen = Instant.parse("2023-11-21T10:00:00Z");
        PollCoverage later = new PollCoverage(1, "ebay", "q", "p", lastSeen.plusSeconds(60), lastSeen.plusSeconds(70),
                3, 10, 0, true, null, null);
        PollCoverage partial = new PollCoverage(1, "ebay", "q", "p", lastSeen.plusSeconds(60), lastSeen.plusSeconds(70),
                1, 10, 0, false, null, "http-503 on page 2");
        PollCoverage same = new PollCoverage(1, "ebay", "q", "p", lastSeen, lastSeen.plusSeconds(5), 3, 10, 0, true,
                null, null);

        assertThat(later.provesAbsent(lastSeen, LISTED)).isTrue();
        assertThat(partial.provesAbsent(lastSeen, LISTED)).isFalse();
        assertThat(same.provesAbsent(lastSeen, LISTED)).isFalse();
    }

    @Test
    void aNewestFirstPollProvesAbsenceOnlyForListingsInsideItsRange() {
        Instant lastSeen = Instant.parse("2023-11-21T10:00:00Z");
        PollCoverage newest = new PollCoverage(1, "hardwareswap", "new", "p", lastSeen.plusSeconds(60),
                lastSeen.plusSeconds(61), 2, 40, 160, true, Instant.parse("2023-11-20T00:00:00Z"), null);

        assertThat(newest.provesAbsent(lastSeen, LISTED)).isTrue();
        assertThat(newest.provesAbsent(lastSeen, Instant.parse("2023-11-19T23:59:59Z"))).isFalse();
        assertThat(newest.provesAbsent(lastSeen, null)).as("listing time unknown: cannot tell").isFalse();
    }

    @Test
    void invalidRecordsAreRefusedAtConstruction() {
        assertThatThrownBy(() -> observed("0")).hasMessageContaining("price must be positive");
        assertThatThrownBy(() -> new PollCoverage(1, "ebay", "q", "p", SEEN, SEEN, 1, 0, 0, false, null, null))
                .hasMessageContaining("incomplete reason");
    }

    @Test
    void goneListingsKnowTheirTimeOnMarket() {
        ListingState state = ListingState.firstSeen(observed("750.00")).seenAgain(observed("720.00"));
        ListingLifecycle gone = new ListingLifecycle(1, ListingLifecycle.Change.GONE, SEEN.plusSeconds(7200), null,
                state);
        assertThat(gone.timeOnMarket()).isEqualTo(java.time.Duration.between(LISTED, SEEN));
        assertThat(state.price()).isEqualByComparingTo("720.00");
    }
}
