package dev.rigwatch.ingest.ws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigwatch.events.CryptoTick;
import dev.rigwatch.events.TimeSource;
import dev.rigwatch.ingest.resilience.Backoff;
import dev.rigwatch.testing.MutableClock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.BufferedSink;
import okio.ByteString;
import okio.Okio;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link FeedConnection} against a MockWebServer playing an exchange ({@link FakeExchange}) with a test-only
 * protocol ({@link LineProtocol}): what the client sends, what it delivers, and how it reconnects. Timeouts and
 * backoffs are tens of milliseconds; waits are bounded and say what they waited for.
 */
class FeedConnectionTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");
    /** No jitter, so that the backoffs can be asserted exactly. */
    private static final Backoff.Settings FAST = new Backoff.Settings(Duration.ofMillis(50), 2, 0, Duration.ofSeconds(1));
    private static final List<String> SYMBOLS = List.of("BTC-USD", "ETH-USD");
    private static final List<String> SUBSCRIPTIONS = List.of("hello", "subscribe BTC-USD", "subscribe ETH-USD");

    private final FakeExchange exchange = new FakeExchange();
    private final MockWebServer server = new MockWebServer();
    private final MeterRegistry registry = new SimpleMeterRegistry();
    private final RecordingListener listener = new RecordingListener();
    private final MutableClock clock = new MutableClock(T0);
    private final OkHttpClient http = new OkHttpClient();
    private FeedConnection feed;

    @BeforeEach
    void startServer() throws Exception {
        server.setDispatcher(exchange);
        server.start();
    }

    @AfterEach
    void stop() {
        if (feed != null) {
            feed.close();
        }
        server.close();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    @Test
    void sendsTheSubscriptionsInOrderThenDeliversEachFrameParsed() {
        feed = start(new LineProtocol(Duration.ofSeconds(5), Duration.ofSeconds(5), null));

        ServerSocket socket = exchange.awaitConnection(0);
        awaitReceived(socket, SUBSCRIPTIONS.size());
        socket.send("tick BTC-USD 100.5");
        socket.send("hb");
        socket.send("something else");
        await("three frames delivered", () -> listener.messages().size() == 3, listener::toString);

        assertThat(socket.received).as("what the client sent").containsExactlyElementsOf(SUBSCRIPTIONS);
        assertThat(listener.messages()).containsExactly(
                List.of(new FeedMessage.Tick(tick("BTC-USD", "100.5", T0))),
                List.of(new FeedMessage.Heartbeat(T0)),
                List.of(new FeedMessage.Unknown("something else")));
        assertThat(listener.events.get(0)).isEqualTo(new Connected(1));
        assertThat(exchange.requests.get(0).getHeaders().get("User-Agent")).isEqualTo("rigwatch/0.1");
        assertThat(counter("ws.messages", "type", "tick")).isEqualTo(1);
        assertThat(counter("ws.messages", "type", "heartbeat")).isEqualTo(1);
        assertThat(counter("ws.messages", "type", "unknown")).isEqualTo(1);
        assertThat(counter("ws.messages", "type", "malformed")).isZero();
        assertThat(registry.get("ws.connected").tag("exchange", "test").gauge().value()).isEqualTo(1);
        assertThat(counter("ws.reconnects")).isZero();
        assertThat(feed.isConnected()).isTrue();
    }

    @Test
    void sendsTheApplicationPingEveryPingInterval() {
        Duration every = Duration.ofMillis(100);
        feed = start(new LineProtocol(Duration.ofSeconds(5), every, "ping"));

        ServerSocket socket = exchange.awaitConnection(0);
        await("three pings", () -> socket.received.size() >= SUBSCRIPTIONS.size() + 3, () -> socket.received);

        assertThat(socket.received.subList(0, SUBSCRIPTIONS.size() + 3)).containsExactly("hello", "subscribe BTC-USD",
                "subscribe ETH-USD", "ping", "ping", "ping");
        List<Long> pingsAt = socket.receivedNanos.subList(SUBSCRIPTIONS.size(), SUBSCRIPTIONS.size() + 3);
        for (int i = 1; i < pingsAt.size(); i++) {
            // received times: the network may shift one ping a little, never by half the interval on loopback
            assertThat(Duration.ofNanos(pingsAt.get(i) - pingsAt.get(i - 1))).as("between pings " + i + " and " + (i + 1))
                    .isGreaterThan(every.dividedBy(2));
        }
    }

    @Test
    void reconnectsWithAFreshSessionAfterTheServerClosesTheConnection() {
        LineProtocol protocol = new LineProtocol(Duration.ofSeconds(5), Duration.ofSeconds(5), null);
        feed = start(protocol);

        ServerSocket first = exchange.awaitConnection(0);
        awaitReceived(first, SUBSCRIPTIONS.size());
        first.send("hb");
        await("the heartbeat", () -> listener.messages().size() == 1, listener::toString);
        first.socket.close(1001, "going away");

        ServerSocket second = exchange.awaitConnection(1);
        await("the client's answering close frame", () -> first.closedByPeer, () -> first);
        awaitReceived(second, SUBSCRIPTIONS.size());
        assertThat(second.received).containsExactlyElementsOf(SUBSCRIPTIONS);
        assertThat(protocol.sessions).hasValue(2);
        assertThat(listener.disconnects()).singleElement().satisfies(d -> {
            assertThat(d.why()).contains("server closed", "1001", "going away");
            assertThat(d.reconnectIn()).isEqualTo(Duration.ofMillis(50));
        });
        assertThat(counter("ws.reconnects")).isEqualTo(1);
        await("the first socket ended", () -> first.ended, () -> first);
    }

    @Test
    void reconnectsAfterTheServerDropsTheSocket() {
        CountDownLatch drop = new CountDownLatch(1);
        exchange.dropAbruptlyNext("hb", drop);
        feed = start(new LineProtocol(Duration.ofSeconds(5), Duration.ofSeconds(5), null));
        await("the heartbeat on the first connection", () -> listener.messages().size() == 1, listener::toString);

        drop.countDown();

        ServerSocket second = exchange.awaitConnection(0);
        awaitReceived(second, SUBSCRIPTIONS.size());
        second.send("hb");
        await("the heartbeat on the second connection", () -> listener.messages().size() == 2, listener::toString);
        assertThat(listener.disconnects()).singleElement()
                .satisfies(d -> assertThat(d.why()).doesNotContain("server closed").contains("Exception"));
        assertThat(listener.connects()).containsExactly(new Connected(1), new Connected(1));
        assertThat(exchange.requests).hasSize(2);
        assertThat(counter("ws.silent.trips")).isZero();
    }

    @Test
    void replacesASilentSocketWithinTheSilenceTimeout() {
        Duration silence = Duration.ofMillis(300);
        feed = start(new LineProtocol(silence, Duration.ofSeconds(30), null));

        ServerSocket first = exchange.awaitConnection(0);
        awaitReceived(first, SUBSCRIPTIONS.size());
        first.send("hb");
        long lastFrameSent = System.nanoTime();
        await("the heartbeat", () -> listener.messages().size() == 1, listener::toString);
        // the server says nothing more and keeps the socket open

        ServerSocket second = exchange.awaitConnection(1);
        Duration replacedAfter = Duration.ofNanos(exchange.requestNanos.get(1) - lastFrameSent);
        assertThat(replacedAfter).as("from the last frame to the new connection")
                .isGreaterThanOrEqualTo(silence)
                .isLessThan(silence.plus(Duration.ofSeconds(2)));
        awaitReceived(second, SUBSCRIPTIONS.size());
        assertThat(counter("ws.silent.trips")).isEqualTo(1);
        assertThat(listener.disconnects()).singleElement().satisfies(d -> assertThat(d.why()).contains("no frame"));
        await("the silent socket closed by the client", () -> first.ended, () -> first);
    }

    @Test
    void abandonsAnUpgradeThatHangsForTheSilenceTimeout() {
        Duration silence = Duration.ofMillis(300);
        exchange.hangNext(Duration.ofSeconds(5));
        feed = start(new LineProtocol(silence, Duration.ofSeconds(30), null));

        ServerSocket socket = exchange.awaitConnection(0);
        awaitReceived(socket, SUBSCRIPTIONS.size());

        Duration abandonedAfter = Duration.ofNanos(exchange.requestNanos.get(1) - exchange.requestNanos.get(0));
        assertThat(abandonedAfter).isGreaterThanOrEqualTo(silence).isLessThan(Duration.ofSeconds(3));
        assertThat(counter("ws.silent.trips")).isEqualTo(1);
        assertThat(listener.disconnects()).singleElement().satisfies(d -> {
            assertThat(d.why()).contains("since the attempt started");
            assertThat(d.lastMessageAt()).isNull();
        });
        await("the client's connection", () -> listener.connects().size() == 1, listener::toString);
        assertThat(listener.connects()).containsExactly(new Connected(2));
    }

    @Test
    void tellsTheListenerTheOutageFromTheLastFrameBeforeTheDropToTheFirstAfter() {
        Instant lastBefore = T0.plusSeconds(10);
        Instant firstAfter = T0.plusSeconds(25);

        CountDownLatch drop = new CountDownLatch(1);
        exchange.dropAbruptlyNext("hb", drop);
        clock.set(lastBefore);
        feed = start(new LineProtocol(Duration.ofSeconds(5), Duration.ofSeconds(5), null));
        await("the first heartbeat", () -> listener.messages().size() == 1, listener::toString);
        clock.set(T0.plusSeconds(12));
        drop.countDown();
        // the next connection opens and drops before it says anything: the same outage goes on
        ServerSocket second = exchange.awaitConnection(0);
        awaitReceived(second, SUBSCRIPTIONS.size());
        second.socket.close(1000, null);
        ServerSocket third = exchange.awaitConnection(1);
        awaitReceived(third, SUBSCRIPTIONS.size());
        clock.set(firstAfter);
        third.send("tick ETH-USD 3000");
        await("the tick after the outage", () -> listener.messages().size() == 2, listener::toString);

        assertThat(listener.events).containsExactly(
                new Connected(1),
                new Messages(List.of(new FeedMessage.Heartbeat(lastBefore))),
                listener.disconnects().get(0),
                new Connected(1),
                listener.disconnects().get(1),
                new Connected(2),
                new Resumed(lastBefore, firstAfter),
                new Messages(List.of(new FeedMessage.Tick(tick("ETH-USD", "3000", firstAfter)))));
        assertThat(listener.disconnects()).extracting(Disconnected::lastMessageAt).containsExactly(lastBefore, lastBefore);
    }

    @Test
    void backoffGrowsWhileUpgradesAreRefusedAndStartsOverAfterAConnectionDeliveredData() {
        exchange.refuseNext(500, 500, 500);
        feed = start(new LineProtocol(Duration.ofSeconds(5), Duration.ofSeconds(5), null));

        ServerSocket fourth = exchange.awaitConnection(0);
        awaitReceived(fourth, SUBSCRIPTIONS.size());
        fourth.send("hb");
        await("the heartbeat", () -> listener.messages().size() == 1, listener::toString);
        fourth.socket.close(1001, "going away");
        exchange.awaitConnection(1);
        await("the client's second connection", () -> listener.connects().size() == 2, listener::toString);

        assertThat(listener.disconnects()).extracting(Disconnected::reconnectIn).containsExactly(
                Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(50));
        assertThat(listener.disconnects().get(0).why()).contains("HTTP 500");
        assertThat(listener.connects()).containsExactly(new Connected(4), new Connected(1));
        for (int i = 1; i <= 3; i++) {
            Duration between = Duration.ofNanos(exchange.requestNanos.get(i) - exchange.requestNanos.get(i - 1));
            assertThat(between).as("between attempts " + i + " and " + (i + 1))
                    .isGreaterThanOrEqualTo(listener.disconnects().get(i - 1).reconnectIn());
        }
        assertThat(counter("ws.reconnects")).isEqualTo(4);
    }

    @Test
    void obeysTheRetryAfterOfARefusedUpgrade() {
        exchange.refuseNext(429);
        exchange.retryAfterSeconds = 2;
        feed = start(new LineProtocol(Duration.ofSeconds(5), Duration.ofSeconds(5), null));

        await("the refusal", () -> listener.disconnects().size() == 1, listener::toString);

        assertThat(listener.disconnects().get(0).reconnectIn()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void closeDuringTheBackoffEndsAtOnceAndConnectsNoMore() throws Exception {
        exchange.refuseNext(500);
        feed = start(new LineProtocol(Duration.ofSeconds(5), Duration.ofSeconds(5), null),
                s -> s.withBackoff(new Backoff.Settings(Duration.ofSeconds(30), 2, 0, Duration.ofSeconds(60))));
        await("the refusal", () -> listener.disconnects().size() == 1, listener::toString);

        long started = System.nanoTime();
        feed.close();
        feed.close();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
        assertThat(feed.awaitStopped(WAIT)).as("the scheduler, with the pending reconnection, stopped").isTrue();
        assertThat(exchange.requests).hasSize(1);
        assertThat(feed.isConnected()).isFalse();
    }

    @Test
    void closeEndsTheOpenSocketWithANormalClosure() throws Exception {
        feed = start(new LineProtocol(Duration.ofMillis(300), Duration.ofMillis(100), "ping"));
        ServerSocket socket = exchange.awaitConnection(0);
        awaitReceived(socket, SUBSCRIPTIONS.size());

        feed.close();

        await("the server saw the close", () -> socket.closeCode != null, () -> socket);
        assertThat(socket.closeCode).isEqualTo(1000);
        assertThat(feed.awaitStopped(WAIT)).isTrue();
        assertThat(exchange.requests).hasSize(1);
        assertThat(listener.disconnects()).isEmpty();
        assertThat(registry.get("ws.connected").gauge().value()).isZero();
    }

    @Test
    void refusesAFrameAboveTheMaximumAndReconnects() {
        int max = 64;
        feed = start(new LineProtocol(Duration.ofSeconds(5), Duration.ofSeconds(5), null),
                s -> s.withMaxFrameBytes(max));
        ServerSocket first = exchange.awaitConnection(0);
        awaitReceived(first, SUBSCRIPTIONS.size());
        String atMax = "x".repeat(max);
        first.send(atMax);
        first.send("€".repeat(22)); // 22 chars, 66 bytes

        ServerSocket second = exchange.awaitConnection(1);
        awaitReceived(second, SUBSCRIPTIONS.size());
        assertThat(listener.messages()).containsExactly(List.of(new FeedMessage.Unknown(atMax)));
        assertThat(counter("ws.frames.oversized")).isEqualTo(1);
        assertThat(listener.disconnects()).singleElement()
                .satisfies(d -> assertThat(d.why()).contains("66 bytes", "maximum of 64"));
    }

    @Test
    void countsFrameSizesInUtf8Bytes() {
        assertThat(FeedAttempt.longerThan("x".repeat(10), 10)).isFalse();
        assertThat(FeedAttempt.longerThan("x".repeat(11), 10)).isTrue();
        assertThat(FeedAttempt.longerThan("é".repeat(5), 10)).isFalse();
        assertThat(FeedAttempt.longerThan("€".repeat(4), 10)).isTrue();
        assertThat(FeedAttempt.longerThan("\uD83D\uDE00".repeat(2), 8)).isFalse(); // two emoji, 4 bytes each
        assertThat(FeedAttempt.longerThan("\uD83D\uDE00".repeat(2), 7)).isTrue();
    }

    @Test
    void reconnectsWhenTheExchangeAsksForIt() {
        feed = start(new LineProtocol(Duration.ofSeconds(5), Duration.ofSeconds(5), null));
        ServerSocket first = exchange.awaitConnection(0);
        awaitReceived(first, SUBSCRIPTIONS.size());
        first.send("reconnect maintenance");

        ServerSocket second = exchange.awaitConnection(1);
        awaitReceived(second, SUBSCRIPTIONS.size());
        assertThat(listener.messages()).containsExactly(List.of(new FeedMessage.Reconnect("maintenance")));
        assertThat(listener.disconnects()).singleElement().satisfies(d -> {
            assertThat(d.why()).contains("asked for a reconnect", "maintenance");
            assertThat(d.reconnectIn()).isEqualTo(Duration.ofMillis(50));
        });
        assertThat(counter("ws.messages", "type", "reconnect")).isEqualTo(1);
        await("the first socket ended", () -> first.ended, () -> first);
    }

    @Test
    void aFailingListenerOrReaderNeitherStopsNorDropsTheFeed() {
        listener.failOnMessages.set(1);
        feed = start(new LineProtocol(Duration.ofSeconds(5), Duration.ofSeconds(5), null));
        ServerSocket socket = exchange.awaitConnection(0);
        awaitReceived(socket, SUBSCRIPTIONS.size());

        socket.send("hb");
        socket.send("throw");
        socket.send("tick BTC-USD 1");
        await("the frames after the failures", () -> listener.messages().size() == 2, listener::toString);

        assertThat(listener.messages().get(0)).singleElement().isInstanceOf(FeedMessage.Malformed.class);
        assertThat(listener.messages().get(1)).containsExactly(new FeedMessage.Tick(tick("BTC-USD", "1", T0)));
        assertThat(counter("ws.listener.errors")).isEqualTo(1);
        assertThat(listener.disconnects()).isEmpty();
        assertThat(exchange.requests).hasSize(1);
    }

    private FeedConnection start(LineProtocol protocol) {
        return start(protocol, UnaryOperator.identity());
    }

    private FeedConnection start(LineProtocol protocol, UnaryOperator<FeedConnection.Settings> tweak) {
        URI uri = URI.create(server.url("/feed").toString().replaceFirst("^http", "ws"));
        FeedConnection.Settings settings = tweak.apply(FeedConnection.Settings.of(protocol).withUri(uri).withBackoff(FAST));
        FeedConnection connection = new FeedConnection(protocol, SYMBOLS, settings, http, listener, registry, clock);
        connection.start();
        return connection;
    }

    private double counter(String name, String... tags) {
        return registry.get(name).tag("exchange", "test").tags(tags).functionCounter().count();
    }

    private static CryptoTick tick(String symbol, String price, Instant receivedAt) {
        return new CryptoTick(CryptoTick.VERSION, "test", symbol, new BigDecimal(price), null, null, null, null, null,
                receivedAt, TimeSource.RECEIPT);
    }

    private static void awaitReceived(ServerSocket socket, int count) {
        await(count + " messages from the client", () -> socket.received.size() >= count, () -> socket.received);
    }

    static void await(String what, BooleanSupplier condition, Supplier<Object> state) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + WAIT + " for " + what + "; last seen: " + state.get());
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
    }

    /**
     * A protocol of text lines: {@code tick SYMBOL PRICE}, {@code hb}, {@code reconnect WHY}; {@code throw} makes
     * the reader throw (which it must never do); anything else is unknown.
     */
    private static final class LineProtocol implements WsProtocol {
        private final Duration silence;
        private final Duration pingInterval;
        private final String ping;
        final AtomicInteger sessions = new AtomicInteger();

        LineProtocol(Duration silence, Duration pingInterval, String ping) {
            this.silence = silence;
            this.pingInterval = pingInterval;
            this.ping = ping;
        }

        @Override
        public String exchange() {
            return "test";
        }

        @Override
        public URI defaultUri() {
            return URI.create("wss://feed.example/ws");
        }

        @Override
        public Duration silenceTimeout() {
            return silence;
        }

        @Override
        public Duration pingInterval() {
            return pingInterval;
        }

        @Override
        public WsSession open(List<String> symbols) {
            sessions.incrementAndGet();
            List<String> subscriptions = new ArrayList<>(List.of("hello"));
            symbols.forEach(s -> subscriptions.add("subscribe " + s));
            return new WsSession() {
                @Override
                public List<String> subscribeMessages() {
                    return subscriptions;
                }

                @Override
                public List<FeedMessage> read(String frame, Instant receivedAt) {
                    String[] words = frame.split(" ", 3);
                    switch (words[0]) {
                        case "tick":
                            return List.of(new FeedMessage.Tick(tick(words[1], words[2], receivedAt)));
                        case "hb":
                            return List.of(new FeedMessage.Heartbeat(receivedAt));
                        case "reconnect":
                            return List.of(new FeedMessage.Reconnect(words[1]));
                        case "throw":
                            throw new IllegalStateException("a reader bug");
                        default:
                            return List.of(new FeedMessage.Unknown(frame));
                    }
                }

                @Override
                public String pingMessage() {
                    return ping;
                }
            };
        }
    }

    /** The exchange's side: refuses the next upgrades as told, then accepts every one; records what arrived. */
    private static final class FakeExchange extends Dispatcher {
        final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
        final List<Long> requestNanos = new CopyOnWriteArrayList<>();
        final List<ServerSocket> connections = new CopyOnWriteArrayList<>();
        /** How to answer the next upgrade requests, before the default: an upgrade to a {@link ServerSocket}. */
        private final Queue<Function<RecordedRequest, MockResponse>> scripts = new ConcurrentLinkedQueue<>();
        volatile Integer retryAfterSeconds;

        void refuseNext(Integer... statuses) {
            for (int status : statuses) {
                scripts.add(request -> {
                    MockResponse.Builder refused = new MockResponse.Builder().code(status);
                    if (retryAfterSeconds != null) {
                        refused.addHeader("Retry-After", retryAfterSeconds);
                    }
                    return refused.build();
                });
            }
        }

        /**
         * The next upgrade succeeds, sends {@code frame}, then drops the TCP connection, without a close frame,
         * once {@code drop} is counted down. MockWebServer's own server-side socket cannot be cancelled, so this
         * one speaks the handshake and one unmasked frame itself.
         */
        void dropAbruptlyNext(String frame, CountDownLatch drop) {
            scripts.add(request -> {
                String accept = ByteString.encodeUtf8(request.getHeaders().get("Sec-WebSocket-Key")
                        + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").sha1().base64();
                return new MockResponse.Builder()
                        .code(101)
                        .addHeader("Upgrade", "websocket")
                        .addHeader("Connection", "Upgrade")
                        .addHeader("Sec-WebSocket-Accept", accept)
                        .socketHandler(socket -> {
                            ByteString payload = ByteString.encodeUtf8(frame);
                            try (BufferedSink sink = Okio.buffer(socket.getSink())) {
                                sink.writeByte(0x81).writeByte(payload.size()).write(payload).flush();
                                drop.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            } finally {
                                socket.cancel();
                            }
                        })
                        .build();
            });
        }

        /** The next upgrade answers only after {@code delay}. */
        void hangNext(Duration delay) {
            scripts.add(request -> new MockResponse.Builder()
                    .webSocketUpgrade(new ServerSocket())
                    .headersDelay(delay.toMillis(), TimeUnit.MILLISECONDS)
                    .build());
        }

        @Override
        public MockResponse dispatch(RecordedRequest request) {
            requestNanos.add(System.nanoTime());
            requests.add(request);
            Function<RecordedRequest, MockResponse> script = scripts.poll();
            if (script != null) {
                return script.apply(request);
            }
            ServerSocket socket = new ServerSocket();
            connections.add(socket);
            return new MockResponse.Builder().webSocketUpgrade(socket).build();
        }

        ServerSocket awaitConnection(int index) {
            await("connection " + (index + 1), () -> connections.size() > index && connections.get(index).socket != null,
                    () -> requests.size() + " requests, " + connections);
            return connections.get(index);
        }
    }

    /** One connection, the server's end. */
    private static final class ServerSocket extends WebSocketListener {
        final List<String> received = new CopyOnWriteArrayList<>();
        final List<Long> receivedNanos = new CopyOnWriteArrayList<>();
        volatile WebSocket socket;
        volatile Integer closeCode;
        volatile boolean ended;
        /** The client answered this end's close frame, so the close handshake completed. */
        volatile boolean closedByPeer;

        void send(String text) {
            assertThat(socket.send(text)).as("sent " + text).isTrue();
        }

        @Override
        public void onOpen(WebSocket webSocket, Response response) {
            socket = webSocket;
        }

        @Override
        public void onMessage(WebSocket webSocket, String text) {
            receivedNanos.add(System.nanoTime());
            received.add(text);
        }

        @Override
        public void onClosing(WebSocket webSocket, int code, String reason) {
            closeCode = code;
            webSocket.close(code, null);
        }

        @Override
        public void onClosed(WebSocket webSocket, int code, String reason) {
            closedByPeer = true;
            ended = true;
        }

        @Override
        public void onFailure(WebSocket webSocket, Throwable t, Response response) {
            ended = true;
        }

        @Override
        public String toString() {
            return "ServerSocket{received=" + received + ", closeCode=" + closeCode + ", ended=" + ended + "}";
        }
    }

    record Connected(int attempt) { }

    record Messages(List<FeedMessage> messages) { }

    record Disconnected(Instant lastMessageAt, String why, Duration reconnectIn) { }

    record Resumed(Instant lastMessageAt, Instant firstMessageAt) { }

    /** Every call, in order; {@code failOnMessages} makes that many {@code onMessages} calls throw. */
    private static final class RecordingListener implements FeedListener {
        final List<Object> events = new CopyOnWriteArrayList<>();
        final AtomicInteger failOnMessages = new AtomicInteger();

        @Override
        public void onConnected(int attempt) {
            events.add(new Connected(attempt));
        }

        @Override
        public void onMessages(List<FeedMessage> messages) {
            if (failOnMessages.getAndDecrement() > 0) {
                throw new IllegalStateException("a listener bug");
            }
            events.add(new Messages(messages));
        }

        @Override
        public void onDisconnected(Instant lastMessageAt, String why, Duration reconnectIn) {
            events.add(new Disconnected(lastMessageAt, why, reconnectIn));
        }

        @Override
        public void onResumed(Instant lastMessageAt, Instant firstMessageAt) {
            events.add(new Resumed(lastMessageAt, firstMessageAt));
        }

        List<List<FeedMessage>> messages() {
            return events.stream().filter(Messages.class::isInstance).map(e -> ((Messages) e).messages()).toList();
        }

        List<Disconnected> disconnects() {
            return events.stream().filter(Disconnected.class::isInstance).map(Disconnected.class::cast).toList();
        }

        List<Connected> connects() {
            return events.stream().filter(Connected.class::isInstance).map(Connected.class::cast).toList();
        }

        @Override
        public String toString() {
            return events.toString();
        }
    }
}
