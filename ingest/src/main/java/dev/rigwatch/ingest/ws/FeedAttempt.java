package dev.rigwatch.ingest.ws;

import dev.rigwatch.events.http.RetryAfter;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.ByteString;
import okio.Utf8;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection of a {@link FeedConnection}, from its attempt to its drop: the socket's callbacks, and what they
 * need to remember. Every callback first asks the feed whether this is still its current attempt, so a late callback
 * of a dropped socket is ignored; frames are read and the listener called while holding the feed's
 * {@link FeedConnection#delivery}.
 */
final class FeedAttempt extends WebSocketListener {

    /** Logged as the feed's: this is how the feed reads its sockets. */
    private static final Logger log = LoggerFactory.getLogger(FeedConnection.class);

    private final FeedConnection feed;
    final int number;
    volatile WebSocket socket;
    /** When the attempt started, then when the socket opened, then when each frame arrived (nanoTime). */
    volatile long lastFrameNanos;
    volatile boolean opened;
    volatile boolean anyFrame;
    /** The socket's session; only the reader thread touches it. */
    private WsSession session;
    private boolean delivered;
    private boolean readerFailed;
    volatile boolean listenerFailed;
    /** The server sent a close frame: the drop answers with one (RFC 6455, 5.5.1) rather than cancelling. */
    volatile boolean closing;
    private final AtomicReference<ScheduledFuture<?>> pings = new AtomicReference<>();

    FeedAttempt(FeedConnection feed, int number, long startedNanos) {
        this.feed = feed;
        this.number = number;
        this.lastFrameNanos = startedNanos;
    }

    @Override
    public void onOpen(WebSocket webSocket, Response response) {
        try {
            opened(webSocket);
        } catch (RuntimeException e) {
            log.error("Unexpected error opening the {} feed; reconnecting", feed.protocol.exchange(), e);
            feed.drop(this, "unexpected error on open: " + e, null);
        }
    }

    private void opened(WebSocket webSocket) {
        WsProtocol protocol = feed.protocol;
        synchronized (feed.delivery) {
            int attempt = feed.state.triesIfCurrent(this);
            if (attempt < 0) {
                webSocket.cancel();
                return;
            }
            lastFrameNanos = System.nanoTime();
            opened = true;
            try {
                session = protocol.open(feed.symbols);
            } catch (RuntimeException e) {
                log.error("The {} protocol could not open a session for {}", protocol.exchange(), feed.symbols, e);
                feed.drop(this, "no session: " + e, null);
                return;
            }
            for (String subscription : session.subscribeMessages()) {
                if (!webSocket.send(subscription)) {
                    feed.drop(this, "could not send the subscription " + subscription, null);
                    return;
                }
            }
            String ping = session.pingMessage();
            if (ping != null) {
                startPings(webSocket, ping);
            }
            if (!feed.state.markConnected(this)) {
                return;
            }
            log.info("Connected to the {} feed at {} for {} (attempt {})", protocol.exchange(), feed.settings.uri(),
                    feed.symbols, attempt);
            feed.tell(this, "onConnected", () -> feed.listener.onConnected(attempt));
        }
    }

    private void startPings(WebSocket webSocket, String ping) {
        long every = feed.protocol.pingInterval().toNanos();
        if (every <= 0) {
            return;
        }
        ScheduledFuture<?> scheduled;
        try {
            // fixed delay: a late ping is not followed by a burst of catching-up ones
            scheduled = feed.scheduler.scheduleWithFixedDelay(() -> feed.guarded("ping", () -> {
                if (feed.state.isCurrent(this)) {
                    webSocket.send(ping);
                }
            }), every, every, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            return; // closed meanwhile
        }
        pings.set(scheduled);
        if (!feed.state.isCurrent(this)) {
            scheduled.cancel(false);
        }
    }

    void stopPings() {
        ScheduledFuture<?> scheduled = pings.getAndSet(null);
        if (scheduled != null) {
            scheduled.cancel(false);
        }
    }

    @Override
    public void onMessage(WebSocket webSocket, String frame) {
        long arrivedNanos = System.nanoTime();
        Instant arrivedAt = feed.clock.instant();
        try {
            read(frame, arrivedNanos, arrivedAt);
        } catch (RuntimeException e) {
            log.error("Unexpected error reading a {} frame; reconnecting", feed.protocol.exchange(), e);
            feed.drop(this, "unexpected error reading a frame: " + e, null);
        }
    }

    private void read(String frame, long arrivedNanos, Instant arrivedAt) {
        String exchange = feed.protocol.exchange();
        int maxFrameBytes = feed.settings.maxFrameBytes();
        synchronized (feed.delivery) {
            if (!feed.state.isCurrent(this)) {
                return;
            }
            lastFrameNanos = arrivedNanos;
            anyFrame = true;
            if (longerThan(frame, maxFrameBytes)) {
                feed.meters.framesOversized.increment();
                feed.drop(this, "a frame of " + Utf8.size(frame) + " bytes, above the maximum of " + maxFrameBytes,
                        null);
                return;
            }
            List<FeedMessage> messages;
            try {
                messages = session.read(frame, arrivedAt);
            } catch (RuntimeException e) {
                // the contract says never; a bug in one reader must not take the feed down
                if (!readerFailed) {
                    readerFailed = true;
                    log.error("The {} session failed to read a frame, delivered as malformed; further failures "
                            + "on this connection are not logged", exchange, e);
                }
                messages = List.of(new FeedMessage.Malformed(frame, "the reader failed: " + e));
            }
            messages.forEach(feed.meters::message);
            boolean first = !delivered;
            delivered = true;
            Instant resumedFrom = feed.state.frameDelivered(first, arrivedAt);
            if (resumedFrom != null) {
                log.info("The {} feed resumed: frames between {} and {} may be lost", exchange, resumedFrom,
                        arrivedAt);
                feed.tell(this, "onResumed", () -> feed.listener.onResumed(resumedFrom, arrivedAt));
            }
            if (!messages.isEmpty()) {
                List<FeedMessage> read = messages;
                feed.tell(this, "onMessages", () -> feed.listener.onMessages(read));
            }
            for (FeedMessage message : messages) {
                if (message instanceof FeedMessage.Reconnect reconnect) {
                    feed.drop(this, "the exchange asked for a reconnect: " + reconnect.why(), null);
                    return;
                }
            }
        }
    }

    @Override
    public void onMessage(WebSocket webSocket, ByteString bytes) {
        // no exchange sends binary market data; the frame still shows the socket is alive
        if (feed.state.isCurrent(this)) {
            lastFrameNanos = System.nanoTime();
            anyFrame = true;
            log.debug("Ignored a binary {} frame of {} bytes", feed.protocol.exchange(), bytes.size());
        }
    }

    @Override
    public void onClosing(WebSocket webSocket, int code, String reason) {
        closing = true;
        feed.drop(this, "the server closed the connection: " + code + (reason.isEmpty() ? "" : " " + reason), null);
    }

    @Override
    public void onFailure(WebSocket webSocket, Throwable failure, Response response) {
        try {
            if (!(failure instanceof IOException) && feed.state.isCurrent(this)) {
                log.warn("Unexpected failure of the {} feed's socket", feed.protocol.exchange(), failure);
            }
            feed.drop(this, describe(failure, response), retryAfter(response));
        } catch (RuntimeException e) {
            log.error("Unexpected error handling a {} socket failure", feed.protocol.exchange(), e);
        }
    }

    private static String describe(Throwable failure, Response response) {
        if (response != null) {
            return "the upgrade was refused: HTTP " + response.code() + " " + response.message();
        }
        return failure.toString();
    }

    private Duration retryAfter(Response response) {
        if (response == null) {
            return null;
        }
        return RetryAfter.parse(response.header(RetryAfter.HEADER), feed.clock.instant()).orElse(null);
    }

    /** Whether {@code frame} has more than {@code max} UTF-8 bytes, without counting them when its length decides. */
    static boolean longerThan(String frame, int max) {
        if (frame.length() > max) {
            return true; // at least one byte per char
        }
        if ((long) frame.length() * 3 <= max) {
            return false; // at most three bytes per char (a surrogate pair's two chars make four)
        }
        return Utf8.size(frame) > max;
    }
}
