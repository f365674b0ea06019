package dev.rigwatch.ingest.listing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigwatch.ingest.fuzz.CannedHttp;
import dev.rigwatch.ingest.fuzz.Fuzzing;
import dev.rigwatch.ingest.gpu.TitleNormaliser;
import dev.rigwatch.ingest.listing.ebay.EbaySettings;
import dev.rigwatch.ingest.listing.ebay.EbaySource;
import dev.rigwatch.ingest.listing.reddit.HardwareswapSettings;
import dev.rigwatch.ingest.listing.reddit.HardwareswapSource;
import dev.rigwatch.testing.FixtureMutations;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * The eBay and r/hardwareswap sources polled with damaged copies of their real pages (every page of a poll gets the
 * same damaged body; eBay's token stays real): a poll never throws, every item is a listing or a skipped item with
 * a reason, and a listing the {@link ListingIntake} admits has a plausible price.
 */
class ListingSourceProperties {

    private static final TitleNormaliser NORMALISER = TitleNormaliser.standard();
    private static final ListingIntake INTAKE = new ListingIntake(NORMALISER, UsdRates.defaults(), MsrpFloor.defaults());

    private final CannedHttp http = new CannedHttp();
    private final Clock clock = Clock.fixed(CannedHttp.NOW, ZoneOffset.UTC);
    private final EbaySource ebay = new EbaySource(http.client(),
            EbaySettings.defaults("fuzz-client", "fuzz-secret", List.of("rtx 3090")), clock);
    private final HardwareswapSource reddit = new HardwareswapSource(http.client(), HardwareswapSettings.defaults(),
            NORMALISER, clock);

    ListingSourceProperties() {
        http.answerFor("oauth2", 200, FixtureMutations.fixture("ebay-oauth-token.json"));
    }

    @Property(tries = 200, seed = FixtureMutations.CI_SEED)
    void ebaySearchPages(@ForAll("ebayPages") byte[] page) {
        http.answer(200, page);
        check(ebay.poll("rtx 3090"), EbaySource.ID);
    }

    @Property(tries = 200, seed = FixtureMutations.CI_SEED)
    void hardwareswapPages(@ForAll("redditPages") byte[] page) {
        http.answer(200, page);
        check(reddit.poll(HardwareswapSource.QUERY), HardwareswapSource.ID);
    }

    private static void check(SourcePoll poll, String source) {
        assertThat(poll.complete()).isEqualTo(poll.incompleteReason() == null);
        if (poll.failure() != null) {
            assertThat(poll.failure().reason()).isNotNull();
            Statistics.label("poll").collect("failure " + poll.failure().reason().code());
        } else {
            Statistics.label("poll").collect(poll.listings().isEmpty() ? "no listings" : "listings");
        }
        for (SkippedItem skipped : poll.skipped()) {
            assertThat(skipped.reason()).isNotBlank();
            Statistics.label("item").collect("skipped " + skipped.reason());
        }
        for (SourceListing listing : poll.listings()) {
            Statistics.label("item").collect(Fuzzing.assertAdmittedSoundly(INTAKE, listing, source));
        }
    }

    @Provide
    Arbitrary<byte[]> ebayPages() {
        return FixtureMutations.of(FixtureMutations.fixture("ebay-search-rtx3090.json"));
    }

    @Provide
    Arbitrary<byte[]> redditPages() {
        return Arbitraries.oneOf(FixtureMutations.of(FixtureMutations.fixture("reddit-hardwareswap-new.json")),
                FixtureMutations.of(FixtureMutations.fixture("reddit-hardwareswap-new-page2.json")));
    }
}
