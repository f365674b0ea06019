package dev.rigwatch.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** Prices in alert messages read as a trader reads them: the quote currency's precision, no float noise. */
class AlertMessagesTest {

    @Test
    void aDollarPriceIsInCentsHoweverManyDecimalsItCarries() {
        assertThat(AlertMessages.price("import:ETH-USD", new BigDecimal("697.9509887695312"))).isEqualTo("697.95");
        assertThat(AlertMessages.price("coinbase:BTC-USD", new BigDecimal("100012.5"))).isEqualTo("100,012.50");
        assertThat(AlertMessages.price("model:RTX 3090", new BigDecimal("653"))).isEqualTo("653.00");
        assertThat(AlertMessages.price("BTC-USD", new BigDecimal("1396.4200439453125"))).isEqualTo("1,396.42");
    }

    @Test
    void aCoinQuotedBelowADollarOrInCryptoKeepsItsDigits() {
        assertThat(AlertMessages.price("kraken:DOGE-USD", new BigDecimal("0.0431234"))).isEqualTo("0.04312");
        assertThat(AlertMessages.price("binance:ETH-BTC", new BigDecimal("0.00001234"))).isEqualTo("0.00001234");
    }
}
