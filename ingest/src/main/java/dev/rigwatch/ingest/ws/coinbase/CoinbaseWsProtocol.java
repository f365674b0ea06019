package dev.rigwatch.ingest.ws.coinbase;

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
 * Coinbase Advanced Trade's public market-data WebSocket: the {@code ticker} channel for the products (best bid,
 * ask and last price on every match) and the {@code heartbeats} channel, which keeps the subscriptions open and
 * the socket provably alive while a market is quiet. No authentication: both channels are public.
 *
 * <p>Formats from the Advanced Trade WebSocket docs (docs.cdp.coinbase.com, "Advanced Trade WebSocket Channels"
 * and the AsyncAPI description of the feed); fixtures {@code coinbase-ws-*.json}.
 */
public final class CoinbaseWsProtocol extends ExchangeWsProtocol {

    public static final URI DEFAULT_URI = URI.create("wss://advanced-trade-ws.coinbase.com");
    /**
     * The heartbeats channel sends one message every second ("Heartbeats Channel"); ten missed in a row is no
     * hiccup. Coinbase itself closes channels that stay silent 60 to 90 seconds.
     */
    static final Duration SILENCE_TIMEOUT = Duration.ofSeconds(10);
    /**
     * Coinbase has no application-level ping (the session's ping message is null): its heartbeats prove the
     * socket alive. The interval is what a protocol-level ping, if the transport sends one, would use.
     */
    static final Duration PING_INTERVAL = Duration.ofSeconds(30);

    public CoinbaseWsProtocol(InstrumentRegistry instruments) {
        super(Exchange.COINBASE, DEFAULT_URI, SILENCE_TIMEOUT, PING_INTERVAL, instruments);
    }

    /** The product ids are the registry's request ids, which for Coinbase are rigwatch's symbols. */
    @Override
    public WsSession open(List<String> symbols) {
        Map<String, String> symbolsByProductId = new LinkedHashMap<>();
        for (String symbol : subscribable(symbols)) {
            symbolsByProductId.put(instruments.requestId(exchange(), symbol), symbol);
        }
        return new CoinbaseWsSession(symbolsByProductId);
    }
}
