package dev.rigwatch.ingest.resilience;

import io.github.resilience4j.core.IntervalFunction;
import java.time.Duration;
import java.util.Objects;

/**
 * How long a failing product waits before its next poll: exponential with jitter (Resilience4j's
 * {@link IntervalFunction#ofExponentialRandomBackoff}), so a source that is down is asked less and less often,
 * and products that failed together do not retry in lockstep.
 *
 * <p>After {@code n} consecutive failures the pause is drawn uniformly from
 * {@code [b * (1 - randomization), b * (1 + randomization)]} with {@code b = initial * multiplier^(n-1)}, then
 * capped at {@code max}. Resilience4j caps after drawing, so once {@code b * (1 - randomization)} reaches
 * {@code max} every pause is exactly {@code max} (for the defaults with a 1 s initial, from the 8th failure on).
 * Millisecond precision. Thread-safe.
 */
public final class Backoff {

    /**
     * @param initial             the pause after the first failure (before jitter); at least 1 ms
     * @param multiplier          how much each further failure multiplies it by; at least 1
     * @param randomizationFactor the jitter, as a fraction of the pause, in [0, 1)
     * @param max                 the longest pause; at least {@code initial}
     */
    public record Settings(Duration initial, double multiplier, double randomizationFactor, Duration max) {

        public static final double DEFAULT_MULTIPLIER = 2;
        public static final double DEFAULT_RANDOMIZATION_FACTOR = 0.5;
        public static final Duration DEFAULT_MAX = Duration.ofSeconds(60);

        public Settings {
            Objects.requireNonNull(initial, "initial");
            Objects.requireNonNull(max, "max");
            if (initial.toMillis() < 1) {
                throw new IllegalArgumentException("initial pause must be at least 1 ms, was " + initial);
            }
            if (!(multiplier >= 1) || Double.isInfinite(multiplier)) {
                throw new IllegalArgumentException("multiplier must be a number of at least 1, was " + multiplier);
            }
            if (!(randomizationFactor >= 0 && randomizationFactor < 1)) {
                throw new IllegalArgumentException("randomization factor must be in [0, 1), was "
                        + randomizationFactor);
            }
            if (max.compareTo(initial) < 0) {
                throw new IllegalArgumentException("max pause " + max + " is shorter than the initial " + initial);
            }
        }

        /**
         * Starts at the poll interval and doubles with ±50 % jitter up to 60 s (or up to the interval, when
         * that is longer).
         */
        public static Settings forInterval(Duration pollInterval) {
            Duration max = pollInterval.compareTo(DEFAULT_MAX) > 0 ? pollInterval : DEFAULT_MAX;
            return new Settings(pollInterval, DEFAULT_MULTIPLIER, DEFAULT_RANDOMIZATION_FACTOR, max);
        }
    }

    private final IntervalFunction intervals;

    public Backoff(Settings settings) {
        this.intervals = IntervalFunction.ofExponentialRandomBackoff(settings.initial(), settings.multiplier(),
                settings.randomizationFactor(), settings.max());
    }

    /** The pause before the next poll after {@code consecutiveFailures} (at least 1) failures in a row. */
    public Duration next(int consecutiveFailures) {
        if (consecutiveFailures < 1) {
            throw new IllegalArgumentException("a backoff follows at least one failure, was asked for "
                    + consecutiveFailures);
        }
        return Duration.ofMillis(intervals.apply(consecutiveFailures));
    }

    /**
     * As {@link #next(int)}, but never shorter than what the source asked for ({@code Retry-After} of a 429, or of
     * Binance's 418 ban), even beyond {@code max}: polling earlier would only be refused again, or extend a ban.
     *
     * @param retryAfter the source's {@code Retry-After}, or null when it gave none
     */
    public Duration next(int consecutiveFailures, Duration retryAfter) {
        Duration backoff = next(consecutiveFailures);
        return retryAfter != null && retryAfter.compareTo(backoff) > 0 ? retryAfter : backoff;
    }
}
