package dev.rigwatch.ingest.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigwatch.simulator.PricePath;
import dev.rigwatch.simulator.SimulatedClock;
import dev.rigwatch.simulator.SimulatedMarket;
import dev.rigwatch.simulator.SimulatedProduct;
import dev.rigwatch.simulator.SimulatorServer;
import dev.rigwatch.ingest.http.SourceHttpClient;
import java.time.Clock;
import java.time.Duration;
import okhttp3.OkHttpClient;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The exchange's listing laid over the bundled snapshot, and the snapshot alone when the listing fails. */
class ExchangeListingsTest extends AdapterTestBase {

    @Test
    void krakensListingAddsWhatTheSnapshotLacksAndKeepsTheRest() throws InterruptedException {
        server.enqueue(json(200, fixture("kraken-assetpairs.json")));

        InstrumentRegistry registry = ExchangeListings.load(INSTRUMENTS, Exchange.KRAKEN, http, baseUrl());

        assertThat(request().getTarget()).isEqualTo("/0/public/AssetPairs");
        assertThat(registry.requestId("kraken", "BTC-USDT")).isEqualTo("XBTUSDT");
        assertThat(registry.symbolForResponse("kraken", "XBTUSDT")).contains("BTC-USDT");
        assertThat(registry.requestId("kraken", "BTC-USD")).isEqualTo("XBTUSD");
        assertThat(registry.symbolForResponse("kraken", "XXBTZUSD")).contains("BTC-USD");
        // other exchanges are untouched
        assertThat(registry.requestId("binance", "BTC-USDT")).isEqualTo("BTCUSDT");
        assertThat(registry.lists("binance", "BTC-EUR")).isFalse();
    }

    @Test
    void theSimulatorListsItsInstrumentsInEachExchangesFormat() {
        SimulatedMarket market = new SimulatedMarket(new SimulatedClock(Clock.systemUTC(), NOW, 1),
                new PricePath(SimulatedMarket.DEFAULT_SEED), SimulatedProduct.defaults());
        try (SimulatorServer simulator = new SimulatorServer(market, SimulatorServer.LOOPBACK, 0).start()) {
            InstrumentRegistry empty = InstrumentRegistry.parse("none", List.of("exchange,symbol,request_id,response_id"));
            // the simulator's first answers can be slow on a loaded machine: not the adapters' short test timeouts
            SourceHttpClient http = new SourceHttpClient(new OkHttpClient(), Duration.ofSeconds(5), Duration.ofSeconds(15),
                    Clock.systemUTC());

            InstrumentRegistry registry = ExchangeListings.load(empty, Exchange.KRAKEN, http, simulator.baseUrl());

            assertThat(registry.requestId("kraken", "BTC-USD")).isEqualTo("XBTUSD");
            assertThat(registry.symbolForResponse("kraken", "XXBTZUSD")).contains("BTC-USD");
            assertThat(registry.requestId("kraken", "ETH-USD")).isEqualTo("ETHUSD");
            InstrumentRegistry coinbase = ExchangeListings.load(empty, Exchange.COINBASE, http, simulator.baseUrl());
            assertThat(coinbase.requestId("coinbase", "BTC-USD")).isEqualTo("BTC-USD");
            InstrumentRegistry binance = ExchangeListings.load(empty, Exchange.BINANCE, http, simulator.baseUrl());
            assertThat(binance.requestId("binance", "BTC-USDT")).isEqualTo("BTCUSDT");
            assertThat(binance.symbolForResponse("binance", "ETHUSDT")).contains("ETH-USDT");
        }
    }

    @Test
    void coinbaseProductsAndBinanceSymbolsAreReadAndWhatDoesNotTradeIsLeftOut() throws Exception {
        List<InstrumentRegistry.Listed> coinbase = dev.rigwatch.ingest.exchange.coinbase.CoinbaseProducts.parse("""
                [{"id":"BTC-EUR","base_currency":"BTC","quote_currency":"EUR","status":"online","trading_disabled":false},
                 {"id":"ETH-USDT","base_currency":"ETH","quote_currency":"USDT","status":"online"},
                 {"id":"OLD-USD","base_currency":"OLD","quote_currency":"USD","status":"delisted"},
                 {"id":"HALT-USD","base_currency":"HALT","quote_currency":"USD","status":"online","trading_disabled":true}]
                """);
        assertThat(coinbase).containsExactly(new InstrumentRegistry.Listed("BTC-EUR", "BTC-EUR", "BTC-EUR"),
                new InstrumentRegistry.Listed("ETH-USDT", "ETH-USDT", "ETH-USDT"));

        List<InstrumentRegistry.Listed> binance = dev.rigwatch.ingest.exchange.binance.BinanceExchangeInfo.parse("""
                {"timezone":"UTC","serverTime":1764072000000,"symbols":[
                 {"symbol":"BTCUSDT","status":"TRADING","baseAsset":"BTC","quoteAsset":"USDT"},
                 {"symbol":"BTCUSDC","status":"TRADING","baseAsset":"BTC","quoteAsset":"USDC"},
                 {"symbol":"LUNABUSD","status":"BREAK","baseAsset":"LUNA","quoteAsset":"BUSD"}]}
                """);
        assertThat(binance).containsExactly(new InstrumentRegistry.Listed("BTC-USDT", "BTCUSDT", "BTCUSDT"),
                new InstrumentRegistry.Listed("BTC-USDC", "BTCUSDC", "BTCUSDC"));

        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> dev.rigwatch.ingest.exchange.coinbase.CoinbaseProducts.parse("{\"message\":\"busy\"}"))
                .isInstanceOf(dev.rigwatch.ingest.http.InvalidResponse.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> dev.rigwatch.ingest.exchange.binance.BinanceExchangeInfo.parse("{\"symbols\":[]}"))
                .isInstanceOf(dev.rigwatch.ingest.http.InvalidResponse.class);
    }

    @Test
    void aListingThatCannotBeReadLeavesTheSnapshot() {
        server.enqueue(json(503, "<html>down</html>"));

        InstrumentRegistry registry = ExchangeListings.load(INSTRUMENTS, Exchange.KRAKEN, http, baseUrl());

        assertThat(registry).isSameAs(INSTRUMENTS);
        assertThat(registry.lists("kraken", "BTC-USD")).isTrue();
        assertThat(registry.lists("kraken", "BTC-USDT")).isFalse();
    }

    @Test
    void aListedSymbolReplacesTheSnapshotsIdsForIt() {
        InstrumentRegistry merged = INSTRUMENTS.withListed("kraken",
                List.of(new InstrumentRegistry.Listed("SOL-USD", "SOLUSD2", "SOLZUSD")));

        assertThat(merged.requestId("kraken", "SOL-USD")).isEqualTo("SOLUSD2");
        assertThat(merged.symbolForResponse("kraken", "SOLZUSD")).contains("SOL-USD");
        assertThat(merged.symbolForResponse("kraken", "SOLUSD")).isEmpty();
        assertThat(INSTRUMENTS.requestId("kraken", "SOL-USD")).isEqualTo("SOLUSD");
    }

    @Test
    void anUnlistedSymbolIsNamedWithItsCloseMatches() {
        InstrumentRegistry merged = INSTRUMENTS.withListed("kraken",
                List.of(new InstrumentRegistry.Listed("BTC-USDT", "XBTUSDT", "XBTUSDT")));

        assertThat(merged.notListed("kraken", "BTC-USTD"))
                .isEqualTo("kraken does not list BTC-USTD; close matches: BTC-USD, BTC-USDT");
        assertThat(merged.notListed("kraken", "PEPE-JPY")).isEqualTo("kraken does not list PEPE-JPY; no close matches");
    }
}
