package dev.rigwatch.streams.listing;

import dev.rigwatch.events.ListingLifecycle.Change;
import dev.rigwatch.events.ListingState;
import dev.rigwatch.events.PollCoverage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A listing's entry in the {@code listing-states} store: the listing as last seen, and which polls of its query can
 * still prove it gone.
 *
 * @param state         the listing as last seen
 * @param judgedThrough the start of the latest complete poll of the listing's query that had arrived when this entry
 *                      was written, or null when none had. Those polls either were judged against the entry this one
 *                      replaced, or arrived before a late sighting; only polls that start later may judge this
 *                      entry, so the outcome follows the record order alone, whenever the check runs
 */
record ActiveListing(ListingState state, Instant judgedThrough) {

    ActiveListing {
        Objects.requireNonNull(state, "state");
    }

    /** The key of the polls that decide this listing's fate: {@code source:query}, as {@link PollCoverage#key()}. */
    String coverageKey() {
        return coverageKey(state.source(), state.query());
    }

    static String coverageKey(String source, String query) {
        return source + ":" + query;
    }

    /**
     * The first of {@code polls} that ends this listing: GONE by a poll of its query that may judge the entry, proves
     * the listing absent and started at least {@code goneAfter} after the last sighting; EXPIRED by a poll of its
     * source (any query) that started at least {@code expireAfter} after the last sighting.
     *
     * @param polls complete polls of this listing's source, oldest first
     * @return that poll and what it decided, or null when none ends the listing
     */
    Ending endedBy(List<PollCoverage> polls, Duration goneAfter, Duration expireAfter) {
        for (PollCoverage poll : polls) {
            Duration unseenFor = Duration.between(state.lastSeenAt(), poll.startedAt());
            boolean ofItsQuery = poll.key().equals(coverageKey());
            boolean mayJudge = judgedThrough == null || poll.startedAt().isAfter(judgedThrough);
            if (ofItsQuery && mayJudge && poll.provesAbsent(state.lastSeenAt(), state.listedAt())
                    && unseenFor.compareTo(goneAfter) >= 0) {
                return new Ending(Change.GONE, poll);
            }
            if (unseenFor.compareTo(expireAfter) >= 0) {
                return new Ending(Change.EXPIRED, poll);
            }
        }
        return null;
    }

    /** How a listing left the market ({@link Change#GONE} or {@link Change#EXPIRED}), and the poll that decided it. */
    record Ending(Change change, PollCoverage decidedBy) {
    }
}
