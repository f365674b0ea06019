package dev.rigwatch.ingest.listing.ebay;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.rigwatch.events.Json;
import dev.rigwatch.ingest.RejectReason;
import dev.rigwatch.ingest.http.InvalidResponse;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * eBay's error bodies put into a failure's detail in eBay's own words. The reason stays the status's class
 * ({@code http-4xx}, {@code http-5xx}), as for a body eBay did not write (a proxy's page), so that the poller
 * counts eBay's errors by status whatever their body.
 */
final class EbayErrorBody {

    private EbayErrorBody() {
    }

    /** The Browse API's {@code {"errors":[{"errorId":1001,"domain":"OAuth","message":"..."}]}}. */
    static InvalidResponse search(int status, String body) {
        if (status < 400) {
            return null;
        }
        EbayErrors parsed = read(body, EbayErrors.class);
        if (parsed == null || parsed.errors() == null || parsed.errors().isEmpty()) {
            return null;
        }
        String errors = parsed.errors().stream().filter(Objects::nonNull)
                .map(error -> "eBay error " + error.errorId() + " (" + error.domain() + "): " + error.message())
                .collect(Collectors.joining("; "));
        return new InvalidResponse(statusReason(status), "HTTP " + status + ", " + errors);
    }

    /** The token endpoint's {@code {"error":"invalid_client","error_description":"..."}}. */
    static InvalidResponse token(int status, String body) {
        if (status < 400) {
            return null;
        }
        EbayOAuthError parsed = read(body, EbayOAuthError.class);
        if (parsed == null || parsed.error() == null) {
            return null;
        }
        return new InvalidResponse(statusReason(status),
                "HTTP " + status + ", eBay OAuth error " + parsed.error() + ": " + parsed.errorDescription());
    }

    private static RejectReason statusReason(int status) {
        return status >= 500 ? RejectReason.HTTP_5XX : RejectReason.HTTP_4XX;
    }

    private static <T> T read(String body, Class<T> type) {
        try {
            return Json.mapper().readValue(body, type);
        } catch (JsonProcessingException notEbaysBody) {
            // a proxy's page or an empty body: the status says it
            return null;
        }
    }
}
