package dev.rigwatch.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Each exchange's simulated WebSocket feed, subscribed as rigwatch's clients subscribe (the subscribe messages are
 * theirs, byte for byte): the acks, then every trade of the simulated seconds that pass, in order, with the ids,
 * times and prices of the same trades on the REST side.
 */
class WsFeedsTest extends SimulatorTestBase {

    private static final int TRADES = 40;

    private final List<WsRecorder> sockets = new ArrayList<>();

    @AfterEach
    void closeSockets() {
        sockets.forEach(WsRecorder::close);
    }

    private WsRecorder connect(SimulatedExchange exchange) {
        WsRecorder socket = new WsRecorder(server.wsUrl(exchange), WsRecorder.stepping(this));
        sockets.add(socket);
        return socket;
    }

    @Test
    void coinbaseSendsSnapshotSubscriptionsThenATickerPerTradeWithConsecutiveSequenceNumbers() throws Exception {
        WsRecorder socket = connect(SimulatedExchange.COINBASE);
        socket.send("{\"type\":\"subscribe\",\"product_ids\":[\"BTC-USD\",\"ETH-USD\"],\"channel\":\"ticker\"}");
        socket.send("{\"type\":\"subscribe\",\"channel\":\"heartbeats\"}");
        socket.awaitFrames(3);
        long first = lastTrade(SimulatedExchange.COINBASE, BTC);

        socket.advanceUntil(frames -> count(frames, m -> updateOf(m, "BTC-USD")) >= TRADES
                && count(frames, m -> m.path("channel").asText().equals("heartbeats")) >= 1, TRADES + " BTC tickers");
        List<JsonNode> messages = socket.json();

        for (int i = 0; i < messages.size(); i++) {
            assertThat(messages.get(i).get("sequence_num").asLong()).as("message %d", i).isEqualTo(i);
        }
        JsonNode snapshot = messages.get(0);
        assertThat(snapshot.get("channel").asText()).isEqualTo("ticker");
        assertThat(snapshot.at("/events/0/type").asText()).isEqualTo("snapshot");
        assertThat(snapshot.at("/events/0/tickers/0/price").asText())
                .isEqualTo(market.price(SimulatedExchange.COINBASE, BTC, first).toPlainString());
        assertThat(messages.get(2).at("/events/0/subscriptions").toString())
                .isEqualTo("{\"ticker\":[\"BTC-USD\",\"ETH-USD\"],\"heartbeats\":[\"heartbeats\"]}");
        List<JsonNode> btc = messages.stream().filter(m -> updateOf(m, "BTC-USD")).toList();
        TradeTape tape = market.tape(SimulatedExchange.COINBASE, BTC);
        for (int i = 0; i < btc.size(); i++) {
            long second = first + 1 + i;
            assertThat(Instant.parse(btc.get(i).get("timestamp").asText())).isEqualTo(tape.tradeTime(second));
            assertThat(btc.get(i).at("/events/0/tickers/0/price").asText())
                    .isEqualTo(tape.price(second).toPlainString());
        }
        // the REST ticker of the same second serves the same trade
        long last = first + btc.size();
        assertThat(lastTrade(SimulatedExchange.COINBASE, BTC)).isGreaterThanOrEqualTo(last);
        JsonNode rest = client.get("/products/BTC-USD/ticker").json();
        assertThat(rest.get("price").asText())
                .isEqualTo(market.price(SimulatedExchange.COINBASE, BTC, rest.get("trade_id").asLong()).toPlainString());
        assertThat(btc.get(btc.size() - 1).at("/events/0/tickers/0/price").asText())
                .isEqualTo(market.price(SimulatedExchange.COINBASE, BTC, last).toPlainString());
    }

    @Test
    void krakenSendsStatusAcksTickersAndTradesWithConsecutiveIdsAndAnswersPing() throws Exception {
        WsRecorder socket = connect(SimulatedExchange.KRAKEN);
        socket.send("{\"method\":\"subscribe\",\"params\":{\"channel\":\"ticker\",\"symbol\":[\"BTC/USD\",\"ETH/USD\"],"
                + "\"snapshot\":true}}");
        socket.send("{\"method\":\"subscribe\",\"params\":{\"channel\":\"trade\",\"symbol\":[\"BTC/USD\",\"ETH/USD\"],"
                + "\"snapshot\":false}}");
        socket.awaitFrames(7);
        socket.send("{\"method\":\"ping\",\"req_id\":101}");

        socket.advanceUntil(frames -> count(frames, m -> tradeOf(m, "BTC/USD")) >= TRADES
                && count(frames, m -> m.path("method").asText().equals("pong")) == 1
                && count(frames, m -> m.path("channel").asText().equals("heartbeat")) >= 1, TRADES + " trades");
        List<JsonNode> messages = socket.json();

        assertThat(messages.get(0).get("channel").asText()).isEqualTo("status");
        assertThat(messages.get(0).at("/data/0/system").asText()).isEqualTo("online");
        assertThat(messages.subList(1, 7)).extracting(m -> m.path("method").asText() + " "
                + m.at("/result/channel").asText() + " " + m.at("/result/symbol").asText() + " "
                + m.path("channel").asText() + m.path("type").asText())
                .containsExactly("subscribe ticker BTC/USD ", "   tickersnapshot", "subscribe ticker ETH/USD ",
                        "   tickersnapshot", "subscribe trade BTC/USD ", "subscribe trade ETH/USD ");
        JsonNode pong = messages.stream().filter(m -> m.path("method").asText().equals("pong")).findFirst().orElseThrow();
        assertThat(pong.get("req_id").asInt()).isEqualTo(101);
        List<JsonNode> trades = messages.stream().filter(m -> tradeOf(m, "BTC/USD")).map(m -> m.at("/data/0")).toList();
        TradeTape tape = market.tape(SimulatedExchange.KRAKEN, BTC);
        long first = trades.get(0).get("trade_id").asLong();
        for (int i = 0; i < trades.size(); i++) {
            JsonNode trade = trades.get(i);
            assertThat(trade.get("trade_id").asLong()).isEqualTo(first + i);
            assertThat(trade.get("timestamp").asText()).isEqualTo(WsFeed.MICROS.format(tape.tradeTime(first + i)));
            assertThat(trade.get("price").decimalValue()).isEqualByComparingTo(tape.price(first + i));
        }
        // a JSON number, written in the pair's precision (the tree above drops trailing zeros)
        String firstTrade = socket.frames().stream().filter(f -> tradeOf(WsRecorder.parse(f), "BTC/USD")).findFirst()
                .orElseThrow();
        assertThat(firstTrade).contains("\"price\":" + tape.price(first).toPlainString() + ",");
        // Kraken's REST ticker serves the same price, as a string with five decimals
        long restSecond = lastTrade(SimulatedExchange.KRAKEN, BTC);
        JsonNode rest = client.get("/0/public/Ticker?pair=XBTUSD").json();
        assertThat(new BigDecimal(rest.at("/result/XXBTZUSD/c/0").asText())).isEqualByComparingTo(tape.price(restSecond));
    }

    @Test
    void binanceAnswersSubscribeThenSendsBookTickerAndTradeWithTheRestTradeIds() throws Exception {
        WsRecorder socket = connect(SimulatedExchange.BINANCE);
        socket.send("{\"method\":\"SUBSCRIBE\",\"params\":[\"btcusdt@bookTicker\",\"btcusdt@trade\","
                + "\"ethusdt@bookTicker\",\"ethusdt@trade\"],\"id\":1}");

        socket.advanceUntil(frames -> count(frames, m -> m.path("e").asText().equals("trade")
                && m.path("s").asText().equals("BTCUSDT")) >= TRADES, TRADES + " trades");
        List<JsonNode> messages = socket.json();

        assertThat(messages.get(0).toString()).isEqualTo("{\"result\":null,\"id\":1}");
        List<JsonNode> btc = messages.stream().filter(m -> m.path("s").asText().equals("BTCUSDT")).toList();
        TradeTape tape = market.tape(SimulatedExchange.BINANCE, BTC);
        long first = btc.get(1).get("t").asLong();
        for (int i = 0; i + 1 < btc.size(); i += 2) {
            JsonNode book = btc.get(i);
            JsonNode trade = btc.get(i + 1);
            long second = first + i / 2;
            assertThat(book.has("u")).isTrue();
            assertThat(trade.get("t").asLong()).isEqualTo(second);
            assertThat(trade.get("T").asLong()).isEqualTo(tape.tradeTime(second).toEpochMilli());
            assertThat(trade.get("p").asText()).isEqualTo(ExchangeApi.decimal(tape.price(second), 8));
            assertThat(new BigDecimal(trade.get("p").asText()))
                    .isIn(new BigDecimal(book.get("b").asText()), new BigDecimal(book.get("a").asText()));
        }
        JsonNode rest = client.get("/api/v3/ticker/24hr?symbol=BTCUSDT").json();
        long lastId = rest.get("lastId").asLong();
        assertThat(lastId).isGreaterThanOrEqualTo(first + btc.size() / 2 - 1);
        assertThat(rest.get("lastPrice").asText()).isEqualTo(ExchangeApi.decimal(tape.price(lastId), 8));
    }

    @Test
    void bitstampConfirmsTheSubscriptionSendsEveryTradeAndAnswersHeartbeats() throws Exception {
        WsRecorder socket = connect(SimulatedExchange.BITSTAMP);
        socket.send("{\"event\":\"bts:subscribe\",\"data\":{\"channel\":\"live_trades_btcusd\"}}");
        socket.awaitFrames(1);
        socket.send("{\"event\":\"bts:heartbeat\"}");

        socket.advanceUntil(frames -> count(frames, m -> m.path("event").asText().equals("trade")) >= TRADES
                && count(frames, m -> m.path("event").asText().equals("bts:heartbeat")) == 1, TRADES + " trades");
        List<JsonNode> messages = socket.json();

        assertThat(messages.get(0).toString()).isEqualTo(
                "{\"event\":\"bts:subscription_succeeded\",\"channel\":\"live_trades_btcusd\",\"data\":{}}");
        List<JsonNode> trades = messages.stream().filter(m -> m.path("event").asText().equals("trade"))
                .map(m -> m.get("data")).toList();
        TradeTape tape = market.tape(SimulatedExchange.BITSTAMP, BTC);
        long first = trades.get(0).get("id").asLong();
        for (int i = 0; i < trades.size(); i++) {
            JsonNode trade = trades.get(i);
            Instant time = tape.tradeTime(first + i);
            assertThat(trade.get("id").asLong()).isEqualTo(first + i);
            assertThat(trade.get("timestamp").asText()).isEqualTo(Long.toString(first + i));
            assertThat(trade.get("microtimestamp").asLong()).isEqualTo(time.getEpochSecond() * 1_000_000 + time.getNano() / 1_000);
            assertThat(trade.get("price_str").asText()).isEqualTo(tape.price(first + i).toPlainString());
        }
        JsonNode rest = client.get("/api/v2/ticker/btcusd/").json();
        long restId = rest.get("timestamp").asLong();
        assertThat(rest.get("last").asText()).isEqualTo(tape.price(restId).toPlainString());
    }

    @Test
    void oneWebSocketPortServesEachExchangeUnderItsOwnPath() {
        String base = "ws://127.0.0.1:" + server.wsPort();

        assertThat(server.wsPort()).isNotEqualTo(server.port());
        assertThat(server.wsBaseUrl()).isEqualTo(base);
        assertThat(Arrays.stream(SimulatedExchange.values()).map(server::wsUrl).toList()).containsExactly(base + "/ws/coinbase", base + "/ws/kraken/v2",
                base + "/ws/binance/ws", base + "/ws/bitstamp");
        SimulatorServer unstarted = new SimulatorServer(market, SimulatorServer.LOOPBACK, 0);
        assertThatThrownBy(unstarted::wsPort).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> unstarted.wsPort(70_000))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void eachExchangeRefusesAPairItDoesNotListInItsOwnWords() throws Exception {
        WsRecorder coinbase = connect(SimulatedExchange.COINBASE);
        coinbase.send("{\"type\":\"subscribe\",\"product_ids\":[\"SOL-USD\"],\"channel\":\"ticker\"}");
        WsRecorder kraken = connect(SimulatedExchange.KRAKEN);
        kraken.send("{\"method\":\"subscribe\",\"params\":{\"channel\":\"trade\",\"symbol\":[\"SOL/USD\"]}}");
        WsRecorder binance = connect(SimulatedExchange.BINANCE);
        binance.send("{\"method\":\"SUBSCRIBE\",\"params\":[\"solusdt@trade\"],\"id\":1}");
        WsRecorder bitstamp = connect(SimulatedExchange.BITSTAMP);
        bitstamp.send("{\"event\":\"bts:subscribe\",\"data\":{\"channel\":\"live_trades_solusd\"}}");

        assertThat(coinbase.awaitFrames(1).get(0)).isEqualTo("{\"type\":\"error\",\"message\":\"failure to subscribe\"}");
        JsonNode refusal = WsRecorder.parse(kraken.awaitFrames(2).get(1));
        assertThat(refusal.get("error").asText()).isEqualTo("Currency pair not supported");
        assertThat(refusal.get("symbol").asText()).isEqualTo("SOL/USD");
        assertThat(refusal.get("success").asBoolean()).isFalse();
        JsonNode error = WsRecorder.parse(binance.awaitFrames(1).get(0));
        assertThat(error.at("/error/code").asInt()).isEqualTo(2);
        assertThat(error.get("id").asInt()).isEqualTo(1);
        assertThat(WsRecorder.parse(bitstamp.awaitFrames(1).get(0)).get("event").asText()).isEqualTo("bts:error");
        // nothing subscribed, nothing sent
        kraken.advanceQuietly(3);
        assertThat(kraken.frames()).hasSize(2);
    }

    @Test
    void onTheWallClockAt60xAProductTradesAboutSixtyTimesARealSecond() throws Exception {
        SimulatedMarket live = new SimulatedMarket(SimulatedClock.startingDayAgo(Clock.systemUTC()),
                new PricePath(SimulatedMarket.DEFAULT_SEED), SimulatedProduct.defaults());
        try (SimulatorServer running = new SimulatorServer(live, SimulatorServer.LOOPBACK, 0).start();
             WsRecorder socket = new WsRecorder(running.wsUrl(SimulatedExchange.BINANCE), () -> { })) {
            socket.send("{\"method\":\"SUBSCRIBE\",\"params\":[\"btcusdt@trade\"],\"id\":1}");
            socket.awaitFrames(1);
            long started = System.nanoTime();

            List<String> frames = socket.awaitFrames(91);

            double seconds = (System.nanoTime() - started) / 1e9;
            assertThat(90 / seconds).as("trades a real second").isBetween(40.0, 80.0);
            List<Long> ids = frames.subList(1, frames.size()).stream().map(f -> WsRecorder.parse(f).get("t").asLong())
                    .toList();
            for (int i = 1; i < ids.size(); i++) {
                assertThat(ids.get(i)).isEqualTo(ids.get(i - 1) + 1);
            }
        }
    }

    static long count(List<String> frames, Predicate<JsonNode> which) {
        return frames.stream().map(WsRecorder::parse).filter(which).count();
    }

    static boolean updateOf(JsonNode message, String productId) {
        return message.path("channel").asText().equals("ticker") && message.at("/events/0/type").asText().equals("update")
                && message.at("/events/0/tickers/0/product_id").asText().equals(productId);
    }

    static boolean tradeOf(JsonNode message, String symbol) {
        return message.path("channel").asText().equals("trade") && message.path("type").asText().equals("update")
                && message.at("/data/0/symbol").asText().equals(symbol);
    }
}
