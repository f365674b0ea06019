package dev.rigwatch.bench;

import dev.rigwatch.events.SuppliedClock;
import dev.rigwatch.events.CryptoTick;
import dev.rigwatch.events.TimeSource;
import dev.rigwatch.events.Topic;
import dev.rigwatch.events.TopicNamespace;
import dev.rigwatch.events.Topics;
import dev.rigwatch.events.kafka.EventProducer;
import dev.rigwatch.ingest.ExchangeSettings;
import dev.rigwatch.ingest.TickerPoller;
import dev.rigwatch.ingest.WsTickerFeed;
import dev.rigwatch.ingest.exchange.Exchange;
import dev.rigwatch.ingest.exchange.Instrument;
import dev.rigwatch.ingest.exchange.InstrumentRegistry;
import dev.rigwatch.ingest.resilience.TickValidator;
import dev.rigwatch.ingest.ws.FeedConnection;
import dev.rigwatch.ingest.ws.WsProtocol;
import dev.rigwatch.ingest.ws.WsProtocols;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.apache.kafka.common.utils.Utils;

/**
 * The WebSocket latency run's way in: a {@link PacedTickLoad}'s ticks sent as Coinbase Advanced Trade ticker
 * messages by a local {@link CoinbaseWsServer}, one message per tick, to ingest's real {@link WsTickerFeed} (the
 * Coinbase protocol, validation, gap tracking), which produces them to {@code crypto.ticks} of the run's namespace.
 * A tick is timed from when the server handed its message to the socket.
 *
 * <p>The feed's receipt clock is the load's event clock (60 times the wall clock, as the simulator's is), so that the
 * validator's staleness and skew checks see a tick received when it happened. Each message's timestamp is its
 * tick's event time plus a few nanoseconds, its place in its batch: Coinbase's tick has no trade id, so its identity
 * is its time and price, and two ticks of one product in one 2 ms batch would otherwise read as one repeated.
 * The offset stays under the millisecond, so candles and record timestamps are those of the producer run.
 */
final class WsIngest implements PacedTickLoad.TickSink, AutoCloseable {

    static final String EXCHANGE = Exchange.COINBASE.id();
    private static final Duration SUBSCRIBE_TIMEOUT = Duration.ofSeconds(30);
    /** No symbol falls silent this long within a run: the gap watch stays quiet unless the feed breaks. */
    private static final Duration STALE_AFTER = Duration.ofMinutes(5);

    private final PacedTickLoad load;
    private final CoinbaseWsServer server;
    private final OkHttpClient http = new OkHttpClient();
    private final EventProducer producer;
    private final WsTickerFeed feed;
    private final int partitions;
    /** The subscription's snapshot: a ticker per product, before the load. */
    private final int snapshotTicks;
    private Instant batchTime;
    private long inBatch;
    private boolean closed;

    /** Starts the server and the feed, and returns once the feed has subscribed. */
    WsIngest(String bootstrap, TopicNamespace ns, PacedTickLoad load, MeterRegistry meters) {
        this.load = load;
        this.partitions = ns.of(Topics.CRYPTO_TICKS).partitions();
        List<String> symbols = load.input().symbols();
        InstrumentRegistry instruments = InstrumentRegistry.of(symbols.stream()
                .map(symbol -> new Instrument(EXCHANGE, symbol, symbol, symbol)).toList());
        this.snapshotTicks = symbols.size();
        this.server = new CoinbaseWsServer(load::eventNow, (product, now) -> snapshotOf(product, now)).start();
        WsProtocol protocol = WsProtocols.forExchange(Exchange.COINBASE, instruments);
        ExchangeSettings exchange = new ExchangeSettings(EXCHANGE, "http://127.0.0.1:9", symbols,
                Duration.ofSeconds(1), ExchangeSettings.Transport.WS, server.uri());
        FeedConnection.Settings connection = FeedConnection.Settings.of(protocol).withUri(URI.create(server.uri()));
        Clock wall = Clock.systemUTC();
        // a repair would mean the feed lost messages: the run tells its reconnects rather than fetch candles
        TickerPoller.Guards guards = TickerPoller.Guards.forExchange(exchange,
                new TickValidator(TickValidator.Settings.defaults()), STALE_AFTER, (symbol, from, to) -> 0, meters,
                wall);
        this.producer = EventProducer.inNamespace(bootstrap, "rigwatch-bench-ws-ingest", ns);
        this.feed = new WsTickerFeed(protocol, exchange, connection, http, producer, guards, meters,
                new SuppliedClock(load::eventNow, "the load's event clock"));
        try {
            feed.start();
            server.awaitSubscribed(SUBSCRIBE_TIMEOUT);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** What the subscription's snapshot quotes: the load's price of the moment. */
    private CryptoTick snapshotOf(String product, Instant now) {
        return new CryptoTick(CryptoTick.VERSION, EXCHANGE, product, PacedTickLoad.LEVEL, PacedTickLoad.LEVEL,
                PacedTickLoad.LEVEL, null, null, now, now, TimeSource.EXCHANGE);
    }

    @Override
    public void send(CryptoTick tick, Instant time, PacedTickLoad.Sent sent) {
        if (!time.equals(batchTime)) {
            batchTime = time;
            inBatch = 0;
        }
        long sentAt = server.sendTicker(tick, time.plusNanos(++inBatch));
        sent.sent(partitionOf(tick.key(), partitions), sentAt);
    }

    /**
     * The partition of {@code crypto.ticks} ({@code partitions} of them) that ingest's producer sends {@code key} to:
     * the default partitioner's for a keyed record.
     */
    static int partitionOf(String key, int partitions) {
        Topic<String, CryptoTick> ticks = Topics.CRYPTO_TICKS;
        byte[] bytes = ticks.keySerde().serializer().serialize(ticks.name(), key);
        return Utils.toPositive(Utils.murmur2(bytes)) % partitions;
    }

    /** Stops the feed once the messages sent are read and produced, and flushes its producer. */
    @Override
    public void flush() {
        long sent = load.sent();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (handled() < sent + snapshotTicks && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        producer.flush();
    }

    /** Ticks the feed produced, or found repeated or invalid. */
    private long handled() {
        TickerPoller.Stats stats = feed.stats();
        return stats.ticksProduced() + stats.ticksSendFailed() + stats.ticksUnchanged() + stats.ticksInvalid();
    }

    @Override
    public Exception failure() {
        return server.failure();
    }

    TickerPoller.Stats stats() {
        return feed.stats();
    }

    long connections() {
        return server.connections();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        feed.close();
        producer.close();
        server.close();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
