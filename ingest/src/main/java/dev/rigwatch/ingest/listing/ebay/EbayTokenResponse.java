package dev.rigwatch.ingest.listing.ebay;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The body of a successful {@code POST /identity/v1/oauth2/token}, e.g.
 * {@code {"access_token":"v^1.1#...","expires_in":7200,"token_type":"Application Access Token"}}; the token type is
 * left out.
 *
 * @param expiresIn the token's life in seconds from when eBay issued it
 */
record EbayTokenResponse(
        @JsonProperty("access_token") String accessToken,
        @JsonProperty("expires_in") Long expiresIn) {
}
