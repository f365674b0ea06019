package dev.rigwatch.ingest.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigwatch.simulator.PricePath;
import dev.rigwatch.simulator.SimulatedClock;
import dev.rigwatch.simulator.SimulatedMarket;
import dev.rigwatch.simulator.SimulatedProduct;
import dev.rigwatch.simulator.SimulatorServer;
import java.time.Clock;
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
    void theSimulatorListsItsKrakenPairsInKrakensFormat() {
        SimulatedMarket market = new SimulatedMarket(new SimulatedClock(Clock.systemUTC(), NOW, 1),
                new PricePath(SimulatedMarket.DEFAULT_SEED), SimulatedProduct.defaults());
        try (SimulatorServer simulator = new SimulatorServer(market, SimulatorServer.LOOPBACK, 0).start()) {
            InstrumentRegistry empty = InstrumentRegistry.parse("none", List.of("exchange,symbol,request_id,response_id"));

            InstrumentRegistry registry = ExchangeListings.load(empty, Exchange.KRAKEN, http, simulator.baseUrl());

            assertThat(registry.requestId("kraken", "BTC-USD")).isEqualTo("XBTUSD");
            assertThat(registry.symbolForResponse("kraken", "XXBTZUSD")).contains("BTC-USD");
            assertThat(registry.requestId("kraken", "ETH-USD")).isEqualTo("ETHUSD");
        }
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
