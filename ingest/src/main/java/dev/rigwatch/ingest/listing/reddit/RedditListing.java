package dev.rigwatch.ingest.listing.reddit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One page of a subreddit's listing as reddit sends it:
 * {@code {"kind":"Listing","data":{"after":"t3_...","children":[{"kind":"t3","data":{...}}]}}}.
 *
 * @param kind {@code Listing}
 */
record RedditListing(String kind, Data data) {

    /** @param after the next page's cursor (the last post's {@code name}), null on the last page */
    record Data(String after, List<Thing> children) {}

    /**
     * A child of the listing; {@code t3} is a post. Its data stays JSON until it is read, so that a post that does
     * not read is still reported as it came.
     */
    record Thing(String kind, JsonNode data) {}
}
