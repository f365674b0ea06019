package dev.rigwatch.streams.listing;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the listing lifecycle.
 *
 * @param goneAfter  a listing is GONE once a complete poll of its query that proves it absent started at least this
 *                   long after its last sighting (default 2 h: eBay is polled every 30 min by default, so that is
 *                   several complete misses in a row, not one flaky search)
 * @param expireAfter a listing is EXPIRED once a complete poll of its source (any query) started at least this long
 *                    after its last sighting, though no poll proved it absent (default 14 days). It catches what
 *                    {@code goneAfter} cannot: a post older than a newest-first feed reads (r/hardwareswap), a
 *                    query no longer polled. Not shorter than {@code goneAfter}
 * @param checkEvery how often, in wall-clock time, the stored polls are checked for listings they prove gone
 *                   (default 30 s). Wall clock, because a quiet topic stalls stream time; it only decides when the
 *                   check runs, never what it decides. Unused in {@code TimeMode.STREAM_TIME}, where each complete
 *                   poll is checked as it arrives
 */
public record ListingLifecycleSettings(Duration goneAfter, Duration expireAfter, Duration checkEvery) {

    public static final Duration DEFAULT_GONE_AFTER = Duration.ofHours(2);
    public static final Duration DEFAULT_EXPIRE_AFTER = Duration.ofDays(14);
    public static final Duration DEFAULT_CHECK_EVERY = Duration.ofSeconds(30);

    public ListingLifecycleSettings {
        Objects.requireNonNull(goneAfter, "goneAfter");
        Objects.requireNonNull(expireAfter, "expireAfter");
        Objects.requireNonNull(checkEvery, "checkEvery");
        if (goneAfter.isNegative() || goneAfter.isZero()) {
            throw new IllegalArgumentException("listing goneAfter must be positive, got " + goneAfter);
        }
        if (expireAfter.compareTo(goneAfter) < 0) {
            throw new IllegalArgumentException("listing expireAfter (" + expireAfter
                    + ") must not be shorter than goneAfter (" + goneAfter + ")");
        }
        // Kafka Streams schedules punctuations in whole milliseconds
        if (checkEvery.toMillis() < 1) {
            throw new IllegalArgumentException("listing checkEvery must be at least 1 ms, got " + checkEvery);
        }
    }

    public static ListingLifecycleSettings defaults() {
        return new ListingLifecycleSettings(DEFAULT_GONE_AFTER, DEFAULT_EXPIRE_AFTER, DEFAULT_CHECK_EVERY);
    }
}
