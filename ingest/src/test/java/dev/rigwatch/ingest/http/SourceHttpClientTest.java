package dev.rigwatch.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SourceHttpClientTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final Duration FALLBACK = Duration.ofSeconds(1);

    @Test
    void retryAfterIsSecondsOrAnHttpDateAndOtherwiseTheFallback() {
        assertThat(SourceHttpClient.retryAfter("3", NOW, FALLBACK)).isEqualTo(Duration.ofSeconds(3));
        assertThat(SourceHttpClient.retryAfter(" 3 ", NOW, FALLBACK)).isEqualTo(Duration.ofSeconds(3));
        assertThat(SourceHttpClient.retryAfter("-3", NOW, FALLBACK)).isEqualTo(Duration.ZERO);
        assertThat(SourceHttpClient.retryAfter("Wed, 25 Nov 2026 12:00:30 GMT", NOW, FALLBACK))
                .isEqualTo(Duration.ofSeconds(30));
        assertThat(SourceHttpClient.retryAfter("Wed, 25 Nov 2026 11:00:00 GMT", NOW, FALLBACK)).isEqualTo(Duration.ZERO);
        assertThat(SourceHttpClient.retryAfter(null, NOW, FALLBACK)).isEqualTo(FALLBACK);
        assertThat(SourceHttpClient.retryAfter("", NOW, FALLBACK)).isEqualTo(FALLBACK);
        assertThat(SourceHttpClient.retryAfter("soon", NOW, Duration.ofMinutes(2))).isEqualTo(Duration.ofMinutes(2));
    }
}
