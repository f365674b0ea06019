package dev.rigwatch.api.metrics;

import io.javalin.Javalin;
import io.javalin.router.JavalinDefaultRoutingApi;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * One process's meters for Prometheus to scrape: {@code GET /metrics} in the text format every Prometheus reads, and
 * {@code GET /health} for a liveness probe. The stages without an HTTP server of their own (ingest, streams, alerts,
 * webhooks) run one on their {@code --metrics-port}; the API adds {@link #addMetricsRoute} to its own server.
 */
public final class MetricsServer implements AutoCloseable {

    /** Prometheus's text exposition format 0.0.4: what every Prometheus version reads. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final String host;
    private final int requestedPort;
    private final Javalin app;

    /**
     * @param host the address to listen on: {@code 127.0.0.1} for this machine only, {@code 0.0.0.0} in a container
     * @param port 0 for a free port ({@link #port()} tells which)
     */
    public MetricsServer(PrometheusMeterRegistry registry, String host, int port) {
        this.host = host;
        this.requestedPort = port;
        this.app = Javalin.create(config -> {
            config.jetty.host = host;
            config.jetty.port = port;
            config.startup.showJavalinBanner = false;
            addMetricsRoute(config.routes, registry);
            config.routes.get("/health", ctx -> ctx.result("ok"));
        });
    }

    /** Serves {@code registry} on {@code GET /metrics} of a server being configured. */
    public static void addMetricsRoute(JavalinDefaultRoutingApi routes, PrometheusMeterRegistry registry) {
        routes.get("/metrics", ctx -> ctx.contentType(CONTENT_TYPE).result(registry.scrape(CONTENT_TYPE)));
    }

    /**
     * Starts listening.
     *
     * @throws IllegalStateException naming the address when it cannot be bound (the port is taken)
     */
    public MetricsServer start() {
        try {
            app.start();
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot serve metrics on " + host + ":" + requestedPort + ": "
                    + e.getMessage(), e);
        }
        return this;
    }

    /** The port listened on, once started. */
    public int port() {
        return app.port();
    }

    /** {@code http://host:port/metrics}, once started. */
    public String url() {
        return "http://" + host + ":" + port() + "/metrics";
    }

    @Override
    public void close() {
        app.stop();
    }
}
