package dev.rigwatch.simulator;

import static dev.rigwatch.simulator.SimulatorClient.basicAuth;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigwatch.simulator.SimulatorClient.Answer;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

class SimulatorServerTest extends SimulatorTestBase {

    @Test
    void oneBaseUrlServesEveryExchangesTickerAndCandles() throws IOException {
        for (String path : List.of("/products/BTC-USD/ticker", "/products/BTC-USD/candles?granularity=60",
                "/0/public/Ticker?pair=XBTUSD", "/0/public/OHLC?pair=XBTUSD&interval=1",
                "/api/v3/ticker/24hr?symbol=BTCUSDT", "/api/v3/klines?symbol=BTCUSDT&interval=1m",
                "/api/v2/ticker/btcusd/", "/api/v2/ohlc/btcusd/?step=60&limit=10")) {
            Answer answer = client.get(path);
            assertThat(answer.status()).as(path).isEqualTo(200);
            assertThat(answer.headers().get("Content-Type")).as(path).isEqualTo("application/json; charset=utf-8");
        }
    }

    @Test
    void theSameBaseUrlServesEbayAndHardwareswapFromTheDefaultListingMarketOnTheSameClock() throws IOException {
        assertThat(server.listings().clock()).isSameAs(market.clock());
        assertThat(server.listings().seed()).isEqualTo(ListingMarket.DEFAULT_SEED);
        assertThat(server.ebayAuth()).isEqualTo(EbayAuth.DEFAULTS);

        Answer token = client.postForm("/identity/v1/oauth2/token", Map.of("Authorization", basicAuth("rigwatch-sim",
                "sim-secret")), "grant_type=client_credentials");
        assertThat(token.status()).isEqualTo(200);
        Answer search = client.get("/buy/browse/v1/item_summary/search?q=rtx+3090",
                Map.of("Authorization", "Bearer " + token.json().get("access_token").asText()));
        assertThat(search.status()).isEqualTo(200);
        assertThat(search.json().get("total").asInt()).isPositive();
        Answer hardwareswap = client.get("/r/hardwareswap/new.json", Map.of("User-Agent", "rigwatch-tests/0.1"));
        assertThat(hardwareswap.status()).isEqualTo(200);
        assertThat(hardwareswap.json().get("data").get("children")).hasSize(25);
    }

    @Test
    void aServerHoldingItsClockStartsItAtTheFirstRequestAndServesItAsStartSpeedSince() throws IOException {
        SimulatedMarket held = SimulatedMarket.held(Clock.systemUTC(), Instant.now().minus(Duration.ofDays(1)), 60);
        try (SimulatorServer holding = new SimulatorServer(held, SimulatorServer.LOOPBACK, 0).holdUntilRequested(true)
                .start();
             SimulatorClient holdingClient = new SimulatorClient(holding.baseUrl())) {
            assertThat(held.clock().runningSince()).as("held past start").isNull();

            Answer clock = holdingClient.get(SimulatorServer.CLOCK_PATH);

            assertThat(held.clock().runningSince()).as("running since the first request").isNotNull();
            assertThat(clock.status()).isEqualTo(200);
            assertThat(clock.body().strip()).isEqualTo(held.clock().describe());
        }
    }

    @Test
    void aListingMarketAndEbayClientOfItsOwnAreServedInstead() throws IOException {
        ListingMarket other = new ListingMarket(market.clock(), 99, List.of(SimulatedGpu.RTX_3090));
        EbayAuth auth = new EbayAuth("our-app", "our-secret", Duration.ofSeconds(5));
        try (SimulatorServer own = new SimulatorServer(market, SimulatorServer.LOOPBACK, 0).listings(other)
                .ebayAuth(auth).start();
             SimulatorClient ownClient = new SimulatorClient(own.baseUrl())) {
            String path = "/identity/v1/oauth2/token";
            assertThat(ownClient.postForm(path, Map.of("Authorization", basicAuth("rigwatch-sim", "sim-secret")),
                    "grant_type=client_credentials").status()).isEqualTo(401);
            Answer token = ownClient.postForm(path, Map.of("Authorization", basicAuth("our-app", "our-secret")),
                    "grant_type=client_credentials");
            assertThat(token.json().get("expires_in").asInt()).isEqualTo(5);

            Answer search = ownClient.get("/buy/browse/v1/item_summary/search?category_ids=27386&limit=200",
                    Map.of("Authorization", "Bearer " + token.json().get("access_token").asText()));
            assertThat(search.json().get("total").asInt()).isEqualTo((int) other.openListings(SIM_NOW).stream()
                    .filter(l -> l.venue() == SimulatedListing.Venue.EBAY).count()).isPositive();
            assertThat(search.body()).doesNotContain("RTX 3080");
        }
    }

    @Test
    void onlyGetIsAllowed() throws IOException {
        Request post = new Request.Builder().url(server.baseUrl() + "/api/v3/ticker/24hr?symbol=BTCUSDT")
                .post(RequestBody.create(new byte[0])).build();
        try (Response response = client.http().newCall(post).execute()) {
            assertThat(response.code()).isEqualTo(405);
            assertThat(response.header("Allow")).isEqualTo("GET");
            assertThat(response.body().string()).isEqualTo("{\"code\":-1000,\"msg\":\"Method not allowed\"}");
        }
    }

    @Test
    void aPathNoExchangeHasIsNotFound() throws IOException {
        assertThat(client.get("/v2/ticker").status()).isEqualTo(404);
        Answer binance = client.get("/api/v3/depth?symbol=BTCUSDT");
        assertThat(binance.status()).isEqualTo(404);
        assertThat(binance.headers().get("Content-Type")).isEqualTo("text/html; charset=utf-8");
    }

    @Test
    void faultsListenerListingsAndEbayClientAreSetBeforeStarting() {
        assertThat(server.faults()).isEqualTo(FaultPlan.NONE);
        assertThatThrownBy(() -> server.faults(FaultPlan.parse("500=0.1")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the simulator is already started at " + server.baseUrl());
        assertThatThrownBy(() -> server.onServed(tick -> { }))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> server.listings(ListingMarket.defaults(market.clock())))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> server.ebayAuth(EbayAuth.DEFAULTS)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void ebayTokensCanOnlyBeExpiredWhileServing() {
        server.close();
        assertThatThrownBy(server::expireEbayTokens).isInstanceOf(IllegalStateException.class)
                .hasMessage("the simulator is not started");
    }

    @Test
    void listensOnLoopbackOnTheChosenFreePortUntilClosed() {
        assertThat(server.port()).isPositive();
        assertThat(server.baseUrl()).isEqualTo("http://127.0.0.1:" + server.port());
        assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class);

        String url = server.baseUrl() + "/products/BTC-USD/ticker";
        server.close();
        assertThatThrownBy(() -> client.http().newCall(new Request.Builder().url(url).build()).execute().close())
                .isInstanceOf(IOException.class);
        assertThatThrownBy(server::port).isInstanceOf(IllegalStateException.class);
    }
}
