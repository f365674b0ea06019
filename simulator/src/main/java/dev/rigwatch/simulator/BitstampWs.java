package dev.rigwatch.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Bitstamp's WebSocket API v2 ({@code wss://ws.bitstamp.net}):
 * {@code {"event":"bts:subscribe","data":{"channel":"live_trades_btcusd"}}} answered with
 * {@code bts:subscription_succeeded}, then a {@code trade} event on the channel for every trade;
 * {@code {"event":"bts:heartbeat"}} answered with {@code {"event":"bts:heartbeat","channel":"","data":{"status":"success"}}}.
 * A channel it does not have (another kind, or a pair it does not list) and a frame it cannot read are
 * {@code bts:error} {@code Bad subscription string.}. A trade has its price and amount both as JSON numbers and as
 * exact strings ({@code price_str} in the pair's precision, as the REST ticker's {@code last}), its times as strings
 * of epoch seconds and microseconds, its id its epoch second (as the REST ticker's {@code timestamp}). Bitstamp sends
 * no heartbeats of its own.
 */
final class BitstampWs extends WsFeed {

    static final String PATH = "/ws/bitstamp";

    private static final String CHANNEL_PREFIX = "live_trades_";
    private static final String BAD_SUBSCRIPTION = "Bad subscription string.";
    private static final int AMOUNT_SCALE = 8;
    /** Order ids are about this large, in proportion to time, as Bitstamp's are (16 digits in 2023). */
    private static final long ORDER_IDS_PER_SECOND = 1_000_000;

    private final Set<SimulatedProduct> subscribed = new HashSet<>();

    BitstampWs(SimulatedMarket market, Socket socket, WsFaultPlan faults, long connection) {
        super(SimulatedExchange.BITSTAMP, market, socket, faults, connection);
    }

    static String channel(SimulatedExchange exchange, SimulatedProduct product) {
        return CHANNEL_PREFIX + exchange.symbol(product);
    }

    @Override
    void handle(ObjectNode message, String text, Instant now) {
        String event = message.path("event").asText("");
        switch (event) {
            case "bts:heartbeat" -> {
                ObjectNode answer = object().put("event", "bts:heartbeat").put("channel", "");
                answer.putObject("data").put("status", "success");
                send(answer);
            }
            case "bts:subscribe", "bts:unsubscribe" -> {
                String channel = message.path("data").path("channel").asText("");
                Optional<SimulatedProduct> product = product(channel, p -> channel(exchange, p));
                if (product.isEmpty()) {
                    error();
                } else if (event.equals("bts:subscribe")) {
                    subscribed.add(product.get());
                    ObjectNode answer = object().put("event", "bts:subscription_succeeded").put("channel", channel);
                    answer.putObject("data");
                    send(answer);
                    follow(product.get(), now);
                } else {
                    subscribed.remove(product.get());
                    ObjectNode answer = object().put("event", "bts:unsubscription_succeeded").put("channel", channel);
                    answer.putObject("data");
                    send(answer);
                }
            }
            default -> error();
        }
    }

    @Override
    void notAnObject(String text, Instant now) {
        error();
    }

    @Override
    void trade(TradeTape.Trade trade, Instant now) {
        if (!subscribed.contains(trade.product())) {
            return;
        }
        long micros = Math.addExact(Math.multiplyExact(trade.time().getEpochSecond(), 1_000_000L),
                trade.time().getNano() / 1_000);
        long orderId = trade.second() * ORDER_IDS_PER_SECOND;
        ObjectNode message = object();
        message.putObject("data")
                .put("id", trade.second())
                .put("timestamp", Long.toString(trade.time().getEpochSecond()))
                .put("amount", asFloat(trade.size()))
                .put("amount_str", ExchangeApi.decimal(trade.size(), AMOUNT_SCALE))
                .put("price", trade.price())
                .put("price_str", trade.price().toPlainString())
                .put("type", trade.buyerTookTheAsk() ? 0 : 1)
                .put("microtimestamp", Long.toString(micros))
                // the taker's order is the newer one
                .put("buy_order_id", orderId + (trade.buyerTookTheAsk() ? 2 : 1))
                .put("sell_order_id", orderId + (trade.buyerTookTheAsk() ? 1 : 2));
        message.put("channel", channel(exchange, trade.product())).put("event", "trade");
        send(message);
    }

    /** The shortest decimal of {@code amount}, but with a fraction, as Bitstamp's floats are written: 1.0, not 1. */
    private static BigDecimal asFloat(BigDecimal amount) {
        BigDecimal shortest = amount.stripTrailingZeros();
        return shortest.scale() > 0 ? shortest : shortest.setScale(1);
    }

    private void error() {
        ObjectNode answer = object().put("event", "bts:error").put("channel", "");
        answer.putObject("data").putNull("code").put("message", BAD_SUBSCRIPTION);
        send(answer);
    }
}
