package dev.rigwatch.simulator;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;

/**
 * The one eBay application the simulated eBay knows, and how long its application tokens live.
 *
 * @param clientId      the client id (eBay's App ID) a token request must present with HTTP Basic
 * @param clientSecret  its secret (eBay's Cert ID)
 * @param tokenLifetime how long a token stays valid, in real time (eBay's {@code expires_in}, 7200 s); real rather
 *                      than simulated time because a client times its refresh by its own clock
 */
public record EbayAuth(String clientId, String clientSecret, Duration tokenLifetime) {

    public static final String DEFAULT_CLIENT_ID = "rigwatch-sim";
    public static final String DEFAULT_CLIENT_SECRET = "sim-secret";
    public static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofSeconds(7200);
    public static final EbayAuth DEFAULTS = new EbayAuth(DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET,
            DEFAULT_TOKEN_LIFETIME);

    public EbayAuth {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
        if (clientId.isBlank() || clientId.contains(":")) {
            throw new IllegalArgumentException("the client id must be non-blank and without ':', was '" + clientId
                    + "'");
        }
        if (tokenLifetime == null || tokenLifetime.toSeconds() < 1) {
            throw new IllegalArgumentException("tokens must live at least a second, was " + tokenLifetime);
        }
    }

    /** Lives {@code lifetime} instead, e.g. a few seconds for watching a client refresh. */
    public EbayAuth withTokenLifetime(Duration lifetime) {
        return new EbayAuth(clientId, clientSecret, lifetime);
    }

    /** Whether an {@code Authorization} header is HTTP Basic with this client id and secret. */
    boolean isPresentedBy(String authorization) {
        if (authorization == null || !authorization.startsWith("Basic ")) {
            return false;
        }
        try {
            String pair = new String(Base64.getDecoder().decode(authorization.substring(6).strip()),
                    StandardCharsets.UTF_8);
            return pair.equals(clientId + ":" + clientSecret);
        } catch (IllegalArgumentException e) {
            return false; // not Base64: not our client, which is the answer eBay gives too
        }
    }

    /** The secret is not shown. */
    @Override
    public String toString() {
        return "EbayAuth[clientId=" + clientId + ", tokenLifetime=" + tokenLifetime + "]";
    }
}
