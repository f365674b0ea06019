package dev.rigwatch.ingest.listing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigwatch.events.ListingObserved;
import dev.rigwatch.ingest.gpu.TitleNormaliser;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one listing rule, asked by the poller and the importer alike. */
class ListingIntakeTest {

    private static final Instant SEEN = Instant.parse("2026-03-01T12:00:00Z");
    private static final TitleNormaliser NORMALISER = TitleNormaliser.standard();
    private static final UsdRates RATES = UsdRates.of(Map.of("EUR", new BigDecimal("1.10")));
    private final ListingIntake intake = new ListingIntake(NORMALISER, RATES, MsrpFloor.defaults());

    @Test
    void admitsAClassifiedListingWithItsPriceInUsdAndTheOriginalKept() {
        ListingIntake.Verdict verdict = intake.admit(listing("EVGA RTX 3080 FTW3 10GB", "400.00", "eur", "5.00"),
                "ebay", "rtx 3080", "ebay:rtx 3080@" + SEEN);

        assertThat(verdict).isInstanceOf(ListingIntake.Admitted.class);
        ListingObserved observed = ((ListingIntake.Admitted) verdict).observed();
        assertThat(observed.model()).isEqualTo("RTX 3080");
        assertThat(observed.currency()).isEqualTo("EUR");
        assertThat(observed.price()).isEqualByComparingTo("400.00");
        assertThat(observed.priceUsd()).isEqualByComparingTo("440.00");
        assertThat(observed.shippingUsd()).isEqualByComparingTo("5.50");
        assertThat(observed.pollId()).isEqualTo("ebay:rtx 3080@" + SEEN);
    }

    @Test
    void refusesWhatNoTitleCanSaveAndWhatTheClassifierRejects() {
        assertThat(refusal(listing(" ", "400", "USD", null))).isEqualTo(ListingIntake.NO_TITLE);
        assertThat(refusal(listing("RTX 3080", "0", "USD", null))).isEqualTo(ListingIntake.INVALID_PRICE);
        assertThat(refusal(listing("RTX 3080", "400", "USD", "-1"))).isEqualTo(ListingIntake.INVALID_PRICE);
        assertThat(refusal(listing("RTX 3080", "400", "euro", null))).isEqualTo(ListingIntake.UNKNOWN_CURRENCY);
        assertThat(refusal(listing("RTX 3080", "400", "NZD", null))).isEqualTo(ListingIntake.UNKNOWN_CURRENCY);
        assertThat(refusal(listing("Dell 27\" monitor", "150", "USD", null))).isEqualTo("unknown-model");
    }

    @Test
    void refusesAPriceBelowTheFloorInUsdWithWhatTheFloorWasAndAdmitsOneAtIt() {
        // RTX 4090: $1,599 at launch, so 0.15 of it is $239.85; EUR 218.04 is $239.84 at 1.10
        ListingIntake.Verdict cheap = intake.admit(listing("CableMod RTX 4090 FE", "218.04", "EUR", "30"), "ebay",
                "q", "poll");

        assertThat(cheap).isEqualTo(new ListingIntake.Refused(MsrpFloor.BELOW_MSRP_FLOOR, "price 239.84 USD is below "
                + "0.15 of the RTX 4090's launch MSRP of 1599 USD (239.85 USD): CableMod RTX 4090 FE"));
        assertThat(intake.admit(listing("RTX 4090 FE", "239.85", "USD", null), "ebay", "q", "poll"))
                .isInstanceOf(ListingIntake.Admitted.class);
    }

    @Test
    void aFloorOfZeroAdmitsAnyPositivePriceAndAFloorOutside0To1IsRefused() {
        ListingIntake noFloor = new ListingIntake(NORMALISER, RATES, MsrpFloor.parse("0"));

        assertThat(noFloor.admit(listing("RTX 4090 FE", "1", "USD", null), "ebay", "q", "poll"))
                .isInstanceOf(ListingIntake.Admitted.class);
        assertThatThrownBy(() -> MsrpFloor.parse("1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the MSRP floor must be a fraction from 0 up to (not including) 1, was 1");
        assertThatThrownBy(() -> MsrpFloor.parse("-0.1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MsrpFloor.parse("15%")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the MSRP floor \"15%\" is not a number, e.g. 0.15");
    }

    @Test
    void refusesAPriceOrShippingAboveThePlausibleMaximum() {
        // found by ListingSourceProperties and FeedReaderProperties: eBay's "1e309", a feed's 40-digit price
        assertThat(intake.admit(listing("RTX 3080", "1e309", "USD", null), "ebay", "q", "poll")).isEqualTo(
                new ListingIntake.Refused(ListingIntake.INVALID_PRICE,
                        "price 1E+309 is above the plausible maximum 1000000000000"));
        assertThat(refusal(listing("RTX 3080", "1234567890123456789012345678901234567890", "USD", null)))
                .isEqualTo(ListingIntake.INVALID_PRICE);
        assertThat(refusal(listing("RTX 3080", "400", "USD", "1e13"))).isEqualTo(ListingIntake.INVALID_PRICE);
        assertThat(refusal(listing("RTX 3080", "400", "USD", "1e-999999999"))).isEqualTo(ListingIntake.INVALID_PRICE);
        assertThat(refusal(listing("RTX 3080", "1e-999999999", "USD", null))).as("refused at once, not rounded")
                .isEqualTo(ListingIntake.INVALID_PRICE);
        assertThat(intake.admit(listing("RTX 3080", "0.004", "EUR", null), "ebay", "q", "poll")).isEqualTo(
                new ListingIntake.Refused(ListingIntake.INVALID_PRICE, "price 0.004 is less than 0.01"));
        // found by FeedReaderProperties: within the maximum in euros, above it in dollars
        assertThat(intake.admit(listing("RTX 3080", "400", "EUR", "950000000000"), "ebay", "q", "poll")).isEqualTo(
                new ListingIntake.Refused(ListingIntake.INVALID_PRICE,
                        "shipping in USD 1045000000000.00 is above the plausible maximum 1000000000000"));
        assertThat(intake.admit(listing("RTX 3080", "1000000000000", "USD", null), "ebay", "q", "poll"))
                .as("the maximum itself is plausible").isInstanceOf(ListingIntake.Admitted.class);
    }

    private String refusal(SourceListing listing) {
        ListingIntake.Verdict verdict = intake.admit(listing, "ebay", "q", "poll");
        assertThat(verdict).isInstanceOf(ListingIntake.Refused.class);
        return ((ListingIntake.Refused) verdict).reason();
    }

    private static SourceListing listing(String title, String price, String currency, String shipping) {
        return new SourceListing("1", title, "Used", false, new BigDecimal(price), currency,
                shipping == null ? null : new BigDecimal(shipping), null, null, "https://market.example/itm/1", null,
                SEEN, "{}");
    }
}
