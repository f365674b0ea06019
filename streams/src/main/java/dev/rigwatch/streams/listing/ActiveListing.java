package dev.rigwatch.streams.listing;

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
     * The first of {@code polls} that proves this listing gone: it may judge the entry, it proves the listing absent,
     * and it started at least {@code goneAfter} after the last sighting.
     *
     * @param polls complete polls of this listing's query, oldest first
     * @return that poll, or null when none does
     */
    PollCoverage provenGoneBy(List<PollCoverage> polls, Duration goneAfter) {
        for (PollCoverage poll : polls) {
            boolean mayJudge = judgedThrough == null || poll.startedAt().isAfter(judgedThrough);
            if (mayJudge && poll.provesAbsent(state.lastSeenAt(), state.listedAt())
                    && Duration.between(state.lastSeenAt(), poll.startedAt()).compareTo(goneAfter) >= 0) {
                return poll;
            }
        }
        return null;
    }
}
