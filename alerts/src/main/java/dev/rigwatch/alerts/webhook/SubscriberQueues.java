package dev.rigwatch.alerts.webhook;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * A queue per subscriber: one subscriber's alerts are delivered one after the other, in the order read; different
 * subscribers' alerts side by side on the pool, so a slow or failing webhook delays only its own subscriber.
 * Thread-safe.
 */
final class SubscriberQueues {

    /** Per subscriber: the delivery running (or waiting for its retry) and those queued behind it. */
    private final Map<String, ArrayDeque<AlertDelivery>> queues = new HashMap<>();
    private final Executor pool;
    private final Consumer<AlertDelivery> run;
    private final Consumer<AlertDelivery> onRejected;

    /**
     * @param run        the attempt, run on the pool; it ends in {@link #done} or in a later {@link #submit}
     * @param onRejected called for a delivery the pool no longer takes (it is shut down)
     */
    SubscriberQueues(Executor pool, Consumer<AlertDelivery> run, Consumer<AlertDelivery> onRejected) {
        this.pool = pool;
        this.run = run;
        this.onRejected = onRejected;
    }

    /** Runs the delivery now if its subscriber has none running, else after the ones before it. */
    void enqueue(AlertDelivery delivery) {
        synchronized (queues) {
            ArrayDeque<AlertDelivery> queue = queues.computeIfAbsent(delivery.subscriber(), s -> new ArrayDeque<>());
            queue.add(delivery);
            if (queue.size() > 1) {
                return; // runs when the ones before it are done
            }
        }
        submit(delivery);
    }

    /** Removes the subscriber's finished head delivery and starts the next, if any. */
    void done(AlertDelivery delivery) {
        AlertDelivery next;
        synchronized (queues) {
            ArrayDeque<AlertDelivery> queue = queues.get(delivery.subscriber());
            queue.poll();
            next = queue.peek();
            if (next == null) {
                queues.remove(delivery.subscriber());
            }
        }
        if (next != null) {
            submit(next);
        }
    }

    /** (Again) runs the subscriber's head delivery on the pool. */
    void submit(AlertDelivery delivery) {
        try {
            pool.execute(() -> run.accept(delivery));
        } catch (RejectedExecutionException e) {
            onRejected.accept(delivery); // closed
        }
    }
}
