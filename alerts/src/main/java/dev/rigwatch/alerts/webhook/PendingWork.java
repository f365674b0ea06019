package dev.rigwatch.alerts.webhook;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Attempts running plus dead letters not yet acknowledged: what shutdown waits for before it commits. */
final class PendingWork {

    private final AtomicInteger busy = new AtomicInteger();
    private final Object idle = new Object();

    void begin() {
        busy.incrementAndGet();
    }

    void end() {
        if (busy.decrementAndGet() == 0) {
            synchronized (idle) {
                idle.notifyAll();
            }
        }
    }

    int running() {
        return busy.get();
    }

    /** Waits up to {@code grace} for no work to be running; returns what still runs then. */
    int awaitNone(Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        synchronized (idle) {
            long left;
            while (busy.get() > 0 && (left = deadline - System.nanoTime()) > 0) {
                try {
                    idle.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        return busy.get();
    }
}
