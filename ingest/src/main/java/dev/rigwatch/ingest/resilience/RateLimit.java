package dev.rigwatch.ingest.resilience;

import io.github.bucket4j.Bandwidth;
import java.time.Duration;
import java.util.Objects;

/**
 * At most {@code permits} requests per {@code per}, refilled smoothly (one permit every {@code per / permits}),
 * with bursts of up to {@code permits} after a quiet spell.
 */
public record RateLimit(long permits, Duration per) {

    public RateLimit {
        Objects.requireNonNull(per, "per");
        if (permits < 1) {
            throw new IllegalArgumentException("permits must be at least 1, was " + permits);
        }
        if (per.isNegative() || per.isZero()) {
            throw new IllegalArgumentException("the period must be positive, was " + per);
        }
    }

    public static RateLimit perSecond(long permits) {
        return new RateLimit(permits, Duration.ofSeconds(1));
    }

    /** The token bucket: capacity {@code permits}, refilled greedily (token by token, not all at once). */
    Bandwidth bandwidth() {
        return Bandwidth.builder().capacity(permits).refillGreedy(permits, per).build();
    }

    @Override
    public String toString() {
        return permits + " per " + per;
    }
}
