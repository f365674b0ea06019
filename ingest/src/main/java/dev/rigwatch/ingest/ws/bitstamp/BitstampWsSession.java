package dev.rigwatch.ingest.ws.bitstamp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rigwatch.events.CryptoTick;
import dev.rigwatch.events.Json;
import dev.rigwatch.events.TimeSource;
import dev.rigwatch.ingest.RejectReason;
import dev.rigwatch.ingest.exchange.Exchange;
import dev.rigwatch.ingest.exchange.Fields;
import dev.rigwatch.ingest.http.InvalidResponse;
import dev.rigwatch.ingest.ws.FeedMessage;
import dev.rigwatch.ingest.ws.WsFrames;
import dev.rigwatch.ingest.ws.WsSession;
import dev.rigwatch.ingest.ws.bitstamp.BitstampWsMessages.ErrorMessage;
import dev.rigwatch.ingest.ws.bitstamp.BitstampWsMessages.Trade;
import dev.rigwatch.ingest.ws.bitstamp.BitstampWsMessages.TradeMessage;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One Bitstamp connection. A {@code trade} event is a tick at its {@code microtimestamp} (its whole-second
 * {@code timestamp} when that is missing), priced by the exact {@code price_str} (the number {@code price} when
 * that is missing). {@code bts:request_reconnect}, sent before the server goes into maintenance, is a
 * {@link FeedMessage.Reconnect}: a new connection is placed on another server without losing messages.
 * A trade on a channel this session did not subscribe is {@link FeedMessage.Unknown}.
 */
final class BitstampWsSession implements WsSession {

    private static final String EXCHANGE = Exchange.BITSTAMP.id();

    private final Map<String, String> symbolsByChannel;
    private final List<String> channels;

    BitstampWsSession(Map<String, String> symbolsByChannel) {
        this.symbolsByChannel = Map.copyOf(symbolsByChannel);
        this.channels = List.copyOf(symbolsByChannel.keySet());
    }

    /** One {@code bts:subscribe} per channel: the API takes one channel per message. */
    @Override
    public List<String> subscribeMessages() {
        return channels.stream().map(channel -> {
            ObjectNode message = Json.mapper().createObjectNode().put("event", "bts:subscribe");
            message.putObject("data").put("channel", channel);
            return message.toString();
        }).toList();
    }

    @Override
    public List<FeedMessage> read(String frame, Instant receivedAt) {
        return WsFrames.guarded(frame, () -> {
            JsonNode node = WsFrames.tree(frame);
            String event = WsFrames.text(node, "event");
            if (event == null) {
                return List.of(new FeedMessage.Unknown(frame));
            }
            String channel = WsFrames.text(node, "channel");
            return switch (event) {
                case "trade" -> List.of(trade(frame, receivedAt));
                case "bts:subscription_succeeded" ->
                        List.of(new FeedMessage.Subscribed(Fields.required("channel", channel)));
                case "bts:heartbeat" -> List.of(new FeedMessage.Heartbeat(receivedAt));
                case "bts:request_reconnect" -> List.of(new FeedMessage.Reconnect("Bitstamp bts:request_reconnect"));
                case "bts:error" -> List.of(error(frame));
                default -> List.of(new FeedMessage.Unknown(frame));
            };
        });
    }

    @Override
    public String pingMessage() {
        return BitstampWsProtocol.PING;
    }

    private FeedMessage trade(String frame, Instant receivedAt) throws InvalidResponse {
        TradeMessage message = WsFrames.json(frame, TradeMessage.class, "a Bitstamp trade");
        String symbol = symbolsByChannel.get(Fields.required("channel", message.channel()));
        if (symbol == null) {
            return new FeedMessage.Unknown(frame);
        }
        Trade trade = Fields.required("data", message.data());
        BigDecimal price = trade.priceStr() != null ? Fields.decimal("price_str", trade.priceStr())
                : Fields.required("price", trade.price());
        return new FeedMessage.Tick(new CryptoTick(
                CryptoTick.VERSION,
                EXCHANGE,
                symbol,
                price,
                null,
                null,
                null,
                Fields.required("id", trade.id()).toString(),
                time(trade),
                receivedAt,
                TimeSource.EXCHANGE));
    }

    private static Instant time(Trade trade) throws InvalidResponse {
        if (trade.microtimestamp() == null) {
            return Fields.epochSeconds("timestamp", Fields.required("timestamp", trade.timestamp()));
        }
        long micros;
        try {
            micros = Long.parseLong(trade.microtimestamp());
        } catch (NumberFormatException e) {
            throw new InvalidResponse(RejectReason.MALFORMED_JSON, "microtimestamp '" + trade.microtimestamp()
                    + "' is not a time in epoch microseconds");
        }
        return Fields.epochSeconds("microtimestamp", Math.floorDiv(micros, 1_000_000L))
                .plusNanos(Math.floorMod(micros, 1_000_000L) * 1_000L);
    }

    /** Naming the symbol when the error's channel is one of ours. */
    private FeedMessage error(String frame) throws InvalidResponse {
        ErrorMessage message = WsFrames.json(frame, ErrorMessage.class, "a Bitstamp error");
        BitstampWsMessages.ErrorData data = Fields.required("data", message.data());
        String detail = (data.code() == null ? "" : "code " + data.code() + ": ")
                + Fields.required("message", data.message());
        return new FeedMessage.FeedError(message.channel() == null ? null : symbolsByChannel.get(message.channel()),
                detail);
    }
}
