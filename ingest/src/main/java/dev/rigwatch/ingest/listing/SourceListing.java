package dev.rigwatch.ingest.listing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * One item a source offered as a listing, mapped from its own format but not yet classified or converted: the
 * {@link ListingPoller} validates it, classifies its title and converts its price before it becomes a
 * {@code ListingObserved}.
 *
 * @param listingId  the marketplace's id (reddit: post id, with {@code #n} for the n-th card of a post)
 * @param title      the text to classify (reddit: the card's part of {@code [H]})
 * @param condition  the condition as the source states it, or null
 * @param auction    whether the price is an auction's current bid
 * @param price      the price as the source sent it; may be zero or negative (the poller rejects it)
 * @param currency   ISO 4217 code as the source sent it
 * @param shipping   shipping cost in {@code currency}, or null when unknown
 * @param seller     seller name, or null
 * @param location   where the card is, or null
 * @param url        the listing's web page
 * @param listedAt   when the listing was created, or null when the source does not say
 * @param observedAt when the page with this item arrived
 * @param raw        the item as the source sent it (its JSON object, its CSV line), for a reject
 */
public record SourceListing(
        String listingId,
        String title,
        String condition,
        boolean auction,
        BigDecimal price,
        String currency,
        BigDecimal shipping,
        String seller,
        String location,
        String url,
        Instant listedAt,
        Instant observedAt,
        String raw) {

    public SourceListing {
        Objects.requireNonNull(listingId, "listingId");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(observedAt, "observedAt");
    }
}
