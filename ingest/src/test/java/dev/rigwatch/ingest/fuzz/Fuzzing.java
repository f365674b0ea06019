package dev.rigwatch.ingest.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigwatch.events.ListingObserved;
import dev.rigwatch.ingest.listing.ListingIntake;
import dev.rigwatch.ingest.listing.SourceListing;
import dev.rigwatch.ingest.resilience.TickValidator;
import java.math.BigDecimal;

/**
 * The checks ingest's property tests ({@code *Properties}, fed by {@link dev.rigwatch.testing.FixtureMutations}) all
 * make of what a parser let through: a listing admitted soundly, a price positive and plausible.
 */
public final class Fuzzing {

    /** The largest plausible price, the one {@link TickValidator} rejects ticks above: nothing larger is emitted. */
    public static final BigDecimal MAX_PRICE = TickValidator.Settings.DEFAULT_MAX_PRICE;

    private Fuzzing() {
    }

    /**
     * A listing as the one gate every source passes ({@link ListingIntake}) made it: refused with a reason, or
     * admitted with plausible prices, original and in USD.
     */
    public static String assertAdmittedSoundly(ListingIntake intake, SourceListing listing, String source) {
        ListingIntake.Verdict verdict = intake.admit(listing, source, "fuzz", "poll-1");
        if (verdict instanceof ListingIntake.Refused refused) {
            assertThat(refused.reason()).isNotBlank();
            assertThat(refused.detail()).isNotNull();
            return "refused " + refused.reason();
        }
        ListingObserved observed = ((ListingIntake.Admitted) verdict).observed();
        assertPlausiblePrice("price", observed.price());
        assertPlausiblePrice("priceUsd", observed.priceUsd());
        if (observed.shipping() != null) {
            assertThat(observed.shipping().signum()).as("shipping").isNotNegative();
            assertThat(observed.shippingUsd()).as("shippingUsd").isLessThanOrEqualTo(MAX_PRICE);
        }
        assertThat(intake.rates()).isNotNull();
        assertThat(observed.model()).isNotBlank();
        return "admitted";
    }

    /** A price that made it into an event: positive and not absurd. */
    public static void assertPlausiblePrice(String field, BigDecimal value) {
        assertThat(value).as(field).isNotNull();
        assertThat(value.signum()).as(field + " " + value + " is positive").isPositive();
        assertThat(value).as(field + " is at most " + MAX_PRICE).isLessThanOrEqualTo(MAX_PRICE);
    }
}
