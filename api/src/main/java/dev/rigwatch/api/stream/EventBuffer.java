package dev.rigwatch.api.stream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The newest events of the stream, numbered, and the clients listening: what a reconnecting client missed is replayed
 * from here while it is still kept ({@link #capacity}). Each client has a bounded queue; a client that lets it fill
 * (a slow reader) is dropped with a log line, so no client can make the process hold more than its queue.
 */
public final class EventBuffer {

    private static final Logger log = LoggerFactory.getLogger(EventBuffer.class);

    private final int capacity;
    private final int clientQueue;
    private final Deque<FeedEvent> kept = new ArrayDeque<>();
    private final Set<Listener> listeners = new CopyOnWriteArraySet<>();
    private final Counter dropped;
    /**
     * Ids start from the wall clock (in thousandths of a millisecond), so the ids of a restarted process are above
     * the old ones: a client reconnecting with an id from before the restart is replayed everything kept.
     */
    private long next = System.currentTimeMillis() * 1000;

    /** A client's queue of live events; {@link #dropped} once it fell behind. */
    public static final class Listener {
        final BlockingQueue<FeedEvent> queue;
        final String name;
        final Runnable onDrop;
        volatile boolean dropped;

        Listener(String name, int capacity, Runnable onDrop) {
            this.name = name;
            this.queue = new ArrayBlockingQueue<>(capacity);
            this.onDrop = onDrop;
        }

        public FeedEvent poll(Duration wait) throws InterruptedException {
            return queue.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        }

        public boolean dropped() {
            return dropped;
        }
    }

    /** A new client's replay (the kept events after its last id) and its queue of what comes after. */
    public record Subscription(List<FeedEvent> replay, Listener listener) {
    }

    public EventBuffer(int capacity, int clientQueue, MeterRegistry meters) {
        this.capacity = capacity;
        this.clientQueue = clientQueue;
        Gauge.builder("rigwatch.api.sse.clients", listeners, Set::size).description("clients connected to /api/stream")
                .register(meters);
        this.dropped = Counter.builder("rigwatch.api.sse.dropped").description("stream clients dropped for reading too slowly")
                .register(meters);
    }

    public synchronized FeedEvent publish(String event, String json) {
        FeedEvent e = new FeedEvent(next++, event, json);
        kept.addLast(e);
        if (kept.size() > capacity) {
            kept.removeFirst();
        }
        for (Listener listener : listeners) {
            if (!listener.queue.offer(e)) {
                listener.dropped = true;
                listeners.remove(listener);
                dropped.increment();
                log.warn("Dropping stream client {}: {} events unsent, it reads too slowly", listener.name, clientQueue);
                listener.onDrop.run();
            }
        }
        return e;
    }

    /**
     * @param lastEventId the last event the client saw, or {@code null} for a new client (it gets no replay)
     * @param onDrop      closes the client's connection once it is dropped (called on the publishing thread)
     */
    public synchronized Subscription subscribe(String name, Long lastEventId, Runnable onDrop) {
        List<FeedEvent> replay = new ArrayList<>();
        if (lastEventId != null) {
            for (FeedEvent e : kept) {
                if (e.id() > lastEventId) {
                    replay.add(e);
                }
            }
        }
        Listener listener = new Listener(name, clientQueue, onDrop);
        listeners.add(listener);
        return new Subscription(replay, listener);
    }

    public void unsubscribe(Listener listener) {
        listeners.remove(listener);
    }

    public int clients() {
        return listeners.size();
    }
}
