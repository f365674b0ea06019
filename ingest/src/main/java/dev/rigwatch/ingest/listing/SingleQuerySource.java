package dev.rigwatch.ingest.listing;

import java.util.List;

/** A source polled with one query only, as a feed file ({@code all}) or a subreddit's new posts ({@code new}). */
public abstract class SingleQuerySource implements ListingSource {

    private final String query;

    protected SingleQuerySource(String query) {
        this.query = query;
    }

    @Override
    public final List<String> queries() {
        return List.of(query);
    }

    /** Refuses any query but the one, a caller's mistake, then polls. */
    @Override
    public final SourcePoll poll(String asked) {
        if (!query.equals(asked)) {
            throw new IllegalArgumentException(id() + " has the one query \"" + query + "\", not \"" + asked + "\"");
        }
        return pollTheQuery();
    }

    /** Polls the one query, through as many pages as the source allows. */
    protected abstract SourcePoll pollTheQuery();
}
