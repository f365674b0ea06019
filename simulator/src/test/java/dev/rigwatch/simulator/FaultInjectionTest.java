package dev.rigwatch.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rigwatch.events.Json;
import dev.rigwatch.simulator.ExchangeApi.Endpoint;
import dev.rigwatch.simulator.FaultPlan.Fault;
import dev.rigwatch.simulator.SimulatorClient.Answer;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The fault plan over HTTP: every request gets exactly the fault the plan draws for it, and the served log. */
class FaultInjectionTest extends SimulatorTestBase {

    private static final FaultPlan PLAN = FaultPlan.parse("429=0.2,500=0.2,garbage=0.2,seed=11");
    private static final Map<SimulatedExchange, String> TICKERS = Map.of(
            SimulatedExchange.COINBASE, "/products/BTC-USD/ticker",
            SimulatedExchange.KRAKEN, "/0/public/Ticker?pair=XBTUSD",
            SimulatedExchange.BINANCE, "/api/v3/ticker/24hr?symbol=BTCUSDT",
            SimulatedExchange.BITSTAMP, "/api/v2/ticker/btcusd/");
    private static final Map<SimulatedExchange, String> CANDLES = Map.of(
            SimulatedExchange.COINBASE, "/products/BTC-USD/candles?granularity=60",
            SimulatedExchange.KRAKEN, "/0/public/OHLC?pair=XBTUSD",
            SimulatedExchange.BINANCE, "/api/v3/klines?symbol=BTCUSDT&interval=1m&limit=5",
            SimulatedExchange.BITSTAMP, "/api/v2/ohlc/btcusd/?step=60&limit=5");

    private final ConcurrentLinkedQueue<ServedTick> served = new ConcurrentLinkedQueue<>();

    @Override
    SimulatorServer configure(SimulatorServer unstarted) {
        return unstarted.faults(PLAN).onServed(served::add);
    }

    @Test
    void everyRequestGetsTheFaultThePlanDrawsForItAndOnlyFullAnswersAreLogged() throws IOException {
        Map<SimulatedExchange, List<JsonNode>> successfulTickers = new EnumMap<>(SimulatedExchange.class);
        for (SimulatedExchange exchange : SimulatedExchange.values()) {
            List<JsonNode> successes = new ArrayList<>();
            for (int request = 0; request < 60; request++) {
                Fault fault = PLAN.faultOf(ExchangeApi.faultStream(exchange, Endpoint.TICKER), request);
                Answer answer = client.get(TICKERS.get(exchange));
                assertFault(exchange, fault, answer, "ticker request " + request);
                if (fault == Fault.NONE) {
                    successes.add(answer.json());
                }
                advance(Duration.ofSeconds(1));
            }
            for (int request = 0; request < 30; request++) {
                Fault fault = PLAN.faultOf(ExchangeApi.faultStream(exchange, Endpoint.CANDLES), request);
                assertFault(exchange, fault, client.get(CANDLES.get(exchange)), "candle request " + request);
            }
            successfulTickers.put(exchange, successes);
            assertThat(successes.size()).as(exchange + " successes").isBetween(12, 36);
        }
        server.close(); // once closed, the listener has heard of everything sent

        for (SimulatedExchange exchange : SimulatedExchange.values()) {
            List<ServedTick> logged = served.stream().filter(t -> t.exchange() == exchange).toList();
            assertThat(logged).as(exchange + " served ticks").allSatisfy(tick -> {
                assertThat(tick.productId()).isEqualTo("BTC-USD");
                assertThat(tick.delay()).isZero();
                assertThat(tick.price()).isEqualTo(market.price(exchange, BTC, tick.tradeId()));
            });
            // answers are logged once sent, which can be after the client has read them and asked again: any order
            assertThat(logged.stream().map(tick -> shown(exchange, tick)).toList()).as(exchange + " served ticks")
                    .containsExactlyInAnyOrderElementsOf(successfulTickers.get(exchange).stream()
                            .map(body -> shown(exchange, body)).toList());
        }
    }

    @Test
    void aSlowAnswerComesAfterTheDelayAndOutlastsAShorterReadTimeout() throws IOException {
        List<ServedTick> slowServed = new CopyOnWriteArrayList<>();
        Duration delay = Duration.ofMillis(500);
        try (SimulatorServer slow = new SimulatorServer(market, SimulatorServer.LOOPBACK, 0)
                .faults(new FaultPlan(0, 0, 0, 1, delay, 1)).onServed(slowServed::add).start();
             SimulatorClient impatient = new SimulatorClient(slow.baseUrl(), Duration.ofMillis(150));
             SimulatorClient patient = new SimulatorClient(slow.baseUrl(), Duration.ofSeconds(5))) {

            assertThatThrownBy(() -> impatient.get("/api/v3/ticker/24hr?symbol=BTCUSDT"))
                    .isInstanceOf(InterruptedIOException.class);

            long started = System.nanoTime();
            Answer answer = patient.get("/products/BTC-USD/ticker");
            long tookMillis = (System.nanoTime() - started) / 1_000_000;
            assertThat(answer.status()).isEqualTo(200);
            assertThat(tookMillis).isGreaterThanOrEqualTo(delay.toMillis());
            slow.close();

            ServedTick tick = slowServed.stream().filter(t -> t.exchange() == SimulatedExchange.COINBASE).findFirst()
                    .orElseThrow();
            assertThat(tick.delay()).isEqualTo(delay);
            assertThat(tick.tradeId()).isEqualTo(answer.json().get("trade_id").asLong());
            // the impatient client's answer was still written after it gave up: reported, with its delay
            assertThat(slowServed).allSatisfy(t -> assertThat(t.delay()).isEqualTo(delay));
        }
    }

    @Test
    void theMarketplacesEndpointsGetTheFaultsThePlanDrawsForThemToo() throws IOException {
        Map<String, String> ourClient = Map.of("Authorization",
                SimulatorClient.basicAuth("rigwatch-sim", "sim-secret"));
        String token = null;
        for (int request = 0; request < 30; request++) {
            Fault fault = PLAN.faultOf(EbayApi.TOKEN_FAULTS, request);
            Answer answer = client.postForm(EbayApi.TOKEN_PATH, ourClient, "grant_type=client_credentials");
            assertMarketplaceFault(fault, answer, "ebay token request " + request);
            if (fault == Fault.NONE) {
                token = answer.json().get("access_token").asText();
            }
        }
        assertThat(token).isNotNull();
        Map<String, String> bearer = Map.of("Authorization", "Bearer " + token);
        Map<String, String> agent = Map.of("User-Agent", "rigwatch-tests/0.1");
        for (int request = 0; request < 30; request++) {
            assertMarketplaceFault(PLAN.faultOf(EbayApi.SEARCH_FAULTS, request),
                    client.get("/buy/browse/v1/item_summary/search?q=rtx", bearer), "ebay search request " + request);
            assertMarketplaceFault(PLAN.faultOf(HardwareswapApi.FAULTS, request),
                    client.get("/r/hardwareswap/new.json", agent), "hardwareswap request " + request);
        }
    }

    private static void assertMarketplaceFault(Fault fault, Answer answer, String at) {
        String as = at + " (" + fault + ")";
        switch (fault) {
            case NONE -> {
                assertThat(answer.status()).as(as).isEqualTo(200);
                assertThat(parses(answer.body())).as(as).isTrue();
            }
            case RATE_LIMITED -> {
                assertThat(answer.status()).as(as).isEqualTo(429);
                assertThat(answer.headers().get("Retry-After")).as(as).isEqualTo("1");
                assertThat(answer.body()).as(as).containsAnyOf("\"errorId\":2001", "\"error\":429");
            }
            case SERVER_ERROR -> {
                assertThat(answer.status()).as(as).isEqualTo(500);
                assertThat(answer.body()).as(as).contains("<h1>500 Internal Server Error</h1>");
            }
            case GARBAGE -> {
                assertThat(answer.status()).as(as).isEqualTo(200);
                assertThat(parses(answer.body())).as(as + ": " + answer.body()).isFalse();
            }
            case SLOW -> throw new AssertionError("this plan has no slow answers");
        }
    }

    private static void assertFault(SimulatedExchange exchange, Fault fault, Answer answer, String at) {
        String as = exchange + " " + at + " (" + fault + ")";
        switch (fault) {
            case NONE -> {
                assertThat(answer.status()).as(as).isEqualTo(200);
                assertThat(parses(answer.body())).as(as).isTrue();
                assertThat(answer.body()).as(as).doesNotContain("EAPI:Rate limit exceeded");
            }
            case RATE_LIMITED -> {
                if (exchange == SimulatedExchange.KRAKEN) {
                    assertThat(answer.status()).as(as).isEqualTo(200);
                    assertThat(answer.body()).as(as).isEqualTo("{\"error\":[\"EAPI:Rate limit exceeded\"]}");
                } else {
                    assertThat(answer.status()).as(as).isEqualTo(429);
                    assertThat(answer.headers().get("Retry-After")).as(as).isEqualTo("1");
                    assertThat(parses(answer.body())).as(as).isTrue();
                }
            }
            case SERVER_ERROR -> {
                assertThat(answer.status()).as(as).isEqualTo(500);
                assertThat(answer.headers().get("Content-Type")).as(as).isEqualTo("text/html; charset=utf-8");
                assertThat(answer.body()).as(as).contains("<h1>500 Internal Server Error</h1>");
            }
            case GARBAGE -> {
                assertThat(answer.status()).as(as).isEqualTo(200);
                assertThat(answer.body()).as(as).isNotEmpty();
                assertThat(parses(answer.body())).as(as + ": " + answer.body()).isFalse();
            }
            case SLOW -> throw new AssertionError("this plan has no slow answers");
        }
    }

    /** What a ticker body tells of the last trade: its id or time where the exchange sends one, and its price. */
    private static String shown(SimulatedExchange exchange, JsonNode body) {
        return switch (exchange) {
            case COINBASE -> body.get("trade_id").asLong() + " " + body.get("price").asText();
            case KRAKEN -> new BigDecimal(body.get("result").get("XXBTZUSD").get("c").get(0).asText())
                    .stripTrailingZeros().toPlainString();
            case BINANCE -> body.get("lastId").asLong() + " " + body.get("closeTime").asLong() + " "
                    + new BigDecimal(body.get("lastPrice").asText()).stripTrailingZeros().toPlainString();
            case BITSTAMP -> body.get("timestamp").asText() + " " + body.get("last").asText();
        };
    }

    /** What the body of the logged tick's answer told, in the form of {@link #shown(SimulatedExchange, JsonNode)}. */
    private static String shown(SimulatedExchange exchange, ServedTick tick) {
        String price = tick.price().stripTrailingZeros().toPlainString();
        return switch (exchange) {
            case COINBASE, BITSTAMP -> tick.tradeId() + " " + tick.price().toPlainString();
            case KRAKEN -> price;
            case BINANCE -> tick.tradeId() + " " + tick.tradeTime().toEpochMilli() + " " + price;
        };
    }

    private static boolean parses(String body) {
        try {
            Json.mapper().readTree(body);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
