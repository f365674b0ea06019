package dev.rigwatch.ingest.resilience;

import java.io.IOException;
import java.time.Duration;

/**
 * A request that {@link HostRateLimiter} did not send because its host's budget would have made it wait longer
 * than allowed. Nothing reached the exchange; an {@link IOException} so that it surfaces from
 * {@code Call.execute()} like any other failure to get a response.
 */
public final class RateLimitedLocallyException extends IOException {

    private final String host;
    private final Duration wouldWait;

    RateLimitedLocallyException(String host, RateLimit limit, Duration wouldWait, Duration maxWait) {
        super("not sent to " + host + ": its rate limit of " + limit + " would need a wait of " + wouldWait
                + ", longer than the allowed " + maxWait);
        this.host = host;
        this.wouldWait = wouldWait;
    }

    public String host() {
        return host;
    }

    /** How long the request would have had to wait for a permit. */
    public Duration wouldWait() {
        return wouldWait;
    }
}
