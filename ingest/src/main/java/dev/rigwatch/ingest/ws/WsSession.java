package dev.rigwatch.ingest.ws;

import java.time.Instant;
import java.util.List;

/**
 * One connection's conversation with an exchange's WebSocket API: what to send once the socket is open, and how to
 * read each text frame. A new session is made for every (re)connection, so per-connection state (the last sequence
 * number, the best bid and ask seen so far) starts afresh. Used from the socket's reader thread only.
 */
public interface WsSession {

    /** The text messages to send right after the socket opens: the subscriptions, in order. */
    List<String> subscribeMessages();

    /**
     * Reads one text frame. Never throws on bad input: what cannot be read becomes a {@link FeedMessage.Malformed}
     * or {@link FeedMessage.Unknown}.
     *
     * @param frame      the frame's text
     * @param receivedAt when the frame arrived, the tick's received time
     */
    List<FeedMessage> read(String frame, Instant receivedAt);

    /**
     * The text to send as an application-level ping, when the exchange wants one to keep the socket open (Kraken's
     * {@code {"method":"ping"}}, Bitstamp's {@code bts:heartbeat}), or null when protocol pings or the exchange's own
     * heartbeats suffice.
     */
    String pingMessage();
}
