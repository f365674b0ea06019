package dev.rigwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FailureStreakTest {

    private final FailureStreak streak = new FailureStreak();

    @Test
    void aRepeatedCauseIsReportedOnlyWhenItStartsAndWhenItEnds() {
        assertThat(streak.failed("http-5xx (HTTP 500)")).isEqualTo(new FailureStreak.Ended(null, 0));
        assertThat(streak.failed("http-5xx (HTTP 500)")).isNull();
        assertThat(streak.failed("http-5xx (HTTP 500)")).isNull();

        assertThat(streak.succeeded()).isEqualTo(new FailureStreak.Ended("http-5xx (HTTP 500)", 3));
        assertThat(streak.succeeded().any()).isFalse();
    }

    @Test
    void aNewCauseEndsTheCurrentStreak() {
        streak.failed("timeout");
        streak.failed("timeout");

        FailureStreak.Ended ended = streak.failed("http-5xx (HTTP 503)");

        assertThat(ended).isEqualTo(new FailureStreak.Ended("timeout", 2));
        assertThat(ended).hasToString("2 x timeout");
        assertThat(streak.succeeded()).isEqualTo(new FailureStreak.Ended("http-5xx (HTTP 503)", 1));
    }
}
