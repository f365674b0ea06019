package dev.rigwatch.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.rigwatch.events.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every simulated API shares: routing a path to an operation, the one method each operation allows, the
 * {@link FaultPlan} (each operation draws from its own fault sequence), and sending. A subclass speaks one service's
 * paths, formats and errors.
 */
abstract class SimulatedApi implements HttpHandler {

    private static final Logger log = LoggerFactory.getLogger(SimulatedApi.class);

    static final String JSON = "application/json; charset=utf-8";

    /**
     * What a request path leads to.
     *
     * @param method      the one HTTP method it allows
     * @param faultStream the name of its fault sequence in the {@link FaultPlan}, e.g. {@code kraken ticker}
     * @param answer      its answer when no fault strikes; also what a garbage fault cuts and a slow one delays
     */
    record Operation(String method, String faultStream, Function<HttpExchange, Reply> answer) {
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

        /** This reply, reporting {@code ticks} once it has been sent in full. */
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

    private final FaultPlan faults;
    private final ScheduledExecutorService delayer;
    private final Map<String, AtomicLong> requests = new ConcurrentHashMap<>();

    SimulatedApi(FaultPlan faults, ScheduledExecutorService delayer) {
        this.faults = faults;
        this.delayer = delayer;
    }

    /** The path prefixes this API is mounted at. */
    abstract List<String> contexts();

    /** What {@code path} leads to, or empty for a path this API does not have. */
    abstract Optional<Operation> operation(String path);

    /** A path this API does not have. */
    abstract Reply notFound();

    /** An error in this service's own shape. */
    abstract Reply error(int status, String message);

    /** What this service answers a client over its rate limit: 429 with {@code Retry-After: 1}, or its own way. */
    abstract Reply rateLimited();

    /** Called on a server thread once {@code reply} has been sent in full, with the delay a slow fault gave it. */
    void sent(Reply reply, Duration delay) {
    }

    @Override
    public void handle(HttpExchange http) throws IOException {
        boolean handedOver = false;
        try {
            Optional<Operation> operation = operation(http.getRequestURI().getPath());
            if (operation.isEmpty()) {
                send(http, notFound(), Duration.ZERO);
            } else if (!http.getRequestMethod().equals(operation.get().method())) {
                send(http, error(405, "Method not allowed").withHeader("Allow", operation.get().method()),
                        Duration.ZERO);
            } else {
                handedOver = answer(http, operation.get());
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

    /** Answers a request to an operation; true when a slow fault handed the exchange to the delayer. */
    private boolean answer(HttpExchange http, Operation operation) throws IOException {
        long request = requests.computeIfAbsent(operation.faultStream(), s -> new AtomicLong()).getAndIncrement();
        FaultPlan.Fault fault = faults.faultOf(operation.faultStream(), request);
        Reply reply = switch (fault) {
            case RATE_LIMITED -> rateLimited();
            case SERVER_ERROR -> Reply.html(500, "Internal Server Error");
            case NONE, GARBAGE, SLOW -> operation.answer().apply(http);
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
        sent(reply, delay);
    }
}
