package dev.rigwatch.alerts.webhook;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether delivery is starting, stopping or stopped by itself, shared by the reader and the delivery threads: any
 * of them may hit the error that stops it, and each checks whether to go on.
 */
final class DeliveryStatus {

    private static final Logger log = LoggerFactory.getLogger(DeliveryStatus.class);

    private final CountDownLatch started = new CountDownLatch(1);
    private volatile boolean closing;
    private volatile Throwable failure;

    /** The reader has its partitions, or gave up getting them. */
    void started() {
        started.countDown();
    }

    boolean awaitStarted(Duration timeout) throws InterruptedException {
        return started.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    boolean startedYet() {
        return started.getCount() == 0;
    }

    void close() {
        closing = true;
    }

    boolean closing() {
        return closing;
    }

    /** Stops delivery; the first failure is the one reported and logged. */
    void fail(Throwable e) {
        if (failure == null) {
            failure = e;
            log.error("Webhook delivery stops: {}", e.getMessage(), e);
        }
        started.countDown();
    }

    boolean failed() {
        return failure != null;
    }

    Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }
}
