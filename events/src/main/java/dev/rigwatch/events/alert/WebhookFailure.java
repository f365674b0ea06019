package dev.rigwatch.events.alert;

import dev.rigwatch.events.Alert;
import dev.rigwatch.events.Versioned;
import java.time.Instant;

/**
 * An alert whose webhook delivery gave up. Topic {@code alerts.webhook-dead-letter}, key the subscriber, record
 * timestamp {@link #failedAt()}. The alert itself is still on {@code alerts}; this says why its POST never landed.
 *
 * @param alert        the alert that was being delivered
 * @param subscription the subscription key ({@code subscriber/id})
 * @param url          the target
 * @param attempts     how many POSTs were made (0 when the URL was refused before any)
 * @param lastStatus   the last HTTP status, or null when there was none (timeout, refused URL, connection error)
 * @param lastError    the last error, readable
 * @param retryable    whether the last error was of the retryable kind (5xx, 429, timeout) and the limit ended it
 * @param firstAttempt when the first attempt was made (or the failure found)
 * @param failedAt     when delivery gave up
 */
public record WebhookFailure(
        int v,
        Alert alert,
        String subscription,
        String url,
        int attempts,
        Integer lastStatus,
        String lastError,
        boolean retryable,
        Instant firstAttempt,
        Instant failedAt) implements Versioned {

    public static final int VERSION = 1;
}
