package dev.rigwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class IngestSettingsTest {

    private final IngestSettings defaults = IngestSettings.defaults();

    @Test
    void defaultsPollCoinbaseForBitcoinAndEtherEverySecond() {
        assertThat(defaults).isEqualTo(new IngestSettings("https://api.exchange.coinbase.com",
                List.of("BTC-USD", "ETH-USD"), Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(10)));
        assertThat(defaults.withInterval(Duration.ofMillis(200)).interval()).isEqualTo(Duration.ofMillis(200));
    }

    @Test
    void rejectsWhatCannotBePolled() {
        assertThatThrownBy(() -> defaults.withBaseUrl("ftp://example.com"))
                .hasMessage("base URL must be an http(s) URL, was 'ftp://example.com'");
        assertThatThrownBy(() -> defaults.withProducts(List.of()))
                .hasMessage("at least one product is needed");
        assertThatThrownBy(() -> defaults.withProducts(List.of("BTC-USD", "btc/usd")))
                .hasMessage("product id must look like BTC-USD, was 'btc/usd'");
        assertThatThrownBy(() -> defaults.withProducts(List.of("BTC-USD", "BTC-USD")))
                .hasMessage("products are listed more than once: [BTC-USD, BTC-USD]");
        assertThatThrownBy(() -> defaults.withInterval(Duration.ZERO))
                .hasMessage("interval must be positive, was PT0S");
        assertThatThrownBy(() -> defaults.withTimeouts(Duration.ofSeconds(-1), Duration.ofSeconds(1)))
                .hasMessage("connect timeout must be positive, was PT-1S");
    }
}
