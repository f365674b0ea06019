package dev.rigwatch.api.query;

import java.time.Duration;

/**
 * A store the answer needs is not queryable now (the application is starting, rebalancing or restoring, or the
 * instance that owns the key did not answer): the API says so with 503 and {@code Retry-After} rather than answer
 * from part of the data.
 */
public final class Unavailable extends RuntimeException {

    public static final Duration RETRY_AFTER = Duration.ofSeconds(2);

    public Unavailable(String reason) {
        super(reason);
    }

    public Unavailable(String reason, Throwable cause) {
        super(reason, cause);
    }
}
