package dev.rigwatch.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Kraken's public WebSocket API v2 ({@code wss://ws.kraken.com/v2}): a {@code status} message on connecting;
 * {@code {"method":"subscribe","params":{"channel":"ticker"|"trade","symbol":["BTC/USD"],"snapshot":true}}}
 * answered per symbol with an ack (or {@code Currency pair not supported} for a pair it does not list), then the
 * snapshot when asked for (ticker: the current one; trade: the last {@value #TRADE_SNAPSHOT} trades), then an
 * update on every trade: the ticker first, then the trade. A {@code heartbeat} every second once anything is
 * subscribed; {@code {"method":"ping","req_id":N}} answered by a {@code pong}. Decimals are JSON numbers in the
 * pair's precision (as the REST API's strings), times RFC 3339 with microseconds, pairs {@code BTC/USD} (v2 says BTC,
 * where REST says XBT). Trade ids are the trades' epoch seconds, as everywhere in the simulator.
 *
 * <p>A ticker's bid, ask, quantities and last price are its trade's; its 24 h figures are the pair's ticker as of
 * the tick that sends it.
 */
final class KrakenWs extends WsFeed {

    static final String PATH = "/ws/kraken/v2";
    static final int TRADE_SNAPSHOT = 50;

    private static final int QTY_SCALE = 8;
    private static final int PERCENT_SCALE = 2;

    private final Set<SimulatedProduct> tickers = new HashSet<>();
    private final Set<SimulatedProduct> trades = new HashSet<>();
    private final long connectionId;

    KrakenWs(SimulatedMarket market, Socket socket, WsFaultPlan faults, long connection) {
        super(SimulatedExchange.KRAKEN, market, socket, faults, connection);
        this.connectionId = Noise.bits(faults.seed(), "kraken ws connection id", connection, Noise.Use.FAULT);
    }

    /** What v2 calls a product: {@code BTC/USD}. */
    static String pair(SimulatedProduct product) {
        return product.baseAsset() + "/" + product.quoteAsset();
    }

    @Override
    void opened(Instant now) {
        ObjectNode message = object().put("channel", "status").put("type", "update");
        message.putArray("data").addObject().put("version", "2.0.0").put("system", "online")
                .put("api_version", "v2").put("connection_id", new BigInteger(Long.toUnsignedString(connectionId)));
        send(message);
    }

    @Override
    void handle(ObjectNode message, String text, Instant now) {
        String method = message.path("method").asText("");
        JsonNode reqId = message.get("req_id");
        switch (method) {
            case "ping" -> {
                ObjectNode pong = object().put("method", "pong");
                if (reqId != null) {
                    pong.set("req_id", reqId);
                }
                send(times(pong, now));
            }
            case "subscribe" -> subscribe(message.path("params"), reqId, now);
            default -> send(times(withReqId(object().put("error", "Method not found").put("method", method)
                    .put("success", false), reqId), now));
        }
    }

    @Override
    void notAnObject(String text, Instant now) {
        send(times(object().put("error", "Malformed request").put("success", false), now));
    }

    private void subscribe(JsonNode params, JsonNode reqId, Instant now) {
        String channel = params.path("channel").asText("");
        JsonNode symbols = params.path("symbol");
        if (!channel.equals("ticker") && !channel.equals("trade")) {
            send(times(withReqId(object().put("error", "Channel " + channel + " not supported")
                    .put("method", "subscribe").put("success", false), reqId), now));
            return;
        }
        boolean snapshot = params.path("snapshot").asBoolean(true);
        for (JsonNode symbol : symbols) {
            Optional<SimulatedProduct> product = product(symbol.asText(), KrakenWs::pair);
            if (product.isEmpty()) {
                send(times(withReqId(object().put("error", "Currency pair not supported").put("method", "subscribe")
                        .put("success", false).put("symbol", symbol.asText()), reqId), now));
                continue;
            }
            ObjectNode ack = object().put("method", "subscribe");
            ack.putObject("result").put("channel", channel).put("snapshot", snapshot).put("symbol", symbol.asText());
            send(times(withReqId(ack.put("success", true), reqId), now));
            if (channel.equals("ticker")) {
                tickers.add(product.get());
                if (snapshot) {
                    Quote quote = quote(product.get(), now);
                    TradeTape.Trade last = market.tape(exchange, product.get()).trade(quote.tradeId());
                    sendTickers("snapshot", last, quote);
                }
            } else {
                trades.add(product.get());
                if (snapshot) {
                    sendTradeSnapshot(product.get(), now);
                }
            }
            follow(product.get(), now);
            startHeartbeats();
        }
    }

    private void sendTradeSnapshot(SimulatedProduct product, Instant now) {
        TradeTape tape = market.tape(exchange, product);
        long last = tape.lastTradeSecond(now);
        long first = Math.max(market.openedAt().getEpochSecond(), last - TRADE_SNAPSHOT + 1);
        ObjectNode message = object().put("channel", "trade").put("type", "snapshot");
        ArrayNode data = message.putArray("data");
        for (long second = first; second <= last; second++) {
            data.add(trade(tape.trade(second)));
        }
        send(message);
    }

    @Override
    void trade(TradeTape.Trade trade, Instant now) {
        if (tickers.contains(trade.product())) {
            sendTickers("update", trade, quote(trade.product(), now));
        }
        if (trades.contains(trade.product())) {
            ObjectNode message = object().put("channel", "trade").put("type", "update");
            message.putArray("data").add(trade(trade));
            send(message);
        }
    }

    @Override
    void heartbeat(Instant now) {
        send(object().put("channel", "heartbeat"));
    }

    private void sendTickers(String type, TradeTape.Trade trade, Quote day) {
        TradeStats last24h = day.last24h();
        int scale = trade.price().scale();
        ObjectNode message = object().put("channel", "ticker").put("type", type);
        message.putArray("data").addObject()
                .put("symbol", pair(trade.product()))
                .put("bid", trade.bid())
                .put("bid_qty", trade.bidSize().setScale(QTY_SCALE))
                .put("ask", trade.ask())
                .put("ask_qty", trade.askSize().setScale(QTY_SCALE))
                .put("last", trade.price())
                .put("volume", last24h.volume().setScale(QTY_SCALE))
                .put("vwap", last24h.vwap(scale))
                .put("low", last24h.low())
                .put("high", last24h.high())
                .put("change", trade.price().subtract(last24h.open()))
                .put("change_pct", new BigDecimal(ExchangeApi.percentChange(last24h.open(), trade.price(),
                        PERCENT_SCALE)));
        send(message);
    }

    private static ObjectNode trade(TradeTape.Trade trade) {
        return object().put("symbol", pair(trade.product()))
                .put("side", trade.buyerTookTheAsk() ? "buy" : "sell")
                .put("price", trade.price())
                .put("qty", trade.size().setScale(QTY_SCALE))
                .put("ord_type", trade.buyerTookTheAsk() ? "market" : "limit")
                .put("trade_id", trade.second())
                .put("timestamp", MICROS.format(trade.time()));
    }

    private static ObjectNode withReqId(ObjectNode answer, JsonNode reqId) {
        if (reqId != null) {
            answer.set("req_id", reqId);
        }
        return answer;
    }

    /** Kraken's answers end with when it got the request and when it answered, microseconds apart. */
    private static ObjectNode times(ObjectNode answer, Instant now) {
        return answer.put("time_in", MICROS.format(now)).put("time_out", MICROS.format(now.plusNanos(20_000)));
    }
}
