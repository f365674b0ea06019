package dev.rigwatch.ingest.ws;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * One {@link FeedConnection}'s meters, tagged {@code exchange}: messages by kind ({@code ws.messages}, tag
 * {@code type}), reconnection attempts, silent-feed trips, refused frames, listener errors, and whether a socket is
 * open ({@code ws.connected}, 0 or 1).
 */
final class FeedMeters {

    /** The kinds of {@link FeedMessage}, as {@code ws.messages}' {@code type} tag. */
    static final List<String> TYPES = List.of("tick", "heartbeat", "subscribed", "error", "sequence_gap", "reconnect",
            "unknown", "malformed");

    final LongAdder reconnects = new LongAdder();
    final LongAdder silentTrips = new LongAdder();
    final LongAdder framesOversized = new LongAdder();
    final LongAdder listenerErrors = new LongAdder();
    final AtomicInteger connected = new AtomicInteger();
    private final Map<String, LongAdder> messages = new ConcurrentHashMap<>();
    private final MeterRegistry registry;
    private final String exchange;

    FeedMeters(MeterRegistry registry, String exchange) {
        this.registry = registry;
        this.exchange = exchange;
        TYPES.forEach(this::messagesOf);
        counter("ws.reconnects", reconnects, "connection attempts after the first");
        counter("ws.silent.trips", silentTrips, "sockets taken for dead after no frame for the silence timeout");
        counter("ws.frames.oversized", framesOversized, "frames above the maximum size, refused with a reconnect");
        counter("ws.listener.errors", listenerErrors, "exceptions thrown by the feed's listener");
        Gauge.builder("ws.connected", connected, AtomicInteger::get)
                .description("1 while the feed's socket is open, else 0")
                .tag("exchange", exchange)
                .register(registry);
    }

    void message(FeedMessage message) {
        messagesOf(type(message)).increment();
    }

    static String type(FeedMessage message) {
        if (message instanceof FeedMessage.Tick) {
            return "tick";
        } else if (message instanceof FeedMessage.Heartbeat) {
            return "heartbeat";
        } else if (message instanceof FeedMessage.Subscribed) {
            return "subscribed";
        } else if (message instanceof FeedMessage.FeedError) {
            return "error";
        } else if (message instanceof FeedMessage.SequenceGap) {
            return "sequence_gap";
        } else if (message instanceof FeedMessage.Reconnect) {
            return "reconnect";
        } else if (message instanceof FeedMessage.Unknown) {
            return "unknown";
        } else if (message instanceof FeedMessage.Malformed) {
            return "malformed";
        }
        return message.getClass().getSimpleName().toLowerCase(Locale.ROOT); // a kind added later
    }

    private LongAdder messagesOf(String type) {
        return messages.computeIfAbsent(type, t -> {
            LongAdder count = new LongAdder();
            FunctionCounter.builder("ws.messages", count, LongAdder::sum)
                    .description("messages read from the exchange's feed, by kind")
                    .tag("exchange", exchange)
                    .tag("type", t)
                    .register(registry);
            return count;
        });
    }

    private void counter(String name, LongAdder count, String description) {
        FunctionCounter.builder(name, count, LongAdder::sum)
                .description(description)
                .tag("exchange", exchange)
                .register(registry);
    }
}
