package dev.rigwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rigwatch.broker.testing.SharedKafka;
import dev.rigwatch.events.Candle;
import dev.rigwatch.events.CryptoTick;
import dev.rigwatch.events.IngestReject;
import dev.rigwatch.events.Topics;
import dev.rigwatch.events.kafka.EventProducer;
import dev.rigwatch.ingest.exchange.Exchange;
import dev.rigwatch.ingest.exchange.ExchangeAdapter;
import dev.rigwatch.ingest.exchange.InstrumentRegistry;
import dev.rigwatch.ingest.http.SourceHttpClient;
import dev.rigwatch.ingest.resilience.Backoff;
import dev.rigwatch.ingest.resilience.TickValidator;
import dev.rigwatch.ingest.ws.FeedConnection;
import dev.rigwatch.ingest.ws.WsProtocol;
import dev.rigwatch.ingest.ws.WsProtocols;
import dev.rigwatch.ingest.ws.WsSession;
import dev.rigwatch.testing.TestData;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each exchange's WebSocket feed, end to end on the real broker: a MockWebServer plays the exchange's WebSocket
 * ({@code webSocketUpgrade}, frames made from its real fixtures) and its REST candles. The feed subscribes as the
 * exchange expects, writes its trades to {@code crypto.ticks} and its error to {@code ingest.rejects}, stays up on
 * heartbeats alone, reconnects after a dropped and after a silent socket, and after each outage fetches the
 * candles in between over REST, from the last tick before it to the first after.
 */
class WsTickerFeedTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    /** The feed's silence timeout here: short, so that a silent socket is given up within the test. */
    private static final Duration SILENCE = Duration.ofMillis(400);
    private static final Backoff.Settings FAST = new Backoff.Settings(Duration.ofMillis(50), 2, 0, Duration.ofSeconds(1));

    private static final OkHttpClient http = new OkHttpClient();
    private static EventProducer producer;

    private final MockWebServer server = new MockWebServer();
    private final List<ServerSide> connections = new CopyOnWriteArrayList<>();
    private final Queue<String> restTargets = new ConcurrentLinkedQueue<>();
    private final List<List<Instant>> repairs = new CopyOnWriteArrayList<>();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private WsTickerFeed feed;

    @BeforeAll
    static void connect() {
        producer = new EventProducer(SharedKafka.bootstrapServers(), "ingest-ws-feed-test");
    }

    @AfterAll
    static void disconnect() {
        producer.close();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    @AfterEach
    void stop() {
        if (feed != null) {
            feed.close();
        }
        // MockWebServer waits for its open WebSockets at close
        connections.forEach(side -> {
            if (side.socket != null) {
                side.socket.close(1001, "test over");
            }
        });
        server.close();
    }

    @ParameterizedTest
    @EnumSource(WsExchangeFrames.class)
    void subscribesWritesTicksAndRejectsAndRepairsEachOutageOverRest(WsExchangeFrames frames) throws Exception {
        String base = "T" + ThreadLocalRandom.current().nextInt(100_000, 1_000_000);
        String symbol = base + "-" + frames.quote;
        InstrumentRegistry instruments = InstrumentRegistry.parse("test", List.of(
                "exchange,symbol,request_id,response_id", frames.registryRow(base)));
        WsProtocol protocol = quick(WsProtocols.forExchange(Exchange.of(frames.exchange), instruments));
        // within the validator's 5 minutes of age, in three minutes m0, m1, m2 that are over
        Instant firstMinute = Instant.now().minus(Duration.ofMinutes(4)).truncatedTo(ChronoUnit.MINUTES);
        Instant t0 = firstMinute.plusSeconds(7);
        Instant t1 = t0.plusSeconds(70);
        Instant t2 = t0.plusSeconds(150);
        Instant m1 = firstMinute.plusSeconds(60);
        Instant m2 = firstMinute.plusSeconds(120);
        startServer(frames, base, firstMinute, 4);
        feed = start(frames, symbol, protocol, instruments);

        ServerSide first = awaitConnection(0);
        WsSession expected = protocol.open(List.of(symbol));
        Await.until("the subscriptions", WAIT, () -> first.received.size() >= expected.subscribeMessages().size(),
                () -> first.received);
        assertThat(first.received.subList(0, expected.subscribeMessages().size()))
                .as("what the exchange was sent").containsExactlyElementsOf(expected.subscribeMessages());
        first.socket.send(frames.trade(base, new BigDecimal("37413.10"), t0, 1));
        first.socket.send(frames.error());
        // heartbeats alone keep the socket alive for three silence timeouts
        String heartbeat = frames.heartbeat(2);
        if (heartbeat != null) {
            for (int i = 0; i < 12; i++) {
                first.socket.send(frames.heartbeat(2 + i));
                Thread.sleep(SILENCE.toMillis() / 4);
            }
            assertThat(connections).as("no reconnect while heartbeats arrive").hasSize(1);
        }
        first.socket.close(1001, "going away");

        ServerSide second = awaitConnection(1);
        Await.until("the subscriptions again", WAIT, () -> second.received.size() >= expected.subscribeMessages().size(),
                () -> second.received);
        second.socket.send(frames.trade(base, new BigDecimal("37420.00"), t1, 2));
        // then nothing: the feed must give this socket up after its silence timeout
        ServerSide third = awaitConnection(2);
        // counted before the third socket goes silent in its turn
        assertThat(counter("ws.silent.trips")).isEqualTo(1);
        assertThat(feed.stats().reconnects()).isEqualTo(2);
        Await.until("the subscriptions a third time", WAIT,
                () -> third.received.size() >= expected.subscribeMessages().size(), () -> third.received);
        third.socket.send(frames.trade(base, new BigDecimal("37431.50"), t2, 3));

        List<CryptoTick> ticks = SharedKafka.consume(Topics.CRYPTO_TICKS,
                (ConsumerRecord<String, CryptoTick> r) -> r.key().equals(frames.exchange + ":" + symbol), 3, WAIT)
                .stream().map(ConsumerRecord::value).toList();
        assertThat(ticks).extracting(CryptoTick::price, CryptoTick::exchangeTime).containsExactly(
                tuple(new BigDecimal("37413.10"), t0), tuple(new BigDecimal("37420.00"), t1),
                tuple(new BigDecimal("37431.50"), t2));
        // each outage from its last tick to its first, then the minute it ended in once that minute was over
        Await.until("both outages repaired", WAIT, () -> repairs.size() == 4, () -> repairs);
        assertThat(repairs).containsExactly(List.of(t0, t1), List.of(m1, m2), List.of(t1, t2),
                List.of(m2, m2.plusSeconds(60)));
        assertThat(restTargets).as("the candles fetched over REST").hasSizeGreaterThanOrEqualTo(2);
        assertThat(counter("ws.outages.repaired")).isEqualTo(2);
        // the minutes of both outages as the exchange's candles: m0; m1 when it was over, and again for the second
        // outage; m2 when it was over
        List<Instant> repaired = SharedKafka.consume(Topics.CRYPTO_OHLC,
                        (ConsumerRecord<String, Candle> r) -> r.key().equals(frames.exchange + ":" + symbol), 4, WAIT)
                .stream().map(r -> r.value().windowStart()).toList();
        assertThat(repaired).containsExactlyInAnyOrder(firstMinute, m1, m1, m2);

        List<IngestReject> rejects = SharedKafka.consume(Topics.INGEST_REJECTS,
                (ConsumerRecord<String, IngestReject> r) -> r.value().url().equals(wsUri().toString()), 1, WAIT)
                .stream().map(ConsumerRecord::value).toList();
        assertThat(rejects).singleElement().satisfies(reject -> {
            assertThat(reject.source()).isEqualTo(frames.exchange);
            assertThat(reject.reason()).isEqualTo(RejectReason.EXCHANGE_ERROR.code());
        });
    }

    private WsTickerFeed start(WsExchangeFrames frames, String symbol, WsProtocol protocol,
                               InstrumentRegistry instruments) {
        Exchange exchange = Exchange.of(frames.exchange);
        ExchangeSettings settings = ExchangeSettings.defaults(frames.exchange).withSymbols(List.of(symbol))
                .withBaseUrl(server.url("/").toString());
        ExchangeAdapter adapter = exchange.adapter(new SourceHttpClient(http, Duration.ofSeconds(2),
                Duration.ofSeconds(2), Clock.systemUTC()), settings.baseUrl(), instruments);
        TickerPoller.GapRepair rest = IngestStage.candlesToOhlc(exchange, settings, adapter, producer,
                Clock.systemUTC());
        TickerPoller.GapRepair recorded = (s, from, to) -> {
            repairs.add(List.of(from, to));
            return rest.repair(s, from, to);
        };
        TickerPoller.Guards guards = TickerPoller.Guards.forExchange(settings,
                new TickValidator(TickValidator.Settings.defaults()), Duration.ofMinutes(1), recorded, registry,
                Clock.systemUTC());
        WsTickerFeed started = new WsTickerFeed(protocol, settings,
                FeedConnection.Settings.of(protocol).withUri(wsUri()).withBackoff(FAST), http, producer, guards,
                registry, Clock.systemUTC());
        started.start();
        return started;
    }

    /** The exchange: its WebSocket at {@code /ws}, and its 1-minute candles of the test's minutes on every other path. */
    private void startServer(WsExchangeFrames frames, String base, Instant first, int minutes) throws Exception {
        String candles = frames.candles(base, first, minutes);
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                if (request.getTarget().equals("/ws")) {
                    ServerSide side = new ServerSide();
                    connections.add(side);
                    return new MockResponse.Builder().webSocketUpgrade(side).build();
                }
                restTargets.add(request.getTarget());
                return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
                        .body(candles).build();
            }
        });
        server.start();
    }

    private URI wsUri() {
        return URI.create(server.url("/ws").toString().replaceFirst("^http", "ws"));
    }

    private ServerSide awaitConnection(int index) {
        Await.until("connection " + (index + 1), WAIT,
                () -> connections.size() > index && connections.get(index).socket != null, () -> connections);
        return connections.get(index);
    }

    private double counter(String name) {
        return registry.get(name).functionCounter().count();
    }

    /** The exchange's protocol with a silence timeout short enough for a test. */
    private static WsProtocol quick(WsProtocol real) {
        return new WsProtocol() {
            @Override
            public String exchange() {
                return real.exchange();
            }

            @Override
            public URI defaultUri() {
                return real.defaultUri();
            }

            @Override
            public Duration silenceTimeout() {
                return SILENCE;
            }

            @Override
            public Duration pingInterval() {
                return real.pingInterval();
            }

            @Override
            public WsSession open(List<String> symbols) {
                return real.open(symbols);
            }
        };
    }

    /** The exchange's end of one connection: what the client sent, and the socket to answer on. */
    private static final class ServerSide extends WebSocketListener {
        final List<String> received = new CopyOnWriteArrayList<>();
        volatile WebSocket socket;

        @Override
        public void onOpen(WebSocket webSocket, Response response) {
            socket = webSocket;
        }

        @Override
        public void onMessage(WebSocket webSocket, String text) {
            received.add(text);
        }

        @Override
        public String toString() {
            return "connection " + (socket == null ? "opening" : "open") + ", received " + received;
        }
    }
}
