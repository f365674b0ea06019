package dev.rigwatch.streams.listing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ListingLifecycleSettingsTest {

    @Test
    void defaultsAreGoneAfterTwoHoursExpiredAfterFourteenDaysCheckedEveryThirtySeconds() {
        assertThat(ListingLifecycleSettings.defaults())
                .isEqualTo(new ListingLifecycleSettings(Duration.ofHours(2), Duration.ofDays(14), Duration.ofSeconds(30)));
    }

    @Test
    void expireAfterMustNotBeShorterThanGoneAfter() {
        assertThatThrownBy(() -> new ListingLifecycleSettings(Duration.ofHours(2), Duration.ofMinutes(119),
                Duration.ofSeconds(30)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("listing expireAfter (PT1H59M) must not be shorter than goneAfter (PT2H)");
        assertThat(new ListingLifecycleSettings(Duration.ofHours(2), Duration.ofHours(2), Duration.ofSeconds(30))
                .expireAfter()).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void goneAfterMustBePositive() {
        assertThatThrownBy(() -> new ListingLifecycleSettings(Duration.ZERO, Duration.ofDays(14), Duration.ofSeconds(30)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("listing goneAfter must be positive, got PT0S");
        assertThatThrownBy(() -> new ListingLifecycleSettings(Duration.ofMinutes(-5), Duration.ofDays(14), Duration.ofSeconds(30)))
                .hasMessage("listing goneAfter must be positive, got PT-5M");
    }

    @Test
    void checkEveryMustBeAtLeastOneMillisecond() {
        assertThatThrownBy(() -> new ListingLifecycleSettings(Duration.ofHours(2), Duration.ofDays(14), Duration.ofNanos(999_999)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("listing checkEvery must be at least 1 ms, got PT0.000999999S");
        assertThatThrownBy(() -> new ListingLifecycleSettings(Duration.ofHours(2), Duration.ofDays(14), Duration.ofSeconds(-1)))
                .hasMessage("listing checkEvery must be at least 1 ms, got PT-1S");
    }
}
