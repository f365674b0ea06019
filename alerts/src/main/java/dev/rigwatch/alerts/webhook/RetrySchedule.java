package dev.rigwatch.alerts.webhook;

import io.github.resilience4j.core.IntervalFunction;
import java.time.Duration;

/**
 * How long a failed alert waits for its next attempt: an exponential backoff from
 * {@link WebhookSettings#initialBackoff()}, jittered so that retries of many alerts spread out, or the receiver's
 * longer {@code Retry-After}, never more than {@link WebhookSettings#maxBackoff()}.
 */
final class RetrySchedule {

    /** Each backoff is drawn from ±50 % of the exponential value. */
    private static final double JITTER = 0.5;

    private final IntervalFunction backoff;
    private final Duration max;

    RetrySchedule(Duration initialBackoff, Duration maxBackoff) {
        this.backoff = IntervalFunction.ofExponentialRandomBackoff(initialBackoff, 2.0, JITTER, maxBackoff);
        this.max = maxBackoff;
    }

    /** The pause after {@code attemptsMade} failed attempts; {@code retryAfter} is the receiver's, or null. */
    Duration delay(int attemptsMade, Duration retryAfter) {
        Duration wait = Duration.ofMillis(backoff.apply(attemptsMade));
        if (retryAfter != null && retryAfter.compareTo(wait) > 0) {
            wait = retryAfter;
        }
        return wait.compareTo(max) > 0 ? max : wait;
    }
}
