package dev.rigwatch.ingest.ws.kraken;

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
import dev.rigwatch.ingest.ws.kraken.KrakenWsMessages.MethodResponse;
import dev.rigwatch.ingest.ws.kraken.KrakenWsMessages.Status;
import dev.rigwatch.ingest.ws.kraken.KrakenWsMessages.StatusMessage;
import dev.rigwatch.ingest.ws.kraken.KrakenWsMessages.Ticker;
import dev.rigwatch.ingest.ws.kraken.KrakenWsMessages.TickerMessage;
import dev.rigwatch.ingest.ws.kraken.KrakenWsMessages.Trade;
import dev.rigwatch.ingest.ws.kraken.KrakenWsMessages.TradeMessage;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One Kraken v2 connection. Each trade (snapshot or update) becomes a tick at Kraken's time of the trade, with
 * the best bid, ask and 24 h volume of the symbol's latest ticker on this connection (none before the first).
 * A ticker message only updates those and yields no message of its own.
 *
 * <p>Trades are subscribed without a snapshot (Kraken's default for {@code trade}): the last 50 trades on every
 * reconnect would be mostly ticks already sent. The ticker is subscribed with its snapshot, so the first trades
 * already carry a bid and ask. A trade snapshot that arrives anyway is read like updates.
 *
 * <p>A trade or ticker for a pair this session did not subscribe is {@link FeedMessage.Unknown}.
 */
final class KrakenWsSession implements WsSession {

    private static final String EXCHANGE = Exchange.KRAKEN.id();

    /** The latest ticker of one symbol on this connection. */
    private record Quote(BigDecimal bid, BigDecimal ask, BigDecimal volume) {
    }

    private final Map<String, String> symbolsByPair;
    private final List<String> pairs;
    private final Map<String, Quote> quotes = new HashMap<>();

    KrakenWsSession(Map<String, String> symbolsByPair) {
        this.symbolsByPair = Map.copyOf(symbolsByPair);
        this.pairs = List.copyOf(symbolsByPair.keySet());
    }

    @Override
    public List<String> subscribeMessages() {
        return List.of(subscribe("ticker", true), subscribe("trade", false));
    }

    private String subscribe(String channel, boolean snapshot) {
        ObjectNode message = Json.mapper().createObjectNode().put("method", "subscribe");
        ObjectNode params = message.putObject("params").put("channel", channel);
        pairs.forEach(params.putArray("symbol")::add);
        params.put("snapshot", snapshot);
        return message.toString();
    }

    @Override
    public List<FeedMessage> read(String frame, Instant receivedAt) {
        return WsFrames.guarded(frame, () -> {
            JsonNode node = WsFrames.tree(frame);
            String channel = WsFrames.text(node, "channel");
            if (channel != null) {
                return switch (channel) {
                    case "trade" -> trades(frame, receivedAt);
                    case "ticker" -> tickers(frame);
                    case "heartbeat" -> List.of(new FeedMessage.Heartbeat(receivedAt));
                    case "status" -> status(frame, receivedAt);
                    default -> List.of(new FeedMessage.Unknown(frame));
                };
            }
            String method = WsFrames.text(node, "method");
            if (method == null) {
                return List.of(new FeedMessage.Unknown(frame));
            }
            MethodResponse response = WsFrames.json(frame, MethodResponse.class, "a Kraken method response");
            // Kraken's pong example carries no success flag: only an error or success false is a failure
            boolean success = response.success() != null ? response.success() : response.error() == null;
            return switch (method) {
                case "subscribe" -> List.of(success ? subscribed(response) : refused(response));
                case "pong" -> List.of(success ? new FeedMessage.Heartbeat(receivedAt) : refused(response));
                default -> List.of(success ? new FeedMessage.Unknown(frame) : refused(response));
            };
        });
    }

    @Override
    public String pingMessage() {
        return KrakenWsProtocol.PING;
    }

    private List<FeedMessage> trades(String frame, Instant receivedAt) throws InvalidResponse {
        TradeMessage message = WsFrames.json(frame, TradeMessage.class, "a Kraken trade message");
        List<FeedMessage> messages = new ArrayList<>();
        for (Trade trade : Fields.required("data", message.data())) {
            messages.add(tick(frame, trade, receivedAt));
        }
        return messages;
    }

    /** One trade; a bad one is malformed on its own, and the message's other trades still count. */
    private FeedMessage tick(String frame, Trade trade, Instant receivedAt) {
        try {
            Fields.required("trade", trade);
            String symbol = symbolsByPair.get(Fields.required("symbol", trade.symbol()));
            if (symbol == null) {
                return new FeedMessage.Unknown(frame);
            }
            Quote quote = quotes.getOrDefault(symbol, new Quote(null, null, null));
            return new FeedMessage.Tick(new CryptoTick(
                    CryptoTick.VERSION,
                    EXCHANGE,
                    symbol,
                    Fields.required("price", trade.price()),
                    quote.bid(),
                    quote.ask(),
                    quote.volume(),
                    Fields.required("trade_id", trade.tradeId()).toString(),
                    Fields.required("timestamp", trade.timestamp()),
                    receivedAt,
                    TimeSource.EXCHANGE));
        } catch (InvalidResponse e) {
            return new FeedMessage.Malformed(frame, "trade " + (trade == null ? null : trade.symbol()) + ": "
                    + e.getMessage());
        }
    }

    /** Keeps each ticker's bid, ask and volume for the next trades; a ticker is no tick. */
    private List<FeedMessage> tickers(String frame) throws InvalidResponse {
        TickerMessage message = WsFrames.json(frame, TickerMessage.class, "a Kraken ticker message");
        List<FeedMessage> messages = new ArrayList<>();
        for (Ticker ticker : Fields.required("data", message.data())) {
            try {
                Fields.required("ticker", ticker);
                String symbol = symbolsByPair.get(Fields.required("symbol", ticker.symbol()));
                if (symbol == null) {
                    messages.add(new FeedMessage.Unknown(frame));
                    continue;
                }
                quotes.put(symbol, new Quote(ticker.bid(), ticker.ask(),
                        ticker.volume() == null ? null : Fields.volume("volume", ticker.volume())));
            } catch (InvalidResponse e) {
                messages.add(new FeedMessage.Malformed(frame, "ticker " + (ticker == null ? null : ticker.symbol())
                        + ": " + e.getMessage()));
            }
        }
        return messages;
    }

    /** {@code online}: alive. Any other state (maintenance, cancel only) is worth an error on the feed. */
    private static List<FeedMessage> status(String frame, Instant receivedAt) throws InvalidResponse {
        StatusMessage message = WsFrames.json(frame, StatusMessage.class, "a Kraken status message");
        List<FeedMessage> messages = new ArrayList<>();
        for (Status status : Fields.required("data", message.data())) {
            String system = Fields.required("system", Fields.required("status", status).system());
            messages.add("online".equals(system) ? new FeedMessage.Heartbeat(receivedAt)
                    : new FeedMessage.FeedError(null, "Kraken's system status is " + system));
        }
        return messages;
    }

    /** {@code ticker BTC/USD}, as Kraken named channel and pair. */
    private static FeedMessage subscribed(MethodResponse response) throws InvalidResponse {
        KrakenWsMessages.Result result = Fields.required("result", response.result());
        return new FeedMessage.Subscribed(Fields.required("result.channel", result.channel()) + " "
                + Fields.required("result.symbol", result.symbol()));
    }

    /** A refusal, naming the rigwatch symbol when Kraken named one of ours. */
    private FeedMessage refused(MethodResponse response) {
        String pair = response.symbol();
        String detail = response.method() + (pair == null ? "" : " " + pair) + ": "
                + (response.error() == null ? "failed" : response.error());
        return new FeedMessage.FeedError(pair == null ? null : symbolsByPair.get(pair), detail);
    }
}
