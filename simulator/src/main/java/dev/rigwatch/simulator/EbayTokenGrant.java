package dev.rigwatch.simulator;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.sun.net.httpserver.HttpExchange;
import dev.rigwatch.simulator.SimulatedApi.Reply;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * eBay's OAuth client-credentials grant, refused the way eBay's token endpoint refuses it, with OAuth's own error
 * shape rather than the Browse API's, so a client's token code meets the same answers it would meet at eBay.
 */
final class EbayTokenGrant {

    static final String API_SCOPE = "https://api.ebay.com/oauth/api_scope";
    static final String TOKEN_TYPE = "Application Access Token";

    @JsonPropertyOrder({"access_token", "expires_in", "token_type"})
    record TokenJson(@JsonProperty("access_token") String accessToken, @JsonProperty("expires_in") long expiresIn,
                     @JsonProperty("token_type") String tokenType) {
    }

    @JsonPropertyOrder({"error", "error_description"})
    record OAuthErrorJson(String error, @JsonProperty("error_description") String errorDescription) {
    }

    private final EbayAuth auth;
    private final EbayTokens tokens;

    EbayTokenGrant(EbayAuth auth, EbayTokens tokens) {
        this.auth = auth;
        this.tokens = tokens;
    }

    /** The answer to a token request: HTTP Basic with our client, and {@code grant_type=client_credentials}. */
    Reply answer(HttpExchange http) {
        if (!auth.isPresentedBy(http.getRequestHeaders().getFirst("Authorization"))) {
            return oauthError(401, "invalid_client", "client authentication failed");
        }
        Query form;
        try {
            form = Query.parse(new String(http.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the token request's body", e);
        } catch (IllegalArgumentException e) {
            return oauthError(400, "invalid_request", "request is missing a required parameter or malformed.");
        }
        Optional<String> grant = form.get("grant_type");
        if (grant.isEmpty()) {
            return oauthError(400, "invalid_request", "request is missing a required parameter or malformed.");
        }
        if (!grant.get().equals("client_credentials")) {
            return oauthError(400, "unsupported_grant_type",
                    "grant type in request is not supported by the authorization server");
        }
        Optional<String> scope = form.get("scope");
        if (scope.isPresent() && !Arrays.stream(scope.get().split(" ")).allMatch(API_SCOPE::equals)) {
            return oauthError(400, "invalid_scope", "the requested scope is invalid, unknown, malformed, or exceeds "
                    + "the scope granted to the client");
        }
        return Reply.json(200, new TokenJson(tokens.issue(), tokens.lifetime().toSeconds(), TOKEN_TYPE));
    }

    private static Reply oauthError(int status, String error, String description) {
        return Reply.json(status, new OAuthErrorJson(error, description));
    }
}
