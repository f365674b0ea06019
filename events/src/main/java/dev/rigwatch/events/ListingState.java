package dev.rigwatch.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * An open (active) listing as the lifecycle knows it. Topic {@code gpu.listing-state} (compacted), key
 * {@code source:listing-id}: written when a listing appears or changes price, and a tombstone when it is gone, so
 * the topic read as a table holds exactly the active supply. Also the value inside each {@link ListingLifecycle}.
 *
 * @param source      source id
 * @param listingId   the marketplace's id
 * @param query       the query that last saw it; its polls' coverage decides when it is gone
 * @param model       catalogue model
 * @param family      model family
 * @param title       the title as last seen
 * @param url         the listing page
 * @param price       price in {@code currency}, as last seen
 * @param currency    ISO 4217 code
 * @param priceUsd    price in USD, as last seen
 * @param auction     whether it is an auction
 * @param listedAt    the marketplace's creation time, or null when the source does not say
 * @param firstSeenAt the first observation
 * @param lastSeenAt  the latest observation (in the state topic: as of the latest change)
 */
public record ListingState(
        String source,
        String listingId,
        String query,
        String model,
        String family,
        String title,
        String url,
        BigDecimal price,
        String currency,
        BigDecimal priceUsd,
        boolean auction,
        Instant listedAt,
        Instant firstSeenAt,
        Instant lastSeenAt) {

    public ListingState {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(listingId, "listingId");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(priceUsd, "priceUsd");
        Objects.requireNonNull(firstSeenAt, "firstSeenAt");
        Objects.requireNonNull(lastSeenAt, "lastSeenAt");
    }

    public String key() {
        return ListingRecord.listingKey(source, listingId);
    }

    /** The state after a new observation of the same listing. */
    public ListingState seenAgain(ListingObserved seen) {
        return new ListingState(source, listingId, seen.query(), model, family, seen.title(), seen.url(), seen.price(),
                seen.currency(), seen.priceUsd(), seen.auction(), listedAt != null ? listedAt : seen.listedAt(),
                firstSeenAt, seen.observedAt());
    }

    /** The state of a listing first seen now. */
    public static ListingState firstSeen(ListingObserved seen) {
        return new ListingState(seen.source(), seen.listingId(), seen.query(), seen.model(), seen.family(),
                seen.title(), seen.url(), seen.price(), seen.currency(), seen.priceUsd(), seen.auction(),
                seen.listedAt(), seen.observedAt(), seen.observedAt());
    }
}
