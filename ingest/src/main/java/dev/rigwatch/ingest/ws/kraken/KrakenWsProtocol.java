package dev.rigwatch.ingest.ws.kraken;

import dev.rigwatch.ingest.exchange.Exchange;
import dev.rigwatch.ingest.exchange.InstrumentRegistry;
import dev.rigwatch.ingest.ws.ExchangeWsProtocol;
import dev.rigwatch.ingest.ws.WsSession;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Kraken's public WebSocket API v2: the {@code trade} channel, whose trades become the ticks (each has a trade id
 * and Kraken's time of the trade, which the REST ticker lacks), and the {@code ticker} channel, whose best bid and
 * ask and 24 h volume the session keeps per symbol and puts on the ticks built from trades. Ticker updates are
 * themselves sent on every trade (its default {@code event_trigger}), so ticks from both channels would count
 * each trade twice; and a ticker carries neither a trade id nor a time.
 *
 * <p>Symbols: v2 names a pair {@code BASE/QUOTE} with the same asset codes as rigwatch ({@code BTC/USD},
 * {@code ETH/USD}, {@code BTC/USDT}; v1 and REST say XBT), so the v2 name is rigwatch's symbol with a slash. The
 * registry's Kraken rows, which hold the REST ids ({@code XBTUSD}), decide which symbols may be subscribed.
 *
 * <p>Formats from docs.kraken.com, "Spot WebSocket v2" (ticker, trade, heartbeat, status, ping, subscribe);
 * fixtures {@code kraken-ws-*.json}.
 */
public final class KrakenWsProtocol extends ExchangeWsProtocol {

    public static final URI DEFAULT_URI = URI.create("wss://ws.kraken.com/v2");
    /**
     * Kraken sends a heartbeat about once a second in the absence of other updates ("Heartbeat" channel), once
     * anything is subscribed: ten seconds without a frame is a dead socket.
     */
    static final Duration SILENCE_TIMEOUT = Duration.ofSeconds(10);
    /**
     * The heartbeats already prove the socket alive; an application ping ({@code {"method":"ping"}}, answered by
     * a pong) every 30 s keeps proving it in both directions at no cost.
     */
    static final Duration PING_INTERVAL = Duration.ofSeconds(30);
    static final String PING = "{\"method\":\"ping\"}";

    public KrakenWsProtocol(InstrumentRegistry instruments) {
        super(Exchange.KRAKEN, DEFAULT_URI, SILENCE_TIMEOUT, PING_INTERVAL, instruments);
    }

    @Override
    public WsSession open(List<String> symbols) {
        Map<String, String> symbolsByPair = new LinkedHashMap<>();
        for (String symbol : subscribable(symbols)) {
            symbolsByPair.put(pair(symbol), symbol);
        }
        return new KrakenWsSession(symbolsByPair);
    }

    /** What v2 calls rigwatch's {@code BTC-USD}: {@code BTC/USD}. */
    static String pair(String symbol) {
        return symbol.replace('-', '/');
    }
}
