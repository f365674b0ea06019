package dev.rigwatch.alerts.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigwatch.events.alert.Webhook;
import java.util.List;
import org.junit.jupiter.api.Test;

class FailingWebhooksTest {

    private final FailingWebhooks failing = new FailingWebhooks("alerts.webhook-dead-letter");

    @Test
    void aWebhookThatUsedUpAnAlertsAttemptsFailsFastUntilItDelivers() {
        AlertDelivery delivery = failedDelivery("alice", "a1");
        failing.failed(delivery);
        assertThat(failing.failingFast(delivery.subscription())).as("a failed attempt alone").isFalse();

        failing.exhausted(delivery);
        assertThat(failing.failingFast(delivery.subscription())).isTrue();
        assertThat(failing.failingFast("bob/rebound")).as("other subscriptions").isFalse();

        failing.delivered(delivery.subscription());
        assertThat(failing.failingFast(delivery.subscription())).isFalse();
    }

    private static AlertDelivery failedDelivery(String subscriber, String id) {
        AlertDelivery delivery = SubscriberQueuesTest.delivery(subscriber, id);
        delivery.webhook = new Webhook("https://hooks.example.com/rigwatch", List.of("0123456789abcdef"));
        delivery.attempts = 1;
        delivery.last = new WebhookClient.Attempt(WebhookClient.Kind.RETRYABLE, 503, "HTTP 503", null);
        return delivery;
    }
}
