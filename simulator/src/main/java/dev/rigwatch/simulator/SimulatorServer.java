package dev.rigwatch.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local HTTP server playing four exchanges and two used-GPU marketplaces at once: the ticker and candle endpoints
 * of Coinbase Exchange, Kraken, Binance and Bitstamp for a {@link SimulatedMarket}, and eBay's token and item search
 * ({@code EbayApi}) and r/hardwareswap's new posts ({@code HardwareswapApi}) for a {@link ListingMarket}, each in its
 * real format under its real path, so one base URL serves every client. Unless given one
 * ({@link #listings(ListingMarket)}), it serves the default listing market on the crypto market's clock, and eBay
 * accepts the client {@link EbayAuth#DEFAULTS} unless told otherwise ({@link #ebayAuth(EbayAuth)}). Optionally it
 * injects faults into every endpoint ({@link #faults(FaultPlan)}) and reports every ticker it sent in full
 * ({@link #onServed(Consumer)}). Built on the JDK's {@code com.sun.net.httpserver}.
 *
 * <p>Beside it, on a port of their own ({@link #wsPort()}), the four exchanges' WebSocket market-data feeds
 * ({@link SimulatorWsServer}, one path each: {@link #wsUrl(SimulatedExchange)}), with their own faults
 * ({@link #wsFaults(WsFaultPlan)}).
 */
public final class SimulatorServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SimulatorServer.class);

    private static final int THREADS = 4;
    private static final String NO_DELAY = "sun.net.httpserver.nodelay";
    /**
     * How long {@link #close()} waits for handler threads. The server itself stops at once: on JDK 17 a grace
     * period passed to {@code HttpServer.stop} is always waited out in full while a keep-alive connection is open.
     */
    private static final int STOP_WAIT_SECONDS = 1;

    /** The default bind address: this machine only. */
    public static final String LOOPBACK = "127.0.0.1";
    /** Serves the simulated clock as {@link SimulatedClock#describe()}, so stages in other processes share it. */
    public static final String CLOCK_PATH = "/rigwatch/clock";

    static {
        // The JDK server leaves Nagle's algorithm on unless told otherwise (read once per JVM, when it first starts):
        // then every answer waits about 40 ms between its headers and its body for the client's delayed ACK.
        if (System.getProperty(NO_DELAY) == null) {
            System.setProperty(NO_DELAY, "true");
        }
    }

    private final SimulatedMarket market;
    private final String host;
    private final int requestedPort;
    private FaultPlan faults = FaultPlan.NONE;
    private WsFaultPlan wsFaults = WsFaultPlan.NONE;
    private int requestedWsPort;
    private SimulatorWsServer ws;
    private Consumer<ServedTick> onServed = tick -> { };
    private boolean holdUntilRequested;
    private ListingMarket listings;
    private EbayAuth ebayAuth = EbayAuth.DEFAULTS;
    private EbayApi ebay;
    private HttpServer server;
    private ExecutorService executor;
    /** Holds slow answers back without holding a request thread. */
    private ScheduledExecutorService delayer;

    /**
     * @param market what the exchanges serve; the marketplaces serve {@link ListingMarket#defaults} on its clock
     * @param host   the address to bind: {@link #LOOPBACK}, or {@code 0.0.0.0} in a container
     * @param port   the port to listen on; 0 picks a free one (see {@link #port()})
     */
    public SimulatorServer(SimulatedMarket market, String host, int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0-65535, was " + port);
        }
        this.market = market;
        this.listings = ListingMarket.defaults(market.clock());
        this.host = host;
        this.requestedPort = port;
    }

    /** Fails this fraction of the requests to every endpoint (none by default). Only before {@link #start()}. */
    public synchronized SimulatorServer faults(FaultPlan plan) {
        requireNotStarted();
        this.faults = Objects.requireNonNull(plan, "plan");
        return this;
    }

    /** Spoils this fraction of the WebSocket feeds' messages (none by default). Only before {@link #start()}. */
    public synchronized SimulatorServer wsFaults(WsFaultPlan plan) {
        requireNotStarted();
        this.wsFaults = Objects.requireNonNull(plan, "plan");
        return this;
    }

    /** The port of the WebSocket feeds; 0, the default, picks a free one. Only before {@link #start()}. */
    public synchronized SimulatorServer wsPort(int port) {
        requireNotStarted();
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("WebSocket port must be 0-65535, was " + port);
        }
        this.requestedWsPort = port;
        return this;
    }

    /**
     * Calls {@code listener} for every ticker answer sent in full (garbage and errors are not; slow answers are,
     * with their delay), on the server's threads, after the last byte was written: so possibly after the client has
     * read it and asked again, and from several threads at once. Once {@link #close()} returns it has been called
     * for everything sent. Only before {@link #start()}.
     */
    public synchronized SimulatorServer onServed(Consumer<ServedTick> listener) {
        requireNotStarted();
        this.onServed = Objects.requireNonNull(listener, "listener");
        return this;
    }

    /** The used-GPU market that eBay and r/hardwareswap serve. Only before {@link #start()}. */
    public synchronized SimulatorServer listings(ListingMarket listingMarket) {
        requireNotStarted();
        this.listings = Objects.requireNonNull(listingMarket, "listingMarket");
        return this;
    }

    /**
     * Keeps a {@link SimulatedClock#held held} simulated clock at its start past {@link #start()}, until the first
     * request: the market's hour begins when its first watcher asks, not when the server came up (in a compose stack
     * the simulator is up long before the stages), when {@code hold}; false is the default, the clock released at
     * start. Only before {@link #start()}.
     */
    public synchronized SimulatorServer holdUntilRequested(boolean hold) {
        requireNotStarted();
        this.holdUntilRequested = hold;
        return this;
    }

    /** The eBay client allowed to get tokens, and their lifetime. Only before {@link #start()}. */
    public synchronized SimulatorServer ebayAuth(EbayAuth auth) {
        requireNotStarted();
        this.ebayAuth = Objects.requireNonNull(auth, "auth");
        return this;
    }

    /** Binds and starts serving; a {@link SimulatedClock#held held} simulated clock starts running now. */
    public synchronized SimulatorServer start() {
        requireNotStarted();
        HttpServer bound;
        try {
            bound = HttpServer.create(new InetSocketAddress(host, requestedPort), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + host + ":" + requestedPort, e);
        }
        AtomicInteger threads = new AtomicInteger();
        executor = Executors.newFixedThreadPool(THREADS, r -> {
            Thread t = new Thread(r, "simulator-http-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        bound.setExecutor(executor);
        delayer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "simulator-slow-answers");
            t.setDaemon(true);
            return t;
        });
        ebay = new EbayApi(listings, ebayAuth, faults, delayer);
        for (SimulatedApi api : List.of(
                new CoinbaseApi(market, faults, delayer, onServed),
                new KrakenApi(market, faults, delayer, onServed),
                new BinanceApi(market, faults, delayer, onServed),
                new BitstampApi(market, faults, delayer, onServed),
                ebay,
                new HardwareswapApi(listings, faults, delayer))) {
            for (String context : api.contexts()) {
                bound.createContext(context, releasingClocks(api));
            }
        }
        SimulatedClock clock = market.clock();
        bound.createContext(CLOCK_PATH, releasingClocks(http -> answerClock(http, clock)));
        if (!holdUntilRequested) {
            // a held simulation starts now that it can be watched
            releaseClocks();
        }
        SimulatorWsServer feeds = new SimulatorWsServer(market, host, requestedWsPort, wsFaults, this::releaseClocks);
        try {
            feeds.start();
        } catch (RuntimeException e) {
            feeds.close();
            executor.shutdownNow();
            delayer.shutdownNow();
            throw new IllegalStateException("cannot serve the WebSocket feeds on " + host + ":" + requestedWsPort, e);
        }
        bound.start();
        server = bound;
        ws = feeds;
        log.info("Simulator serving the tickers and candles of {} on coinbase, kraken, binance and bitstamp at {}; "
                        + "simulated time starts {} at {}x, history from {}; faults: {}",
                market.productIds(), baseUrl(), clock.start(), clock.speed(), market.openedAt(), faults);
        log.info("Simulator serving the WebSocket feeds of coinbase, kraken, binance and bitstamp at {}{}, {}, {} and {};"
                        + " faults: {}", wsBaseUrl(), CoinbaseWs.PATH, KrakenWs.PATH, BinanceWs.PATH, BitstampWs.PATH,
                wsFaults);
        log.info("Simulator serving used {} on ebay (client id {}, tokens for {} s) and hardwareswap, listings from {}",
                listings.gpus().stream().map(SimulatedGpu::model).toList(), ebayAuth.clientId(),
                ebayAuth.tokenLifetime().toSeconds(), listings.openedAt());
        return this;
    }

    private HttpHandler releasingClocks(HttpHandler handler) {
        return http -> {
            releaseClocks();
            handler.handle(http);
        };
    }

    /** The listing market shares the crypto market's clock or runs its own. */
    private void releaseClocks() {
        market.clock().release();
        listings.clock().release();
    }

    private static void answerClock(HttpExchange http, SimulatedClock clock) throws IOException {
        try (http) {
            byte[] body = (clock.describe() + "\n").getBytes(StandardCharsets.UTF_8);
            http.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            http.sendResponseHeaders(200, body.length);
            http.getResponseBody().write(body);
        }
    }

    private void requireNotStarted() {
        if (server != null) {
            throw new IllegalStateException("the simulator is already started at " + baseUrl());
        }
    }

    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("the simulator is not started");
        }
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:<port>}: the base URL to give an exchange client instead of the real one. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** The port of the WebSocket feeds. */
    public synchronized int wsPort() {
        if (ws == null) {
            throw new IllegalStateException("the simulator is not started");
        }
        return ws.port();
    }

    /** {@code ws://127.0.0.1:<wsPort>}: what the feeds' paths follow. */
    public String wsBaseUrl() {
        return "ws://127.0.0.1:" + wsPort();
    }

    /** The URL to give {@code exchange}'s WebSocket client instead of the real one, e.g. {@code ws://127.0.0.1:<wsPort>/ws/kraken/v2}. */
    public String wsUrl(SimulatedExchange exchange) {
        return wsBaseUrl() + SimulatorWsServer.path(exchange);
    }

    public synchronized WsFaultPlan wsFaults() {
        return wsFaults;
    }

    public SimulatedMarket market() {
        return market;
    }

    public synchronized ListingMarket listings() {
        return listings;
    }

    public synchronized EbayAuth ebayAuth() {
        return ebayAuth;
    }

    /** Makes every eBay token issued so far invalid now, as when they expire: the next search with one is a 401. */
    public synchronized void expireEbayTokens() {
        if (server == null) {
            throw new IllegalStateException("the simulator is not started");
        }
        ebay.expireTokens();
    }

    public synchronized FaultPlan faults() {
        return faults;
    }

    /**
     * Stops serving at once (a request in progress is cut off, a slow answer not yet due is dropped). Once it
     * returns, the served-tick listener has been called for everything sent. Safe to call more than once.
     */
    @Override
    public synchronized void close() {
        if (server == null) {
            return;
        }
        server.stop(0);
        ws.close();
        delayer.shutdownNow();
        executor.shutdown();
        try {
            if (!executor.awaitTermination(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        server = null;
        ws = null;
        executor = null;
        delayer = null;
        ebay = null;
    }
}
