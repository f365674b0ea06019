package dev.rigwatch.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rigwatch.events.CryptoTick;
import dev.rigwatch.events.Json;
import io.javalin.Javalin;
import io.javalin.websocket.WsContext;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.api.Callback;

/**
 * A local stand-in for Coinbase Advanced Trade's market-data WebSocket, for the WebSocket latency run: it answers
 * {@code {"type":"subscribe","product_ids":[...],"channel":"ticker"}} with a ticker {@code snapshot} and a
 * {@code subscriptions} message, {@code {"type":"subscribe","channel":"heartbeats"}} with a {@code subscriptions}
 * message and a {@code heartbeats} message every second, and then sends each tick it is handed as one ticker
 * {@code update}, in Coinbase's format (fixture {@code coinbase-ws-ticker-update.json}), every message numbered by
 * the connection's next {@code sequence_num}. One client at a time: the feed under test.
 */
final class CoinbaseWsServer implements AutoCloseable {

    static final String PATH = "/ws/coinbase";
    private static final Duration HEARTBEAT_EVERY = Duration.ofSeconds(1);
    private static final DateTimeFormatter GO_TIME = DateTimeFormatter.ofPattern(
            "yyyy-MM-dd HH:mm:ss.SSSSSSSSS '+0000 UTC'").withZone(ZoneOffset.UTC);
    private static final String VOLUME = "1234.56780000";
    private static final String QUANTITY = "0.50000000";

    private final Javalin app;
    /** The event clock of the messages' timestamps (heartbeats, snapshot, subscriptions). */
    private final Supplier<Instant> clock;
    /** What a snapshot quotes before the load ticks: each product's first tick. */
    private final SnapshotSource snapshot;
    private final Object sending = new Object();
    private final CountDownLatch subscribed = new CountDownLatch(2);
    private final AtomicReference<Exception> failed = new AtomicReference<>();
    private final AtomicLong connections = new AtomicLong();
    private final long startedNanos = System.nanoTime();
    private ScheduledExecutorService heartbeats;
    /** Guarded by {@link #sending}. */
    private WsContext client;
    private long sequence;
    private long heartbeatCounter;
    private final Set<String> tickerProducts = new LinkedHashSet<>();
    private boolean heartbeatsOn;

    /** The snapshot's ticker of a product, as the exchange would quote it at subscription. */
    interface SnapshotSource {
        CryptoTick quote(String productId, Instant now);
    }

    CoinbaseWsServer(Supplier<Instant> clock, SnapshotSource snapshot) {
        this.clock = clock;
        this.snapshot = snapshot;
        QueuedThreadPool threads = new QueuedThreadPool(8, 2);
        threads.setName("bench-coinbase-ws");
        threads.setDaemon(true);
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.jetty.host = "127.0.0.1";
            config.jetty.port = 0;
            config.jetty.threadPool = threads;
            config.routes.ws(PATH, ws -> {
                ws.onConnect(this::connected);
                ws.onMessage(ctx -> received(ctx, ctx.message()));
                ws.onClose(this::gone);
                ws.onError(this::gone);
            });
        });
    }

    CoinbaseWsServer start() {
        app.start();
        heartbeats = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bench-coinbase-ws-heartbeats");
            t.setDaemon(true);
            return t;
        });
        heartbeats.scheduleAtFixedRate(this::heartbeat, HEARTBEAT_EVERY.toMillis(), HEARTBEAT_EVERY.toMillis(),
                TimeUnit.MILLISECONDS);
        return this;
    }

    String uri() {
        return "ws://127.0.0.1:" + app.port() + PATH;
    }

    /** Connections accepted so far: more than one means the feed reconnected during the run. */
    long connections() {
        return connections.get();
    }

    /** Waits until the client has subscribed to both the ticker and the heartbeats channel. */
    void awaitSubscribed(Duration timeout) {
        try {
            if (!subscribed.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("the feed did not subscribe to " + uri() + " within " + timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for the feed to subscribe", e);
        }
    }

    /** Why a message could not be sent, or null. */
    Exception failure() {
        return failed.get();
    }

    /**
     * Sends {@code tick} as one ticker update stamped {@code timestamp}, and returns when it was handed to the socket
     * ({@code nanoTime}, just before the send).
     *
     * @throws IllegalStateException when no client is subscribed to the ticker channel
     */
    long sendTicker(CryptoTick tick, Instant timestamp) {
        String ticker = ticker(tick);
        synchronized (sending) {
            if (client == null || !tickerProducts.contains(tick.symbol())) {
                throw new IllegalStateException("no client subscribed to the ticker of " + tick.symbol());
            }
            String message = envelope("ticker", timestamp, "{\"type\":\"update\",\"tickers\":[" + ticker + "]}");
            long sentAt = System.nanoTime();
            send(message);
            return sentAt;
        }
    }

    private void connected(WsContext ctx) {
        synchronized (sending) {
            connections.incrementAndGet();
            client = ctx;
            sequence = 0;
            tickerProducts.clear();
            heartbeatsOn = false;
        }
    }

    private void gone(WsContext ctx) {
        synchronized (sending) {
            if (ctx.equals(client) || client != null && ctx.session == client.session) {
                client = null;
            }
        }
    }

    private void received(WsContext ctx, String text) {
        Instant now = clock.get();
        synchronized (sending) {
            if (client == null || ctx.session != client.session) {
                return;
            }
            JsonNode request;
            try {
                request = Json.mapper().readTree(text);
            } catch (IOException e) {
                error();
                return;
            }
            if (!"subscribe".equals(request.path("type").asText())) {
                error();
                return;
            }
            switch (request.path("channel").asText()) {
                case "ticker" -> {
                    List<String> products = new ArrayList<>();
                    request.path("product_ids").forEach(id -> products.add(id.asText()));
                    if (products.isEmpty()) {
                        error();
                        return;
                    }
                    List<String> tickers = new ArrayList<>();
                    for (String product : products) {
                        tickers.add(ticker(snapshot.quote(product, now)));
                    }
                    send(envelope("ticker", now, "{\"type\":\"snapshot\",\"tickers\":[" + String.join(",", tickers)
                            + "]}"));
                    tickerProducts.addAll(products);
                    sendSubscriptions(now);
                    subscribed.countDown();
                }
                case "heartbeats" -> {
                    heartbeatsOn = true;
                    sendSubscriptions(now);
                    subscribed.countDown();
                }
                default -> error();
            }
        }
    }

    private void heartbeat() {
        Instant now = clock.get();
        synchronized (sending) {
            if (client == null || !heartbeatsOn) {
                return;
            }
            double uptime = (System.nanoTime() - startedNanos) / 1e9;
            send(envelope("heartbeats", now, "{\"current_time\":\"" + GO_TIME.format(now) + " m=+"
                    + String.format(Locale.ROOT, "%.9f", uptime) + "\",\"heartbeat_counter\":" + ++heartbeatCounter
                    + "}"));
        }
    }

    private void sendSubscriptions(Instant now) {
        StringBuilder byChannel = new StringBuilder("{\"subscriptions\":{");
        if (!tickerProducts.isEmpty()) {
            byChannel.append("\"ticker\":[\"").append(String.join("\",\"", tickerProducts)).append("\"]");
        }
        if (heartbeatsOn) {
            byChannel.append(tickerProducts.isEmpty() ? "" : ",").append("\"heartbeats\":[\"heartbeats\"]");
        }
        send(envelope("subscriptions", now, byChannel.append("}}").toString()));
    }

    private void error() {
        send("{\"type\":\"error\",\"message\":\"failure to subscribe\"}");
    }

    /** The envelope of every channel, with the next sequence number; guarded by {@link #sending}. */
    private String envelope(String channel, Instant timestamp, String event) {
        return "{\"channel\":\"" + channel + "\",\"client_id\":\"\",\"timestamp\":\""
                + DateTimeFormatter.ISO_INSTANT.format(timestamp) + "\",\"sequence_num\":" + sequence++
                + ",\"events\":[" + event + "]}";
    }

    /** One product's ticker: the tick's price, bid and ask; the 24 h and 52 w figures are fixed. */
    private static String ticker(CryptoTick tick) {
        String price = tick.price().toPlainString();
        BigDecimal bid = tick.bid() == null ? tick.price() : tick.bid();
        BigDecimal ask = tick.ask() == null ? tick.price() : tick.ask();
        return "{\"type\":\"ticker\",\"product_id\":\"" + tick.symbol() + "\",\"price\":\"" + price
                + "\",\"volume_24_h\":\"" + VOLUME + "\",\"low_24_h\":\"4900.00\",\"high_24_h\":\"5100.00\""
                + ",\"low_52_w\":\"15460\",\"high_52_w\":\"38450\",\"price_percent_chg_24_h\":\"1.53495343610214\""
                + ",\"best_bid\":\"" + bid.toPlainString() + "\",\"best_bid_quantity\":\"" + QUANTITY
                + "\",\"best_ask\":\"" + ask.toPlainString() + "\",\"best_ask_quantity\":\"" + QUANTITY + "\"}";
    }

    /** Asynchronously, in order; guarded by {@link #sending}. */
    private void send(String text) {
        WsContext to = client;
        if (to == null || !to.session.isOpen()) {
            failed.compareAndSet(null, new IllegalStateException("the feed's connection closed"));
            return;
        }
        to.session.sendText(text, Callback.from(() -> { }, e -> failed.compareAndSet(null,
                e instanceof Exception ex ? ex : new IllegalStateException(e))));
    }

    @Override
    public void close() {
        if (heartbeats != null) {
            heartbeats.shutdownNow();
        }
        app.stop();
    }
}
