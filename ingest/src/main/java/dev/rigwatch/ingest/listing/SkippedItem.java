package dev.rigwatch.ingest.listing;

import java.time.Instant;
import java.util.Objects;

/**
 * An item a source saw but could not offer as a listing: a want-to-buy post, a closed or sold post, a post
 * without a price, an item whose price or id does not parse. The poller counts it by reason and writes it to
 * {@code ingest.rejects} once per listing id.
 *
 * @param listingId  the marketplace's id when it could be read, else null
 * @param reason     a short stable code: {@code want-to-buy}, {@code closed}, {@code no-price},
 *                   {@code malformed-item}, ...
 * @param detail     the cause, in words
 * @param url        the listing page, or the URL of the response it came in
 * @param raw        the item as the source sent it
 * @param observedAt when the page with this item arrived
 */
public record SkippedItem(String listingId, String reason, String detail, String url, String raw,
                          Instant observedAt) {

    public SkippedItem {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(observedAt, "observedAt");
    }
}
