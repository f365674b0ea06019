package dev.rigwatch.api.http;

import dev.rigwatch.api.query.QueryRouter;
import dev.rigwatch.api.query.Unavailable;
import dev.rigwatch.api.metrics.MetricsServer;
import dev.rigwatch.api.routes.ApiRoutes;
import dev.rigwatch.api.stream.StreamEndpoint;
import dev.rigwatch.api.view.ViewStores;
import dev.rigwatch.events.Json;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.sse.SseHandler;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API's HTTP server (Javalin on Jetty): the JSON endpoints, the event stream, health, readiness, Prometheus
 * metrics, the OpenAPI document and the dashboard's static files. Read-only: every route is a GET. A refused request
 * gets a JSON body saying why; an unexpected failure is logged once with its stack trace and answered 500 without it.
 */
public final class ApiServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ApiServer.class);
    private static final List<String> STORES = ViewStores.all().stream().map(s -> s.name()).toList();

    private final Javalin app;

    public ApiServer(String host, int port, QueryRouter router, StreamEndpoint stream, PrometheusMeterRegistry metrics) {
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.jetty.host = host;
            config.jetty.port = port;
            config.jsonMapper(new JavalinJackson(Json.mapper(), false));
            config.staticFiles.add(files -> {
                files.hostedPath = "/";
                files.directory = "/dashboard";
                files.location = Location.CLASSPATH;
            });
            config.routes.get("/health", ctx -> ctx.json(Map.of("status", "up")));
            config.routes.get("/ready", ctx -> ready(ctx, router));
            MetricsServer.addMetricsRoute(config.routes, metrics);
            config.routes.get("/api/openapi.json", ctx -> ctx.contentType("application/json")
                    .result(OpenApi.document()));
            SseHandler sse = new SseHandler(stream::serve);
            config.routes.get("/api/stream", ctx -> {
                String accept = ctx.header("Accept");
                if (accept == null || !accept.contains("text/event-stream")) {
                    // Javalin would answer an empty 200: say what is missing instead
                    ctx.status(406).json(Map.of("error", "not_acceptable", "message",
                            "/api/stream is a server-sent event stream: send Accept: text/event-stream (curl -N -H 'Accept: text/event-stream')"));
                } else {
                    sse.handle(ctx);
                }
            });
            ApiRoutes.register(config.routes, router);
            config.routes.exception(ApiError.class, (e, ctx) -> ctx.status(e.status()).json(e.body()));
            config.routes.exception(Unavailable.class, (e, ctx) -> unavailable(ctx, e.getMessage()));
            config.routes.exception(Exception.class, (e, ctx) -> {
                log.error("{} {} failed", ctx.method(), ctx.path(), e);
                ctx.status(500).json(Map.of("error", "internal", "message",
                        "the request failed inside rigwatch (" + e.getClass().getSimpleName() + "); see the API's log"));
            });
        });
    }

    public ApiServer start() {
        app.start();
        return this;
    }

    /** The port it listens on: the one asked for, or the one picked for port 0. */
    public int port() {
        return app.port();
    }

    private static void ready(Context ctx, QueryRouter router) {
        String reason = router.notReadyReason(STORES);
        if (reason == null) {
            ctx.json(Map.of("ready", true));
        } else {
            retryLater(ctx).json(Map.of("ready", false, "reason", reason));
        }
    }

    private static void unavailable(Context ctx, String reason) {
        retryLater(ctx).json(Map.of("error", "unavailable", "reason", reason));
    }

    private static Context retryLater(Context ctx) {
        return ctx.status(503).header("Retry-After", Long.toString(Unavailable.RETRY_AFTER.toSeconds()));
    }

    @Override
    public void close() {
        app.stop();
    }
}
