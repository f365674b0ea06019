package dev.rigwatch.streams.prices;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the cross-exchange price.
 *
 * @param staleAfter how much older, in event time, than the current tick an exchange's latest tick may be and still
 *                   count (default 2 min: a few missed polls; an exchange that stopped answering drops out instead of
 *                   pinning the median to an old price)
 */
public record PriceSettings(Duration staleAfter) {

    public static final Duration DEFAULT_STALE_AFTER = Duration.ofMinutes(2);

    public PriceSettings {
        Objects.requireNonNull(staleAfter, "staleAfter");
        if (staleAfter.isNegative() || staleAfter.isZero()) {
            throw new IllegalArgumentException("staleAfter must be positive, got " + staleAfter);
        }
    }

    public static PriceSettings defaults() {
        return new PriceSettings(DEFAULT_STALE_AFTER);
    }
}
