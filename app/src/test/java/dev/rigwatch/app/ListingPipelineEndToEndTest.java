package dev.rigwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigwatch.alerts.AlertsSettings;
import dev.rigwatch.broker.testing.SharedKafka;
import dev.rigwatch.events.ListingLifecycle;
import dev.rigwatch.events.ListingLifecycle.Change;
import dev.rigwatch.events.ListingState;
import dev.rigwatch.events.Topics;
import dev.rigwatch.ingest.IngestSettings;
import dev.rigwatch.ingest.ListingSettings;
import dev.rigwatch.ingest.listing.ebay.EbaySettings;
import dev.rigwatch.ingest.listing.reddit.HardwareswapSettings;
import dev.rigwatch.simulator.EbayAuth;
import dev.rigwatch.simulator.FaultPlan;
import dev.rigwatch.simulator.WsFaultPlan;
import dev.rigwatch.simulator.ListingMarket;
import dev.rigwatch.simulator.SimulatedGpu;
import dev.rigwatch.simulator.SimulatedListing;
import dev.rigwatch.simulator.SimulatedMarket;
import dev.rigwatch.streams.StreamsSettings;
import dev.rigwatch.streams.listing.ListingLifecycleSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The used-GPU side on a real broker: the simulator's eBay and r/hardwareswap → ingest → the listing lifecycle, checked
 * against the simulator's own truth. At 120x the simulated market's listings sell within a few real seconds to half a
 * minute, so GONE changes arrive quickly.
 */
class ListingPipelineEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final Duration GONE_AFTER = Duration.ofMinutes(4);
    /**
     * rigwatch's times and the simulator's differ by a request's length: a sighting is stamped when its page arrived,
     * after the simulator answered, and a poll with the time its first request was sent, before the simulator looked.
     * At 120x one real second of request on a loaded machine is two simulated minutes, in which a listing can sell.
     */
    private static final Duration REQUEST_SLACK = Duration.ofMinutes(2);

    @TempDir
    Path stateDir;

    @Test
    void listingsGoneInTheLifecycleWereSoldInTheSimulatorAndNeverBefore() {
        String bootstrap = SharedKafka.bootstrapServers();
        Clock clock = Clock.systemUTC();
        SimulatedMarket market = SimulatedMarket.heldFromHourDayAgo(clock, 120);
        Instant simStart = market.clock().start();
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> queries = SimulatedGpu.defaults().stream().map(g -> g.model().toLowerCase(Locale.ROOT)).toList();
        ListingSettings listings = ListingSettings.none()
                .withEbay(EbaySettings.defaults(EbayAuth.DEFAULTS.clientId(), EbayAuth.DEFAULTS.clientSecret(), queries),
                        Duration.ofMillis(500))
                .withHardwareswap(HardwareswapSettings.defaults(), Duration.ofMillis(500));

        try (Pipeline pipeline = Pipeline.start(bootstrap, market, 0, FaultPlan.NONE, WsFaultPlan.NONE, Transports.parse(List.of("rest")),
                IngestSettings.defaults().withListings(listings).withExchanges(List.of()),
                StreamsSettings.defaults().withApplicationId("e2e-listings-" + run, stateDir.resolve("streams"))
                        .withCommitInterval(Duration.ofMillis(200))
                        .withLifecycle(new ListingLifecycleSettings(GONE_AFTER, ListingLifecycleSettings.DEFAULT_EXPIRE_AFTER, Duration.ofMillis(500))),
                new AlertsSettings("e2e-listings-alerts-" + run, stateDir.resolve("alerts"), Duration.ofMillis(200)),
                new SimpleMeterRegistry(), clock)) {

            List<ConsumerRecord<String, ListingLifecycle>> gone = SharedKafka.consume(Topics.GPU_LISTING_LIFECYCLE,
                    r -> r.value().change() == Change.GONE && !r.value().at().isBefore(simStart), 30, WAIT);

            ListingMarket truth = pipeline.simulator().listings();
            Map<String, SimulatedListing> byKey = truth.listingsCreated(truth.openedAt(), market.clock().now()).stream()
                    .collect(Collectors.toMap(l -> l.venue().id() + ":" + l.id(), Function.identity()));
            assertThat(gone).allSatisfy(record -> {
                ListingState last = record.value().listing();
                SimulatedListing listing = byKey.get(record.key());
                assertThat(listing).as("the simulator listed %s", record.key()).isNotNull();
                assertThat(last.model()).isEqualTo(listing.model());
                // seen while it was open, declared gone only once it had sold, and only after GONE_AFTER unseen
                assertThat(listing.soldAt()).as("%s still open when last seen", record.key())
                        .isAfter(last.lastSeenAt().minus(REQUEST_SLACK));
                assertThat(listing.soldAt()).as("%s sold when the poll that declared it gone looked", record.key())
                        .isBeforeOrEqualTo(record.value().at().plus(REQUEST_SLACK));
                assertThat(Duration.between(last.lastSeenAt(), record.value().at())).isGreaterThanOrEqualTo(GONE_AFTER);
                assertThat(record.timestamp()).isEqualTo(record.value().at().toEpochMilli());
            });
            assertThat(pipeline.ingest().listingStats()).containsOnlyKeys("ebay", "hardwareswap")
                    .allSatisfy((source, stats) -> assertThat(stats.listingsSent()).isPositive());
        }
    }
}
