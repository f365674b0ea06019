package dev.rigwatch.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Binance's spot WebSocket market streams, raw streams on {@code /ws} ({@code wss://stream.binance.com:9443/ws}):
 * {@code {"method":"SUBSCRIBE","params":["btcusdt@bookTicker","btcusdt@trade"],"id":1}} answered
 * {@code {"result":null,"id":1}}, then on every trade the symbol's {@code bookTicker} (when subscribed) and its
 * {@code trade} event. {@code UNSUBSCRIBE} and {@code LIST_SUBSCRIPTIONS} work too. A stream of a symbol Binance
 * does not list is refused with {@code {"error":{"code":2,"msg":"Invalid request: ..."},"id":1}} (the simulator's
 * choice: the real server accepts it and sends nothing), a frame that is not JSON with {@code {"code":3,...}}.
 * Decimals are strings with eight decimals, times epoch milliseconds, trade ids the trades' epoch seconds (as the
 * REST ticker's {@code firstId} and {@code lastId}). No application heartbeat: Binance pings at the protocol level.
 */
final class BinanceWs extends WsFeed {

    static final String PATH = "/ws/binance/ws";

    private static final int SCALE = 8;
    private static final int INVALID_REQUEST = 2;
    private static final int INVALID_JSON = 3;

    private final Set<String> streams = new LinkedHashSet<>();

    BinanceWs(SimulatedMarket market, Socket socket, WsFaultPlan faults, long connection) {
        super(SimulatedExchange.BINANCE, market, socket, faults, connection);
    }

    @Override
    void handle(ObjectNode message, String text, Instant now) {
        JsonNode id = message.get("id");
        String method = message.path("method").asText("");
        JsonNode params = message.path("params");
        switch (method) {
            case "SUBSCRIBE", "UNSUBSCRIBE" -> {
                List<String> names = new ArrayList<>();
                for (JsonNode param : params) {
                    String name = param.asText();
                    if (streamProduct(name).isEmpty()) {
                        send(error(id, "Invalid request: unknown stream '" + name + "'"));
                        return;
                    }
                    names.add(name);
                }
                if (method.equals("SUBSCRIBE")) {
                    streams.addAll(names);
                } else {
                    names.forEach(streams::remove);
                }
                send(result(id));
                names.stream().map(this::streamProduct).flatMap(Optional::stream).distinct().forEach(p -> follow(p, now));
            }
            case "LIST_SUBSCRIPTIONS" -> {
                ObjectNode answer = object();
                streams.forEach(answer.putArray("result")::add);
                send(answer.set("id", id));
            }
            default -> send(error(id, "Invalid request: unknown method '" + method + "'"));
        }
    }

    /** The product of {@code btcusdt@trade} or {@code btcusdt@bookTicker}, when Binance lists the symbol. */
    private Optional<SimulatedProduct> streamProduct(String stream) {
        int at = stream.indexOf('@');
        if (at < 0 || !List.of("trade", "bookTicker").contains(stream.substring(at + 1))) {
            return Optional.empty();
        }
        String symbol = stream.substring(0, at);
        return product(symbol, p -> exchange.symbol(p).toLowerCase(Locale.ROOT));
    }

    @Override
    void notAnObject(String text, Instant now) {
        send(object().put("code", INVALID_JSON).put("msg", "Invalid JSON: expected value at line 1 column 1"));
    }

    @Override
    void trade(TradeTape.Trade trade, Instant now) {
        String symbol = exchange.symbol(trade.product());
        String prefix = symbol.toLowerCase(Locale.ROOT);
        if (streams.contains(prefix + "@bookTicker")) {
            send(object().put("u", trade.second() * 100 + 1).put("s", symbol)
                    .put("b", ExchangeApi.decimal(trade.bid(), SCALE))
                    .put("B", ExchangeApi.decimal(trade.bidSize(), SCALE))
                    .put("a", ExchangeApi.decimal(trade.ask(), SCALE))
                    .put("A", ExchangeApi.decimal(trade.askSize(), SCALE)));
        }
        if (streams.contains(prefix + "@trade")) {
            long time = trade.time().toEpochMilli();
            send(object().put("e", "trade").put("E", time + 1).put("s", symbol).put("t", trade.second())
                    .put("p", ExchangeApi.decimal(trade.price(), SCALE))
                    .put("q", ExchangeApi.decimal(trade.size(), SCALE))
                    .put("T", time)
                    .put("m", !trade.buyerTookTheAsk())
                    .put("M", true));
        }
    }

    private static ObjectNode result(JsonNode id) {
        ObjectNode answer = object();
        answer.putNull("result");
        return answer.set("id", id);
    }

    private static ObjectNode error(JsonNode id, String msg) {
        ObjectNode answer = object();
        answer.putObject("error").put("code", INVALID_REQUEST).put("msg", msg);
        return answer.set("id", id);
    }
}
