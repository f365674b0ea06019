package dev.rigwatch.simulator;

import io.javalin.Javalin;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.api.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The four exchanges' WebSocket market-data feeds on one port (Javalin on Jetty), each under its own path:
 * {@value CoinbaseWs#PATH} (Coinbase Advanced Trade), {@value KrakenWs#PATH} (Kraken v2), {@value BinanceWs#PATH}
 * (Binance raw streams) and {@value BitstampWs#PATH} (Bitstamp v2). Each connection gets its exchange's
 * {@link WsFeed}; one thread ticks every feed each {@link #TICK}, so the trades of the simulated seconds that passed
 * go out in small batches. {@link SimulatorServer} owns it and starts and stops it with the REST side.
 */
final class SimulatorWsServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SimulatorWsServer.class);

    /** How often the feeds push the trades that happened meanwhile: about six simulated seconds at 60x. */
    static final Duration TICK = Duration.ofMillis(100);
    /**
     * Longer than any client's silence timeout (Binance's is a minute): a connection that went silent on purpose
     * must stay open until the client gives up on it, not be closed by Jetty first.
     */
    static final Duration IDLE_TIMEOUT = Duration.ofMinutes(10);
    private static final int MAX_THREADS = 16;

    /** A feed for one connection: its exchange's, numbered among that exchange's connections. */
    private interface FeedFactory {
        WsFeed open(SimulatedMarket market, WsFeed.Socket socket, WsFaultPlan faults, long connection);
    }

    private final SimulatedMarket market;
    private final WsFaultPlan faults;
    private final Runnable onConnect;
    private final Map<WsContext, WsFeed> feeds = new ConcurrentHashMap<>();
    private final Map<SimulatedExchange, AtomicLong> connections = new EnumMap<>(SimulatedExchange.class);
    private final Javalin app;
    private ScheduledExecutorService ticker;

    /**
     * @param onConnect run on every new connection, before its feed opens (the server releases held clocks)
     */
    SimulatorWsServer(SimulatedMarket market, String host, int port, WsFaultPlan faults, Runnable onConnect) {
        this.market = market;
        this.faults = Objects.requireNonNull(faults, "faults");
        this.onConnect = onConnect;
        for (SimulatedExchange exchange : SimulatedExchange.values()) {
            connections.put(exchange, new AtomicLong());
        }
        QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, 2);
        threads.setName("simulator-ws");
        threads.setDaemon(true);
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.jetty.host = host;
            config.jetty.port = port;
            config.jetty.threadPool = threads;
            config.jetty.modifyWebSocketServletFactory(factory -> factory.setIdleTimeout(IDLE_TIMEOUT));
            config.routes.ws(CoinbaseWs.PATH, ws -> route(ws, SimulatedExchange.COINBASE, CoinbaseWs::new));
            config.routes.ws(KrakenWs.PATH, ws -> route(ws, SimulatedExchange.KRAKEN, KrakenWs::new));
            config.routes.ws(BinanceWs.PATH, ws -> route(ws, SimulatedExchange.BINANCE, BinanceWs::new));
            config.routes.ws(BitstampWs.PATH, ws -> route(ws, SimulatedExchange.BITSTAMP, BitstampWs::new));
        });
    }

    /** The path of {@code exchange}'s feed, e.g. {@value KrakenWs#PATH}. */
    static String path(SimulatedExchange exchange) {
        return switch (exchange) {
            case COINBASE -> CoinbaseWs.PATH;
            case KRAKEN -> KrakenWs.PATH;
            case BINANCE -> BinanceWs.PATH;
            case BITSTAMP -> BitstampWs.PATH;
        };
    }

    private void route(WsConfig ws, SimulatedExchange exchange, FeedFactory factory) {
        ws.onConnect(ctx -> {
            onConnect.run();
            long number = connections.get(exchange).getAndIncrement();
            WsFeed feed = factory.open(market, socket(ctx), faults, number);
            feeds.put(ctx, feed);
            feed.open();
        });
        ws.onMessage(ctx -> {
            WsFeed feed = feeds.get(ctx);
            if (feed != null) {
                feed.receive(ctx.message());
            }
        });
        ws.onClose(ctx -> feeds.remove(ctx));
        ws.onError(ctx -> feeds.remove(ctx));
    }

    /**
     * Frames go out asynchronously, in order; a cut waits for those already queued, so a client sees exactly the
     * messages before the fault, then a connection reset.
     */
    private static WsFeed.Socket socket(WsContext ctx) {
        return new WsFeed.Socket() {
            private CompletableFuture<Void> lastSent = CompletableFuture.completedFuture(null);

            @Override
            public void send(String text) {
                if (ctx.session.isOpen()) {
                    Callback.Completable sent = new Callback.Completable();
                    ctx.session.sendText(text, sent);
                    lastSent = sent;
                }
            }

            @Override
            public void cut() {
                lastSent.whenComplete((done, failed) -> ctx.session.disconnect());
            }
        };
    }

    SimulatorWsServer start() {
        app.start();
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "simulator-ws-ticker");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleWithFixedDelay(this::tick, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    private void tick() {
        Instant realNow = market.clock().real().instant();
        for (WsFeed feed : feeds.values()) {
            try {
                feed.tick(realNow);
            } catch (RuntimeException e) {
                log.error("A simulated WebSocket feed failed to tick", e);
            }
        }
    }

    int port() {
        return app.port();
    }

    /** Stops at once: open connections are closed. */
    @Override
    public void close() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
        app.stop();
        feeds.clear();
    }
}
