package dev.rigwatch.alerts.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {

    private static final Duration MAX = Duration.ofSeconds(60);
    private static final RetrySchedule SCHEDULE = new RetrySchedule(Duration.ofSeconds(1), MAX);

    @Test
    void backoffDoublesPerAttemptWithinItsJitter() {
        for (int attempts = 1; attempts <= 5; attempts++) {
            long base = 1000L << (attempts - 1);
            for (int draw = 0; draw < 50; draw++) {
                assertThat(SCHEDULE.delay(attempts, null).toMillis())
                        .as("after %d attempts", attempts).isBetween(base / 2, base * 3 / 2);
            }
        }
    }

    @Test
    void neverWaitsLongerThanTheMaximum() {
        assertThat(SCHEDULE.delay(12, null)).isEqualTo(MAX);
        assertThat(SCHEDULE.delay(1, Duration.ofMinutes(10))).isEqualTo(MAX);
    }

    @Test
    void aLongerRetryAfterWinsAndAShorterOneDoesNotHurry() {
        assertThat(SCHEDULE.delay(1, Duration.ofSeconds(30))).isEqualTo(Duration.ofSeconds(30));
        assertThat(SCHEDULE.delay(1, Duration.ZERO).toMillis()).isBetween(500L, 1500L);
    }
}
