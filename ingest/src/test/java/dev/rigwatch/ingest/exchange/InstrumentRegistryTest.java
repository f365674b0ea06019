package dev.rigwatch.ingest.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InstrumentRegistryTest {

    private final InstrumentRegistry registry = InstrumentRegistry.load();

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "coinbase, BTC-USD,  BTC-USD,  BTC-USD",
            "coinbase, ETH-USD,  ETH-USD,  ETH-USD",
            "coinbase, SOL-USD,  SOL-USD,  SOL-USD",
            "kraken,   BTC-USD,  XBTUSD,   XXBTZUSD",
            "kraken,   ETH-USD,  ETHUSD,   XETHZUSD",
            "kraken,   SOL-USD,  SOLUSD,   SOLUSD",
            "binance,  BTC-USDT, BTCUSDT,  BTCUSDT",
            "binance,  ETH-USDT, ETHUSDT,  ETHUSDT",
            "binance,  SOL-USDT, SOLUSDT,  SOLUSDT",
            "bitstamp, BTC-USD,  btcusd,   btcusd",
            "bitstamp, ETH-USD,  ethusd,   ethusd",
            "bitstamp, SOL-USD,  solusd,   solusd",
    })
    void mapsEachSymbolToWhatTheExchangeTakesAndBackFromWhatItAnswers(String exchange, String symbol, String requestId,
                                                                       String responseId) {
        assertThat(registry.requestId(exchange, symbol)).isEqualTo(requestId);
        assertThat(registry.symbolForResponse(exchange, responseId)).contains(symbol);
    }

    @Test
    void appliesNoAliasRules() {
        // Kraken is asked for XBTUSD but answers XXBTZUSD: the request id is not an answer
        assertThat(registry.symbolForResponse("kraken", "XBTUSD")).isEmpty();
        // USDT is not USD
        assertThat(registry.symbolForResponse("binance", "BTCUSD")).isEmpty();
        assertThat(registry.symbolForResponse("coinbase", "XXBTZUSD")).isEqualTo(Optional.empty());
    }

    @Test
    void anUnknownPairFailsNamingItsCloseMatches() {
        assertThatThrownBy(() -> registry.requestId("binance", "BTC-USD"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("binance does not list BTC-USD; close matches: BTC-USDT");
        assertThatThrownBy(() -> registry.requireListed("kraken", List.of("BTC-USD", "XBT-USD", "BTC-EUR")))
                .hasMessage("kraken does not list XBT-USD; close matches: BTC-USD. "
                        + "kraken does not list BTC-EUR; no close matches among its 3 instruments");
        assertThatThrownBy(() -> registry.requestId("ftx", "BTC-USD"))
                .hasMessage("ftx does not list BTC-USD; no instruments are known for ftx "
                        + "(exchanges known: [binance, bitstamp, coinbase, kraken])");
    }

    @Test
    void anOverrideReplacesIdsBySymbolAndDropsTheRowWhoseResponseIdItTakes() {
        InstrumentRegistry override = InstrumentRegistry.parse("override.csv", List.of(InstrumentRegistry.HEADER,
                "kraken,BTC-USD,XBTUSD,XBTUSD", "kraken,ETH-USDT,ETHUSDT,XETHZUSD", "coinbase,BTC-EUR,BTC-EUR,BTC-EUR"));

        InstrumentRegistry merged = registry.overriddenBy(override);

        assertThat(merged.symbolForResponse("kraken", "XBTUSD")).contains("BTC-USD");
        assertThat(merged.symbolForResponse("kraken", "XXBTZUSD")).isEmpty();
        // ETH-USD's response id now belongs to the override's ETH-USDT
        assertThat(merged.symbols("kraken")).containsExactly("BTC-USD", "ETH-USDT", "SOL-USD");
        assertThat(merged.requestId("coinbase", "BTC-EUR")).isEqualTo("BTC-EUR");
        assertThat(merged.symbols("binance")).isEqualTo(registry.symbols("binance"));
    }

    @Test
    void aListingThatNamesOnePairTwiceKeepsTheFirst() {
        InstrumentRegistry listed = InstrumentRegistry.of(List.of(
                new Instrument("kraken", "BTC-USD", "XBTUSD", "XXBTZUSD"),
                new Instrument("kraken", "BTC-USD", "XBTUSD.X", "XBTUSD.X")));

        assertThat(listed.requestId("kraken", "BTC-USD")).isEqualTo("XBTUSD");
        assertThat(listed.symbolForResponse("kraken", "XBTUSD.X")).isEmpty();
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "kraken  | BTC-USTD | close matches: BTC-USDT, BTC-USD",
            "kraken  | XBT-USD  | close matches: BTC-USD",
            "kraken  | XBT-USDT | close matches: BTC-USDT",
            "kraken  | ETH-UDS  | close matches: ETH-USD",
            "binance | BTC-USD  | close matches: BTC-USDC, BTC-USDT",
            "binance | PEPE-EUR | no close matches among its 3 instruments",
            "kraken  | PEPE-EUR | no close matches among its 5 instruments",
    })
    void closeMatchesAreTheSameAssetsInTheExchangesCodesThenTheFewestEditsAway(String exchange, String symbol,
                                                                               String matches) {
        InstrumentRegistry listed = InstrumentRegistry.parse("listing", List.of(InstrumentRegistry.HEADER,
                "kraken,BTC-USD,XBTUSD,XXBTZUSD", "kraken,BTC-USDT,XBTUSDT,XBTUSDT", "kraken,ETH-USD,ETHUSD,XETHZUSD",
                "kraken,USDT-USD,USDTUSD,USDTZUSD", "kraken,DOGE-USD,XDGUSD,XDGUSD",
                "binance,BTC-USDT,BTCUSDT,BTCUSDT", "binance,ETH-USDT,ETHUSDT,ETHUSDT", "binance,BTC-USDC,BTCUSDC,BTCUSDC"));

        assertThat(listed.notListed(exchange, symbol)).isEqualTo(exchange + " does not list " + symbol + "; " + matches);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "kraken,   XXBT, BTC",
            "kraken,   XBT,  BTC",
            "kraken,   XXDG, DOGE",
            "kraken,   XDG,  DOGE",
            "kraken,   ZUSD, USD",
            "kraken,   USDT, USDT",
            "kraken,   SOL,  SOL",
            "binance,  XBT,  XBT",
            "coinbase, usdt, USDT",
    })
    void assetCodesAreMappedOnlyWhereTheExchangeUsesItsOwn(String exchange, String code, String asset) {
        assertThat(AssetCodes.asset(exchange, code)).isEqualTo(asset);
    }

    @Test
    void listedSymbolsPass() {
        registry.requireListed("bitstamp", List.of("BTC-USD", "ETH-USD"));
        registry.requireListed("binance", List.of());
    }

    /** Each file's lines are separated by {@code ;}, and {@code H} stands for the header. */
    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "# ids;symbol,exchange,request_id,response_id                    | my.csv line 2: expected the header exchange,symbol,request_id,response_id, found symbol,exchange,request_id,response_id",
            "H;kraken,BTC-USD,XBTUSD                                         | my.csv line 2: expected 4 columns (exchange,symbol,request_id,response_id), found 3",
            "H;Kraken,BTC-USD,XBTUSD,XXBTZUSD                                | my.csv line 2: exchange must be a lower-case id, was 'Kraken'",
            "H;kraken,BTCUSD,XBTUSD,XXBTZUSD                                 | my.csv line 2: symbol must look like BTC-USD, was 'BTCUSD'",
            "H;kraken,BTC-USD,,XXBTZUSD                                      | my.csv line 2: request_id and response_id are required",
            "H;kraken,BTC-USD,XBTUSD,XXBTZUSD;;kraken,BTC-USD,XBT,XXBT       | my.csv line 4: kraken BTC-USD is listed twice",
            "H;kraken,BTC-USD,XBTUSD,XXBTZUSD;kraken,XBT-USD,XBTUSD,XXBTZUSD | my.csv line 3: kraken response id XXBTZUSD is already BTC-USD",
    })
    void aBrokenFileFailsNamingTheLine(String file, String message) {
        List<String> lines = Arrays.stream(file.split(";", -1))
                .map(line -> line.equals("H") ? InstrumentRegistry.HEADER : line)
                .toList();

        assertThatThrownBy(() -> InstrumentRegistry.parse("my.csv", lines))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void aFileWithoutItsHeaderFails() {
        assertThatThrownBy(() -> InstrumentRegistry.parse("my.csv", List.of("# nothing here", "")))
                .hasMessage("my.csv has no header exchange,symbol,request_id,response_id");
    }
}
