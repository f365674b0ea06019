package dev.rigwatch.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rigwatch.events.Json;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SimulatorServerTest {

    private static final Instant REAL_NOW = Instant.parse("2026-11-25T12:00:00.5Z");

    private final OkHttpClient http = new OkHttpClient();
    // a stopped wall clock: simulated time stays at its start, so the served ticker is known exactly
    private final SimulatedMarket market = SimulatedMarket.defaults(Clock.fixed(REAL_NOW, ZoneOffset.UTC));
    private SimulatorServer server;

    @BeforeEach
    void start() {
        server = new SimulatorServer(market, SimulatorServer.LOOPBACK, 0).start();
    }

    @AfterEach
    void stop() {
        server.close();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    @Test
    void servesTheTickerWithCoinbasesFieldsAndTypes() throws IOException {
        JsonNode fixture = Json.mapper().readTree(resource("coinbase-ticker-BTC-USD.json"));

        JsonNode served;
        try (Response response = get("/products/BTC-USD/ticker")) {
            assertThat(response.code()).isEqualTo(200);
            assertThat(response.header("Content-Type")).isEqualTo("application/json; charset=utf-8");
            served = Json.mapper().readTree(response.body().string());
        }

        assertThat(fieldNames(served)).containsExactlyElementsOf(fieldNames(fixture));
        fixture.fieldNames().forEachRemaining(field ->
                assertThat(served.get(field).getNodeType()).as(field).isEqualTo(fixture.get(field).getNodeType()));
        assertThat(served.get("trade_id").isIntegralNumber()).isTrue();
        assertThat(served.get("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z");
        for (String decimal : List.of("ask", "bid", "volume", "price", "size", "rfq_volume", "conversions_volume")) {
            assertThat(new BigDecimal(served.get(decimal).asText())).as(decimal).isNotNegative();
        }
    }

    @Test
    void servesTheMarketsLastTrade() throws IOException {
        Quote quote = market.quote("ETH-USD").orElseThrow();
        // simulated time is the start, 24 h before the (stopped) wall clock
        assertThat(quote.tradeId()).isIn(1_795_521_600L, 1_795_521_599L);

        JsonNode served;
        try (Response response = get("/products/ETH-USD/ticker")) {
            served = Json.mapper().readTree(response.body().string());
        }
        assertThat(served.get("trade_id").asLong()).isEqualTo(quote.tradeId());
        assertThat(served.get("price").asText()).isEqualTo(quote.price().toPlainString())
                .isEqualTo(market.path().price(SimulatedProduct.ETH_USD, quote.tradeId()).toPlainString());
        assertThat(served.get("bid").asText()).isEqualTo(quote.bid().toPlainString());
        assertThat(served.get("ask").asText()).isEqualTo(quote.ask().toPlainString());
        assertThat(served.get("size").asText()).isEqualTo(quote.size().toPlainString());
        assertThat(served.get("volume").asText()).isEqualTo(quote.volume24h().toPlainString());
        assertThat(Instant.parse(served.get("time").asText())).isEqualTo(quote.tradeTime());
        assertThat(served.get("conversions_volume").asText()).isEqualTo("0");
    }

    @Test
    void unknownProductOrPathIsCoinbasesNotFound() throws IOException {
        for (String path : List.of("/products/DOGE-USD/ticker", "/products/BTC-USD/book", "/products/")) {
            try (Response response = get(path)) {
                assertThat(response.code()).as(path).isEqualTo(404);
                assertThat(response.body().string()).isEqualTo("{\"message\":\"NotFound\"}");
            }
        }
    }

    @Test
    void onlyGetIsAllowed() throws IOException {
        Request post = new Request.Builder().url(server.baseUrl() + "/products/BTC-USD/ticker")
                .post(RequestBody.create(new byte[0])).build();
        try (Response response = http.newCall(post).execute()) {
            assertThat(response.code()).isEqualTo(405);
            assertThat(response.header("Allow")).isEqualTo("GET");
        }
    }

    @Test
    void listensOnLoopbackOnTheChosenFreePortUntilClosed() {
        assertThat(server.port()).isPositive();
        assertThat(server.baseUrl()).isEqualTo("http://127.0.0.1:" + server.port());
        assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class);

        String url = server.baseUrl() + "/products/BTC-USD/ticker";
        server.close();
        assertThatThrownBy(() -> http.newCall(new Request.Builder().url(url).build()).execute().close())
                .isInstanceOf(IOException.class);
        assertThatThrownBy(server::port).isInstanceOf(IllegalStateException.class);
    }

    private Response get(String path) throws IOException {
        return http.newCall(new Request.Builder().url(server.baseUrl() + path).build()).execute();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = SimulatorServerTest.class.getResourceAsStream("/" + name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }
}
