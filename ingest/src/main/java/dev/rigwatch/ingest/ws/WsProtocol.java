package dev.rigwatch.ingest.ws;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * One exchange's WebSocket market-data API: its address, its liveness rules, and a {@link WsSession} per
 * connection. Implementations know the exchange's message formats (fixtures in {@code testing}) and nothing about
 * sockets, Kafka or retries: {@link FeedConnection} does the transport.
 */
public interface WsProtocol {

    /** The exchange id, lower case ({@code coinbase}), as in {@code CryptoTick.exchange}. */
    String exchange();

    /** The exchange's public endpoint, e.g. {@code wss://ws.kraken.com/v2}. */
    URI defaultUri();

    /**
     * How long a healthy subscription can stay quiet: past it, the socket is taken for dead, closed and opened
     * again. Set from the exchange's heartbeat or ping interval with a margin, never from how busy a market is.
     */
    Duration silenceTimeout();

    /** How often to send {@link WsSession#pingMessage()}, when the session has one. */
    Duration pingInterval();

    /**
     * A session for one connection.
     *
     * @param symbols the rigwatch symbols to subscribe ({@code BTC-USD}); each listed by this exchange
     */
    WsSession open(List<String> symbols);
}
