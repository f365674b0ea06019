package dev.rigwatch.ingest.ws;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What a {@link FeedConnection} tells its owner: connections, messages, drops, and the exact interval during which
 * data may have been lost, so that the owner can repair it over REST.
 *
 * <p>Calls are never concurrent and come in the order things happened: {@code onConnected}, then for the first
 * frame after an outage {@code onResumed} before its {@code onMessages}, further {@code onMessages}, then
 * {@code onDisconnected}, and again. A call may block (a Kafka send waiting for buffer space); while it does, no
 * frame is read. An exception thrown here is logged and counted ({@code ws.listener.errors}), and the connection
 * carries on. After {@link FeedConnection#close()} returns no call begins; one already running may still finish.
 */
public interface FeedListener {

    /**
     * The socket opened and the session's subscriptions were sent (not yet confirmed: the exchange's
     * {@link FeedMessage.Subscribed} follows as a message).
     *
     * @param attempt how many connections were tried since the feed last delivered a frame (or since start): 1 when
     *                the first try succeeded
     */
    default void onConnected(int attempt) {
    }

    /**
     * What one text frame said, in the frame's order; never empty. Called on the socket's reader thread.
     */
    void onMessages(List<FeedMessage> messages);

    /**
     * The connection was dropped (a network failure, the server closed it, it went silent, the exchange asked for
     * a reconnect, a frame was too large) or a connection attempt failed; another is tried in {@code reconnectIn}.
     *
     * @param lastMessageAt when the last frame before this drop arrived, on this connection or an earlier one (so
     *                      the start of the outage), or null when the feed has delivered nothing since start
     * @param why           the cause, for the log
     * @param reconnectIn   the backoff before the next attempt
     */
    default void onDisconnected(Instant lastMessageAt, String why, Duration reconnectIn) {
    }

    /**
     * The first frame after one or more drops arrived: frames sent between {@code lastMessageAt} and
     * {@code firstMessageAt} (both arrival times, from the connection's clock) may be lost, and are what a backfill
     * repairs. Called once per outage, just before that frame's {@link #onMessages}; not called for the first
     * connection after start, which follows no data.
     *
     * @param lastMessageAt  when the last frame before the first drop arrived
     * @param firstMessageAt when the first frame after the reconnection arrived
     */
    default void onResumed(Instant lastMessageAt, Instant firstMessageAt) {
    }
}
