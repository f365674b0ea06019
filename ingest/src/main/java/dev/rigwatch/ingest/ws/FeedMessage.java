package dev.rigwatch.ingest.ws;

import dev.rigwatch.events.CryptoTick;
import java.time.Instant;

/**
 * What one frame of an exchange's WebSocket feed said, in rigwatch's terms. A frame may say several things (a
 * Coinbase ticker event carries several products), so a {@link WsSession} reads a frame into a list of these.
 * Nothing here is validated beyond parsing: the ticks pass the same {@code TickValidator} as polled ones.
 */
public sealed interface FeedMessage {

    /** A ticker update or a trade, as a tick for {@code crypto.ticks}. */
    record Tick(CryptoTick tick) implements FeedMessage { }

    /** The exchange's keep-alive (a heartbeat, a pong, a status update): the feed is alive and nothing else. */
    record Heartbeat(Instant at) implements FeedMessage { }

    /** The exchange confirmed a subscription; {@code what} names the channel and symbol as it did. */
    record Subscribed(String what) implements FeedMessage { }

    /**
     * The exchange refused a subscription or reported an error on the connection.
     *
     * @param symbol the rigwatch symbol it concerns, or null when the exchange did not say
     * @param detail the exchange's words
     */
    record FeedError(String symbol, String detail) implements FeedMessage { }

    /**
     * A sequence number skipped: messages between were lost on the way (Coinbase numbers every message of a
     * connection). The session goes on from {@code got}; the ticks lost are repaired like a reconnect's.
     */
    record SequenceGap(long expected, long got) implements FeedMessage { }

    /**
     * The exchange asked us to reconnect (Bitstamp's {@code bts:request_reconnect} before a server goes into
     * maintenance, Binance's {@code serverShutdown}): {@link FeedConnection} closes
     * this connection and opens a new one now, rather than wait for the close or the silence timeout; the gap is
     * repaired like any drop's.
     *
     * @param why the exchange's message, for the log
     */
    record Reconnect(String why) implements FeedMessage { }

    /** Valid JSON of a kind this reader does not know: counted and dead-lettered, never fatal. */
    record Unknown(String frame) implements FeedMessage { }

    /** Not what the exchange sends: not JSON, a missing or non-numeric field. Counted and dead-lettered. */
    record Malformed(String frame, String reason) implements FeedMessage { }
}
