package dev.rigwatch.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.rigwatch.events.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the four exchange APIs share: routing to a ticker or candle endpoint, GET only, the {@link FaultPlan},
 * sending, and reporting every ticker sent in full as a {@link ServedTick}. A subclass speaks one exchange's
 * paths, parameters, formats and errors. The wire shapes are this module's own rather than shared with the ingest
 * clients, so a format mistake on one side is caught by the other's tests.
 */
abstract class ExchangeApi implements HttpHandler {

    private static final Logger log = LoggerFactory.getLogger(ExchangeApi.class);

    enum Endpoint { TICKER, CANDLES }

    /** Where a request path leads: an endpoint, and the product symbol when the path carries one. */
    record Route(Endpoint endpoint, String pathSymbol) {
    }

    /** A response, built in full before it is sent so a fault can replace or cut it. */
    record Reply(int status, String contentType, byte[] body, Map<String, String> headers, List<ServedTick> served) {

        static Reply json(int status, Object body) {
            try {
                return new Reply(status, JSON, Json.mapper().writeValueAsBytes(body), Map.of(), List.of());
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException("cannot write a response body", e);
            }
        }

        static Reply html(int status, String title) {
            String page = "<html><head><title>" + status + " " + title + "</title></head><body><h1>" + status + " "
                    + title + "</h1></body></html>\n";
            return new Reply(status, "text/html; charset=utf-8", page.getBytes(StandardCharsets.UTF_8), Map.of(),
                    List.of());
        }

        Reply serving(List<ServedTick> ticks) {
            return new Reply(status, contentType, body, headers, List.copyOf(ticks));
        }

        Reply withHeader(String name, String value) {
            Map<String, String> more = new HashMap<>(headers);
            more.put(name, value);
            return new Reply(status, contentType, body, Map.copyOf(more), served);
        }

        /** The garbage fault: a 200 with the first half of the body, never valid JSON, and no tick served. */
        Reply truncated() {
            return new Reply(200, contentType, Arrays.copyOf(body, body.length / 2), Map.of(), List.of());
        }
    }

    static final String JSON = "application/json; charset=utf-8";

    protected final Exchange exchange;
    protected final SimulatedMarket market;
    private final FaultPlan faults;
    private final ScheduledExecutorService delayer;
    private final Consumer<ServedTick> onServed;
    private final Map<Endpoint, AtomicLong> requests = new EnumMap<>(Endpoint.class);

    ExchangeApi(Exchange exchange, SimulatedMarket market, FaultPlan faults, ScheduledExecutorService delayer,
                Consumer<ServedTick> onServed) {
        this.exchange = exchange;
        this.market = market;
        this.faults = faults;
        this.delayer = delayer;
        this.onServed = onServed;
        for (Endpoint endpoint : Endpoint.values()) {
            requests.put(endpoint, new AtomicLong());
        }
    }

    /** The path prefix this API is mounted at. */
    abstract String context();

    abstract Optional<Route> route(String path);

    abstract Reply ticker(Route route, Query query, Instant now);

    abstract Reply candles(Route route, Query query, Instant now);

    /** A path this API does not have. */
    abstract Reply notFound();

    /** An error in this exchange's own shape. */
    abstract Reply error(int status, String message);

    /** What this exchange answers a client over its rate limit: 429 with {@code Retry-After: 1}, except Kraken. */
    abstract Reply rateLimited();

    /** The name of an endpoint's fault sequence in the {@link FaultPlan}, e.g. {@code kraken ticker}. */
    static String faultStream(Exchange exchange, Endpoint endpoint) {
        return exchange.id() + " " + endpoint.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public void handle(HttpExchange http) throws IOException {
        boolean handedOver = false;
        try {
            Optional<Route> route = route(http.getRequestURI().getPath());
            if (route.isEmpty()) {
                send(http, notFound(), Duration.ZERO);
            } else if (!http.getRequestMethod().equals("GET")) {
                send(http, error(405, "Method not allowed").withHeader("Allow", "GET"), Duration.ZERO);
            } else {
                handedOver = answer(http, route.get());
            }
        } catch (IOException e) {
            log.debug("Could not answer {} {}: the client is gone", http.getRequestMethod(), http.getRequestURI(), e);
        } catch (RuntimeException e) {
            log.error("Simulator failed to answer {} {}", http.getRequestMethod(), http.getRequestURI(), e);
            send(http, error(500, "Internal server error"), Duration.ZERO);
        } finally {
            if (!handedOver) {
                http.close();
            }
        }
    }

    /** Answers a request to one of the endpoints; true when a slow fault handed the exchange to the delayer. */
    private boolean answer(HttpExchange http, Route route) throws IOException {
        Endpoint endpoint = route.endpoint();
        long request = requests.get(endpoint).getAndIncrement();
        FaultPlan.Fault fault = faults.faultOf(faultStream(exchange, endpoint), request);
        Reply reply = switch (fault) {
            case RATE_LIMITED -> rateLimited();
            case SERVER_ERROR -> Reply.html(500, "Internal Server Error");
            case NONE, GARBAGE, SLOW -> normalAnswer(http, route);
        };
        if (fault == FaultPlan.Fault.GARBAGE) {
            reply = reply.truncated();
        }
        if (fault != FaultPlan.Fault.SLOW) {
            send(http, reply, Duration.ZERO);
            return false;
        }
        Duration delay = faults.slowDelay();
        Reply delayed = reply;
        try {
            delayer.schedule(() -> sendLate(http, delayed, delay), delay.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (RejectedExecutionException e) {
            log.debug("Simulator is stopping: dropped a slow answer to {}", http.getRequestURI());
            return false;
        }
    }

    private Reply normalAnswer(HttpExchange http, Route route) {
        Query query;
        try {
            query = Query.parse(http.getRequestURI().getRawQuery());
        } catch (IllegalArgumentException e) {
            return error(400, "Malformed query string");
        }
        Instant now = market.clock().now();
        return route.endpoint() == Endpoint.TICKER ? ticker(route, query, now) : candles(route, query, now);
    }

    private void sendLate(HttpExchange http, Reply reply, Duration delay) {
        try (http) {
            send(http, reply, delay);
        } catch (IOException e) {
            log.debug("Slow answer to {} not delivered: the client is gone", http.getRequestURI(), e);
        }
    }

    private void send(HttpExchange http, Reply reply, Duration delay) throws IOException {
        reply.headers().forEach(http.getResponseHeaders()::set);
        http.getResponseHeaders().set("Content-Type", reply.contentType());
        http.sendResponseHeaders(reply.status(), reply.body().length);
        try (OutputStream out = http.getResponseBody()) {
            out.write(reply.body());
        }
        for (ServedTick tick : reply.served()) {
            try {
                onServed.accept(delay.isZero() ? tick : tick.delayedBy(delay));
            } catch (RuntimeException e) {
                log.error("The served-tick listener failed on {}", tick, e);
            }
        }
    }

    /** {@code value} with exactly {@code scale} decimals, as exchanges write decimal strings. */
    static String decimal(BigDecimal value, int scale) {
        return value.setScale(scale, RoundingMode.HALF_EVEN).toPlainString();
    }

    /** The change from {@code from} to {@code to} in percent, with {@code scale} decimals. */
    static String percentChange(BigDecimal from, BigDecimal to, int scale) {
        return to.subtract(from).multiply(BigDecimal.valueOf(100)).divide(from, scale, RoundingMode.HALF_EVEN)
                .toPlainString();
    }

    /** The start of the window of {@code length} seconds that holds {@code second}. */
    static long windowOf(long second, long length) {
        return Math.floorDiv(second, length) * length;
    }

    /** The start of the first window of {@code length} seconds that starts at or after {@code second}. */
    static long firstWindowFrom(long second, long length) {
        return -Math.floorDiv(-second, length) * length;
    }

    /** The listed product whose symbol on this exchange is {@code symbol}. */
    Optional<SimulatedProduct> productBySymbol(String symbol) {
        return market.products().stream().filter(p -> exchange.symbol(p).equals(symbol)).findFirst();
    }
}
