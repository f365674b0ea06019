package dev.rigwatch.simulator;

import static dev.rigwatch.simulator.SimulatorClient.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rigwatch.testing.MutableClock;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each exchange's instrument endpoint, in its real shape, listing the products simulated, BTC-USDT among them. */
class InstrumentListingApiTest {

    private static final SimulatedProduct BTC_USDT =
            new SimulatedProduct("BTC-USDT", new BigDecimal("60000.00"), new BigDecimal("3000"));

    private final SimulatedMarket market = new SimulatedMarket(
            new SimulatedClock(new MutableClock(SimulatorTestBase.REAL_NOW), SimulatorTestBase.SIM_NOW, 60),
            new PricePath(SimulatedMarket.DEFAULT_SEED),
            List.of(SimulatedProduct.BTC_USD, SimulatedProduct.ETH_USD, BTC_USDT));
    private SimulatorServer server;
    private SimulatorClient client;

    @BeforeEach
    void startSimulator() {
        server = new SimulatorServer(market, SimulatorServer.LOOPBACK, 0).start();
        client = new SimulatorClient(server.baseUrl());
    }

    @AfterEach
    void stopSimulator() {
        client.close();
        server.close();
    }

    @Test
    void krakenAssetPairsKeyEachPairAsItsTickerAnswersWithPrefixedLegacyAssets() throws IOException {
        SimulatorClient.Answer answer = client.get("/0/public/AssetPairs");
        JsonNode result = answer.json().get("result");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("error")).isEmpty();
        assertThat(fieldNames(result)).containsExactly("XXBTZUSD", "XETHZUSD", "XBTUSDT");
        JsonNode realPair = fixture("kraken-assetpairs.json").get("result").get("XXBTZUSD");
        result.fields().forEachRemaining(pair -> SimulatorClient.assertSameShape(pair.getValue(), realPair, pair.getKey()));
        JsonNode usdt = result.get("XBTUSDT");
        assertThat(usdt.get("altname").asText()).isEqualTo("XBTUSDT");
        assertThat(usdt.get("wsname").asText()).isEqualTo("XBT/USDT");
        assertThat(usdt.get("base").asText()).isEqualTo("XXBT");
        assertThat(usdt.get("quote").asText()).isEqualTo("USDT");
        assertThat(usdt.get("status").asText()).isEqualTo("online");
        assertThat(result.get("XXBTZUSD").get("quote").asText()).isEqualTo("ZUSD");
        // the ticker takes the altname and answers under the key
        assertThat(fieldNames(client.get("/0/public/Ticker?pair=XBTUSDT").json().get("result")))
                .containsExactly("XBTUSDT");
    }

    @Test
    void coinbaseBinanceAndBitstampListTheirOwnIds() throws IOException {
        JsonNode products = client.get("/products").json();
        SimulatorClient.assertSameShape(products, fixture("coinbase-products.json"), "products");
        assertThat(products).extracting(p -> p.get("id").asText()).containsExactly("BTC-USD", "ETH-USD", "BTC-USDT");
        assertThat(products.get(2).get("quote_currency").asText()).isEqualTo("USDT");
        assertThat(products.get(0).get("trading_disabled").asBoolean()).isFalse();

        // Binance quotes BTC-USD in USDT: one BTCUSDT, listed once
        JsonNode info = client.get("/api/v3/exchangeInfo").json();
        JsonNode realInfo = fixture("binance-exchangeinfo.json");
        assertThat(SimulatorClient.fieldNames(info)).containsExactlyElementsOf(SimulatorClient.fieldNames(realInfo));
        JsonNode symbols = info.get("symbols");
        SimulatorClient.elements(symbols).forEach(symbol ->
                SimulatorClient.assertSameShape(symbol, realInfo.get("symbols").get(1), "symbols"));
        assertThat(symbols).extracting(s -> s.get("symbol").asText() + " " + s.get("baseAsset").asText() + "/"
                + s.get("quoteAsset").asText() + " " + s.get("status").asText())
                .containsExactly("BTCUSDT BTC/USDT TRADING", "ETHUSDT ETH/USDT TRADING");

        JsonNode pairs = client.get("/api/v2/trading-pairs-info/").json();
        SimulatorClient.assertSameShape(pairs, fixture("bitstamp-trading-pairs-info.json"), "pairs");
        assertThat(pairs).extracting(p -> p.get("name").asText() + " " + p.get("url_symbol").asText() + " "
                + p.get("trading").asText())
                .containsExactly("BTC/USD btcusd Enabled", "ETH/USD ethusd Enabled", "BTC/USDT btcusdt Enabled");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
