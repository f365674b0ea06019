package dev.rigwatch.ingest.listing.ebay;

import java.util.List;

/**
 * The Browse API's error body, e.g. {@code {"errors":[{"errorId":1001,"domain":"OAuth","category":"REQUEST",
 * "message":"Invalid access token","longMessage":"..."}]}} with HTTP 401.
 */
record EbayErrors(List<Error> errors) {

    /** One error of the body; {@code category}, {@code longMessage} and {@code parameters} are left out. */
    record Error(Integer errorId, String domain, String message) {
    }
}
