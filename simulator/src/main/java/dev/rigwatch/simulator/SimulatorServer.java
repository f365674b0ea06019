package dev.rigwatch.simulator;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local HTTP server playing an exchange: it serves Coinbase Exchange's ticker endpoint for a
 * {@link SimulatedMarket}, on 127.0.0.1 only. Built on the JDK's {@code com.sun.net.httpserver}.
 */
public final class SimulatorServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SimulatorServer.class);

    private static final int THREADS = 4;
    /**
     * How long {@link #close()} waits for handler threads. The server itself stops at once: on JDK 17 a grace
     * period passed to {@code HttpServer.stop} is always waited out in full while a keep-alive connection is open.
     */
    private static final int STOP_WAIT_SECONDS = 1;

    /** The default bind address: this machine only. */
    public static final String LOOPBACK = "127.0.0.1";

    private final SimulatedMarket market;
    private final String host;
    private final int requestedPort;
    private HttpServer server;
    private ExecutorService executor;

    /**
     * @param market what to serve
     * @param host   the address to bind: {@link #LOOPBACK}, or {@code 0.0.0.0} in a container
     * @param port   the port to listen on; 0 picks a free one (see {@link #port()})
     */
    public SimulatorServer(SimulatedMarket market, String host, int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0-65535, was " + port);
        }
        this.market = market;
        this.host = host;
        this.requestedPort = port;
    }

    /** Binds and starts serving. */
    public synchronized SimulatorServer start() {
        if (server != null) {
            throw new IllegalStateException("the simulator is already started at " + baseUrl());
        }
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
        bound.createContext(CoinbaseTickerHandler.CONTEXT, new CoinbaseTickerHandler(market));
        bound.start();
        server = bound;
        SimulatedClock clock = market.clock();
        log.info("Simulator serving the Coinbase ticker of {} at {}; simulated time starts {} at {}x",
                market.productIds(), baseUrl(), clock.start(), clock.speed());
        return this;
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

    public SimulatedMarket market() {
        return market;
    }

    /** Stops serving at once (a request in progress is cut off). Safe to call more than once. */
    @Override
    public synchronized void close() {
        if (server == null) {
            return;
        }
        server.stop(0);
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
        executor = null;
    }
}
