package dev.rigwatch.app;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Ctrl-C (SIGINT/SIGTERM) as a flag a command's loop can check or wait on, so it can close its stages in order. */
final class Shutdown implements AutoCloseable {

    private final CountDownLatch requested = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);

    private Shutdown() {
    }

    /**
     * Registers a JVM shutdown hook that requests shutdown and then waits (bounded) for {@link #finished()}, so
     * a command's own cleanup runs to the end before the JVM exits.
     */
    static Shutdown onSignal() {
        Shutdown shutdown = new Shutdown();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            shutdown.requested.countDown();
            try {
                shutdown.finished.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "rigwatch-shutdown"));
        return shutdown;
    }

    boolean requested() {
        return requested.getCount() == 0;
    }

    /** Waits until shutdown is requested or the timeout passes (null: no timeout); true when requested. */
    boolean await(Duration timeout) {
        try {
            if (timeout == null) {
                requested.await();
                return true;
            }
            return requested.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    /** The command has closed everything: the JVM may exit. */
    @Override
    public void close() {
        finished.countDown();
    }
}
