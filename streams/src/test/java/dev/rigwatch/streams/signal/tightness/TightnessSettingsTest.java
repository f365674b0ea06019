package dev.rigwatch.streams.signal.tightness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TightnessSettingsTest {

    @Test
    void defaultsAreADayOfBaselineHalfOfItToCountAndSupplyWeightedMarket() {
        TightnessSettings settings = TightnessSettings.defaults();

        assertThat(settings.baselineRows()).isEqualTo(24);
        assertThat(settings.minBaselineRows()).isEqualTo(12);
        assertThat(settings.weights()).isEqualTo(new TightnessWeights(0.30, 0.20, 0.25, 0.10, 0.15));
        assertThat(settings.marketWeights()).isEmpty();
        assertThat(settings.marketGrace()).isEqualTo(Duration.ofMinutes(15));
        assertThat(settings.checkEvery()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void baselineMinimumMustBeAtLeastTwoAndAtMostTheBaseline() {
        assertThatThrownBy(() -> TightnessSettings.defaults().withBaseline(24, 25))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tightness needs 2 <= minBaselineRows <= baselineRows, got 25 and 24");
        assertThatThrownBy(() -> TightnessSettings.defaults().withBaseline(24, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tightness needs 2 <= minBaselineRows <= baselineRows, got 1 and 24");
    }

    @Test
    void weightsMustBeNonNegativeWithOnePositive() {
        assertThatThrownBy(() -> new TightnessWeights(1, -0.1, 0, 0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tightness weights must be finite and not negative, got [1.0, -0.1, 0.0, 0.0, 0.0]");
        assertThatThrownBy(() -> new TightnessWeights(0, 0, 0, 0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("at least one tightness weight must be positive");
        assertThatThrownBy(() -> TightnessSettings.defaults().withMarketWeights(Map.of("RTX 3080", Double.NaN)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("market weight of RTX 3080 must be finite and not negative, got NaN");
    }
}
