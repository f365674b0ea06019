package dev.rigwatch.events.alert;

import java.time.Duration;

/**
 * How often one {@link Subscription} may alert, all in event time, so a replay throttles exactly as the live run did.
 *
 * @param cooldown  after an alert for a subject, no other for that subject for this long; null = none
 * @param oncePer   at most one alert per subject per aligned window of this size (UTC, from the epoch), like a
 *                  charting platform's "once per bar"; null = none
 * @param maxPerDay at most this many alerts per UTC day over all subjects; null = no cap
 */
public record Throttle(Duration cooldown, Duration oncePer, Integer maxPerDay) {

    public static final Throttle NONE = new Throttle(null, null, null);

    public Throttle {
        requirePositive(cooldown, "cooldown");
        requirePositive(oncePer, "oncePer");
        if (maxPerDay != null && maxPerDay < 1) {
            throw new IllegalArgumentException("maxPerDay must be at least 1, got " + maxPerDay);
        }
    }

    private static void requirePositive(Duration duration, String what) {
        if (duration != null && (duration.isNegative() || duration.isZero())) {
            throw new IllegalArgumentException(what + " must be positive, got " + duration);
        }
    }
}
