package dev.rigwatch.ingest.ws.binance;

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
import dev.rigwatch.ingest.ws.binance.BinanceWsMessages.BookTicker;
import dev.rigwatch.ingest.ws.binance.BinanceWsMessages.Response;
import dev.rigwatch.ingest.ws.binance.BinanceWsMessages.Trade;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * One Binance connection. Each trade event becomes a tick at its trade time ({@code T}) with its trade id
 * ({@code t}) and the symbol's latest best bid and ask from its bookTicker stream on this connection (none before
 * the first). A bookTicker update only replaces those and yields no message of its own: it has no time, and a
 * tick per quote change would be many ticks per trade. The 24 h volume is not on either stream: it stays null.
 *
 * <p>A {@code serverShutdown} event, sent before Binance takes a server down, is a {@link FeedMessage.Reconnect}.
 * An event for a symbol this session did not subscribe is {@link FeedMessage.Unknown}.
 */
final class BinanceWsSession implements WsSession {

    private static final String EXCHANGE = Exchange.BINANCE.id();
    /** The id of the one {@code SUBSCRIBE} request, which Binance's answer repeats. */
    static final long SUBSCRIBE_ID = 1;

    /** The best bid and ask of one symbol, as its latest bookTicker said. */
    private record Quote(BigDecimal bid, BigDecimal ask) {
    }

    private final List<String> streams;
    private final Set<String> symbols;
    private final Function<String, Optional<String>> symbolForField;
    private final Map<String, Quote> quotes = new HashMap<>();

    /**
     * @param streamSymbols  each symbol's stream name prefix ({@code btcusdt})
     * @param symbols        the rigwatch symbols subscribed
     * @param symbolForField the rigwatch symbol of an event's {@code s} ({@code BTCUSDT}), from the registry
     */
    BinanceWsSession(List<String> streamSymbols, Set<String> symbols,
                     Function<String, Optional<String>> symbolForField) {
        List<String> names = new ArrayList<>();
        for (String streamSymbol : streamSymbols) {
            names.add(streamSymbol + "@bookTicker");
            names.add(streamSymbol + "@trade");
        }
        this.streams = List.copyOf(names);
        this.symbols = symbols;
        this.symbolForField = symbolForField;
    }

    /** One {@code SUBSCRIBE} for all streams: {@code ["btcusdt@bookTicker","btcusdt@trade",...]}. */
    @Override
    public List<String> subscribeMessages() {
        ObjectNode message = Json.mapper().createObjectNode().put("method", "SUBSCRIBE");
        streams.forEach(message.putArray("params")::add);
        message.put("id", SUBSCRIBE_ID);
        return List.of(message.toString());
    }

    @Override
    public List<FeedMessage> read(String frame, Instant receivedAt) {
        return WsFrames.guarded(frame, () -> {
            JsonNode node = WsFrames.tree(frame);
            if (node.has("e")) {
                String event = Fields.required("e", WsFrames.text(node, "e"));
                return switch (event) {
                    case "trade" -> List.of(trade(frame, receivedAt));
                    case "serverShutdown" -> List.of(new FeedMessage.Reconnect("Binance serverShutdown"));
                    default -> List.of(new FeedMessage.Unknown(frame));
                };
            }
            if (node.has("result") || node.has("error")) {
                return List.of(response(frame, node));
            }
            if (node.has("code") && node.has("msg")) {
                // the error as the docs' table prints it, not wrapped in "error"
                BinanceWsMessages.ErrorBody error = WsFrames.json(frame, BinanceWsMessages.ErrorBody.class,
                        "a Binance error");
                return List.of(error(error));
            }
            if (node.has("u") && node.has("s") && node.has("b") && node.has("a")) {
                return bookTicker(frame);
            }
            return List.of(new FeedMessage.Unknown(frame));
        });
    }

    /** Binance pings at the protocol level; OkHttp answers. */
    @Override
    public String pingMessage() {
        return null;
    }

    private FeedMessage trade(String frame, Instant receivedAt) throws InvalidResponse {
        Trade trade = WsFrames.json(frame, Trade.class, "a Binance trade");
        Optional<String> symbol = symbol(Fields.required("s", trade.symbol()));
        if (symbol.isEmpty()) {
            return new FeedMessage.Unknown(frame);
        }
        Quote quote = quotes.getOrDefault(symbol.get(), new Quote(null, null));
        return new FeedMessage.Tick(new CryptoTick(
                CryptoTick.VERSION,
                EXCHANGE,
                symbol.get(),
                Fields.decimal("p", trade.price()),
                quote.bid(),
                quote.ask(),
                null,
                Fields.required("t", trade.tradeId()).toString(),
                Instant.ofEpochMilli(Fields.required("T", trade.tradeTime())),
                receivedAt,
                TimeSource.EXCHANGE));
    }

    private List<FeedMessage> bookTicker(String frame) throws InvalidResponse {
        BookTicker ticker = WsFrames.json(frame, BookTicker.class, "a Binance bookTicker");
        Optional<String> symbol = symbol(Fields.required("s", ticker.symbol()));
        if (symbol.isEmpty()) {
            return List.of(new FeedMessage.Unknown(frame));
        }
        quotes.put(symbol.get(),
                new Quote(Fields.decimal("b", ticker.bidPrice()), Fields.decimal("a", ticker.askPrice())));
        return List.of();
    }

    /** The answer to our {@code SUBSCRIBE}, naming the streams it subscribed; another id's answer is unknown. */
    private FeedMessage response(String frame, JsonNode node) throws InvalidResponse {
        Response response = WsFrames.json(frame, Response.class, "a Binance response");
        if (response.error() != null) {
            return error(response.error());
        }
        if (!node.get("result").isNull() || response.id() == null || response.id() != SUBSCRIBE_ID) {
            return new FeedMessage.Unknown(frame);
        }
        return new FeedMessage.Subscribed(String.join(", ", streams));
    }

    private static FeedMessage error(BinanceWsMessages.ErrorBody error) {
        return new FeedMessage.FeedError(null, "Binance error " + error.code() + ": " + error.msg());
    }

    private Optional<String> symbol(String symbolField) {
        return symbolForField.apply(symbolField).filter(symbols::contains);
    }
}
