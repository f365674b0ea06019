package dev.rigwatch.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * One used-GPU listing as one poll of a marketplace saw it. Topic {@code gpu.listings} (append-only history), key
 * {@link #key()} ({@code source:listing-id}, e.g. {@code ebay:v1|204512837461|0}), record timestamp
 * {@link #observedAt()}: an observation is the event; the listing's own creation time, the same for every
 * observation, travels in {@link #listedAt()}.
 *
 * @param source       source id: {@code ebay}, {@code hardwareswap}, or {@code feed-<name>} for an operator feed
 * @param listingId    the marketplace's id of the listing (reddit: the post id, with {@code #n} for the n-th card
 *                     of a multi-card post)
 * @param query        the poll query that found it (eBay: the search terms; reddit: {@code new}; feeds: {@code all})
 * @param pollId       the id of the poll that saw it, shared with that poll's {@link PollCoverage}
 * @param title        the title as the seller wrote it (reddit: the card's part of the {@code [H]} section)
 * @param model        the catalogue model the title was classified as, e.g. {@code RTX 3080 12GB}
 * @param family       the model's family, e.g. {@code GeForce RTX 30}
 * @param confidence   the classification's confidence, 0..1
 * @param condition    the condition as the source states it ({@code Used}), or null when it states none
 * @param auction      true for an auction, whose price is the current bid
 * @param price        asking price (or current bid) in {@code currency}, exactly as the source sent it
 * @param currency     ISO 4217 code of {@code price} and {@code shipping}
 * @param shipping     shipping cost in {@code currency}, or null when unknown
 * @param usdRate      the configured rate that converted {@code currency} to USD (1 for USD)
 * @param priceUsd     {@code price × usdRate}, rounded to cents
 * @param shippingUsd  {@code shipping × usdRate}, rounded to cents, or null
 * @param seller       seller name, or null
 * @param location     where the card is (eBay: postal code and country; reddit: the {@code [USA-CA]} tag), or null
 * @param url          the listing's web page
 * @param listedAt     when the listing was created, or null when the source does not say
 * @param observedAt   when rigwatch fetched the page the listing was on
 */
public record ListingObserved(
        int v,
        String source,
        String listingId,
        String query,
        String pollId,
        String title,
        String model,
        String family,
        double confidence,
        String condition,
        boolean auction,
        BigDecimal price,
        String currency,
        BigDecimal shipping,
        BigDecimal usdRate,
        BigDecimal priceUsd,
        BigDecimal shippingUsd,
        String seller,
        String location,
        String url,
        Instant listedAt,
        Instant observedAt) implements ListingRecord {

    public static final int VERSION = 1;

    public ListingObserved {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(listingId, "listingId");
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(pollId, "pollId");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(usdRate, "usdRate");
        Objects.requireNonNull(priceUsd, "priceUsd");
        Objects.requireNonNull(observedAt, "observedAt");
        if (price.signum() <= 0) {
            throw new IllegalArgumentException("price must be positive, got " + price);
        }
    }

    @Override
    public String key() {
        return ListingRecord.listingKey(source, listingId);
    }

    @Override
    public Instant eventTime() {
        return observedAt;
    }
}
