package dev.rigwatch.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Coinbase Advanced Trade's public market-data WebSocket ({@code wss://advanced-trade-ws.coinbase.com}):
 * {@code {"type":"subscribe","product_ids":[...],"channel":"ticker"}} answers with a {@code ticker} snapshot of the
 * products and a {@code subscriptions} message, then sends a ticker {@code update} on every trade, at the trade's
 * time; {@code {"type":"subscribe","channel":"heartbeats"}} starts a {@code heartbeats} message every second. Every
 * message of the connection carries the next {@code sequence_num}, from 0, over all channels. An unknown product or
 * channel, or a frame that is no subscribe request, is {@code {"type":"error","message":"failure to subscribe"}}
 * and subscribes nothing.
 *
 * <p>A ticker's price, best bid and ask and their quantities are its trade's; its 24 h figures are the product's
 * ticker as of the tick that sends it (at most a tick's worth of trades later); the 52-week low and high are over the
 * market's history ({@link SimulatedMarket#HISTORY}) as of the subscription, and the last 24 h.
 */
final class CoinbaseWs extends WsFeed {

    static final String PATH = "/ws/coinbase";

    private static final String FAILURE = "failure to subscribe";
    private static final int VOLUME_SCALE = 8;
    private static final int PERCENT_SCALE = 14;
    /** Go's {@code time.Time.String()}, which Coinbase's heartbeats show, monotonic clock reading aside. */
    private static final DateTimeFormatter GO_TIME = DateTimeFormatter.ofPattern(
            "yyyy-MM-dd HH:mm:ss.SSSSSSSSS '+0000 UTC'").withZone(ZoneOffset.UTC);

    /** Channel name → the product ids subscribed on it ({@code heartbeats} → {@code heartbeats}), in order. */
    private final Map<String, Set<String>> subscriptions = new LinkedHashMap<>();
    private final Map<SimulatedProduct, TradeStats> history = new LinkedHashMap<>();
    private final long startedNanos = System.nanoTime();
    private long sequence;
    private long heartbeatCounter;

    CoinbaseWs(SimulatedMarket market, Socket socket, WsFaultPlan faults, long connection) {
        super(SimulatedExchange.COINBASE, market, socket, faults, connection);
    }

    @Override
    void handle(ObjectNode message, String text, Instant now) {
        String channel = message.path("channel").asText("");
        if (!message.path("type").asText("").equals("subscribe")) {
            error();
            return;
        }
        switch (channel) {
            case "ticker" -> subscribeTicker(message.path("product_ids"), now);
            case "heartbeats" -> {
                subscriptions.computeIfAbsent("heartbeats", c -> new LinkedHashSet<>()).add("heartbeats");
                sendSubscriptions(now);
                startHeartbeats();
            }
            default -> error();
        }
    }

    @Override
    void notAnObject(String text, Instant now) {
        error();
    }

    private void subscribeTicker(JsonNode productIds, Instant now) {
        if (!productIds.isArray() || productIds.isEmpty()) {
            error();
            return;
        }
        List<SimulatedProduct> products = new ArrayList<>();
        for (JsonNode id : productIds) {
            Optional<SimulatedProduct> product = product(id.asText(), exchange::symbol);
            if (product.isEmpty()) {
                error();
                return;
            }
            products.add(product.get());
        }
        ArrayNode tickers = object().arrayNode();
        for (SimulatedProduct product : products) {
            Quote quote = quote(product, now);
            history.computeIfAbsent(product, p -> pastStats(p, quote.tradeId()));
            tickers.add(ticker(product, quote.price(), quote.bid(), quote.bidSize(), quote.ask(), quote.askSize(),
                    quote));
        }
        send(envelope("ticker", now, "snapshot", "tickers", tickers));
        Set<String> ids = subscriptions.computeIfAbsent("ticker", c -> new LinkedHashSet<>());
        products.forEach(p -> ids.add(p.id()));
        sendSubscriptions(now);
        products.forEach(p -> follow(p, now));
    }

    /** The market's trades from its opening to the last full hour before {@code second}: cached hours, cheap. */
    private TradeStats pastStats(SimulatedProduct product, long second) {
        long first = market.openedAt().getEpochSecond();
        long end = ExchangeApi.windowOf(second, TradeTape.SECONDS_PER_HOUR) - 1;
        return end < first ? null : market.stats(exchange, product, first, end);
    }

    @Override
    void trade(TradeTape.Trade trade, Instant now) {
        SimulatedProduct product = trade.product();
        ArrayNode tickers = object().arrayNode().add(ticker(product, trade.price(), trade.bid(), trade.bidSize(),
                trade.ask(), trade.askSize(), quote(product, now)));
        send(envelope("ticker", trade.time(), "update", "tickers", tickers));
    }

    @Override
    void heartbeat(Instant now) {
        double uptime = (System.nanoTime() - startedNanos) / 1e9;
        ObjectNode event = object().put("current_time", GO_TIME.format(now) + " m=+" + String.format(Locale.ROOT, "%.9f", uptime))
                .put("heartbeat_counter", ++heartbeatCounter);
        send(envelope("heartbeats", now, null, null, object().arrayNode().add(event)));
    }

    @Override
    void skipSequence() {
        sequence++;
    }

    private ObjectNode ticker(SimulatedProduct product, BigDecimal price, BigDecimal bid,
                              BigDecimal bidSize, BigDecimal ask, BigDecimal askSize,
                              Quote day) {
        TradeStats last24h = day.last24h();
        TradeStats past = history.get(product);
        return object().put("type", "ticker")
                .put("product_id", product.id())
                .put("price", price.toPlainString())
                .put("volume_24_h", ExchangeApi.decimal(last24h.volume(), VOLUME_SCALE))
                .put("low_24_h", last24h.low().toPlainString())
                .put("high_24_h", last24h.high().toPlainString())
                .put("low_52_w", (past == null ? last24h.low() : past.low().min(last24h.low())).toPlainString())
                .put("high_52_w", (past == null ? last24h.high() : past.high().max(last24h.high())).toPlainString())
                .put("price_percent_chg_24_h", ExchangeApi.percentChange(last24h.open(), price, PERCENT_SCALE))
                .put("best_bid", bid.toPlainString())
                .put("best_bid_quantity", ExchangeApi.decimal(bidSize, VOLUME_SCALE))
                .put("best_ask", ask.toPlainString())
                .put("best_ask_quantity", ExchangeApi.decimal(askSize, VOLUME_SCALE));
    }

    /**
     * The envelope every channel shares, with the next sequence number; {@code events} is a list of one event,
     * of {@code type} with {@code listName} holding {@code list} (or {@code list}'s own events when type is null).
     */
    private ObjectNode envelope(String channel, Instant timestamp, String type, String listName, ArrayNode list) {
        ObjectNode message = object().put("channel", channel).put("client_id", "")
                .put("timestamp", NANOS.format(timestamp)).put("sequence_num", sequence++);
        ArrayNode events = message.putArray("events");
        if (type == null) {
            events.addAll(list);
        } else {
            ObjectNode event = events.addObject().put("type", type);
            event.set(listName, list);
        }
        return message;
    }

    private void sendSubscriptions(Instant now) {
        ObjectNode byChannel = object();
        subscriptions.forEach((channel, ids) -> ids.forEach(byChannel.putArray(channel)::add));
        ObjectNode event = object();
        event.set("subscriptions", byChannel);
        send(envelope("subscriptions", now, null, null, object().arrayNode().add(event)));
    }

    private void error() {
        send(object().put("type", "error").put("message", FAILURE));
    }
}
