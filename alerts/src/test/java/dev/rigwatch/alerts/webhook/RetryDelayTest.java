package dev.rigwatch.alerts.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.core.IntervalFunction;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryDelayTest {

    private static final Duration MAX = Duration.ofSeconds(60);
    private static final IntervalFunction BACKOFF = IntervalFunction.ofExponentialRandomBackoff(Duration.ofSeconds(1),
            2.0, 0.5, MAX);

    @Test
    void backoffDoublesPerAttemptWithinItsJitter() {
        for (int attempts = 1; attempts <= 5; attempts++) {
            long base = 1000L << (attempts - 1);
            for (int draw = 0; draw < 50; draw++) {
                assertThat(WebhookDelivery.retryDelay(BACKOFF, attempts, null, MAX).toMillis())
                        .as("after %d attempts", attempts).isBetween(base / 2, base * 3 / 2);
            }
        }
    }

    @Test
    void neverWaitsLongerThanTheMaximum() {
        assertThat(WebhookDelivery.retryDelay(BACKOFF, 12, null, MAX)).isEqualTo(MAX);
        assertThat(WebhookDelivery.retryDelay(BACKOFF, 1, Duration.ofMinutes(10), MAX)).isEqualTo(MAX);
    }

    @Test
    void aLongerRetryAfterWinsAndAShorterOneDoesNotHurry() {
        assertThat(WebhookDelivery.retryDelay(BACKOFF, 1, Duration.ofSeconds(30), MAX)).isEqualTo(Duration.ofSeconds(30));
        assertThat(WebhookDelivery.retryDelay(BACKOFF, 1, Duration.ZERO, MAX).toMillis()).isBetween(500L, 1500L);
    }
}
