package dev.rigwatch.simulator;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.rigwatch.simulator.SimulatedApi.Reply;
import java.util.List;
import java.util.Map;

/**
 * The Browse API's error bodies, {@code {"errors":[{...}]}}, in one place so the search's refusals, the missing
 * resource, the rate limit and the server's own failures all look like eBay's. The ids of request errors (12xxx)
 * are the simulator's; clients should act on the status.
 */
final class EbayErrors {

    private EbayErrors() {
    }

    @JsonPropertyOrder({"errorId", "domain", "category", "message", "longMessage"})
    record ErrorJson(int errorId, String domain, String category, String message, String longMessage) {
    }

    private static Reply errors(int status, int errorId, String domain, String category, String message,
                                String longMessage) {
        return Reply.json(status, Map.of("errors", List.of(new ErrorJson(errorId, domain, category, message,
                longMessage))));
    }

    static Reply missingToken() {
        return errors(401, 1002, "OAuth", "REQUEST", "Missing access token",
                "Access token is missing in the Authorization HTTP request header.");
    }

    static Reply invalidToken() {
        return errors(401, 1001, "OAuth", "REQUEST", "Invalid access token",
                "Invalid access token. Check the value of the Authorization HTTP request header.");
    }

    static Reply badRequest(EbaySearch.BadRequest refusal) {
        return errors(400, refusal.errorId, "API_BROWSE", "REQUEST", refusal.getMessage(), refusal.getMessage());
    }

    static Reply notFound() {
        return errors(404, 2002, "ACCESS", "REQUEST", "Resource not found",
                "The requested resource does not exist on this server.");
    }

    static Reply error(int status, String message) {
        return errors(status, status >= 500 ? 12000 : 12500, "API_BROWSE", status >= 500 ? "APPLICATION" : "REQUEST",
                message, message);
    }

    static Reply rateLimited() {
        return errors(429, 2001, "ACCESS", "REQUEST", "Too many requests. The request limit has been reached for the "
                + "resource.", "Too many requests. The request limit has been reached for the resource.")
                .withHeader("Retry-After", "1");
    }
}
