package dev.rigwatch.ingest.listing;

import dev.rigwatch.ingest.FetchResult;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What one poll of one query brought back.
 *
 * @param query            the query polled
 * @param startedAt        when the first request was sent
 * @param finishedAt       when the last response (or failure) arrived
 * @param pages            pages that came back and parsed
 * @param listings         the items offered as listings, in the source's order
 * @param skipped          items seen but not offered, with why
 * @param failure          the request that failed and ended the poll early, or null; when set the poll is incomplete
 * @param complete         whether every page the poll meant to read came back and parsed
 * @param coveredFrom      for a newest-first source read only down to some point: the oldest listing time covered;
 *                         null when the poll covered everything the query matches
 * @param incompleteReason why the poll is not complete ({@code http-503 on page 3}, {@code page cap 5 reached}),
 *                         or null
 */
public record SourcePoll(
        String query,
        Instant startedAt,
        Instant finishedAt,
        int pages,
        List<SourceListing> listings,
        List<SkippedItem> skipped,
        FetchResult.Failure failure,
        boolean complete,
        Instant coveredFrom,
        String incompleteReason) {

    public SourcePoll {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(finishedAt, "finishedAt");
        listings = List.copyOf(listings);
        skipped = List.copyOf(skipped);
        if (complete == (incompleteReason != null)) {
            throw new IllegalArgumentException("a complete poll has no incomplete reason and an incomplete one has one");
        }
        if (complete && failure != null) {
            throw new IllegalArgumentException("a poll that failed is not complete");
        }
    }
}
