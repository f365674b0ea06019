package dev.rigwatch.ingest.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigwatch.ingest.RejectReason;
import dev.rigwatch.ingest.http.InvalidResponse;
import java.util.List;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each exchange's instrument endpoint, read from its real format; a body that is not one is a typed error. */
class InstrumentListingsTest {

    private static final HttpUrl BASE = HttpUrl.get("https://exchange.example/");

    @Test
    void krakenAssetPairsAnswerUnderTheirKeyAndAreAskedForByAltname() throws InvalidResponse {
        List<Instrument> listed = Exchange.KRAKEN.instruments().parse(AdapterTestBase.fixture("kraken-assetpairs.json"));

        // XBT is BTC and XDG is DOGE; X/Z prefixes dropped; USDT stays USDT; the delisted XRPUSD is left out
        assertThat(listed).containsExactlyInAnyOrder(
                new Instrument("kraken", "SOL-USD", "SOLUSD", "SOLUSD"),
                new Instrument("kraken", "USDT-USD", "USDTUSD", "USDTZUSD"),
                new Instrument("kraken", "BTC-USDT", "XBTUSDT", "XBTUSDT"),
                new Instrument("kraken", "DOGE-USD", "XDGUSD", "XDGUSD"),
                new Instrument("kraken", "ETH-USD", "ETHUSD", "XETHZUSD"),
                new Instrument("kraken", "BTC-EUR", "XBTEUR", "XXBTZEUR"),
                new Instrument("kraken", "BTC-USD", "XBTUSD", "XXBTZUSD"));
        assertThat(Exchange.KRAKEN.instruments().url(BASE)).hasToString("https://exchange.example/0/public/AssetPairs");
    }

    @Test
    void coinbaseProductsAreTheirOwnIdsBothWays() throws InvalidResponse {
        List<Instrument> listed = Exchange.COINBASE.instruments().parse(AdapterTestBase.fixture("coinbase-products.json"));

        assertThat(listed).extracting(Instrument::symbol)
                .containsExactly("BTC-USD", "BTC-EUR", "ETH-USD", "SOL-USD", "BTC-USDT", "DOGE-USD");
        assertThat(listed).contains(new Instrument("coinbase", "BTC-EUR", "BTC-EUR", "BTC-EUR"));
        assertThat(Exchange.COINBASE.instruments().url(BASE)).hasToString("https://exchange.example/products");
    }

    @Test
    void binanceListsTradingSymbolsQuotedInWhatTheySay() throws InvalidResponse {
        List<Instrument> listed = Exchange.BINANCE.instruments().parse(AdapterTestBase.fixture("binance-exchangeinfo.json"));

        // BTCBUSD is on BREAK
        assertThat(listed).extracting(Instrument::symbol)
                .containsExactly("ETH-BTC", "BTC-USDT", "ETH-USDT", "SOL-USDT", "BTC-USDC");
        assertThat(listed).contains(new Instrument("binance", "BTC-USDT", "BTCUSDT", "BTCUSDT"));
        assertThat(Exchange.BINANCE.instruments().url(BASE)).hasToString("https://exchange.example/api/v3/exchangeInfo");
    }

    @Test
    void bitstampPairsAreAskedForByUrlSymbol() throws InvalidResponse {
        List<Instrument> listed = Exchange.BITSTAMP.instruments().parse(AdapterTestBase.fixture("bitstamp-trading-pairs-info.json"));

        // BCH/BTC has trading disabled
        assertThat(listed).extracting(Instrument::symbol)
                .containsExactly("BTC-USD", "BTC-EUR", "ETH-USD", "SOL-USD", "BTC-USDT");
        assertThat(listed).contains(new Instrument("bitstamp", "BTC-USDT", "btcusdt", "btcusdt"));
        assertThat(Exchange.BITSTAMP.instruments().url(BASE))
                .hasToString("https://exchange.example/api/v2/trading-pairs-info/");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "kraken   | ''                                                   | empty body",
            "kraken   | <html><body>502</body></html>                        | not Kraken AssetPairs: Unexpected character ('<' (code 60))",
            "kraken   | {\"error\":[],\"result\":{}}                         | Kraken AssetPairs lists no instrument",
            "kraken   | {\"error\":[]}                                       | field result is missing",
            "kraken   | {\"error\":[],\"result\":{\"XXBTZUSD\":{\"altname\":\"XBTUSD\",\"quote\":\"ZUSD\"}}} | field XXBTZUSD.base is missing",
            "coinbase | {\"message\":\"NotFound\"}                          | not Coinbase products: Cannot deserialize value of type `java.util.ArrayList<dev.rigwatch.ingest.exchange.coinbase.CoinbaseProduct>` from Object value (token `JsonToken.START_OBJECT`)",
            "coinbase | [{\"id\":\"BTC-USD\",\"quote_currency\":\"USD\"}]     | field BTC-USD.base_currency is missing",
            "coinbase | [null]                                               | field product is missing",
            "binance  | {\"timezone\":\"UTC\"}                               | field symbols is missing",
            "binance  | {\"symbols\":[]}                                     | Binance exchangeInfo lists no instrument",
            "binance  | {\"symbols\":[{\"status\":\"TRADING\"}]}             | field symbol is missing",
            "bitstamp | [{\"name\":\"BTCUSD\",\"url_symbol\":\"btcusd\",\"trading\":\"Enabled\"}] | pair name 'BTCUSD' is not BASE/QUOTE",
            "bitstamp | [{\"name\":\"BTC/USD\",\"trading\":\"Enabled\"}]     | field BTC/USD.url_symbol is missing",
            "bitstamp | null                                                 | the body is JSON null, not Bitstamp trading pairs",
    })
    void aBodyThatIsNotTheListingIsMalformed(String exchange, String body, String detail) {
        assertThatThrownBy(() -> Exchange.of(exchange).instruments().parse(body))
                .isInstanceOfSatisfying(InvalidResponse.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectReason.MALFORMED_JSON))
                .hasMessageStartingWith(detail);
    }

    @Test
    void krakensOwnErrorIsItsError() {
        assertThatThrownBy(() -> Exchange.KRAKEN.instruments().parse(AdapterTestBase.fixture("kraken-error-unknown-pair.json")))
                .isInstanceOfSatisfying(InvalidResponse.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectReason.UNKNOWN_SYMBOL));
    }
}
