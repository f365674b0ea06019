package dev.rigwatch.ingest.ws;

import dev.rigwatch.ingest.http.SourceHttpClient;
import dev.rigwatch.ingest.resilience.Backoff;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.WebSocket;
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
 * belongs to a {@link FeedAttempt}; only the current attempt's callbacks count (identity, under the {@link FeedState}'s
 * lock), so a late callback of a dropped socket is ignored, and a drop cancels its socket before the next attempt is
 * scheduled: never two live sockets. Listener calls hold {@code delivery}, which keeps them serial and in order.
 * Meters: {@link FeedMeters}; behaviour in short: {@code docs/SOURCES.md}.
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

    // package-private: read by this feed's FeedAttempts
    final WsProtocol protocol;
    final List<String> symbols;
    final Settings settings;
    final FeedListener listener;
    final Clock clock;
    final FeedMeters meters;
    final ScheduledExecutorService scheduler;
    /** Held while the listener is called, so that its calls are never concurrent and keep their order. */
    final Object delivery = new Object();
    /** Started, closed, the current attempt, the counts since data; its monitor is the feed's lock. */
    final FeedState state;
    private final OkHttpClient http;
    private final long silenceNanos;

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
        this.meters = new FeedMeters(registry, protocol.exchange());
        this.state = new FeedState(protocol.exchange(), new Backoff(settings.backoff()), meters);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "ws-" + protocol.exchange());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Connects now, and keeps connecting until {@link #close()}. */
    public void start() {
        state.start();
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
        FeedState.Closed closed = state.close();
        if (closed == null) {
            return;
        }
        FeedAttempt open = closed.open();
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
        FeedAttempt attempt = state.begin(number -> new FeedAttempt(this, number, System.nanoTime()));
        if (attempt == null) {
            return;
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
        if (!state.socketOpened(attempt, socket)) {
            socket.cancel(); // dropped or closed while the call was being made
        }
    }

    private void checkSilence() {
        FeedAttempt attempt = state.current();
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
    boolean drop(FeedAttempt attempt, String why, Duration retryAfter) {
        synchronized (delivery) {
            FeedState.Dropped dropped = state.drop(attempt, retryAfter);
            if (dropped == null) {
                return false;
            }
            Duration delay = dropped.delay();
            Instant lastMessageAt = dropped.lastMessageAt();
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

    /** Calls the listener; what it throws is counted, logged (the first time per connection) and swallowed. */
    void tell(FeedAttempt attempt, String what, Runnable call) {
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
    void guarded(String what, Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            log.error("Unexpected error in the {} feed's {}; the feed carries on", protocol.exchange(), what, e);
        }
    }
}
