package dev.rigwatch.ingest.listing;

import dev.rigwatch.events.ListingObserved;
import dev.rigwatch.events.gpu.GpuModel;
import dev.rigwatch.ingest.gpu.Classification;
import dev.rigwatch.ingest.gpu.TitleNormaliser;
import dev.rigwatch.ingest.resilience.TickValidator;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The one rule that turns a marketplace's listing into a {@link ListingObserved}, or says why it cannot: a title,
 * a positive price of at least a cent, no negative shipping, neither above the plausible maximum price (in its
 * currency and in USD), a currency {@link UsdRates} knows, a title the {@link TitleNormaliser} names one catalogue
 * model for, and a price in USD not below that model's {@link MsrpFloor}; the price is converted to USD with the
 * original kept. The listing poller and the
 * history importer both ask it, so a polled and an imported listing are admitted, converted and rejected alike.
 */
public final class ListingIntake {

    public static final String NO_TITLE = "no-title";
    public static final String INVALID_PRICE = "invalid-price";
    public static final String UNKNOWN_CURRENCY = "unknown-currency";
    private static final BigDecimal SMALLEST_PRICE = new BigDecimal("0.01");
    private static final Pattern CURRENCY_CODE = Pattern.compile("[A-Z]{3}");

    /** What the intake made of a listing. */
    public sealed interface Verdict permits Admitted, Refused {
    }

    /** The listing as rigwatch's event. */
    public record Admitted(ListingObserved observed) implements Verdict {
    }

    /** Why the listing is not written: a reject reason code and a sentence for the reject's detail. */
    public record Refused(String reason, String detail) implements Verdict {
    }

    private final TitleNormaliser normaliser;
    private final UsdRates rates;
    private final MsrpFloor floor;

    public ListingIntake(TitleNormaliser normaliser, UsdRates rates, MsrpFloor floor) {
        this.normaliser = Objects.requireNonNull(normaliser, "normaliser");
        this.rates = Objects.requireNonNull(rates, "rates");
        this.floor = Objects.requireNonNull(floor, "floor");
    }

    public UsdRates rates() {
        return rates;
    }

    public MsrpFloor floor() {
        return floor;
    }

    /**
     * @param sourceId the source, e.g. {@code ebay} or {@code feed-shop}
     * @param query    the query the listing answered
     * @param pollId   the poll (or import) the listing came with
     */
    public Verdict admit(SourceListing listing, String sourceId, String query, String pollId) {
        String currency = listing.currency().strip().toUpperCase(Locale.ROOT);
        Refused invalid = invalid(listing, currency);
        if (invalid != null) {
            return invalid;
        }
        Classification classification = normaliser.classify(listing.title());
        if (classification.rejectReason() != null) {
            return new Refused(classification.rejectReason(),
                    "title classified as " + classification.rejectReason() + ": " + listing.title());
        }
        BigDecimal rate = rates.rate(currency).orElseThrow();
        BigDecimal priceUsd = UsdRates.toUsd(listing.price(), rate);
        if (priceUsd.signum() <= 0) {
            return new Refused(INVALID_PRICE, "price " + listing.price() + " " + currency + " is less than a cent in USD");
        }
        BigDecimal shippingUsd = listing.shipping() == null ? null : UsdRates.toUsd(listing.shipping(), rate);
        String absurd = TickValidator.abovePlausibleMaximum("price in USD", priceUsd);
        if (absurd == null && shippingUsd != null) {
            absurd = TickValidator.abovePlausibleMaximum("shipping in USD", shippingUsd);
        }
        if (absurd != null) {
            return new Refused(INVALID_PRICE, absurd);
        }
        GpuModel model = model(classification.model());
        String tooCheap = floor.belowFloor(model, priceUsd);
        if (tooCheap != null) {
            return new Refused(MsrpFloor.BELOW_MSRP_FLOOR, tooCheap + ": " + listing.title());
        }
        return new Admitted(new ListingObserved(ListingObserved.VERSION, sourceId, listing.listingId(), query, pollId,
                listing.title(), model.model(), model.family(),
                classification.confidence(), listing.condition(), listing.auction(), listing.price(), currency,
                listing.shipping(), rate, priceUsd, shippingUsd, listing.seller(),
                listing.location(), listing.url(), listing.listedAt(), listing.observedAt()));
    }

    /** Why a listing cannot be written whatever its title says, or null when it can. */
    private Refused invalid(SourceListing listing, String currency) {
        if (listing.title().isBlank()) {
            return new Refused(NO_TITLE, "the listing has no title");
        }
        if (listing.price().signum() <= 0) {
            return new Refused(INVALID_PRICE, "price " + listing.price() + " is not positive");
        }
        if (listing.shipping() != null && listing.shipping().signum() < 0) {
            return new Refused(INVALID_PRICE, "shipping " + listing.shipping() + " is negative");
        }
        // below a hundredth of a unit is not a price (and rounding 1e-999999999 to cents would take hours)
        if (listing.price().compareTo(SMALLEST_PRICE) < 0) {
            return new Refused(INVALID_PRICE, "price " + listing.price() + " is less than " + SMALLEST_PRICE);
        }
        if (listing.shipping() != null && listing.shipping().signum() > 0
                && listing.shipping().compareTo(SMALLEST_PRICE) < 0) {
            return new Refused(INVALID_PRICE, "shipping " + listing.shipping() + " is less than " + SMALLEST_PRICE);
        }
        // the ticks' plausible maximum: a card's price above it is a parsing accident, not an offer
        String absurd = TickValidator.abovePlausibleMaximum("price", listing.price());
        if (absurd == null && listing.shipping() != null) {
            absurd = TickValidator.abovePlausibleMaximum("shipping", listing.shipping());
        }
        if (absurd != null) {
            return new Refused(INVALID_PRICE, absurd);
        }
        if (!CURRENCY_CODE.matcher(currency).matches()) {
            return new Refused(UNKNOWN_CURRENCY, "currency \"" + listing.currency() + "\" is not an ISO 4217 code");
        }
        if (rates.rate(currency).isEmpty()) {
            return new Refused(UNKNOWN_CURRENCY, "no USD rate is configured for " + currency + " (known: "
                    + String.join(", ", rates.rates().keySet()) + ")");
        }
        return null;
    }

    private GpuModel model(String model) {
        return normaliser.catalogue().find(model).orElseThrow(
                () -> new IllegalStateException("the normaliser named " + model + ", which its catalogue lacks"));
    }
}
