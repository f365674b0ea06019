package dev.rigwatch.ingest.listing.reddit;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;

/**
 * The fields of a reddit post ({@code t3}) that a listing is made of, named as reddit names them.
 *
 * @param linkFlairText {@code SELLING}, {@code BUYING}, {@code TRADING}, {@code CLOSED}, ..., or null
 * @param createdUtc    seconds since the epoch, sent as a float
 * @param permalink     the post's path on www.reddit.com
 */
record RedditPost(
        String id,
        String title,
        String selftext,
        @JsonProperty("link_flair_text") String linkFlairText,
        @JsonProperty("created_utc") BigDecimal createdUtc,
        String author,
        String permalink) {
}
