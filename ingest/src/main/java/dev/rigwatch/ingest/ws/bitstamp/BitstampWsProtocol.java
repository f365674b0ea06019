package dev.rigwatch.ingest.ws.bitstamp;

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
 * Bitstamp's WebSocket API v2: one {@code bts:subscribe} per {@code live_trades_<pair>} channel (the pair is the
 * registry's request id, {@code btcusd}), whose trades become the ticks: id, exact price, Bitstamp's time of the
 * trade to the microsecond. The channel has no bid or ask. Bitstamp sends no heartbeats of its own: the client
 * asks with {@code {"event":"bts:heartbeat"}} and the server answers.
 *
 * <p>Formats from Bitstamp's "WebSocket API v2" page (bitstamp.net/websocket/v2: subscriptions, live trades,
 * heartbeat, forced reconnection); fixtures {@code bitstamp-ws-*.json}.
 */
public final class BitstampWsProtocol extends ExchangeWsProtocol {

    public static final URI DEFAULT_URI = URI.create("wss://ws.bitstamp.net");
    /**
     * Bitstamp documents no interval for its heartbeat, which the client sends: every 10 s keeps the socket
     * provably alive while a pair does not trade (the interval other clients use, e.g. crypto-ws-client).
     */
    static final Duration PING_INTERVAL = Duration.ofSeconds(10);
    /** Three heartbeats unanswered: 30 s without a frame. */
    static final Duration SILENCE_TIMEOUT = Duration.ofSeconds(30);
    static final String PING = "{\"event\":\"bts:heartbeat\"}";

    public BitstampWsProtocol(InstrumentRegistry instruments) {
        super(Exchange.BITSTAMP, DEFAULT_URI, SILENCE_TIMEOUT, PING_INTERVAL, instruments);
    }

    @Override
    public WsSession open(List<String> symbols) {
        Map<String, String> symbolsByChannel = new LinkedHashMap<>();
        for (String symbol : subscribable(symbols)) {
            symbolsByChannel.put("live_trades_" + instruments.requestId(exchange(), symbol), symbol);
        }
        return new BitstampWsSession(symbolsByChannel);
    }
}
