package dev.rigwatch.alerts.webhook;

import dev.rigwatch.events.Alert;
import dev.rigwatch.events.alert.Webhook;
import java.time.Instant;

/** One alert on its way to one webhook. Touched by one thread at a time (its subscriber's queue). */
final class AlertDelivery {

    final Alert alert;
    /** The POSTed {@link WebhookPayload}, made once: every attempt sends, and signs, the same bytes. */
    final byte[] body;
    final PartitionProgress partition;
    final long offset;
    /** The subscription's webhook as of the latest attempt. */
    Webhook webhook;
    int attempts;
    Instant firstAttempt;
    WebhookClient.Attempt last;

    AlertDelivery(Alert alert, byte[] body, PartitionProgress partition, long offset) {
        this.alert = alert;
        this.body = body;
        this.partition = partition;
        this.offset = offset;
    }

    String subscriber() {
        return alert.subscriber();
    }

    String subscription() {
        return alert.subscription();
    }
}
