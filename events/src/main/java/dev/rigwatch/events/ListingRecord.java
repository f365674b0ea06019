package dev.rigwatch.events;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A record of the {@code gpu.listings} topic: either one listing as a poll saw it, or what a poll covered. Both
 * travel on one topic, in the order the poll produced them, so that a consumer of any partition sees a poll's
 * listings before the poll's coverage (see {@link PollCoverage}); a replay of the topic therefore rebuilds the
 * listing lifecycle exactly. The JSON carries a {@code type} field: {@code observed} or {@code coverage}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = ListingObserved.class, name = "observed"),
        @JsonSubTypes.Type(value = PollCoverage.class, name = "coverage")})
public sealed interface ListingRecord extends Versioned permits ListingObserved, PollCoverage {

    /** The Kafka key. */
    String key();

    /** The record timestamp. */
    java.time.Instant eventTime();

    /** The key of a listing: {@code source:listing-id}. */
    static String listingKey(String source, String listingId) {
        return source + ":" + listingId;
    }
}
