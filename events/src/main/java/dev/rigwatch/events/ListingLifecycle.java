package dev.rigwatch.events;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A change in a listing's life. Topic {@code gpu.listing-lifecycle}, key {@code source:listing-id}, record
 * timestamp {@link #at()}.
 *
 * @param change           what happened
 * @param at               NEW and PRICE_CHANGED: the observation's time; GONE and EXPIRED: the start of the complete
 *                         poll that decided it
 * @param previousPriceUsd PRICE_CHANGED: the price before; otherwise null
 * @param listing          the listing after the change (GONE and EXPIRED: as last seen)
 */
public record ListingLifecycle(int v, Change change, Instant at, BigDecimal previousPriceUsd, ListingState listing)
        implements Versioned {

    public static final int VERSION = 1;

    public enum Change {
        /** First seen (or seen again after it was gone: relisted). */
        NEW,
        /** Seen at another price than last time. */
        PRICE_CHANGED,
        /** Not seen by complete polls for the configured time: sold or withdrawn. */
        GONE,
        /**
         * Not seen for the configured expiry while its source was polled completely, though no poll could prove it
         * absent: it fell out of the range a newest-first feed reads, or its query is no longer polled. No longer
         * counted as supply; not counted as sold either, since when it left the market is unknown.
         */
        EXPIRED;

        /** Whether the listing is off the market after this change. */
        public boolean ends() {
            return this == GONE || this == EXPIRED;
        }
    }

    public ListingLifecycle {
        Objects.requireNonNull(change, "change");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(listing, "listing");
        if ((change == Change.PRICE_CHANGED) != (previousPriceUsd != null)) {
            throw new IllegalArgumentException("a previous price belongs to PRICE_CHANGED only, got " + change);
        }
    }

    public String key() {
        return listing.key();
    }

    /**
     * GONE: how long the listing was on the market, from its listing time (or first sighting when the source gives
     * none) to its last sighting; otherwise null.
     */
    public Duration timeOnMarket() {
        if (change != Change.GONE) {
            return null;
        }
        Instant from = listing.listedAt() != null ? listing.listedAt() : listing.firstSeenAt();
        return Duration.between(from, listing.lastSeenAt());
    }
}
