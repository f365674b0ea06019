package dev.rigwatch.streams.prices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PriceSettingsTest {

    @Test
    void staleAfterDefaultsToTwoMinutes() {
        assertThat(PriceSettings.defaults().staleAfter()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void staleAfterMustBePositive() {
        assertThatThrownBy(() -> new PriceSettings(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("staleAfter must be positive, got PT0S");
        assertThatThrownBy(() -> new PriceSettings(Duration.ofSeconds(-1)))
                .hasMessage("staleAfter must be positive, got PT-1S");
    }
}
