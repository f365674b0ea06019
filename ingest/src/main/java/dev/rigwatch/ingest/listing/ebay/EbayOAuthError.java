package dev.rigwatch.ingest.listing.ebay;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The token endpoint's error body (RFC 6749 section 5.2), e.g.
 * {@code {"error":"invalid_client","error_description":"client authentication failed"}} with HTTP 401.
 */
record EbayOAuthError(
        String error,
        @JsonProperty("error_description") String errorDescription) {
}
