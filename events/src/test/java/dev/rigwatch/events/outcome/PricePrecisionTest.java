package dev.rigwatch.events.outcome;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A price is shown to the decimals its series is quoted in, capped by its quote currency. */
class PricePrecisionTest {

    @Test
    void floatNoiseInImportedUsdClosesIsShownInCents() {
        PricePrecision eth = PricePrecision.of("coinbase:ETH-USD", closes("320.8840026855469", "299.25299072265625"));

        assertThat(eth).isEqualTo(new PricePrecision(2, "USD"));
        assertThat(eth.plain(new BigDecimal("1341.6850000001"))).isEqualTo("1341.69");
        assertThat(eth.label(new BigDecimal("1341.685"))).isEqualTo("1,341.69");
    }

    @Test
    void theClosesOwnTickIsKeptWhenCoarserThanTheCap() {
        assertThat(PricePrecision.of("kraken:BTC-USD", closes("64210.5", "63990.0")).decimals()).isEqualTo(1);
        PricePrecision gpu = PricePrecision.of("model:RTX 3080", closes("1114", "990.00"));
        assertThat(gpu).isEqualTo(new PricePrecision(0, "USD"));
        assertThat(gpu.label(new BigDecimal("1114.49"))).isEqualTo("1,114");
        assertThat(PricePrecision.of("model:RTX 4090", closes("1601.37", "1588")).label(new BigDecimal("1601.37")))
                .isEqualTo("1,601.37");
    }

    @Test
    void aSubDollarCoinKeepsFourSignificantDigitsOfItsLowestClose() {
        PricePrecision doge = PricePrecision.of("kraken:DOGE-USDT", closes("0.0712345", "0.43"));

        assertThat(doge).isEqualTo(new PricePrecision(5, "USDT"));
        assertThat(doge.label(new BigDecimal("0.0712345"))).isEqualTo("0.07123");
        assertThat(PricePrecision.of("x:SHIB-USD", closes("0.000008123456", "0.00001")).decimals()).isEqualTo(8);
    }

    @Test
    void aCryptoQuoteIsShownToTheSatoshiAndNoSeriesGivesTheQuotesCap() {
        assertThat(PricePrecision.of("binance:ETH-BTC", closes("0.05123456789", "0.051"))).isEqualTo(
                new PricePrecision(8, "BTC"));
        assertThat(PricePrecision.of("binance:SOL-ETH", List.of())).isEqualTo(new PricePrecision(8, "ETH"));
        assertThat(PricePrecision.of("import:ETH-USD", List.of())).isEqualTo(new PricePrecision(2, "USD"));
    }

    private static List<PricePoint> closes(String... prices) {
        Instant start = Instant.parse("2024-01-01T00:00:00Z");
        return Arrays.stream(prices).map(p -> new PricePoint(start, new BigDecimal(p))).toList();
    }
}
