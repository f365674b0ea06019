package dev.rigwatch.ingest.ws;

import dev.rigwatch.ingest.resilience.Backoff;
import java.time.Duration;
import java.time.Instant;
import java.util.function.IntFunction;
import okhttp3.WebSocket;

/**
 * A {@link FeedConnection}'s state across its connections: whether it is started or closed, which
 * {@link FeedAttempt} is current, and what the backoff and the listener's outage need from the connections before.
 * Every method holds this object's monitor, the feed's {@code lock}, which is never held while calling the listener,
 * OkHttp or the session: its methods call nothing but the backoff and the connected gauge.
 */
final class FeedState {

    /** What {@link #drop} decided: the pause before the next attempt, and when the last frame was delivered. */
    record Dropped(Duration delay, Instant lastMessageAt) { }

    /** What {@link #close} found: the attempt that was current, or null. */
    record Closed(FeedAttempt open) { }

    private final String exchange;
    private final Backoff backoff;
    private final FeedMeters meters;

    private boolean started;
    private boolean closed;
    /** The connection being tried or open; null during a backoff and after close. */
    private FeedAttempt current;
    private int attempts;
    /** Attempts since the feed last delivered a frame, for {@link FeedListener#onConnected(int)}. */
    private int triesSinceData;
    /** Drops since the feed last delivered a frame, for the backoff. */
    private int failuresSinceData;
    /** When the last frame was delivered, on any connection; null until the first. */
    private Instant lastDeliveredAt;
    /** A drop happened after {@link #lastDeliveredAt}, and no frame has been delivered since. */
    private boolean outage;

    FeedState(String exchange, Backoff backoff, FeedMeters meters) {
        this.exchange = exchange;
        this.backoff = backoff;
        this.meters = meters;
    }

    synchronized void start() {
        if (closed || started) {
            throw new IllegalStateException("the " + exchange + " feed was already "
                    + (closed ? "closed" : "started"));
        }
        started = true;
    }

    /** Closes the feed; null when it was already closed. */
    synchronized Closed close() {
        if (closed) {
            return null;
        }
        closed = true;
        FeedAttempt open = current;
        current = null;
        meters.connected.set(0);
        return new Closed(open);
    }

    /**
     * Makes the next attempt, numbered from 1, the current one, unless the feed is closed or one is current.
     *
     * @return the new attempt, or null
     */
    synchronized FeedAttempt begin(IntFunction<FeedAttempt> attempt) {
        if (closed || current != null) {
            return null;
        }
        FeedAttempt next = attempt.apply(++attempts);
        triesSinceData++;
        current = next;
        return next;
    }

    /** Gives {@code attempt} its socket; returns whether it is still the current attempt. */
    synchronized boolean socketOpened(FeedAttempt attempt, WebSocket socket) {
        attempt.socket = socket;
        return current == attempt;
    }

    /** The current attempt, or null. */
    synchronized FeedAttempt current() {
        return current;
    }

    synchronized boolean isCurrent(FeedAttempt attempt) {
        return !closed && current == attempt;
    }

    /** The number for {@link FeedListener#onConnected(int)}, or -1 when {@code attempt} is not current. */
    synchronized int triesIfCurrent(FeedAttempt attempt) {
        if (closed || current != attempt) {
            return -1;
        }
        return triesSinceData;
    }

    /** Sets the connected gauge, when {@code attempt} is still current; returns whether it is. */
    synchronized boolean markConnected(FeedAttempt attempt) {
        if (closed || current != attempt) {
            return false;
        }
        meters.connected.set(1);
        return true;
    }

    /**
     * Records a frame delivered at {@code arrivedAt}; the first of a connection ({@code first}) starts the counts
     * of tries and failures over.
     *
     * @return when the last frame before the outage that this frame ends was delivered, or null if it ends none
     */
    synchronized Instant frameDelivered(boolean first, Instant arrivedAt) {
        if (first) {
            triesSinceData = 0;
            failuresSinceData = 0;
        }
        Instant resumedFrom = null;
        if (outage) {
            outage = false;
            resumedFrom = lastDeliveredAt;
        }
        lastDeliveredAt = arrivedAt;
        return resumedFrom;
    }

    /**
     * Ends {@code attempt}, when it is still the current one, and starts an outage if a frame was ever delivered.
     *
     * @param retryAfter what a refused upgrade asked for, or null
     * @return the backoff and the last frame's time, or null when it was already dropped or the feed is closed
     */
    synchronized Dropped drop(FeedAttempt attempt, Duration retryAfter) {
        if (closed || current != attempt) {
            return null;
        }
        current = null;
        meters.connected.set(0);
        Duration delay = backoff.next(++failuresSinceData, retryAfter);
        outage = lastDeliveredAt != null;
        return new Dropped(delay, lastDeliveredAt);
    }
}
