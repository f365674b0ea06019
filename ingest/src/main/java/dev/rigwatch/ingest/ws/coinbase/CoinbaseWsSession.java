package dev.rigwatch.ingest.ws.coinbase;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rigwatch.events.CryptoTick;
import dev.rigwatch.events.Json;
import dev.rigwatch.events.TimeSource;
import dev.rigwatch.ingest.exchange.Exchange;
import dev.rigwatch.ingest.exchange.Fields;
import dev.rigwatch.ingest.http.InvalidResponse;
import dev.rigwatch.ingest.ws.FeedMessage;
import dev.rigwatch.ingest.ws.WsFrames;
import dev.rigwatch.ingest.ws.WsSession;
import dev.rigwatch.ingest.ws.coinbase.CoinbaseWsMessages.Envelope;
import dev.rigwatch.ingest.ws.coinbase.CoinbaseWsMessages.SubscriptionsEvent;
import dev.rigwatch.ingest.ws.coinbase.CoinbaseWsMessages.SubscriptionsMessage;
import dev.rigwatch.ingest.ws.coinbase.CoinbaseWsMessages.Ticker;
import dev.rigwatch.ingest.ws.coinbase.CoinbaseWsMessages.TickerEvent;
import dev.rigwatch.ingest.ws.coinbase.CoinbaseWsMessages.TickerMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One Coinbase connection. Each ticker of a {@code ticker} message (a snapshot on subscribing, then updates;
 * several products per message) becomes a tick: price, best bid and ask, 24 h volume, and the message's
 * {@code timestamp} as exchange time (the ticker has no time of its own and names no trade, so the tick's
 * identity is its time and price).
 *
 * <p>Coinbase numbers every message of a connection ({@code sequence_num}, over all channels). A number past the
 * next expected one is a {@link FeedMessage.SequenceGap}, reported before the message's own content, and the
 * session goes on from it. A number at or below the highest seen is a message that arrived late (or twice): it is
 * read as usual, but reports no gap and does not move the expectation back; its ticks, older than those already
 * read, are left to the {@code TickValidator}, whose order check rejects a tick older than the last good one.
 *
 * <p>A ticker for a product this session did not subscribe is {@link FeedMessage.Unknown}: Coinbase sends
 * nothing unasked, so it is data we cannot place, not a broken frame.
 */
final class CoinbaseWsSession implements WsSession {

    private static final String EXCHANGE = Exchange.COINBASE.id();

    private final Map<String, String> symbolsByProductId;
    private final List<String> productIds;
    /** The highest {@code sequence_num} read on this connection; null before the first. */
    private Long highestSequence;

    CoinbaseWsSession(Map<String, String> symbolsByProductId) {
        this.symbolsByProductId = Map.copyOf(symbolsByProductId);
        this.productIds = List.copyOf(symbolsByProductId.keySet());
    }

    /** {@code ticker} for the products, then {@code heartbeats}, which takes no products. */
    @Override
    public List<String> subscribeMessages() {
        ObjectNode ticker = Json.mapper().createObjectNode().put("type", "subscribe");
        productIds.forEach(ticker.putArray("product_ids")::add);
        ticker.put("channel", "ticker");
        ObjectNode heartbeats = Json.mapper().createObjectNode().put("type", "subscribe").put("channel", "heartbeats");
        return List.of(ticker.toString(), heartbeats.toString());
    }

    @Override
    public List<FeedMessage> read(String frame, Instant receivedAt) {
        return WsFrames.guarded(frame, () -> {
            JsonNode node = WsFrames.tree(frame);
            if ("error".equals(WsFrames.text(node, "type"))) {
                CoinbaseWsMessages.ErrorMessage error = WsFrames.json(frame, CoinbaseWsMessages.ErrorMessage.class,
                        "a Coinbase error");
                String detail = Fields.required("message", error.message())
                        + (error.reason() == null ? "" : ": " + error.reason());
                return List.of(new FeedMessage.FeedError(null, detail));
            }
            String channel = WsFrames.text(node, "channel");
            if (channel == null) {
                return List.of(new FeedMessage.Unknown(frame));
            }
            Envelope envelope = WsFrames.json(frame, Envelope.class, "a Coinbase message");
            List<FeedMessage> messages = new ArrayList<>();
            switch (channel) {
                case "ticker" -> {
                    TickerMessage ticker = WsFrames.json(frame, TickerMessage.class, "a Coinbase ticker message");
                    Instant timestamp = Fields.required("timestamp", ticker.timestamp());
                    List<TickerEvent> events = Fields.required("events", ticker.events());
                    sequence(envelope, messages);
                    for (TickerEvent event : events) {
                        for (Ticker one : Fields.required("tickers", Fields.required("event", event).tickers())) {
                            messages.add(tick(frame, one, timestamp, receivedAt));
                        }
                    }
                }
                case "heartbeats" -> {
                    sequence(envelope, messages);
                    messages.add(new FeedMessage.Heartbeat(receivedAt));
                }
                case "subscriptions" -> {
                    SubscriptionsMessage subscriptions = WsFrames.json(frame, SubscriptionsMessage.class,
                            "a Coinbase subscriptions message");
                    sequence(envelope, messages);
                    for (SubscriptionsEvent event : Fields.required("events", subscriptions.events())) {
                        Fields.required("subscriptions", Fields.required("event", event).subscriptions())
                                .forEach((name, ids) -> subscribed(name, ids, messages));
                    }
                }
                default -> {
                    sequence(envelope, messages);
                    messages.add(new FeedMessage.Unknown(frame));
                }
            }
            return messages;
        });
    }

    /** Coinbase has no application ping: the heartbeats channel proves the socket alive. */
    @Override
    public String pingMessage() {
        return null;
    }

    private void sequence(Envelope envelope, List<FeedMessage> messages) throws InvalidResponse {
        long got = Fields.required("sequence_num", envelope.sequenceNum());
        if (highestSequence != null && got <= highestSequence) {
            return;
        }
        if (highestSequence != null && got > highestSequence + 1) {
            messages.add(new FeedMessage.SequenceGap(highestSequence + 1, got));
        }
        highestSequence = got;
    }

    /** One ticker; a bad one is malformed on its own, and the message's other tickers still count. */
    private FeedMessage tick(String frame, Ticker ticker, Instant timestamp, Instant receivedAt) {
        try {
            Fields.required("ticker", ticker);
            String productId = Fields.required("product_id", ticker.productId());
            String symbol = symbolsByProductId.get(productId);
            if (symbol == null) {
                return new FeedMessage.Unknown(frame);
            }
            return new FeedMessage.Tick(new CryptoTick(
                    CryptoTick.VERSION,
                    EXCHANGE,
                    symbol,
                    Fields.decimal("price", ticker.price()),
                    ticker.bestBid() == null ? null : Fields.decimal("best_bid", ticker.bestBid()),
                    ticker.bestAsk() == null ? null : Fields.decimal("best_ask", ticker.bestAsk()),
                    ticker.volume24h() == null ? null : Fields.volume("volume_24_h", ticker.volume24h()),
                    null,
                    timestamp,
                    receivedAt,
                    TimeSource.EXCHANGE));
        } catch (InvalidResponse e) {
            return new FeedMessage.Malformed(frame, "ticker " + (ticker == null ? null : ticker.productId()) + ": "
                    + e.getMessage());
        }
    }

    /** One {@link FeedMessage.Subscribed} per channel and product: {@code ticker BTC-USD}, {@code heartbeats}. */
    private static void subscribed(String channel, List<String> ids, List<FeedMessage> messages) {
        if (ids == null || ids.isEmpty()) {
            messages.add(new FeedMessage.Subscribed(channel));
            return;
        }
        for (String id : ids) {
            messages.add(new FeedMessage.Subscribed(id.equals(channel) ? channel : channel + " " + id));
        }
    }
}
