package dev.rigwatch.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigwatch.simulator.SimulatorClient.Answer;
import java.io.IOException;
import java.util.List;
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
    void faultsAndListenerAreSetBeforeStarting() {
        assertThat(server.faults()).isEqualTo(FaultPlan.NONE);
        assertThatThrownBy(() -> server.faults(FaultPlan.parse("500=0.1")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the simulator is already started at " + server.baseUrl());
        assertThatThrownBy(() -> server.onServed(tick -> { }))
                .isInstanceOf(IllegalStateException.class);
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
