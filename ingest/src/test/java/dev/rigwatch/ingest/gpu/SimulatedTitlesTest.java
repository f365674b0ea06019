package dev.rigwatch.ingest.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigwatch.simulator.ListingMarket;
import dev.rigwatch.simulator.SimulatedClock;
import dev.rigwatch.simulator.SimulatedListing;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The simulator's sellers write titles the normaliser must read as they are meant: the demo depends on it. */
class SimulatedTitlesTest {

    @Test
    void aDayOfSimulatedTitlesClassifiesAsTheSimulatorMeansThem() {
        Instant start = Instant.parse("2026-11-24T00:00:00Z");
        ListingMarket market = ListingMarket.defaults(
                new SimulatedClock(Clock.fixed(start, ZoneOffset.UTC), start, 60));
        List<SimulatedListing> day = market.listingsCreated(market.openedAt(), start);
        TitleNormaliser normaliser = TitleNormaliser.standard();

        assertThat(day).hasSizeGreaterThan(5_000);
        assertThat(day).allSatisfy(listing -> {
            Classification classified = normaliser.classify(listing.title());
            if (listing.genuine()) {
                assertThat(classified.model()).as(listing.title()).isEqualTo(listing.model());
            } else {
                assertThat(classified.rejectReason()).as(listing.title()).isEqualTo(listing.kind().rejectReason());
            }
        });
    }
}
