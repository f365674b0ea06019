package dev.rigwatch.ingest.listing;

import java.util.List;

/**
 * A marketplace of used GPUs, polled query by query. Implementations map the marketplace's own format to
 * {@link SourceListing}s and never throw for the marketplace's faults (HTTP errors, bodies that do not parse,
 * items without a price): those come back inside the {@link SourcePoll}.
 */
public interface ListingSource {

    /** The source id in events and metrics: {@code ebay}, {@code hardwareswap}, {@code feed-<name>}. */
    String id();

    /** The queries one round of polling covers, in order (eBay: one search per GPU model). */
    List<String> queries();

    /**
     * Polls one query through as many pages as the source allows, on the calling thread.
     *
     * @param query one of {@link #queries()}
     */
    SourcePoll poll(String query);
}
