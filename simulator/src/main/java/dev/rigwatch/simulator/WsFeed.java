package dev.rigwatch.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rigwatch.events.Json;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client's connection to one exchange's simulated WebSocket feed: what the four feeds share. The client's
 * frames come in through {@link #receive}; {@link #tick} (called every few milliseconds by
 * {@link SimulatorWsServer}) pushes every trade of the followed products that happened on the simulated clock
 * since the last tick, in the order of their trade times, and a heartbeat once a real second. A subclass speaks one
 * exchange's subscribe messages, answers, channels and formats.
 *
 * <p>Every message sent goes through {@link #send}, which applies the {@link WsFaultPlan}: message {@code n} of
 * the connection may cut the connection, silence it for good, go out truncated, or be held back behind the next.
 * Methods are synchronized: the socket's thread delivers frames while the ticking thread pushes trades.
 */
abstract class WsFeed {

    private static final Logger log = LoggerFactory.getLogger(WsFeed.class);

    /** At most this many simulated seconds of trades are caught up in one tick; older ones are left out. */
    static final int MAX_SECONDS_PER_TICK = 600;
    static final Duration HEARTBEAT_INTERVAL = Duration.ofSeconds(1);
    /** RFC 3339 in UTC with microseconds, as Kraken writes times. */
    static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);
    /** RFC 3339 in UTC with nanoseconds, as Coinbase writes times. */
    static final DateTimeFormatter NANOS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    /** Where a feed's frames go: the socket, or a test's list. */
    interface Socket {
        void send(String text);

        /** Cuts the connection without a close frame, as a crashed server or a broken network does. */
        void cut();
    }

    protected final SimulatedExchange exchange;
    protected final SimulatedMarket market;
    private final Socket socket;
    private final WsFaultPlan faults;
    private final long connection;
    /** The followed products, each with the second of the last trade sent. */
    private final Map<SimulatedProduct, Long> lastSent = new LinkedHashMap<>();
    /** This tick's quotes, computed on first use: their 24 h statistics cost thousands of trades each. */
    private final Map<SimulatedProduct, Quote> tickQuotes = new HashMap<>();
    private long messages;
    private String heldBack;
    private boolean silent;
    private boolean cut;
    private Instant nextHeartbeat;

    /** @param connection this connection's number among the exchange's, from 0: it addresses the faults */
    WsFeed(SimulatedExchange exchange, SimulatedMarket market, Socket socket, WsFaultPlan faults, long connection) {
        this.exchange = exchange;
        this.market = market;
        this.socket = socket;
        this.faults = faults;
        this.connection = connection;
    }

    /** The connection is open: what the exchange sends unasked, e.g. Kraken's status. */
    final synchronized void open() {
        opened(market.clock().now());
    }

    /** A frame from the client. A silenced or cut connection no longer answers. */
    final synchronized void receive(String text) {
        if (silent || cut) {
            return;
        }
        JsonNode node;
        try {
            node = Json.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            node = null;
        }
        tickQuotes.clear();
        if (node instanceof ObjectNode object) {
            handle(object, text, market.clock().now());
        } else {
            notAnObject(text, market.clock().now());
        }
    }

    /** Pushes the trades since the last tick, and a heartbeat when one is due by {@code realNow}. */
    final synchronized void tick(Instant realNow) {
        if (silent || cut) {
            return;
        }
        Instant now = market.clock().now();
        tickQuotes.clear();
        List<TradeTape.Trade> trades = new ArrayList<>();
        for (Map.Entry<SimulatedProduct, Long> followed : lastSent.entrySet()) {
            TradeTape tape = market.tape(exchange, followed.getKey());
            long last = tape.lastTradeSecond(now);
            for (long second = Math.max(followed.getValue() + 1, last - MAX_SECONDS_PER_TICK + 1); second <= last;
                    second++) {
                trades.add(tape.trade(second));
            }
            followed.setValue(Math.max(followed.getValue(), last));
        }
        trades.sort(Comparator.comparing(TradeTape.Trade::time));
        for (TradeTape.Trade trade : trades) {
            if (silent || cut) {
                return;
            }
            trade(trade, now);
        }
        if (nextHeartbeat != null && !realNow.isBefore(nextHeartbeat)) {
            nextHeartbeat = realNow.plus(HEARTBEAT_INTERVAL);
            heartbeat(now);
        }
    }

    void opened(Instant now) {
    }

    /** The client's JSON object: a subscribe request, a ping, ... */
    abstract void handle(ObjectNode message, String text, Instant now);

    /** A frame that is not a JSON object. */
    abstract void notAnObject(String text, Instant now);

    /** One trade of a followed product, as the channels subscribed for it show it. */
    abstract void trade(TradeTape.Trade trade, Instant now);

    /** Once a real second, once {@link #startHeartbeats}. */
    void heartbeat(Instant now) {
    }

    /** Called after a message that was sent whole when the fault plan says {@code skip}. */
    void skipSequence() {
    }

    /** From now on, pushes every trade of {@code product} after the current one. */
    final void follow(SimulatedProduct product, Instant now) {
        lastSent.putIfAbsent(product, market.tape(exchange, product).lastTradeSecond(now));
    }

    final void startHeartbeats() {
        if (nextHeartbeat == null) {
            nextHeartbeat = market.clock().real().instant().plus(HEARTBEAT_INTERVAL);
        }
    }

    /** The product's ticker as of this tick (or now, outside a tick), with its 24 h statistics. */
    final Quote quote(SimulatedProduct product, Instant now) {
        return tickQuotes.computeIfAbsent(product, p -> market.tape(exchange, p).quoteAt(now));
    }

    /** The listed product this exchange calls {@code symbol}, by {@code symbolOf}. */
    final Optional<SimulatedProduct> product(String symbol, Function<SimulatedProduct, String> symbolOf) {
        return market.products().stream().filter(p -> symbolOf.apply(p).equals(symbol)).findFirst();
    }

    /** Sends {@code json} unless the fault plan says otherwise. */
    final void send(ObjectNode json) {
        String text;
        try {
            text = Json.mapper().writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write " + exchange.id() + " message", e);
        }
        send(text);
    }

    final void send(String text) {
        if (silent || cut) {
            return;
        }
        long index = messages++;
        switch (faults.faultOf(exchange.id(), connection, index)) {
            case DROP -> {
                cut = true;
                log.info("Simulated {} WebSocket fault: connection {} cut at message {}", exchange.id(), connection,
                        index);
                socket.cut();
            }
            case SILENT -> {
                silent = true;
                log.info("Simulated {} WebSocket fault: connection {} silent from message {}", exchange.id(),
                        connection, index);
            }
            case MALFORMED -> write(text.substring(0, text.length() / 2));
            case REORDER -> {
                if (heldBack == null) {
                    heldBack = text;
                } else {
                    write(text);
                }
            }
            case SKIP -> {
                write(text);
                skipSequence();
            }
            case NONE -> write(text);
        }
    }

    /** Writes {@code text}, then the message held back before it, if any. */
    private void write(String text) {
        socket.send(text);
        if (heldBack != null) {
            String late = heldBack;
            heldBack = null;
            socket.send(late);
        }
    }

    static ObjectNode object() {
        return Json.mapper().createObjectNode();
    }
}
