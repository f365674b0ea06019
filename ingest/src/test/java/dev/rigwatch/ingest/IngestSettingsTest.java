package dev.rigwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigwatch.ingest.exchange.InstrumentCatalogue;
import dev.rigwatch.ingest.resilience.TickValidator;
import java.time.Duration;
import java.util.List;
import dev.rigwatch.ingest.listing.ebay.EbaySettings;
import dev.rigwatch.ingest.listing.feed.OperatorFeedSettings;
import dev.rigwatch.ingest.listing.reddit.HardwareswapSettings;
import org.junit.jupiter.api.Test;

class IngestSettingsTest {

    private final IngestSettings defaults = IngestSettings.defaults();
    private final ExchangeSettings coinbase = ExchangeSettings.defaults("coinbase");

    @Test
    void defaultsPollBitcoinAndEtherOnEveryExchangeWithinItsPublicLimit() {
        assertThat(defaults).isEqualTo(new IngestSettings(List.of(
                new ExchangeSettings("coinbase", "https://api.exchange.coinbase.com", List.of("BTC-USD", "ETH-USD"),
                        Duration.ofSeconds(1)),
                new ExchangeSettings("kraken", "https://api.kraken.com", List.of("BTC-USD", "ETH-USD"),
                        Duration.ofSeconds(2)),
                new ExchangeSettings("binance", "https://api.binance.com", List.of("BTC-USDT", "ETH-USDT"),
                        Duration.ofSeconds(1)),
                new ExchangeSettings("bitstamp", "https://www.bitstamp.net", List.of("BTC-USD", "ETH-USD"),
                        Duration.ofSeconds(1))),
                ListingSettings.none(), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(60), TickValidator.Settings.defaults(),
                InstrumentCatalogue.Settings.defaults()));
        assertThat(defaults.requestTimeout()).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void theSimulatorServesTheListingMarketplacesAtTheSameBaseUrlButFeedsKeepTheirOwn() {
        IngestSettings withListings = defaults.withListings(ListingSettings.none()
                .withEbay(EbaySettings.defaults("id", "secret", List.of("rtx 3090")), Duration.ofMinutes(30))
                .withHardwareswap(HardwareswapSettings.defaults(), Duration.ofMinutes(2))
                .withFeeds(List.of(OperatorFeedSettings.of("shop", "https://shop.example/listings.csv")),
                        Duration.ofMinutes(5)));

        ListingSettings simulated = withListings.withBaseUrl("http://127.0.0.1:8089/").listings();

        assertThat(simulated.ebay().baseUrl()).hasToString("http://127.0.0.1:8089/");
        assertThat(simulated.ebay().clientSecret()).isEqualTo("secret");
        assertThat(simulated.hardwareswap().baseUrl()).hasToString("http://127.0.0.1:8089/");
        assertThat(simulated.feeds()).extracting(OperatorFeedSettings::location)
                .containsExactly("https://shop.example/listings.csv");
    }

    @Test
    void aWorkerNeedsSomethingToPoll() {
        assertThatThrownBy(() -> defaults.withExchanges(List.of()))
                .hasMessage("nothing to poll: no exchange and no listing source");
        assertThat(defaults.withListings(ListingSettings.none().withHardwareswap(HardwareswapSettings.defaults(),
                Duration.ofMinutes(2))).withExchanges(List.of()).exchanges()).isEmpty();
    }

    @Test
    void theSimulatorServesEveryExchangeAtOneBaseUrlAndAnyInterval() {
        IngestSettings simulated = defaults.withBaseUrl("http://127.0.0.1:8089/").withInterval(Duration.ofMillis(200));

        assertThat(simulated.exchanges()).extracting(ExchangeSettings::baseUrl).containsOnly("http://127.0.0.1:8089/");
        assertThat(simulated.exchanges()).extracting(ExchangeSettings::interval).containsOnly(Duration.ofMillis(200));
        assertThat(simulated.exchanges()).extracting(ExchangeSettings::symbols)
                .isEqualTo(defaults.exchanges().stream().map(ExchangeSettings::symbols).toList());
    }

    @Test
    void rejectsWhatCannotBePolled() {
        assertThatThrownBy(() -> ExchangeSettings.defaults("ftx"))
                .hasMessage("unknown exchange 'ftx'; rigwatch reads [coinbase, kraken, binance, bitstamp]");
        assertThatThrownBy(() -> coinbase.withBaseUrl("ftp://example.com"))
                .hasMessage("coinbase base URL must be an http(s) URL, was 'ftp://example.com'");
        assertThatThrownBy(() -> coinbase.withSymbols(List.of()))
                .hasMessage("coinbase needs at least one symbol");
        assertThatThrownBy(() -> coinbase.withSymbols(List.of("BTC-USD", "btc/usd")))
                .hasMessage("coinbase symbol must look like BTC-USD, was 'btc/usd'");
        assertThatThrownBy(() -> coinbase.withSymbols(List.of("BTC-USD", "BTC-USD")))
                .hasMessage("coinbase symbols are listed more than once: [BTC-USD, BTC-USD]");
        assertThatThrownBy(() -> coinbase.withInterval(Duration.ZERO))
                .hasMessage("coinbase interval must be positive, was PT0S");
        assertThatThrownBy(() -> defaults.withExchanges(List.of(coinbase, coinbase.withInterval(Duration.ofSeconds(3)))))
                .hasMessage("exchanges are listed more than once: [coinbase, coinbase]");
        assertThatThrownBy(() -> defaults.withTimeouts(Duration.ofSeconds(-1), Duration.ofSeconds(1)))
                .hasMessage("connect timeout must be positive, was PT-1S");
    }
}
