package dev.rigwatch.ingest.ws.binance;

import dev.rigwatch.ingest.exchange.Exchange;
import dev.rigwatch.ingest.exchange.InstrumentRegistry;
import dev.rigwatch.ingest.ws.ExchangeWsProtocol;
import dev.rigwatch.ingest.ws.WsSession;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Binance's spot WebSocket market streams, as raw streams on {@code /ws} subscribed with one {@code SUBSCRIBE}
 * request: {@code <symbol>@trade} (each trade, with its id and time: the ticks) and {@code <symbol>@bookTicker}
 * (the best bid and ask, which the session keeps and puts on the ticks). Stream names are the registry's request
 * id lower-cased ({@code BTCUSDT} → {@code btcusdt}); events name the symbol upper case, its response id.
 *
 * <p>Formats from Binance's "WebSocket Streams for Binance" (developers.binance.com, spot API docs: trade
 * streams, individual symbol book ticker streams, live subscribing, error messages); fixtures
 * {@code binance-ws-*.json}.
 */
public final class BinanceWsProtocol extends ExchangeWsProtocol {

    public static final URI DEFAULT_URI = URI.create("wss://stream.binance.com:9443/ws");
    /**
     * Binance sends no application heartbeat: the server pings (a protocol ping frame, which OkHttp answers)
     * every 20 s and drops a connection whose pong does not come within a minute. A minute without a frame is
     * that same limit seen from our side. Caveat: only the market's own updates fill it, so a pair whose best
     * bid and ask stay unchanged for a minute would trip it; for rigwatch's liquid pairs bookTicker changes
     * many times a second.
     */
    static final Duration SILENCE_TIMEOUT = Duration.ofSeconds(60);
    /**
     * No application ping (the session's ping message is null): Binance's own ping frames every 20 s keep the
     * connection. A client protocol ping, if the transport sends one, at the same pace is allowed
     * ("unsolicited pong frames are allowed").
     */
    static final Duration PING_INTERVAL = Duration.ofSeconds(20);

    public BinanceWsProtocol(InstrumentRegistry instruments) {
        super(Exchange.BINANCE, DEFAULT_URI, SILENCE_TIMEOUT, PING_INTERVAL, instruments);
    }

    @Override
    public WsSession open(List<String> symbols) {
        List<String> subscribed = subscribable(symbols);
        List<String> streamSymbols = subscribed.stream()
                .map(symbol -> instruments.requestId(exchange(), symbol).toLowerCase(Locale.ROOT))
                .toList();
        return new BinanceWsSession(streamSymbols, Set.copyOf(subscribed),
                symbolField -> instruments.symbolForResponse(exchange(), symbolField));
    }
}
