package dev.rigwatch.events;

import java.time.Instant;
import java.util.Objects;

/**
 * What one poll of a listing source covered: written to <em>every</em> partition of {@code gpu.listings} after the
 * poll's listings, key {@code source:query}, record timestamp {@link #startedAt()}. Because one producer writes a
 * poll's listings and then its coverage, each partition holds the coverage after the listings it covers, and the
 * listing lifecycle can decide per partition, without a race, which listings a complete poll did not see.
 *
 * <p>A listing counts as "not seen" by this poll only when the poll is {@link #complete()} and the listing falls
 * in the covered range: listed at or after {@link #coveredFrom()}, or anything when that is null. A failed or
 * partial poll (an HTTP error, a page that did not parse, the page cap reached without a known range) says
 * {@code complete=false} and proves nothing.
 *
 * @param source           the source id, as in {@link ListingObserved#source()}
 * @param query            the query polled
 * @param pollId           shared with the poll's {@link ListingObserved} records
 * @param startedAt        when the poll's first request was sent; every listing it saw was observed at or after it
 * @param finishedAt       when its last response arrived
 * @param pages            pages fetched successfully
 * @param listings         listings the poll wrote to the topic
 * @param skipped          items the poll saw but did not write (not a card, no price, unknown model...)
 * @param complete         whether every page the poll meant to read came back and parsed
 * @param coveredFrom      the oldest listing time the poll covered when it read a newest-first feed only down to
 *                         that point; null when it covered everything the query matches
 * @param incompleteReason why the poll is not complete, or null
 */
public record PollCoverage(
        int v,
        String source,
        String query,
        String pollId,
        Instant startedAt,
        Instant finishedAt,
        int pages,
        int listings,
        int skipped,
        boolean complete,
        Instant coveredFrom,
        String incompleteReason) implements ListingRecord {

    public static final int VERSION = 1;

    public PollCoverage {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(pollId, "pollId");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(finishedAt, "finishedAt");
        if (complete == (incompleteReason != null)) {
            throw new IllegalArgumentException("a complete poll has no incomplete reason and an incomplete one has one: "
                    + complete + ", " + incompleteReason);
        }
    }

    /** The Kafka key: {@code source:query}. */
    @Override
    public String key() {
        return source + ":" + query;
    }

    @Override
    public Instant eventTime() {
        return startedAt;
    }

    /** Whether this poll proves that a listing last seen at {@code lastSeenAt} and listed at {@code listedAt} is gone. */
    public boolean provesAbsent(Instant lastSeenAt, Instant listedAt) {
        if (!complete || !startedAt.isAfter(lastSeenAt)) {
            return false;
        }
        return coveredFrom == null || (listedAt != null && !listedAt.isBefore(coveredFrom));
    }
}
