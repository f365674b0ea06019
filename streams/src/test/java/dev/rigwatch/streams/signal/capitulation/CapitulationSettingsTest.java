package dev.rigwatch.streams.signal.capitulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class CapitulationSettingsTest {

    @Test
    void defaultsAreCoinbaseEthAtLate2021IssuanceAndTwelveCents() {
        assertThat(CapitulationSettings.defaults()).isEqualTo(new CapitulationSettings("coinbase:ETH-USD",
                new BigDecimal("0.0000135"), new BigDecimal("0.12")));
    }

    @Test
    void invalidSettingsAreRefusedWithTheReason() {
        assertThatThrownBy(() -> new CapitulationSettings("ETH-USD", new BigDecimal("0.0000135"), BigDecimal.ONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("capitulation instrument must be exchange:SYMBOL, got 'ETH-USD'");
        assertThatThrownBy(() -> new CapitulationSettings("coinbase:ETH-USD", BigDecimal.ZERO, BigDecimal.ONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("capitulation coinPerMhDay must be positive, got 0");
        assertThatThrownBy(() -> CapitulationSettings.defaults().withElectricityUsdPerKwh(new BigDecimal("-0.01")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("capitulation electricityUsdPerKwh must not be negative, got -0.01");
    }
}
