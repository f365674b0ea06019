package dev.rigwatch.simulator;

import static dev.rigwatch.simulator.SimulatorClient.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every kind of message the simulated feeds send has the shape of the real one in the fixtures: the same field names
 * in the same order, the same JSON types, and numbers whole or with a fraction as the real ones are. Not simulated,
 * so not compared: Binance's {@code serverShutdown} and Bitstamp's {@code bts:request_reconnect}.
 */
class WsShapeTest extends SimulatorTestBase {

    private final List<WsRecorder> sockets = new ArrayList<>();

    @AfterEach
    void closeSockets() {
        sockets.forEach(WsRecorder::close);
    }

    private WsRecorder connect(SimulatedExchange exchange, String... subscribe) {
        WsRecorder socket = new WsRecorder(server.wsUrl(exchange), WsRecorder.stepping(this));
        sockets.add(socket);
        for (String message : subscribe) {
            socket.send(message);
        }
        return socket;
    }

    @Test
    void coinbaseMessagesHaveTheRealShapes() throws Exception {
        WsRecorder socket = connect(SimulatedExchange.COINBASE,
                "{\"type\":\"subscribe\",\"product_ids\":[\"BTC-USD\",\"ETH-USD\"],\"channel\":\"ticker\"}",
                "{\"type\":\"subscribe\",\"channel\":\"heartbeats\"}");
        WsRecorder refused = connect(SimulatedExchange.COINBASE,
                "{\"type\":\"subscribe\",\"product_ids\":[\"SOL-USD\"],\"channel\":\"ticker\"}");

        Map<String, JsonNode> served = collect(socket, Map.of(
                "coinbase-ws-ticker-snapshot.json", m -> m.at("/events/0/type").asText().equals("snapshot"),
                "coinbase-ws-ticker-update.json", m -> m.at("/events/0/type").asText().equals("update"),
                "coinbase-ws-subscriptions.json", m -> m.at("/events/0/subscriptions").size() == 2,
                "coinbase-ws-heartbeats.json", m -> m.path("channel").asText().equals("heartbeats")));
        served.put("coinbase-ws-error.json", WsRecorder.parse(refused.awaitFrames(1).get(0)));

        served.forEach(WsShapeTest::assertShapeOf);
        assertThat(served.get("coinbase-ws-heartbeats.json").at("/events/0/current_time").asText())
                .matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{9} \\+0000 UTC m=\\+\\d+\\.\\d{9}");
        assertThat(served.get("coinbase-ws-ticker-update.json").get("timestamp").asText())
                .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}Z");
    }

    @Test
    void krakenMessagesHaveTheRealShapes() throws Exception {
        WsRecorder socket = connect(SimulatedExchange.KRAKEN,
                "{\"method\":\"subscribe\",\"params\":{\"channel\":\"ticker\",\"symbol\":[\"BTC/USD\"],\"snapshot\":true}}",
                "{\"method\":\"subscribe\",\"params\":{\"channel\":\"trade\",\"symbol\":[\"ETH/USD\",\"SOL/USD\"],"
                        + "\"snapshot\":true}}",
                "{\"method\":\"ping\",\"req_id\":101}");

        Map<String, JsonNode> served = collect(socket, Map.of(
                "kraken-ws-status.json", m -> m.path("channel").asText().equals("status"),
                "kraken-ws-subscribe-ack.json", m -> m.path("success").asBoolean(false),
                "kraken-ws-subscribe-error.json", m -> m.has("error"),
                "kraken-ws-pong.json", m -> m.path("method").asText().equals("pong"),
                "kraken-ws-ticker-snapshot.json", m -> kind(m, "ticker", "snapshot"),
                "kraken-ws-ticker-update.json", m -> kind(m, "ticker", "update"),
                "kraken-ws-trade-snapshot.json", m -> kind(m, "trade", "snapshot"),
                "kraken-ws-trade-update.json", m -> kind(m, "trade", "update"),
                "kraken-ws-heartbeat.json", m -> m.path("channel").asText().equals("heartbeat")));

        served.forEach(WsShapeTest::assertShapeOf);
        assertThat(served.get("kraken-ws-trade-snapshot.json").get("data")).hasSize(KrakenWs.TRADE_SNAPSHOT);
        assertThat(served.get("kraken-ws-trade-update.json").at("/data/0/timestamp").asText())
                .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z");
    }

    @Test
    void binanceMessagesHaveTheRealShapes() throws Exception {
        WsRecorder socket = connect(SimulatedExchange.BINANCE,
                "{\"method\":\"SUBSCRIBE\",\"params\":[\"btcusdt@bookTicker\",\"btcusdt@trade\"],\"id\":1}");
        WsRecorder refused = connect(SimulatedExchange.BINANCE,
                "{\"method\":\"SUBSCRIBE\",\"params\":[\"solusdt@trade\"],\"id\":1}");

        Map<String, JsonNode> served = collect(socket, Map.of(
                "binance-ws-subscribe-result.json", m -> m.has("result"),
                "binance-ws-trade.json", m -> m.path("e").asText().equals("trade"),
                "binance-ws-bookticker.json", m -> m.has("u")));
        served.put("binance-ws-error.json", WsRecorder.parse(refused.awaitFrames(1).get(0)));

        served.forEach(WsShapeTest::assertShapeOf);
    }

    @Test
    void bitstampMessagesHaveTheRealShapes() throws Exception {
        WsRecorder socket = connect(SimulatedExchange.BITSTAMP,
                "{\"event\":\"bts:subscribe\",\"data\":{\"channel\":\"live_trades_btcusd\"}}",
                "{\"event\":\"bts:heartbeat\"}");
        WsRecorder refused = connect(SimulatedExchange.BITSTAMP,
                "{\"event\":\"bts:subscribe\",\"data\":{\"channel\":\"live_trades_solusd\"}}");

        Map<String, JsonNode> served = collect(socket, Map.of(
                "bitstamp-ws-subscription-succeeded.json", m -> m.path("event").asText().equals("bts:subscription_succeeded"),
                "bitstamp-ws-heartbeat.json", m -> m.path("event").asText().equals("bts:heartbeat"),
                "bitstamp-ws-trade.json", m -> m.path("event").asText().equals("trade")));
        served.put("bitstamp-ws-error.json", WsRecorder.parse(refused.awaitFrames(1).get(0)));

        served.forEach(WsShapeTest::assertShapeOf);
    }

    private static boolean kind(JsonNode message, String channel, String type) {
        return message.path("channel").asText().equals(channel) && message.path("type").asText().equals(type);
    }

    /** Moves time on until every fixture has a message that matches it; the first of each. */
    private static Map<String, JsonNode> collect(WsRecorder socket, Map<String, Predicate<JsonNode>> which)
            throws InterruptedException {
        Predicate<List<String>> all = frames -> which.values().stream()
                .allMatch(p -> frames.stream().map(WsRecorder::parse).anyMatch(p));
        List<String> frames = socket.advanceUntil(all, "a message like each of " + which.keySet());
        Map<String, JsonNode> served = new LinkedHashMap<>();
        which.forEach((name, p) -> served.put(name,
                frames.stream().map(WsRecorder::parse).filter(p).findFirst().orElseThrow()));
        return served;
    }

    private static void assertShapeOf(String fixtureName, JsonNode served) {
        try {
            JsonNode real = fixture(fixtureName);
            SimulatorClient.assertSameShape(served, real, fixtureName);
            assertSameNumberKinds(served, real, fixtureName);
        } catch (java.io.IOException e) {
            throw new AssertionError("cannot read " + fixtureName, e);
        }
    }

    /** Whole numbers where the real message has whole numbers, fractions where it has fractions. */
    private static void assertSameNumberKinds(JsonNode served, JsonNode real, String at) {
        if (real.isNumber()) {
            assertThat(served.isIntegralNumber()).as(at + " is whole").isEqualTo(real.isIntegralNumber());
        } else if (real.isObject()) {
            Iterator<String> names = real.fieldNames();
            names.forEachRemaining(name -> assertSameNumberKinds(served.get(name), real.get(name), at + "." + name));
        } else if (real.isArray() && !real.isEmpty()) {
            for (int i = 0; i < served.size(); i++) {
                assertSameNumberKinds(served.get(i), real.get(served.size() == real.size() ? i : 0), at + "[" + i + "]");
            }
        }
    }
}
