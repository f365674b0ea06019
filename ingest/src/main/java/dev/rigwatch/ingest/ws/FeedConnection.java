package dev.rigwatch.ingest.ws;

import dev.rigwatch.events.http.RetryAfter;
import dev.rigwatch.ingest.http.SourceHttpClient;
import dev.rigwatch.ingest.resilience.Backoff;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.ByteString;
import okio.Utf8;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one WebSocket subscription to one exchange alive: connects, sends the {@link WsSession}'s subscriptions,
 * reads every text frame into {@link FeedMessage}s for the {@link FeedListener}, and connects again, with a fresh
 * session, whenever the connection is lost. Knows nothing of any exchange's formats ({@link WsProtocol} does) nor of
 * Kafka (the listener does).
 *
 * <p>A connection is dropped and another tried after a backoff when the socket fails (network, refused upgrade),
 * when the server closes it, when no frame arrives for the protocol's {@link WsProtocol#silenceTimeout() silence
 * timeout} (the watchdog; OkHttp's protocol pongs do not reach listeners, so only the exchange's own frames count:
 * a missing pong fails the socket by itself), when the exchange asks for it ({@link FeedMessage.Reconnect}), and
 * when a frame is larger than {@link Settings#maxFrameBytes()}. The backoff grows with each attempt that delivers
 * no frame and starts over once a connection has delivered one; a refused upgrade's {@code Retry-After} is obeyed.
 *
 * <p>Threads: OkHttp's reader thread of each socket reads its frames and calls the listener; one scheduler thread
 * per feed ({@code ws-<exchange>}) opens sockets, runs the watchdog and sends application-level pings. Each socket
 * belongs to an {@link Attempt}; only the current attempt's callbacks count (identity, under {@code lock}), so a late
 * callback of a dropped socket is ignored, and a drop cancels its socket before the next attempt is scheduled: never
 * two live sockets. Listener calls hold {@code delivery}, which keeps them serial and in order. Meters:
 * {@link FeedMeters}; behaviour in short: {@code docs/SOURCES.md}.
 */
public final class FeedConnection implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FeedConnection.class);

    /** The close code of a normal closure (RFC 6455, 7.4.1). */
    private static final int NORMAL_CLOSURE = 1000;
    /** The silence timeout is checked this many times over, so a dead socket is found at most a quarter late... */
    private static final int SILENCE_CHECKS_PER_TIMEOUT = 4;
    /** ...but never checked more often than this. */
    private static final Duration MIN_SILENCE_CHECK_INTERVAL = Duration.ofMillis(5);

    /**
     * Where and how to connect.
     *
     * @param uri           the feed's address ({@code ws://} or {@code wss://}): the protocol's, or a simulator's
     * @param backoff       the pause before each reconnection
     * @param maxFrameBytes the largest text frame read, in UTF-8 bytes; a larger one is not read, and the
     *                      connection is dropped (OkHttp has already buffered it: this bounds what the session
     *                      parses and the listener dead-letters, not what the socket receives)
     */
    public record Settings(URI uri, Backoff.Settings backoff, int maxFrameBytes) {

        /**
         * 1 MiB: the exchanges' largest frames (a Coinbase ticker batch, a Kraken book snapshot of a few hundred
         * levels) are tens of KiB; anything near this is not a ticker.
         */
        public static final int DEFAULT_MAX_FRAME_BYTES = 1024 * 1024;
        /** 1 s, doubling with ±50 % jitter up to 60 s: a dropped feed comes back fast, a dead one is left alone. */
        public static final Backoff.Settings DEFAULT_BACKOFF = new Backoff.Settings(Duration.ofSeconds(1),
                Backoff.Settings.DEFAULT_MULTIPLIER, Backoff.Settings.DEFAULT_RANDOMIZATION_FACTOR,
                Backoff.Settings.DEFAULT_MAX);

        public Settings {
            Objects.requireNonNull(uri, "uri");
            Objects.requireNonNull(backoff, "backoff");
            String scheme = uri.getScheme();
            if (!"ws".equalsIgnoreCase(scheme) && !"wss".equalsIgnoreCase(scheme)) {
                throw new IllegalArgumentException("a feed's address is ws:// or wss://, was " + uri);
            }
            if (maxFrameBytes < 1) {
                throw new IllegalArgumentException("the maximum frame size must be positive, was " + maxFrameBytes);
            }
        }

        /** The protocol's own address, the default backoff and frame limit. */
        public static Settings of(WsProtocol protocol) {
            return new Settings(protocol.defaultUri(), DEFAULT_BACKOFF, DEFAULT_MAX_FRAME_BYTES);
        }

        public Settings withUri(URI other) {
            return new Settings(other, backoff, maxFrameBytes);
        }

        public Settings withBackoff(Backoff.Settings other) {
            return new Settings(uri, other, maxFrameBytes);
        }

        public Settings withMaxFrameBytes(int other) {
            return new Settings(uri, backoff, other);
        }
    }

    private final WsProtocol protocol;
    private final List<String> symbols;
    private final Settings settings;
    private final FeedListener listener;
    private final Clock clock;
    private final OkHttpClient http;
    private final Backoff backoff;
    private final long silenceNanos;
    private final FeedMeters meters;
    private final ScheduledExecutorService scheduler;
    /** Held while the listener is called, so that its calls are never concurrent and keep their order. */
    private final Object delivery = new Object();
    /** Guards the fields below; never held while calling the listener, OkHttp or the session. */
    private final Object lock = new Object();

    private boolean started;
    private boolean closed;
    /** The connection being tried or open; null during a backoff and after close. */
    private Attempt current;
    private int attempts;
    /** Attempts since the feed last delivered a frame, for {@link FeedListener#onConnected(int)}. */
    private int triesSinceData;
    /** Drops since the feed last delivered a frame, for the backoff. */
    private int failuresSinceData;
    /** When the last frame was delivered, on any connection; null until the first. */
    private Instant lastDeliveredAt;
    /** A drop happened after {@link #lastDeliveredAt}, and no frame has been delivered since. */
    private boolean outage;

    /**
     * @param protocol the exchange
     * @param symbols  the rigwatch symbols to subscribe
     * @param settings the address, backoff and frame limit ({@link Settings#of(WsProtocol)})
     * @param shared   the application's client: this one shares its connection pool and threads, and adds
     *                 protocol pings every {@link WsProtocol#pingInterval()}
     * @param listener told of connections, messages and outages
     * @param registry where the meters are registered
     * @param clock    stamps when each frame arrived
     */
    public FeedConnection(WsProtocol protocol, List<String> symbols, Settings settings, OkHttpClient shared,
                          FeedListener listener, MeterRegistry registry, Clock clock) {
        this.protocol = Objects.requireNonNull(protocol, "protocol");
        this.symbols = List.copyOf(symbols);
        if (this.symbols.isEmpty()) {
            throw new IllegalArgumentException("a " + protocol.exchange() + " feed needs at least one symbol");
        }
        this.settings = Objects.requireNonNull(settings, "settings");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.clock = Objects.requireNonNull(clock, "clock");
        Duration silence = protocol.silenceTimeout();
        if (silence.isNegative() || silence.isZero()) {
            throw new IllegalArgumentException("the " + protocol.exchange() + " silence timeout must be positive, was "
                    + silence);
        }
        this.silenceNanos = silence.toNanos();
        // Protocol pings keep proxies from idling the connection out, and OkHttp fails a socket whose pong is late.
        this.http = shared.newBuilder().pingInterval(protocol.pingInterval()).build();
        this.backoff = new Backoff(settings.backoff());
        this.meters = new FeedMeters(registry, protocol.exchange());
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "ws-" + protocol.exchange());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Connects now, and keeps connecting until {@link #close()}. */
    public void start() {
        synchronized (lock) {
            if (closed || started) {
                throw new IllegalStateException("the " + protocol.exchange() + " feed was already "
                        + (closed ? "closed" : "started"));
            }
            started = true;
        }
        long checkNanos = Math.max(silenceNanos / SILENCE_CHECKS_PER_TIMEOUT, MIN_SILENCE_CHECK_INTERVAL.toNanos());
        scheduler.scheduleAtFixedRate(() -> guarded("silence check", this::checkSilence), checkNanos, checkNanos,
                TimeUnit.NANOSECONDS);
        scheduler.execute(() -> guarded("connection attempt", this::connect));
    }

    /** Whether a socket is open now (subscriptions sent; not necessarily confirmed). */
    public boolean isConnected() {
        return meters.connected.get() == 1;
    }

    /**
     * Stops at once: no new connection, no further listener call (one running may finish), the open socket closed
     * with a normal closure (OkHttp cancels it if the server does not answer). Idempotent; does not block.
     */
    @Override
    public void close() {
        Attempt open;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            open = current;
            current = null;
            meters.connected.set(0);
        }
        scheduler.shutdownNow();
        if (open != null) {
            open.stopPings();
            WebSocket socket = open.socket;
            if (socket != null && !socket.close(NORMAL_CLOSURE, "client closing")) {
                socket.cancel();
            }
        }
        log.info("Closed the {} feed", protocol.exchange());
    }

    /**
     * Waits until the scheduler, so any pending reconnection, ping or silence check, has stopped after
     * {@link #close()}; for tests.
     */
    boolean awaitStopped(Duration timeout) throws InterruptedException {
        return scheduler.awaitTermination(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void connect() {
        Attempt attempt;
        synchronized (lock) {
            if (closed || current != null) {
                return;
            }
            attempt = new Attempt(++attempts, System.nanoTime());
            triesSinceData++;
            current = attempt;
        }
        if (attempt.number > 1) {
            meters.reconnects.increment();
        }
        Request request = new Request.Builder()
                .url(settings.uri().toString())
                .header("User-Agent", SourceHttpClient.USER_AGENT)
                .build();
        WebSocket socket;
        try {
            socket = http.newWebSocket(request, attempt);
        } catch (RuntimeException e) {
            log.error("Could not start a {} connection to {}", protocol.exchange(), settings.uri(), e);
            drop(attempt, "could not start a connection: " + e, null);
            return;
        }
        boolean stillCurrent;
        synchronized (lock) {
            attempt.socket = socket;
            stillCurrent = current == attempt;
        }
        if (!stillCurrent) {
            socket.cancel(); // dropped or closed while the call was being made
        }
    }

    private void checkSilence() {
        Attempt attempt;
        synchronized (lock) {
            attempt = current;
        }
        if (attempt == null) {
            return;
        }
        long silentNanos = System.nanoTime() - attempt.lastFrameNanos;
        if (silentNanos < silenceNanos) {
            return;
        }
        String why = "no frame for " + Duration.ofNanos(silentNanos).toMillis() + " ms (silence timeout "
                + protocol.silenceTimeout().toMillis() + " ms) since "
                + (attempt.anyFrame ? "the last one" : attempt.opened ? "the socket opened" : "the attempt started");
        if (drop(attempt, why, null)) {
            meters.silentTrips.increment();
        }
    }

    /**
     * Ends {@code attempt}, when it is still the current one: closes its socket, tells the listener, and schedules
     * the next attempt after the backoff.
     *
     * @param retryAfter what a refused upgrade asked for, or null
     * @return whether this call dropped it (false: it was already dropped, or the connection is closed)
     */
    private boolean drop(Attempt attempt, String why, Duration retryAfter) {
        synchronized (delivery) {
            Duration delay;
            Instant lastMessageAt;
            synchronized (lock) {
                if (closed || current != attempt) {
                    return false;
                }
                current = null;
                meters.connected.set(0);
                delay = backoff.next(++failuresSinceData, retryAfter);
                lastMessageAt = lastDeliveredAt;
                outage = lastDeliveredAt != null;
            }
            attempt.stopPings();
            WebSocket socket = attempt.socket;
            if (socket != null && !(attempt.closing && socket.close(NORMAL_CLOSURE, null))) {
                socket.cancel();
            }
            log.warn("{} feed {}: {}; reconnecting in {} ms{}", protocol.exchange(),
                    attempt.opened ? "dropped" : "connection failed", why, delay.toMillis(),
                    lastMessageAt == null ? "" : " (last frame at " + lastMessageAt + ")");
            try {
                scheduler.schedule(() -> guarded("connection attempt", this::connect), delay.toNanos(),
                        TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                return true; // closed meanwhile
            }
            tell(attempt, "onDisconnected", () -> listener.onDisconnected(lastMessageAt, why, delay));
            return true;
        }
    }

    private boolean isCurrent(Attempt attempt) {
        synchronized (lock) {
            return !closed && current == attempt;
        }
    }

    /** Calls the listener; what it throws is counted, logged (the first time per connection) and swallowed. */
    private void tell(Attempt attempt, String what, Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            meters.listenerErrors.increment();
            if (!attempt.listenerFailed) {
                attempt.listenerFailed = true;
                log.error("The {} feed's listener failed in {}; the feed carries on, further failures on this "
                        + "connection are only counted (ws.listener.errors)", protocol.exchange(), what, e);
            } else {
                log.debug("The {} feed's listener failed again in {}", protocol.exchange(), what, e);
            }
        }
    }

    /** Runs a scheduled task; an exception would end a fixed-rate schedule silently, so it is logged instead. */
    private void guarded(String what, Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            log.error("Unexpected error in the {} feed's {}; the feed carries on", protocol.exchange(), what, e);
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
        return RetryAfter.parse(response.header(RetryAfter.HEADER), clock.instant()).orElse(null);
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

    /** One connection, from its attempt to its drop: the socket's callbacks, and what they need to remember. */
    private final class Attempt extends WebSocketListener {

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
        private ScheduledFuture<?> pings;

        Attempt(int number, long startedNanos) {
            this.number = number;
            this.lastFrameNanos = startedNanos;
        }

        @Override
        public void onOpen(WebSocket webSocket, Response response) {
            try {
                opened(webSocket);
            } catch (RuntimeException e) {
                log.error("Unexpected error opening the {} feed; reconnecting", protocol.exchange(), e);
                drop(this, "unexpected error on open: " + e, null);
            }
        }

        private void opened(WebSocket webSocket) {
            int attempt;
            synchronized (delivery) {
                synchronized (lock) {
                    if (closed || current != this) {
                        webSocket.cancel();
                        return;
                    }
                    attempt = triesSinceData;
                }
                lastFrameNanos = System.nanoTime();
                opened = true;
                try {
                    session = protocol.open(symbols);
                } catch (RuntimeException e) {
                    log.error("The {} protocol could not open a session for {}", protocol.exchange(), symbols, e);
                    drop(this, "no session: " + e, null);
                    return;
                }
                for (String subscription : session.subscribeMessages()) {
                    if (!webSocket.send(subscription)) {
                        drop(this, "could not send the subscription " + subscription, null);
                        return;
                    }
                }
                String ping = session.pingMessage();
                if (ping != null) {
                    startPings(webSocket, ping);
                }
                synchronized (lock) {
                    if (closed || current != this) {
                        return;
                    }
                    meters.connected.set(1);
                }
                log.info("Connected to the {} feed at {} for {} (attempt {})", protocol.exchange(), settings.uri(),
                        symbols, attempt);
                tell(this, "onConnected", () -> listener.onConnected(attempt));
            }
        }

        private void startPings(WebSocket webSocket, String ping) {
            long every = protocol.pingInterval().toNanos();
            if (every <= 0) {
                return;
            }
            ScheduledFuture<?> scheduled;
            try {
                // fixed delay: a late ping is not followed by a burst of catching-up ones
                scheduled = scheduler.scheduleWithFixedDelay(() -> guarded("ping", () -> {
                    if (isCurrent(this)) {
                        webSocket.send(ping);
                    }
                }), every, every, TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                return; // closed meanwhile
            }
            synchronized (lock) {
                pings = scheduled;
            }
            if (!isCurrent(this)) {
                scheduled.cancel(false);
            }
        }

        void stopPings() {
            ScheduledFuture<?> scheduled;
            synchronized (lock) {
                scheduled = pings;
                pings = null;
            }
            if (scheduled != null) {
                scheduled.cancel(false);
            }
        }

        @Override
        public void onMessage(WebSocket webSocket, String frame) {
            long arrivedNanos = System.nanoTime();
            Instant arrivedAt = clock.instant();
            try {
                read(frame, arrivedNanos, arrivedAt);
            } catch (RuntimeException e) {
                log.error("Unexpected error reading a {} frame; reconnecting", protocol.exchange(), e);
                drop(this, "unexpected error reading a frame: " + e, null);
            }
        }

        private void read(String frame, long arrivedNanos, Instant arrivedAt) {
            synchronized (delivery) {
                if (!isCurrent(this)) {
                    return;
                }
                lastFrameNanos = arrivedNanos;
                anyFrame = true;
                if (longerThan(frame, settings.maxFrameBytes())) {
                    meters.framesOversized.increment();
                    drop(this, "a frame of " + Utf8.size(frame) + " bytes, above the maximum of "
                            + settings.maxFrameBytes(), null);
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
                                + "on this connection are not logged", protocol.exchange(), e);
                    }
                    messages = List.of(new FeedMessage.Malformed(frame, "the reader failed: " + e));
                }
                messages.forEach(meters::message);
                Instant resumedFrom = null;
                synchronized (lock) {
                    if (!delivered) {
                        delivered = true;
                        triesSinceData = 0;
                        failuresSinceData = 0;
                    }
                    if (outage) {
                        outage = false;
                        resumedFrom = lastDeliveredAt;
                    }
                    lastDeliveredAt = arrivedAt;
                }
                if (resumedFrom != null) {
                    Instant from = resumedFrom;
                    log.info("The {} feed resumed: frames between {} and {} may be lost", protocol.exchange(), from,
                            arrivedAt);
                    tell(this, "onResumed", () -> listener.onResumed(from, arrivedAt));
                }
                if (!messages.isEmpty()) {
                    List<FeedMessage> read = messages;
                    tell(this, "onMessages", () -> listener.onMessages(read));
                }
                for (FeedMessage message : messages) {
                    if (message instanceof FeedMessage.Reconnect reconnect) {
                        drop(this, "the exchange asked for a reconnect: " + reconnect.why(), null);
                        return;
                    }
                }
            }
        }

        @Override
        public void onMessage(WebSocket webSocket, ByteString bytes) {
            // no exchange sends binary market data; the frame still shows the socket is alive
            if (isCurrent(this)) {
                lastFrameNanos = System.nanoTime();
                anyFrame = true;
                log.debug("Ignored a binary {} frame of {} bytes", protocol.exchange(), bytes.size());
            }
        }

        @Override
        public void onClosing(WebSocket webSocket, int code, String reason) {
            closing = true;
            drop(this, "the server closed the connection: " + code + (reason.isEmpty() ? "" : " " + reason), null);
        }

        @Override
        public void onFailure(WebSocket webSocket, Throwable failure, Response response) {
            try {
                if (!(failure instanceof IOException) && isCurrent(this)) {
                    log.warn("Unexpected failure of the {} feed's socket", protocol.exchange(), failure);
                }
                drop(this, describe(failure, response), retryAfter(response));
            } catch (RuntimeException e) {
                log.error("Unexpected error handling a {} socket failure", protocol.exchange(), e);
            }
        }
    }
}
