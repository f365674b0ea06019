package dev.rigwatch.api.stream;

import io.javalin.http.sse.SseClient;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/stream}: server-sent events from the {@link EventBuffer}. A client that sends {@code Last-Event-ID}
 * first gets what it missed that is still kept; a comment every {@link #HEARTBEAT} keeps proxies from closing a quiet
 * stream. Each client is served on its own request thread, up to {@link #maxClients}.
 */
public final class StreamEndpoint {

    private static final Logger log = LoggerFactory.getLogger(StreamEndpoint.class);
    static final Duration HEARTBEAT = Duration.ofSeconds(15);

    private final EventBuffer buffer;
    private final int maxClients;

    public StreamEndpoint(EventBuffer buffer, int maxClients) {
        this.buffer = buffer;
        this.maxClients = maxClients;
    }

    public void serve(SseClient client) {
        client.keepAlive();
        String name = client.ctx().ip() + " " + client.ctx().userAgent();
        if (buffer.clients() >= maxClients) {
            log.warn("Refusing stream client {}: {} clients already connected", name, maxClients);
            client.sendEvent("error", "{\"error\":\"unavailable\",\"reason\":\"too many stream clients (" + maxClients + ")\"}");
            client.close();
            return;
        }
        EventBuffer.Subscription subscription = buffer.subscribe(name, lastEventId(client), client::close);
        try {
            for (FeedEvent e : subscription.replay()) {
                send(client, e);
            }
            while (!client.terminated() && !subscription.listener().dropped()) {
                FeedEvent e = subscription.listener().poll(HEARTBEAT);
                if (e == null) {
                    client.sendComment("keep-alive");
                } else {
                    send(client, e);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            buffer.unsubscribe(subscription.listener());
            client.close();
        }
    }

    private static void send(SseClient client, FeedEvent e) {
        client.sendEvent(e.event(), e.json(), Long.toString(e.id()));
    }

    /** A {@code Last-Event-ID} that is not one of ours is treated as absent: the client starts live. */
    private static Long lastEventId(SseClient client) {
        String header = client.ctx().header("Last-Event-ID");
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            log.info("Ignoring Last-Event-ID '{}' of a stream client: not an event id of this API", header);
            return null;
        }
    }
}
